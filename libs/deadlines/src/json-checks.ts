/** Shape checks shared by the configuration parsers. */
export const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export const isPositiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
