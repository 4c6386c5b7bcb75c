/** The SSRF guard: which URLs and addresses the engine calls, at registration and at every connection. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { WebhookAddressPolicy, WebhookAddressRefused } from './address-policy';
import { guardedDispatcher } from './guarded-dispatcher';

const production = { httpsOnly: true, allowPrivateAddresses: false };
const resolvingTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('the webhook address policy', () => {
  const policy = new WebhookAddressPolicy(production, resolvingTo('93.184.216.34'));

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['192.168.0.10', 'private'],
    ['172.16.5.4', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::7f00:1', 'ipv4Compatible'],
    ['::a9fe:a9fe', 'ipv4Compatible'],
  ])('never calls %s (%s)', (address, range) => expect(policy.addressProblem(address)).toContain(range));

  it('calls globally routable addresses', () => {
    expect([policy.addressProblem('93.184.216.34'), policy.addressProblem('2606:2800:220:1:248:1893:25c8:1946')]).toEqual([null, null]);
  });

  it('takes only https in production, and no credentials in the URL', async () => {
    expect(await policy.urlProblem('http://hooks.example.go.id/x')).toBe('url must use https');
    expect(await policy.urlProblem('https://user:pw@hooks.example.go.id/x')).toBe('url must not carry credentials');
    expect(await policy.urlProblem('not a url')).toBe('url must be an absolute http(s) URL');
    expect(await policy.urlProblem('https://hooks.example.go.id/x')).toBeNull();
  });

  it('refuses a host any of whose addresses points inward, and IP literals the same way', async () => {
    const twoFaced = new WebhookAddressPolicy(production, resolvingTo('93.184.216.34', '10.0.0.5'));
    expect(await twoFaced.urlProblem('https://hooks.example.go.id/x')).toContain('private');
    expect(await policy.urlProblem('https://[::1]/x')).toContain('loopback');
    expect(policy.literalProblem('169.254.169.254')).toContain('linkLocal');
  });

  it('lets private receivers and plain http through when the setting allows them', async () => {
    const closed = new WebhookAddressPolicy({ httpsOnly: true, allowPrivateAddresses: true }, resolvingTo('127.0.0.1'));
    expect(await closed.urlProblem('http://receiver.internal/x')).toBeNull();
  });
});

describe('a connection through the guarded dispatcher', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('never connects to an address the policy refuses, whatever the name resolved to at registration (DNS rebinding)', async () => {
    let answer = '93.184.216.34';
    const policy = new WebhookAddressPolicy({ httpsOnly: false, allowPrivateAddresses: false }, async () => [{ address: answer, family: 4 }]);
    expect(await policy.urlProblem(`http://rebinding.example/x`)).toBeNull();
    answer = '127.0.0.1';
    const dispatcher = guardedDispatcher(policy, 1000);
    const error = await request(`http://rebinding.example:${port}/x`, { dispatcher }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookAddressRefused);
    await dispatcher.close();
  });

  it('connects to the checked address when it is allowed', async () => {
    const policy = new WebhookAddressPolicy({ httpsOnly: false, allowPrivateAddresses: true }, resolvingTo('127.0.0.1'));
    const dispatcher = guardedDispatcher(policy, 1000);
    const response = await request(`http://receiver.internal:${port}/x`, { dispatcher });
    await response.body.dump();
    expect(response.statusCode).toBe(204);
    await dispatcher.close();
  });
});
