import type { LookupAddress, LookupOneOptions } from 'node:dns';
import { Agent } from 'undici';
import type { WebhookAddressPolicy } from './address-policy';

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici dispatcher whose every connection goes to an address the policy checked in the same
 * lookup: the socket connects to exactly what was checked, so a DNS answer that changes between the
 * check and the connection (DNS rebinding) cannot point a call inward. TLS still verifies the
 * certificate against the hostname. IP literals never reach a lookup; the channel checks them first.
 */
export function guardedDispatcher(policy: WebhookAddressPolicy, connectTimeoutMs: number): Agent {
  const guardedLookup = (hostname: string, options: LookupOneOptions & { all?: boolean }, callback: LookupCallback): void => {
    policy.resolveAllowed(hostname).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)),
      (error: Error) => callback(error, ''),
    );
  };
  return new Agent({ connect: { lookup: guardedLookup as never, timeout: connectTimeoutMs } });
}
