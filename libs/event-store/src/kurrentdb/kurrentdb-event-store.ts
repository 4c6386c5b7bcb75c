import { BACKWARDS, END, KurrentDBClient, excludeSystemEvents, type AppendResult as ClientAppendResult } from '@kurrent/kurrentdb-client';
import type {
  AllPosition,
  AllSubscription,
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedStreamState,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { mayRetryAppend, revisionToProbe, toAppendError, toReadError } from './error-mapping';
import { KurrentDbSubscription, type ResubscribeOptions } from './kurrentdb-subscription';
import {
  collectAfter,
  fromResolvedEvent,
  toAppendResult,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
  toSubscriptionFilter,
} from './mapping';
import { OrderedFeed } from './ordered-feed';
import { assertSupportedServerVersion } from './server-version';

export { UnsupportedServerVersionError } from './server-version';

export type KurrentDbEventStoreOptions = ResubscribeOptions;

/**
 * The production event store: a translation of the port onto KurrentDB (server 23.10 or later,
 * which reports when a subscription has caught up). Subscribing to `$all` needs an admin user
 * unless the server runs insecure.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private closed = false;

  /** Connects lazily: the client dials on first use, so call `ping()` to check the server answers. */
  static connect(connectionString: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  /** Over a client created elsewhere; `connect` is the usual way in. */
  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: KurrentDbEventStoreOptions,
  ) {}

  async appendToStream(streamId: string, events: EventToAppend[], { expectedState }: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Append to ${streamId} has no events`);
    const append = () => this.client.appendToStream(streamId, events.map(toEventData), { streamState: toStreamState(expectedState) });
    let result: ClientAppendResult;
    try {
      result = await append().catch((error: unknown) => {
        if (mayRetryAppend(expectedState, error)) return append();
        throw error;
      });
    } catch (error) {
      throw await this.appendError(streamId, events, expectedState, error);
    }
    return toAppendResult(result, async (revision) => (await this.eventAt(streamId, revision))?.position);
  }

  async readStream(streamId: string, { fromRevision = 0n, maxCount }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(streamId, { fromRevision, maxCount })) {
        if (event) events.push(toRecordedEvent(event));
      }
    } catch (error) {
      throw toReadError(streamId, error);
    }
    return events;
  }

  readAll({ fromPosition = 'start', maxCount }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const resolved = this.client.readAll({ fromPosition: toReadPosition(fromPosition), filter: excludeSystemEvents() });
    return collectAfter(resolved, fromPosition, maxCount);
  }

  subscribeToAll({ fromPosition = 'start', filter }: SubscribeToAllOptions = {}): AllSubscription {
    if (this.closed) throw new Error('KurrentDbEventStore is closed');
    const serverFilter = toSubscriptionFilter(filter?.streamPrefixes);
    const open = (after: AllPosition) =>
      new OrderedFeed(this.client.subscribeToAll({ fromPosition: toReadPosition(after), filter: serverFilter }), fromResolvedEvent);
    const subscription = new KurrentDbSubscription(open, fromPosition, this.options, (ended) => this.subscriptions.delete(ended));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Reads the newest record of `$all`: answers only when the server is up and serving reads. Then
   * refuses a server too old to report caught-up subscriptions (the client caches the version per
   * connection and asks again after a reconnect, so a failover to an old node is refused too).
   */
  async ping(): Promise<void> {
    for await (const _record of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) break;
    assertSupportedServerVersion((await this.serverFeatures()).serverVersion);
  }

  /** Ends subscriptions, then releases the connection. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.client.dispose();
  }

  /** The client keeps its server-features call protected; it is the only place it exposes the server version. */
  private serverFeatures(): Promise<{ serverVersion: string }> {
    return (this.client as unknown as { readonly capabilities: Promise<{ serverVersion: string }> }).capabilities;
  }

  private async eventAt(streamId: string, revision: bigint): Promise<RecordedEvent | undefined> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    return event;
  }

  private async appendError(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedStreamState,
    error: unknown,
  ): Promise<unknown> {
    const revision = revisionToProbe(expected, error);
    const storedId = revision === undefined ? undefined : (await this.eventAt(streamId, revision))?.id;
    return toAppendError(streamId, events, expected, error, storedId);
  }
}
