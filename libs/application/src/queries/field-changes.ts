/** One field that differs between two views of a complaint; `null` stands for a field that was absent. */
export interface FieldChange {
  /** Dotted, with list positions in brackets: `status`, `investigation.conclusion`, `followUps[0]`. */
  path: string;
  before: unknown;
  after: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The fields that differ between two JSON values, deepest first where both sides are objects or
 * lists: a new entry of a list or a section that was null appears whole, as one change.
 */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, i) => fieldChanges(before[i], after[i], `${path}[${i}]`)).flat();
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => fieldChanges(before[key], after[key], path ? `${path}.${key}` : key));
  }
  const [was, is] = [before ?? null, after ?? null];
  return JSON.stringify(was) === JSON.stringify(is) ? [] : [{ path, before: was, after: is }];
}
