/** Indonesia's three zones by the names people use, and the IANA zone each is. */
export const ZONES = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' } as const;
export type ZoneName = keyof typeof ZONES;

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'id-ID');

// Building an Intl formatter costs far more than using one; tables format hundreds of cells.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/** An instant as the agency's local date and time, the zone named: "5 Des 2026, 14.30 WIB". */
export function formatDateTime(instant: string | Date, zone: ZoneName, language: string): string {
  const formatter = cached(`dt|${zone}|${language}`, () =>
    new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONES[zone] }),
  );
  return `${formatter.format(new Date(instant))} ${zone}`;
}

/** An instant's local date in the zone: "5 Des 2026". */
export function formatDate(instant: string | Date, zone: ZoneName, language: string): string {
  const formatter = cached(`d|${zone}|${language}`, () => new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeZone: ZONES[zone] }));
  return formatter.format(new Date(instant));
}

/** A local date (`2026-12-05`) as written in the language, the same day in every zone. */
export function formatLocalDate(date: string, language: string): string {
  const formatter = cached(`ld|${language}`, () => new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeZone: 'UTC' }));
  return formatter.format(new Date(`${date}T00:00:00Z`));
}

export function formatNumber(value: number, language: string, digits = 0): string {
  const formatter = cached(`n|${language}|${digits}`, () =>
    new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits, minimumFractionDigits: 0 }),
  );
  return formatter.format(value);
}

/** A fraction (0.42) as a percentage in the language: "42 %" / "42%". */
export function formatPercent(fraction: number, language: string, digits = 0): string {
  const formatter = cached(`p|${language}|${digits}`, () => new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: digits }));
  return formatter.format(fraction);
}
