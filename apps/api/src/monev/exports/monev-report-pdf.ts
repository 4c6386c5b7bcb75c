import PDFDocument from 'pdfkit';
import type { MonevIndicators } from '@lacak/domain';
import type { MonevReport } from '@lacak/application/queries';
import { type ExportLanguage, type MessageKey, t } from './export-messages';
import { localTime } from './monev-tables';

const LOCALE: Record<ExportLanguage, string> = { id: 'id-ID', en: 'en-GB' };
const NONE = '–';

/** Figures written as a reader of the language writes them (1.234,5 in Bahasa Indonesia). */
function formats(lang: ExportLanguage) {
  const number = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 });
  const time = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  return {
    number: (value: number | null) => (value === null ? NONE : number.format(value)),
    percent: (value: number | null) => (value === null ? NONE : percent.format(value)),
    /** An instant at the node's zone, named after it. */
    time: (iso: string, zone: string) => `${time.format(localTime(iso, zone))} ${zone}`,
  };
}

/** The key indicators the report tabulates, own beside subtree. */
const KEY_INDICATORS: { key: MessageKey; kind: 'number' | 'percent'; value: (figures: MonevIndicators) => number | null }[] = [
  { key: 'received', kind: 'number', value: (f) => f.received },
  { key: 'verified', kind: 'number', value: (f) => f.verified },
  { key: 'verifiedWithinSlaRate', kind: 'percent', value: (f) => f.verifiedWithinSlaRate },
  { key: 'disposed', kind: 'number', value: (f) => f.disposed },
  { key: 'disposedWithinSlaRate', kind: 'percent', value: (f) => f.disposedWithinSlaRate },
  { key: 'followUpRate', kind: 'percent', value: (f) => f.followUpRate },
  { key: 'completionRate', kind: 'percent', value: (f) => f.completionRate },
  { key: 'followedUp', kind: 'number', value: (f) => f.followedUp },
  { key: 'followedUpWithinSlaRate', kind: 'percent', value: (f) => f.followedUpWithinSlaRate },
  { key: 'medianDays', kind: 'number', value: (f) => f.daysToFirstFollowUp.median },
  { key: 'backlogOpen', kind: 'number', value: (f) => f.backlog.open },
  { key: 'bounceRate', kind: 'percent', value: (f) => f.bounceRate },
  { key: 'disputeRate', kind: 'percent', value: (f) => f.disputeRate },
  { key: 'normativeRate', kind: 'percent', value: (f) => f.normativeRate },
  { key: 'ratingAverage', kind: 'number', value: (f) => f.rating.average },
  { key: 'leadershipReviews', kind: 'number', value: (f) => f.leadershipReviews },
  { key: 'policyImprovements', kind: 'number', value: (f) => f.policyImprovements },
  { key: 'escalations', kind: 'number', value: (f) => f.escalations },
  { key: 'ombudsmanReferrals', kind: 'number', value: (f) => f.ombudsmanReferrals },
];

/** The rates the subtree chart draws, each a fraction. */
const CHARTED_RATES: MessageKey[] = ['verifiedWithinSlaRate', 'disposedWithinSlaRate', 'followUpRate', 'completionRate', 'followedUpWithinSlaRate'];

type Doc = PDFKit.PDFDocument;

/** Figures align right, so their digits line up. */
const NUMBER_COLUMN = (width: number) => ({ width, align: { x: 'right' as const } });

const heading = (doc: Doc, text: string) => doc.moveDown().font('Helvetica-Bold').fontSize(12).text(text, doc.page.margins.left).font('Helvetica').fontSize(9);
const header = (text: string) => ({ text, font: { src: 'Helvetica-Bold' }, backgroundColor: '#e8e8e8' });

/** Moves to a new page unless `height` points fit below the cursor. */
function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/**
 * A horizontal bar chart drawn with the document's own vector operators: a label column, one bar
 * per value scaled to `max`, gridlines at quarters of it, and each value written after its bar. A
 * value without data gets no bar and says so. Drawn by hand because no charting library that
 * writes PDF vectors is installed, and a rasterised chart would lose the report's searchable text.
 */
function barChart(
  doc: Doc,
  title: string,
  bars: { label: string; value: number | null }[],
  scale: { max: number; format: (value: number | null) => string; noData: string },
): void {
  const { max, format } = scale;
  const BAR = 10;
  const GAP = 5;
  const LABEL_WIDTH = 170;
  const VALUE_WIDTH = 60;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const plotLeft = left + LABEL_WIDTH;
  const plotWidth = width - LABEL_WIDTH - VALUE_WIDTH;
  const plotHeight = bars.length * (BAR + GAP) + GAP;

  ensureRoom(doc, plotHeight + 60);
  heading(doc, title);
  const top = doc.y + 4;

  // Gridlines and their scale at 0, ¼, ½, ¾ and all of max.
  doc.lineWidth(0.5).strokeColor('#bbbbbb').fillColor('#555555').fontSize(7);
  for (let quarter = 0; quarter <= 4; quarter++) {
    const x = plotLeft + (plotWidth * quarter) / 4;
    doc.moveTo(x, top).lineTo(x, top + plotHeight).stroke();
    doc.text(format((max * quarter) / 4), x - 20, top + plotHeight + 3, { width: 40, align: 'center', lineBreak: false });
  }

  doc.fontSize(8);
  bars.forEach((bar, index) => {
    const y = top + GAP + index * (BAR + GAP);
    doc.fillColor('#000000').text(bar.label, left, y + 1, { width: LABEL_WIDTH - 6, height: BAR, ellipsis: true, lineBreak: false });
    if (bar.value !== null) {
      const length = (plotWidth * Math.max(0, Math.min(bar.value, max))) / max;
      doc.rect(plotLeft, y, length, BAR).fillColor('#2b6cb0').fill();
    }
    const valueX = plotLeft + (bar.value === null ? 0 : (plotWidth * Math.max(0, Math.min(bar.value, max))) / max) + 4;
    doc.fillColor('#000000').text(bar.value === null ? scale.noData : format(bar.value), valueX, y + 1, { lineBreak: false });
  });
  // The axis, over the bars' start.
  doc.lineWidth(1).strokeColor('#000000').moveTo(plotLeft, top).lineTo(plotLeft, top + plotHeight).stroke();
  doc.x = left;
  doc.y = top + plotHeight + 16;
  doc.fillColor('#000000').fontSize(9);
}

