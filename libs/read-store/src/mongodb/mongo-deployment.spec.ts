import { databaseFromUri, supportsTransactions } from './mongo-deployment';

describe('supportsTransactions (from the hello reply)', () => {
  it('is true for a replica set member, also a single-node set', () => {
    expect(supportsTransactions({ isWritablePrimary: true, setName: 'rs0', hosts: ['localhost:27017'], ok: 1 })).toBe(true);
  });

  it('is true for a mongos in a sharded cluster', () => {
    expect(supportsTransactions({ isWritablePrimary: true, msg: 'isdbgrid', ok: 1 })).toBe(true);
  });

  it('is false for a standalone mongod, and for a replica set not yet initiated', () => {
    expect(supportsTransactions({ isWritablePrimary: true, maxWireVersion: 25, ok: 1 })).toBe(false);
    expect(supportsTransactions({ isWritablePrimary: false, secondary: false, isreplicaset: true, ok: 1 })).toBe(false);
  });
});

describe('databaseFromUri', () => {
  it.each([
    ['mongodb://localhost:27017/lacak', 'lacak'],
    ['mongodb://a:27017,b:27017,c:27017/lacak?replicaSet=rs0', 'lacak'],
    ['mongodb+srv://user:p%40ss@cluster0.example.net/read_models?retryWrites=true', 'read_models'],
    ['mongodb://%2Ftmp%2Fmongodb-27017.sock/my%20db', 'my db'],
    ['mongodb://localhost:27017/lacak?tls=true&tlsCAFile=/etc/ssl/ca.pem', 'lacak'],
  ])('reads the path of %s', (uri, name) => {
    expect(databaseFromUri(uri)).toBe(name);
  });

  it.each([
    'mongodb://localhost:27017',
    'mongodb://localhost:27017/',
    'mongodb://localhost:27017/?replicaSet=rs0',
    'mongodb://localhost:27017?tls=true&tlsCAFile=/etc/ssl/ca.pem',
  ])(
    'finds no database in %s',
    (uri) => expect(databaseFromUri(uri)).toBeUndefined(),
  );
});
