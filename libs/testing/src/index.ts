export * from './docker-engine';
export * from './eventually';
