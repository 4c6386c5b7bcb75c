import { firstEndpoint, networkCause } from './connection-failure';

describe('connection failures in an operator\'s words', () => {
  it('finds the first endpoint of a KurrentDB connection string, credentials and options aside', () => {
    expect(firstEndpoint('kurrentdb://admin:changeit@db-1:2114,db-2:2114?tls=false')).toEqual({ host: 'db-1', port: 2114 });
    expect(firstEndpoint('kurrentdb+discover://cluster.example.id?tls=true')).toEqual({ host: 'cluster.example.id', port: 2113 });
    expect(firstEndpoint('esdb://[::1]:2113')).toEqual({ host: '::1', port: 2113 });
    expect(firstEndpoint('not a connection string')).toBeUndefined();
  });

  it('names the network cause a driver message carries, and nothing else', () => {
    expect(networkCause('connect ECONNREFUSED 127.0.0.1:1')).toMatch(/^connection refused/);
    expect(networkCause('getaddrinfo ENOTFOUND mongo.internal')).toBe('host not found');
    expect(networkCause('Server selection timed out after 800 ms')).toBeUndefined();
  });
});
