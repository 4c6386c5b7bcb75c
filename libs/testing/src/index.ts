export * from './docker-engine';
export * from './eventually';
export * from './mongo-server';
export * from './seeded-random';
