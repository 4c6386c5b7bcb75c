import { MongoBulkWriteError, MongoInvalidArgumentError, MongoNetworkError, MongoServerError } from 'mongodb';
import { DuplicateKeyError, InvalidOperationError } from '../errors';
import { translateError } from './mongo-errors';
import { driverBulkResult, driverWriteError } from './testing/driver-internals';

const dupMessage = 'E11000 duplicate key error collection: lacak.complaints index: _id_ dup key: { _id: "c1" }';

/** Built the way the driver builds it when an ordered bulkWrite hits a write error. */
function bulkWriteError(code: number, errmsg: string): MongoBulkWriteError {
  const writeErrors = [driverWriteError({ index: 1, code, errmsg, errInfo: {}, op: { _id: 'c1' } })];
  return new MongoBulkWriteError({ message: errmsg, code, writeErrors }, driverBulkResult({ nInserted: 1 }));
}

describe('translateError', () => {
  it('turns E11000 from a single write or index build into DuplicateKeyError with the clashing key', () => {
    const error = new MongoServerError({ errmsg: dupMessage, code: 11000, keyValue: { _id: 'c1' } });
    const translated = translateError(error, 'complaints');
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated).toMatchObject({ code: 11000, collection: 'complaints', key: { _id: 'c1' } });
  });

  it('turns E11000 inside a MongoBulkWriteError into DuplicateKeyError, the key taken from the message', () => {
    const translated = translateError(bulkWriteError(11000, dupMessage), 'complaints');
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated).toMatchObject({ collection: 'complaints', key: '{ _id: "c1" }' });
  });

  it.each([
    [2, 'unknown operator: $notAnOperator'],
    [9, "Unknown modifier: $sett. Expected a valid update modifier or pipeline-style update specified as an array"],
    [52, "The dollar ($) prefixed field '$x' in '$x' is not allowed in the context of an update's replacement document."],
    [66, "After applying the update, the (immutable) field '_id' was found to have been altered to _id: \"c2\""],
    [86, 'An existing index has the same name as the requested index'],
  ])('turns server code %i into InvalidOperationError', (code, errmsg) => {
    const translated = translateError(new MongoServerError({ errmsg, code }), 'complaints');
    expect(translated).toBeInstanceOf(InvalidOperationError);
    expect(translated).toMatchObject({ message: errmsg });
    expect(translateError(bulkWriteError(code, errmsg), 'complaints')).toBeInstanceOf(InvalidOperationError);
  });

  it('turns what the driver refuses before sending (an update without operators) into InvalidOperationError', () => {
    const translated = translateError(new MongoInvalidArgumentError('Update document requires atomic operators'), 'c');
    expect(translated).toBeInstanceOf(InvalidOperationError);
  });

  it('passes other errors through as the same instance, so the driver still retries transient ones', () => {
    const writeConflict = new MongoServerError({ errmsg: 'WriteConflict', code: 112, errorLabels: ['TransientTransactionError'] });
    const network = new MongoNetworkError('connection reset');
    const other = new Error('boom');
    expect(translateError(writeConflict, 'c')).toBe(writeConflict);
    expect(translateError(network, 'c')).toBe(network);
    expect(translateError(other, 'c')).toBe(other);
  });
});