/**
 * A node's period report: what the figures are and where they come from (the snapshot's log
 * position when the period is closed, "provisional" when not), its key indicators, the ranking of
 * its children, and charts of their scores and follow-up rates.
 */
export function renderMonevReportPdf({ indicators, ranking }: MonevReport, lang: ExportLanguage, generatedAt: Date): Promise<Buffer> {
  const f = formats(lang);
  const noData = t('notScored', lang);
  const title = `${t('reportTitle', lang)} · ${indicators.node.name} · ${indicators.period}`;
  // Uncompressed, like the dossier: a few pages, and its text stays searchable by any tool.
  const doc = new PDFDocument({ size: 'A4', margin: 48, compress: false, info: { Title: title, Producer: 'Lacak' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(t('reportTitle', lang));
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  const row = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  row(t('node', lang), `${indicators.node.name} (${indicators.node.id})`);
  row(t('period', lang), `${indicators.period} (${f.time(indicators.periodStart, indicators.zone)} – ${f.time(indicators.periodEnd, indicators.zone)})`);
  row(t('zone', lang), indicators.zone);
  row(t('source', lang), t(indicators.source === 'snapshot' ? 'sourceSnapshot' : 'sourceLive', lang));
  if (indicators.snapshot) {
    row(t('logPosition', lang), indicators.snapshot.position);
    row(t('closedAt', lang), f.time(indicators.snapshot.closedAt, indicators.zone));
    row(t('scoringPolicy', lang), indicators.snapshot.scoringPolicyVersion);
    doc.moveDown(0.3).text(`${t('fromSnapshot', lang)} ${indicators.snapshot.position}.`);
    if (indicators.restatement) doc.text(t('restated', lang));
  } else {
    doc.moveDown(0.3).font('Helvetica-Bold').fillColor('#b7791f').text(t('provisional', lang)).fillColor('#000000').font('Helvetica');
  }
  row(t('generatedAt', lang), f.time(generatedAt.toISOString(), indicators.zone));

  heading(doc, t('keyIndicators', lang));
  doc.table({
    columnStyles: ['*', NUMBER_COLUMN(110), NUMBER_COLUMN(110)],
    data: [
      [header(t('indicator', lang)), header(t('own', lang)), header(t('subtree', lang))],
      ...KEY_INDICATORS.map(({ key, kind, value }) => [t(key, lang), f[kind](value(indicators.own)), f[kind](value(indicators.subtree))]),
    ],
  });

  barChart(
    doc,
    t('chartKeyRates', lang),
    CHARTED_RATES.map((key) => ({ label: t(key, lang), value: KEY_INDICATORS.find((k) => k.key === key)!.value(indicators.subtree) })),
    { max: 1, format: f.percent, noData },
  );

  heading(doc, t('rankingOfChildren', lang));
  if (ranking.agencies.length === 0) {
    doc.text(t('noChildren', lang));
  } else {
    doc.text(`${t('formulaNote', lang)} ${t('scoringPolicy', lang)}: ${ranking.scoringPolicy.version}.`).moveDown(0.5);
    const followUp = (entry: MonevReport['ranking']['agencies'][number]) => entry.breakdown.find((part) => part.indicator === 'followUpRate')!.value;
    doc.table({
      columnStyles: [50, '*', NUMBER_COLUMN(55), NUMBER_COLUMN(70), NUMBER_COLUMN(70), NUMBER_COLUMN(60)],
      data: [
        [t('rank', lang), t('agencyName', lang), t('score', lang), t('scoreChange', lang), t('followUpRate', lang), t('received', lang)].map(header),
        ...ranking.agencies.map((entry) => [
          entry.rank === null ? NONE : String(entry.rank),
          `${entry.agency.name} (${entry.agency.id})`,
          f.number(entry.score),
          f.number(entry.trend.scoreChange),
          f.percent(followUp(entry)),
          f.number(entry.received),
        ]),
      ],
    });
    barChart(doc, t('chartScores', lang), ranking.agencies.map((entry) => ({ label: entry.agency.name, value: entry.score })), { max: 100, format: f.number, noData });
    barChart(doc, t('chartFollowUp', lang), ranking.agencies.map((entry) => ({ label: entry.agency.name, value: followUp(entry) })), { max: 1, format: f.percent, noData });
  }
  doc.end();
  return done;
}
