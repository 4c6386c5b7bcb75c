/**
 * Closing a monev period freezes its figures: one `MonevSnapshotRecorded` per node with what its
 * complaints added up to at a stated global log position, then `MonevPeriodClosed`. Published
 * figures and rankings are read from these events from then on, so late events never change them
 * silently: the live figures beside them show any restatement. One stream per period.
 */
import { mayQuery } from '../access/access-matrix';
import type { Actor } from '../complaint/actor';
import { type Refusal, refuse } from '../complaint/refusals';
import type { MonevSums } from './indicators';
import { hasEnded, parsePeriod } from './period';

export const MONEV_PERIOD_STREAM_PREFIX = 'monev-period-';
export const monevPeriodStreamId = (period: string): string => `${MONEV_PERIOD_STREAM_PREFIX}${period}`;

export interface NodeSums {
  nodeId: string;
  /** The complaints the node holds itself. */
  own: MonevSums;
  /** The node's and every node's below it. */
  subtree: MonevSums;
}

export interface MonevSnapshotRecorded {
  type: 'MonevSnapshotRecorded';
  data: NodeSums & { period: string; position: string; at: string };
}

export interface MonevPeriodClosed {
  type: 'MonevPeriodClosed';
  data: {
    period: string;
    /** Global log position the figures were read at: every event up to it, none after. */
    position: string;
    /** Nodes with a snapshot; a node without one had nothing to count. */
    nodes: number;
    scoringPolicyVersion: string;
    closedBy: string;
    at: string;
  };
}

export type MonevPeriodEvent = MonevSnapshotRecorded | MonevPeriodClosed;

export interface CloseMonevPeriod {
  type: 'CloseMonevPeriod';
  actor: Actor;
  at: string;
  data: { period: string; position: string; scoringPolicyVersion: string; figures: NodeSums[] };
}

export interface MonevPeriodState {
  closed: MonevPeriodClosed['data'] | null;
}

export const initialMonevPeriodState = (): MonevPeriodState => ({ closed: null });

export const evolveMonevPeriod = (state: MonevPeriodState, event: MonevPeriodEvent): MonevPeriodState =>
  event.type === 'MonevPeriodClosed' ? { closed: event.data } : state;

export type MonevPeriodDecision = { ok: true; events: MonevPeriodEvent[] } | { ok: false; refusal: Refusal };

export function decideCloseMonevPeriod(command: CloseMonevPeriod, state: MonevPeriodState): MonevPeriodDecision {
  if (!mayQuery('close-monev-period', command.actor.role)) {
    return { ok: false, refusal: refuse('ROLE_NOT_ALLOWED', 'Only the national admin closes a monev period.') };
  }
  const period = parsePeriod(command.data.period);
  if (!period) return { ok: false, refusal: refuse('PERIOD_INVALID', `${command.data.period} is not a period: write 2026, 2026-Q1 or 2026-03.`) };
  if (!hasEnded(period, new Date(command.at))) {
    return { ok: false, refusal: refuse('PERIOD_NOT_ENDED', `${period.id} has not ended yet in every zone; it can be closed once it has.`) };
  }
  if (state.closed) {
    return { ok: false, refusal: refuse('PERIOD_ALREADY_CLOSED', `${period.id} was closed at log position ${state.closed.position}; its figures stay as published.`) };
  }
  const { position, figures, scoringPolicyVersion } = command.data;
  const at = command.at;
  const snapshots: MonevSnapshotRecorded[] = figures.map((node) => ({ type: 'MonevSnapshotRecorded', data: { period: period.id, position, ...node, at } }));
  const closed: MonevPeriodClosed = {
    type: 'MonevPeriodClosed',
    data: { period: period.id, position, nodes: figures.length, scoringPolicyVersion, closedBy: command.actor.id, at },
  };
  return { ok: true, events: [...snapshots, closed] };
}

export const monevPeriodDecider = { decide: decideCloseMonevPeriod, evolve: evolveMonevPeriod, initialState: initialMonevPeriodState };

/** Stored events of a period stream are trusted: only the period closing writes them. */
export const toMonevPeriodEvent = (stored: { type: string; data: unknown }): MonevPeriodEvent => ({ type: stored.type, data: stored.data }) as MonevPeriodEvent;
