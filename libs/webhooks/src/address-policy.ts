import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

/** Which URLs the engine calls: the defence against server-side request forgery (SSRF). */
export interface WebhookAddressSettings {
  /** Production: only `https`. */
  httpsOnly: boolean;
  /** Tests and closed networks: loopback, private and link-local receivers (and plain http there) are let through. */
  allowPrivateAddresses: boolean;
}

export type AddressLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

const systemLookup: AddressLookup = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** The engine's own interface addresses: a receiver there would be the engine calling itself. */
const ownAddresses = (): Set<string> =>
  new Set(
    Object.values(networkInterfaces())
      .flat()
      .flatMap((entry) => (entry ? [ipaddr.process(entry.address.split('%')[0]).toNormalizedString()] : [])),
  );

/**
 * Only globally routable unicast addresses are called: never loopback, private (RFC 1918), carrier-grade
 * NAT, link-local, unique-local, multicast, reserved or the IPv6 forms that embed an IPv4 address
 * (mapped ones are judged as the IPv4 address they carry), and never one of the engine's own.
 */
export class WebhookAddressPolicy {
  private readonly own: Set<string>;

  constructor(
    private readonly settings: WebhookAddressSettings,
    private readonly resolve: AddressLookup = systemLookup,
  ) {
    this.own = ownAddresses();
  }

  /** Why the URL's form may not be called (its scheme, its credentials), or null. Addresses are checked apart. */
  urlFormProblem(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'url must be an absolute http(s) URL';
    }
    const allowed = this.settings.httpsOnly && !this.settings.allowPrivateAddresses ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(parsed.protocol)) return `url must use ${allowed.map((p) => p.slice(0, -1)).join(' or ')}`;
    if (parsed.username || parsed.password) return 'url must not carry credentials';
    return null;
  }

  /** Why the engine may not connect to this address, or null. */
  addressProblem(address: string): string | null {
    if (this.settings.allowPrivateAddresses) return null;
    if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
    const ip = ipaddr.process(address);
    // ipaddr.js calls IPv4-compatible addresses (::/96, e.g. ::7f00:1 for 127.0.0.1) unicast; they embed an IPv4 address too.
    const range = ip.range() === 'unicast' && ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).match(IPV4_COMPATIBLE) ? 'ipv4Compatible' : ip.range();
    if (range !== 'unicast') return `url resolves to a ${range} address, which the engine never calls`;
    if (this.own.has(ip.toNormalizedString())) return 'url resolves to the engine’s own address';
    return null;
  }

  /** For a host given as an IP address, which never reaches a lookup: why it may not be called, or null. */
  literalProblem(hostname: string): string | null {
    const bare = hostname.replace(/^\[|\]$/g, '');
    return ipaddr.isValid(bare) ? this.addressProblem(bare) : null;
  }

  /**
   * The addresses to connect to for a hostname, every one of them allowed; throws a
   * `WebhookAddressRefused` when any is not (a name that also points inward is refused whole).
   */
  async resolveAllowed(hostname: string): Promise<{ address: string; family: number }[]> {
    const bare = hostname.replace(/^\[|\]$/g, '');
    const addresses = ipaddr.isValid(bare) ? [{ address: bare, family: ipaddr.parse(bare).kind() === 'ipv6' ? 6 : 4 }] : await this.resolve(bare);
    if (addresses.length === 0) throw new WebhookAddressRefused(`${hostname} resolves to no address`);
    for (const { address } of addresses) {
      const problem = this.addressProblem(address);
      if (problem) throw new WebhookAddressRefused(problem);
    }
    return addresses;
  }

  /** The check at registration: the URL's form and every address its host resolves to now. */
  async urlProblem(url: string): Promise<string | null> {
    const formProblem = this.urlFormProblem(url);
    if (formProblem) return formProblem;
    try {
      await this.resolveAllowed(new URL(url).hostname);
      return null;
    } catch (error) {
      if (error instanceof WebhookAddressRefused) return error.message;
      return `url’s host could not be resolved`;
    }
  }
}

export class WebhookAddressRefused extends Error {
  override readonly name = 'WebhookAddressRefused';
}
