import { OPEN_STATUSES } from '@lacak/domain';
import type { IndexSpec } from '@lacak/read-store';
import type { Draft, OmitFields } from '../projection';
import type { ComplaintDocument } from './complaint-document';

/**
 * The complaints a coordinator acts on (monev exceptions), each kind with the instant the fact that
 * made the complaint one happened:
 * - `no-follow-up-overdue`: open, no follow-up yet, and a follow-up or resolution deadline missed (since: the first such due instant);
 * - `escalated`: open and escalated to a parent (since: the first escalation);
 * - `bouncing`: open and returned at least once as not the agency's authority (since: the first return);
 * - `disputed`: open and a follow-up disputed by the reporter (since: the first dispute);
 * - `ombudsman`: referred to the Ombudsman, whatever the status since (the Ombudsman's examination
 *   goes on after the agency closes the complaint).
 */
export const COMPLAINT_EXCEPTION_KINDS = ['no-follow-up-overdue', 'escalated', 'bouncing', 'disputed', 'ombudsman'] as const;
export type ComplaintExceptionKind = (typeof COMPLAINT_EXCEPTION_KINDS)[number];

/**
 * The top-level field holding each kind's instant, present only while the complaint is one. Index
 * keys, not content: the complaint views leave them out.
 */
export const EXCEPTION_SINCE_FIELDS = {
  'no-follow-up-overdue': 'exceptionOverdueSince',
  escalated: 'exceptionEscalatedSince',
  bouncing: 'exceptionBouncingSince',
  disputed: 'exceptionDisputedSince',
  ombudsman: 'exceptionOmbudsmanSince',
} as const satisfies Record<ComplaintExceptionKind, keyof ComplaintDocument>;
export type ExceptionSinceField = (typeof EXCEPTION_SINCE_FIELDS)[ComplaintExceptionKind];
export type ExceptionSinceFields = Partial<Record<ExceptionSinceField, string>>;

const FIELDS = Object.values(EXCEPTION_SINCE_FIELDS);
const MISSED_BEFORE_FOLLOW_UP = new Set(['followUp', 'resolution']);

/** Each kind's instant, for the kinds the complaint is one of now. */
function sinceOf(doc: Draft<ComplaintDocument>): Partial<Record<ComplaintExceptionKind, string>> {
  const since: Partial<Record<ComplaintExceptionKind, string>> = {};
  if (doc.ombudsmanReferral) since.ombudsman = doc.ombudsmanReferral.at;
  if (!OPEN_STATUSES.includes(doc.status)) return since;
  const missed = (doc.overdue ?? []).filter((o) => MISSED_BEFORE_FOLLOW_UP.has(o.clock)).map((o) => o.dueAt).sort();
  if (doc.followUps.length === 0 && missed.length > 0) since['no-follow-up-overdue'] = missed[0];
  if (doc.escalations?.length) since.escalated = doc.escalations[0].at;
  // A document projected before returns were recorded knows only that it bounced: its last change stands in until a rebuild.
  if (doc.bounceCount >= 1) since.bouncing = doc.returns?.[0]?.at ?? doc.updatedAt;
  if (doc.disputes?.length) since.disputed = doc.disputes[0].at;
  return since;
}

/**
 * The document with its exception fields as they follow from it: set for the kinds it is one of,
 * absent otherwise (never null), so each kind's partial index holds only its complaints.
 */
export function withExceptionFields<D extends Draft<ComplaintDocument>>(doc: D): D {
  const rest = { ...doc } as Record<string, unknown>;
  for (const field of FIELDS) delete rest[field];
  for (const [kind, at] of Object.entries(sinceOf(doc))) rest[EXCEPTION_SINCE_FIELDS[kind as ComplaintExceptionKind]] = at;
  return rest as D;
}

/** The document without its exception fields, for the views. */
export function withoutExceptionFields<D extends object>(doc: D): OmitFields<D, ExceptionSinceField> {
  const rest = { ...doc } as Record<string, unknown>;
  for (const field of FIELDS) delete rest[field];
  return rest as OmitFields<D, ExceptionSinceField>;
}

/**
 * Per kind, two partial indexes holding only its complaints, oldest first: one for a subtree
 * (`agencyPath` equality, its count answered from the multikey side table alone) and one leading
 * with the field, for the national root and so the embedded store knows the field holds no array.
 */
export const EXCEPTION_INDEXES: IndexSpec[] = COMPLAINT_EXCEPTION_KINDS.flatMap((kind) => {
  const field = EXCEPTION_SINCE_FIELDS[kind];
  const partialFilter = { [field]: { $exists: true } };
  return [
    { name: `exception_${kind}_agency`, keys: { agencyPath: 1, [field]: 1, _id: 1 }, partialFilter },
    { name: `exception_${kind}`, keys: { [field]: 1, _id: 1 }, partialFilter },
  ];
});
