import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { type TestMongoServer, runWithMongoServer, startTestMongoServer } from '@lacak/testing';
import { attachmentStoreContract } from './contract/attachment-store.contract';
import { GridFsAttachmentStore } from './gridfs-attachment-store';

/**
 * The contract against a real server: MONGODB_URI if set, else a Testcontainers container when a
 * Docker engine answers, else skipped with one line saying so. Each test gets its own database.
 */
const runnable = runWithMongoServer('GridFS attachment store contract suite');

(runnable ? describe : describe.skip)('GridFsAttachmentStore on a real server', () => {
  let server: TestMongoServer | undefined;
  let admin: MongoClient;
  const databases: string[] = [];

  beforeAll(async () => {
    server = await startTestMongoServer();
    admin = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 5000 });
  }, 180_000);

  afterAll(async () => {
    for (const name of databases) await admin?.db(name).dropDatabase();
    await admin?.close();
    await server?.stop();
  });

  attachmentStoreContract(async () => {
    const databaseName = `lacak_test_${randomUUID().replace(/-/g, '')}`;
    databases.push(databaseName);
    return GridFsAttachmentStore.connect(server!.uri, { databaseName, serverSelectionTimeoutMs: 5000 });
  });
});
