export * from './load-organisation';
export * from './time-zones';
