import { MongoServerSelectionError } from 'mongodb';
import { MongoReadStore } from './mongo-read-store';

describe('MongoReadStore.connect', () => {
  it('fails within the server selection timeout when nothing listens', async () => {
    const started = Date.now();
    // Port 1 on loopback: refused at once, so only the selection timeout bounds the wait.
    const attempt = MongoReadStore.connect('mongodb://127.0.0.1:1/lacak', { serverSelectionTimeoutMs: 200 });
    await expect(attempt).rejects.toBeInstanceOf(MongoServerSelectionError);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
