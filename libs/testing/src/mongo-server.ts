import type { StartedMongoDBContainer } from '@testcontainers/mongodb';
import { dockerEngineAnswers } from './docker-engine';

/**
 * A MongoDB server for the suites that need a real one: MONGODB_URI if set, else a single-node
 * replica set in a Testcontainers container when a Docker engine answers, else none (the suite
 * skips and says so in one line).
 */
export interface TestMongoServer {
  uri: string;
  stop(): Promise<void>;
}

/** Whether a server can be had; decided while jest collects tests, so synchronous. */
export const mongoServerAvailable = (): boolean => Boolean(process.env.MONGODB_URI) || dockerEngineAnswers();

/** Writes the suite's one skip line when no server can be had, and answers whether to run. */
export function runWithMongoServer(suite: string): boolean {
  const runnable = mongoServerAvailable();
  if (!runnable) process.stderr.write(`${suite} skipped: set MONGODB_URI=mongodb://localhost:27017/?replicaSet=rs0 or start a Docker engine to run it\n`);
  return runnable;
}

export async function startTestMongoServer(): Promise<TestMongoServer> {
  const configured = process.env.MONGODB_URI;
  if (configured) return { uri: configured, stop: async () => undefined };
  // Loaded only here: Testcontainers takes half a second to load, wasted when skipping.
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const container: StartedMongoDBContainer = await new MongoDBContainer('mongo:8.0').start();
  // The set's member is known by the container's hostname; connect to the mapped port directly.
  return { uri: `${container.getConnectionString()}/?directConnection=true`, stop: async () => void (await container.stop()) };
}
