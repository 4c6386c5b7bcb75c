import ExcelJS from 'exceljs';
import { csvField } from '../../complaints/queries/complaint-export';
import { type ExportLanguage, type Label, t } from './export-messages';

/**
 * A monev view as one table, the shape every export writer takes: a new view becomes exportable by
 * describing its columns and rows here, once, and both CSV and XLSX follow.
 */
export type ColumnType = 'number' | 'date' | 'text' | 'percent';

export interface ExportColumn {
  header: Label;
  type: ColumnType;
}

/** A percent is a fraction (0.875 is 87.5 %); a date a local wall-clock time, whose zone `about` names. */
export type CellValue = number | string | Date | null;

export interface ExportTable {
  /** The sheet's name. */
  title: Label;
  /** What the figures are (node, period, zone, source, log position), as label and value. */
  about: { label: Label; value: CellValue }[];
  columns: ExportColumn[];
  rows: CellValue[][];
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A local wall-clock time as ISO 8601 without a zone: the table's `about` says which zone. */
const localIso = (date: Date): string => date.toISOString().slice(0, 19);

function csvValue(value: CellValue, type: ColumnType): string {
  if (value === null) return '';
  if (value instanceof Date) return localIso(value);
  // Numbers are written as numbers; only text goes through the quoting that defuses formulas (a
  // negative score change must stay a number).
  if (typeof value === 'number' && type !== 'text') return String(value);
  return csvField(String(value));
}

/** RFC 4180 with a byte-order mark, so Excel reads it as UTF-8; percents as fractions. */
export function tableToCsv(table: ExportTable, lang: ExportLanguage): Buffer {
  const lines = [table.columns.map((column) => csvField(column.header[lang])).join(',')];
  for (const row of table.rows) lines.push(row.map((value, index) => csvValue(value, table.columns[index].type)).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  number: undefined,
  percent: '0.0%',
  date: 'yyyy-mm-dd hh:mm',
  text: '@',
};

/** Sheet names may not hold []:*?/\ and are at most 31 characters. */
const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/**
 * One sheet of the table, every column typed (numbers, percents as numbers with a percent format,
 * dates as dates, text as text) under a frozen header row, and a second sheet saying what it is.
 */
export async function tableToXlsx(table: ExportTable, lang: ExportLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lacak';
  const sheet = workbook.addWorksheet(sheetName(table.title[lang]), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    header: column.header[lang],
    width: Math.min(40, Math.max(10, column.header[lang].length + 2)),
    style: NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((value, index) => (table.columns[index].type === 'text' && value !== null ? String(value) : value)));

  const about = workbook.addWorksheet(sheetName(t('about', lang)), { views: [{ state: 'frozen', ySplit: 1 }] });
  about.columns = [
    { header: t('item', lang), width: 48 },
    { header: t('value', lang), width: 40 },
  ];
  about.getRow(1).font = { bold: true };
  for (const line of table.about) {
    const row = about.addRow([line.label[lang], line.value]);
    if (line.value instanceof Date) row.getCell(2).numFmt = NUMBER_FORMATS.date!;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
