export * from './complaint-builders';
export * from './decider-specification';
