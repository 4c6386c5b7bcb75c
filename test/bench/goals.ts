import { fmt } from './table';

/** Whether a figure reaches its goal; when it does not, by how much, in words a reader can act on. */
export type Verdict = { kind: 'met' } | { kind: 'short'; by: string } | { kind: 'not measured'; reason: string };

export const MET: Verdict = { kind: 'met' };

/** A figure that must reach `goal` (a rate, a share of a reference). */
export function atLeast(value: number, goal: number, unit = ''): Verdict {
  if (value >= goal) return MET;
  return { kind: 'short', by: value > 0 ? `${fmt(value)}${unit}, needs ${fmt(goal / value)}×` : `${fmt(value)}${unit}` };
}

/** A figure that must stay at or under `limit` (a latency, a size, a count of failures). */
export function atMost(value: number, limit: number, unit = ''): Verdict {
  if (value <= limit) return MET;
  return { kind: 'short', by: limit > 0 ? `${fmt(value)}${unit}, ${fmt(value / limit)}× the limit` : `${fmt(value)}${unit}` };
}

export const notMeasured = (reason: string): Verdict => ({ kind: 'not measured', reason });

/** A goal with several conditions is met when each is; otherwise every shortfall is named. */
export function allOf(...verdicts: Verdict[]): Verdict {
  const missing = verdicts.find((verdict) => verdict.kind === 'not measured');
  if (missing) return missing;
  const shortfalls = verdicts.flatMap((verdict) => (verdict.kind === 'short' ? [verdict.by] : []));
  return shortfalls.length > 0 ? { kind: 'short', by: shortfalls.join('; ') } : MET;
}

export function describeVerdict(verdict: Verdict): string {
  switch (verdict.kind) {
    case 'met':
      return 'met';
    case 'short':
      return `short: ${verdict.by}`;
    case 'not measured':
      return `not measured: ${verdict.reason}`;
  }
}

/** `value` as a share of a reference measured in the same run, e.g. "3.4 % of 15,329 req/s". */
export const shareOf = (value: number, reference: number, unit: string): string =>
  `${fmt((100 * value) / reference)} % of ${fmt(reference)}${unit}`;

/** The 1-minute load average when a section started and when it ended: other work on the box skews it. */
export interface LoadSpan {
  start: number;
  end: number;
}

/** A section's result with the load around it. */
export interface Measured<T> {
  result: T;
  load: LoadSpan;
}

export const describeLoad = ({ start, end }: LoadSpan): string => `${start.toFixed(2)} → ${end.toFixed(2)}`;

/** One row of the goals table. */
export interface GoalRow {
  figure: string;
  goal: string;
  measured: string;
  /** The same-run reference the figure is a ratio to, and the ratio. */
  reference: string;
  load: LoadSpan;
  verdict: Verdict;
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

/** The goals table as Markdown, for the terminal and the README alike. */
export function goalsMarkdown(rows: GoalRow[]): string {
  const header = ['Figure', 'Goal', 'Measured', 'Same-run reference', 'Load 1 min (start → end)', 'Verdict'];
  const lines = rows.map((row) =>
    [row.figure, row.goal, row.measured, row.reference, describeLoad(row.load), describeVerdict(row.verdict)].map(escapeCell),
  );
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export const README_MARKERS = { start: '<!-- bench:start -->', end: '<!-- bench:end -->' } as const;

/** `document` with everything between the bench markers replaced by `block`; the markers stay. */
export function replaceBetweenMarkers(document: string, block: string): string {
  const start = document.indexOf(README_MARKERS.start);
  const end = document.indexOf(README_MARKERS.end);
  if (start < 0 || end < start) {
    throw new Error(`The README has no ${README_MARKERS.start} … ${README_MARKERS.end} section for the bench table`);
  }
  return `${document.slice(0, start + README_MARKERS.start.length)}\n${block}\n${document.slice(end)}`;
}
