import { readFileSync } from 'node:fs';
import shippedDecrees from '../../config/holidays.json';
import { asRecord, isText } from '../json-checks';
import { isLocalDate } from '../time/zones';
import { HOLIDAY_KINDS, type HolidayDecrees, type HolidayKind, type YearDecree } from './holiday';

export class HolidayFileError extends Error {
  override readonly name = 'HolidayFileError';
}

const YEAR_KEYS = ['source', 'add', 'remove'];

function entries(raw: unknown, field: string, problems: string[]): Record<string, unknown>[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${field} must be an array`);
    return [];
  }
  return raw.map((entry, index) => {
    const record = asRecord(entry);
    if (!record) problems.push(`${field}[${index}] must be an object`);
    return record ?? {};
  });
}

function checkDate(date: unknown, year: string, where: string, problems: string[]): void {
  if (!isLocalDate(date)) problems.push(`${where}.date must be a date YYYY-MM-DD`);
  else if (!date.startsWith(`${year}-`)) problems.push(`${where}.date ${date} is not in ${year}`);
}

function parseYear(year: string, raw: unknown): YearDecree {
  const decree = asRecord(raw);
  if (!decree) throw new HolidayFileError(`${year}: must be an object with source, add and remove`);
  const problems: string[] = [];
  if (!/^\d{4}$/.test(year)) problems.push('the key must be a four-digit year');
  for (const key of Object.keys(decree)) if (!YEAR_KEYS.includes(key)) problems.push(`unknown field ${key}`);
  if (!isText(decree.source)) problems.push('source must name the decree (e.g. the SKB numbers)');

  const add = entries(decree.add, 'add', problems);
  add.forEach((entry, index) => {
    checkDate(entry.date, year, `add[${index}]`, problems);
    if (!isText(entry.name)) problems.push(`add[${index}].name must be a non-empty string`);
    if (!HOLIDAY_KINDS.includes(entry.kind as HolidayKind)) problems.push(`add[${index}].kind must be one of ${HOLIDAY_KINDS.join(', ')}`);
    if (entry.note !== undefined && typeof entry.note !== 'string') problems.push(`add[${index}].note must be a string`);
  });
  const remove = entries(decree.remove, 'remove', problems);
  remove.forEach((entry, index) => {
    checkDate(entry.date, year, `remove[${index}]`, problems);
    if (!isText(entry.reason)) problems.push(`remove[${index}].reason must say why the date is not a holiday`);
  });
  const added = add.map((entry) => entry.date);
  for (const date of new Set(added.filter((date, index) => added.indexOf(date) !== index))) problems.push(`add lists ${String(date)} twice`);
  for (const entry of remove) if (added.includes(entry.date)) problems.push(`${String(entry.date)} is both added and removed`);

  if (problems.length > 0) throw new HolidayFileError(`${year}: ${problems.join('; ')}`);
  return { source: decree.source, add, remove } as unknown as YearDecree;
}

/** Validates a holiday file's content: `{ "<year>": { source, add, remove } }`. */
export function parseHolidayDecrees(raw: unknown): HolidayDecrees {
  const years = asRecord(raw);
  if (!years) throw new HolidayFileError('The holiday file must hold an object keyed by year');
  return new Map(Object.entries(years).map(([year, decree]) => [Number(year), parseYear(year, decree)]));
}

/** The deployment's holiday file when `file` is given (it replaces the shipped one), else the shipped file. */
export function loadHolidayDecrees(file?: string): HolidayDecrees {
  if (!file) return parseHolidayDecrees(shippedDecrees);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HolidayFileError(`Cannot read holiday file ${file}: ${(error as Error).message}`);
  }
  return parseHolidayDecrees(raw);
}
