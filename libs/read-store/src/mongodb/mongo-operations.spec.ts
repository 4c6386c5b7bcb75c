import { NOTHING_WRITTEN, toBulkModel, toBulkWriteResult, toUpdateResult } from './mongo-operations';
import { driverBulkResult } from './testing/driver-internals';

describe('toBulkModel', () => {
  const filter = { _id: 'c1', lastPosition: { $lt: 7 } };

  it('maps each port operation to the driver model of the same name, unchanged', () => {
    const document = { _id: 'c1', status: 'OPEN' };
    const update = { $set: { status: 'CLOSED' }, $inc: { revision: 1 } };
    expect(toBulkModel({ insertOne: { document } })).toEqual({ insertOne: { document } });
    expect(toBulkModel({ updateOne: { filter, update, upsert: true } })).toEqual({ updateOne: { filter, update, upsert: true } });
    expect(toBulkModel({ updateMany: { filter, update } })).toEqual({ updateMany: { filter, update } });
    expect(toBulkModel({ replaceOne: { filter, replacement: document, upsert: true } }))
      .toEqual({ replaceOne: { filter, replacement: document, upsert: true } });
    expect(toBulkModel({ deleteOne: { filter } })).toEqual({ deleteOne: { filter } });
    expect(toBulkModel({ deleteMany: { filter: {} } })).toEqual({ deleteMany: { filter: {} } });
  });

  it('spells out upsert: false when the operation leaves it out', () => {
    const update = { $set: { status: 'OPEN' } };
    expect(toBulkModel({ updateOne: { filter, update } })).toEqual({ updateOne: { filter, update, upsert: false } });
    expect(toBulkModel({ replaceOne: { filter, replacement: { _id: 'c1' } } }))
      .toEqual({ replaceOne: { filter, replacement: { _id: 'c1' }, upsert: false } });
  });

  it('passes the documents themselves, so nothing is copied or reordered on the way', () => {
    const document = { _id: 'c1', b: 1, a: 2 };
    const model = toBulkModel({ insertOne: { document } });
    expect('insertOne' in model && model.insertOne.document).toBe(document);
  });
});

describe('result mapping', () => {
  it('takes the five counts of a driver BulkWriteResult, upserts counted from the upserted ids', () => {
    const result = driverBulkResult({ nInserted: 2, nMatched: 5, nModified: 2, nRemoved: 3, upserted: [{ index: 4, _id: 'b3' }, { index: 5, _id: 'b4' }] });
    expect(toBulkWriteResult(result)).toEqual({ insertedCount: 2, matchedCount: 5, modifiedCount: 2, upsertedCount: 2, deletedCount: 3 });
  });

  it('narrows a bulk result to an update result', () => {
    expect(toUpdateResult({ ...NOTHING_WRITTEN, matchedCount: 1, modifiedCount: 1, deletedCount: 9 }))
      .toEqual({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
  });
});
