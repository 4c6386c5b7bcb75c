import type { ComplaintDocument } from '@lacak/projections';

/** The columns of the CSV export: content and handling, never identity. */
const COLUMNS: { header: string; value: (c: ComplaintDocument) => string | number | boolean | null }[] = [
  { header: 'id', value: (c) => c._id },
  { header: 'trackingId', value: (c) => c.trackingId },
  { header: 'title', value: (c) => c.title },
  { header: 'status', value: (c) => c.status },
  { header: 'channel', value: (c) => c.channel },
  { header: 'category', value: (c) => c.category },
  { header: 'classification', value: (c) => c.classification },
  { header: 'slaClass', value: (c) => c.slaClass },
  { header: 'currentAgencyId', value: (c) => c.currentAgencyId },
  { header: 'confidential', value: (c) => c.confidential },
  { header: 'anonymous', value: (c) => c.anonymous },
  { header: 'bounceCount', value: (c) => c.bounceCount },
  { header: 'submittedAt', value: (c) => c.submittedAt },
  { header: 'updatedAt', value: (c) => c.updatedAt },
];

/** RFC 4180 quoting; a leading =, +, - or @ is defused so spreadsheets never run a cell as a formula. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(complaints: ComplaintDocument[]): string {
  const lines = [COLUMNS.map((c) => c.header).join(',')];
  for (const complaint of complaints) lines.push(COLUMNS.map((c) => csvField(c.value(complaint))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
