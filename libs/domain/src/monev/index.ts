export * from './period';
export * from './indicators';
export * from './scoring';
export * from './ranking';
export * from './period-closing';
