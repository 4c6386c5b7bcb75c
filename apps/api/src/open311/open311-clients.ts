import { createHash, timingSafeEqual } from 'node:crypto';
import type { Open311Client } from '@lacak/config';
import { type Actor, CHANNELS, type Channel } from '@lacak/domain';

/** A client application Open311 submissions come from, as its API key proved it. */
export interface Open311Sender {
  actor: Actor;
  channel: Channel;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The client applications of `OPEN311_API_KEYS`. A key is compared in constant time against every
 * configured key (their digests, so lengths tell nothing), and never logged.
 */
export class Open311Clients {
  private readonly clients: { digest: Buffer; sender: Open311Sender }[];

  constructor(clients: readonly Open311Client[]) {
    this.clients = clients.map(({ name, apiKey, channel }) => {
      if (!CHANNELS.includes(channel as Channel)) throw new Error(`OPEN311_API_KEYS: the channel of ${name} must be one of ${CHANNELS.join(', ')}`);
      // A reporter without an account here: the application only names the submission in the log.
      const actor: Actor = { id: `open311:${name}`, role: 'reporter', agencyId: null, clientApp: name };
      return { digest: digest(apiKey), sender: { actor, channel: channel as Channel } };
    });
  }

  /** The sender an API key belongs to; null for any other key. */
  senderOf(apiKey: string): Open311Sender | null {
    const given = digest(apiKey);
    let found: Open311Sender | null = null;
    for (const client of this.clients) if (timingSafeEqual(client.digest, given)) found = client.sender;
    return found;
  }
}
