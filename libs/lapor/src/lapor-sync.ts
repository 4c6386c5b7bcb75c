import { ComplaintCommandService, type DeliveryChannel, type DeliverySource, ExternalSync, type OperationalMetrics } from '@lacak/application';
import type { OrganisationTree } from '@lacak/domain';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { type LaporGatewayFactory, LaporDeliveryChannel, LaporDeliverySource, httpLaporGateways } from './lapor-deliveries';
import { type LaporSettings, checkFitsDeliveryTimeout, loadLaporSettings } from './lapor-settings';
import { LaporPollSchedule, LaporStatusPoller } from './lapor-status-poller';

export interface LaporSyncContext {
  /** `LAPOR_AGENCIES_FILE`; unset, there is no sync. */
  agenciesFile: string | undefined;
  eventStore: EventStore;
  readStore: ReadStore;
  tree: OrganisationTree;
  now: () => Date;
  gateways?: LaporGatewayFactory;
}

interface Wiring {
  settings: LaporSettings;
  sync: ExternalSync;
  schedule: LaporPollSchedule;
}

function wiring(context: LaporSyncContext): Wiring | null {
  const settings = loadLaporSettings(context.agenciesFile);
  if (!settings) return null;
  const sync = new ExternalSync(context.eventStore, new ComplaintCommandService(context.eventStore, context.tree), { now: context.now });
  return { settings, sync, schedule: new LaporPollSchedule(context.readStore) };
}

/**
 * The outbox's LAPOR! source and channel; none without a settings file. Throws a `LaporSettingsError`
 * when a create and its forward could outlast one delivery attempt (`deliveryTimeoutMs`).
 */
export function createLaporDeliveryRoutes(context: LaporSyncContext & { deliveryTimeoutMs: number }): { sources: DeliverySource[]; channels: DeliveryChannel[] } {
  const wired = wiring(context);
  if (!wired) return { sources: [], channels: [] };
  const { settings, sync, schedule } = wired;
  checkFitsDeliveryTimeout(settings, context.deliveryTimeoutMs);
  const channel = new LaporDeliveryChannel(settings, context.tree, sync, context.gateways ?? httpLaporGateways, (complaintId, externalId, agencyId) =>
    schedule.add(complaintId, externalId, agencyId, context.now()),
  );
  return { sources: [new LaporDeliverySource(settings, context.tree, sync)], channels: [channel] };
}

/** The status poller, to run under the projector lease; null without a settings file. */
export function createLaporPoller(
  context: LaporSyncContext,
  options: { intervalMs: number; onError: (error: unknown) => void; metrics?: OperationalMetrics },
): LaporStatusPoller | null {
  const wired = wiring(context);
  if (!wired) return null;
  return new LaporStatusPoller(wired.settings, wired.schedule, wired.sync, { ...options, now: context.now, gateways: context.gateways });
}
