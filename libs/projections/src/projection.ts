import type { RecordedEvent } from '@lacak/event-store';
import type { Document, Filter, IndexSpec } from '@lacak/read-store';

/**
 * `Omit` for documents: the port's `Document` has an index signature, and TypeScript's own
 * `Omit` over such a type loses every named field.
 */
export type OmitFields<T, K extends PropertyKey> = {
  [P in keyof T as string extends P ? never : P extends K ? never : P]: T[P];
};

/** A document as a projection's `evolve` returns it: the runner sets `lastPosition`. */
export type Draft<D> = OmitFields<D, 'lastPosition'> & { _id: string };

/** Every read-model document remembers the last event applied to it, which makes replays no-ops. */
export interface ProjectedDocument extends Document {
  /** Global position of the last event applied to this document. */
  lastPosition: number;
}

/**
 * Sums every document of a projection contributes, kept per key in a collection of their own as the
 * documents change: a group-by maintained with them (per agency: SLA compliance, overdue ageing,
 * ratings; per node and period: the monev figures). For each changed document the runner takes
 * back what it contributed before, under its keys then, and adds what it contributes now, under its
 * keys now, with `$inc` in the batch's write: a document that moves (a disposition) moves its share.
 * A rebuild drops the sums with the documents.
 */
export interface Rollup<D extends ProjectedDocument = ProjectedDocument> {
  readonly collection: string;
  /**
   * What the document adds, per key it counts under (none: it counts nowhere): field paths (dotted
   * for nesting) to numbers. A key may come more than once; its amounts add up. Pure.
   */
  contributions(document: D): Iterable<readonly [key: string, fields: Record<string, number>]>;
  /**
   * Whether two versions of a document contribute exactly the same (a cheap check of what
   * `contributions` reads), so a change that moves nothing is skipped without computing both.
   */
  sameContributions?(before: D, after: D): boolean;
}

/**
 * A read model kept as one document per key, evolved by a pure function, like Emmett's
 * `evolve(document, event) => document | null`. The runner loads the documents a batch
 * touches once, folds the batch in memory, and writes each changed document once.
 */
export interface DocumentProjection<D extends ProjectedDocument = ProjectedDocument> {
  /** Also the checkpoint id. */
  readonly name: string;
  readonly collection: string;
  readonly indexes: IndexSpec[];
  /** The streams whose events reach this projection, by id prefix. */
  readonly streamPrefixes: string[];
  /** The document an event changes, or null when the event does not concern this read model. */
  documentId(event: RecordedEvent): string | null;
  /**
   * For an event that concerns many documents (a holiday calendar publication moves the due dates
   * of every open complaint): the filter selecting them, else null. Asked only about events
   * `documentId` names no document for, once per event, in log order; every document the filter
   * matches then evolves with it.
   */
  documentsConcerned?(event: RecordedEvent): Filter | null;
  /** Sums of the documents kept per key, written with them (see `Rollup`). */
  readonly rollups?: readonly Rollup<D>[];
  /**
   * The document after the event (`lastPosition` is set by the runner), or null to delete it.
   * Pure: no I/O, no clock.
   */
  evolve(document: D | null, event: RecordedEvent): Draft<D> | null;
  /**
   * Fields that follow from the document alone (a complaint's due dates), which `evolve` neither
   * sets nor reads: the runner completes each changed document once per batch, before writing it
   * and before an event concerning many documents (which may change what they follow from).
   * Folding event by event completes after every event; both must give the same.
   */
  complete?(document: Draft<D>): Draft<D>;
}
