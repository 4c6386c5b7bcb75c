import { INDONESIAN_ZONES, type IndonesianZone, zoneOffsetMs } from '@lacak/deadlines';
import { BACKLOG_AGEING_BUCKETS, type MonevIndicators, SCORED_INDICATORS, SLA_CLASSES } from '@lacak/domain';
import type { EvaluationsExport, FiguresSource, MonevExceptionKind, MonevExceptionsExport, MonevIndicatorsView, MonevRankingView } from '@lacak/application/queries';
import { type ExportLanguage, type Label, MESSAGES, type MessageKey } from './export-messages';
import type { CellValue, ColumnType, ExportColumn, ExportTable } from './export-table';

/** Each zone's offset by the name the views give (WIB, WITA, WIT), from the calendar's own table. */
const OFFSET_BY_NAME = new Map<string, number>(
  Object.entries(INDONESIAN_ZONES).map(([zone, name]) => [name, zoneOffsetMs(zone as IndonesianZone)]),
);

/** An instant as the wall-clock time of the zone, which is how a spreadsheet shows a date. */
export const localTime = (iso: string, zone: string): Date => new Date(Date.parse(iso) + (OFFSET_BY_NAME.get(zone) ?? 0));

const column = (header: Label, type: ColumnType): ExportColumn => ({ header, type });
const labelled = (key: MessageKey, type: ColumnType): ExportColumn => column(MESSAGES[key], type);
const suffixed = (key: MessageKey, suffix: string): Label => ({ id: `${MESSAGES[key].id} ${suffix}`, en: `${MESSAGES[key].en} ${suffix}` });

/** The source and log position lines every monev export carries. */
export function sourceLines(view: FiguresSource, lang: ExportLanguage): ExportTable['about'] {
  return [
    { label: MESSAGES.source, value: sourceLabel(view)[lang] },
    { label: MESSAGES.logPosition, value: view.snapshot?.position ?? null },
    { label: MESSAGES.closedAt, value: view.snapshot ? new Date(view.snapshot.closedAt) : null },
  ];
}

export const sourceLabel = (view: FiguresSource): Label => (view.source === 'snapshot' ? MESSAGES.sourceSnapshot : MESSAGES.sourceLive);

/** The indicators, one column each, in the order of `indicatorValues`. */
const INDICATOR_COLUMNS: ExportColumn[] = [
  labelled('received', 'number'),
  labelled('verified', 'number'),
  labelled('verifiedWithinSlaRate', 'percent'),
  labelled('disposed', 'number'),
  labelled('disposedWithinSlaRate', 'percent'),
  labelled('followUpRate', 'percent'),
  labelled('completionRate', 'percent'),
  labelled('followedUp', 'number'),
  labelled('followedUpWithinSlaRate', 'percent'),
  labelled('medianDays', 'number'),
  labelled('p90Days', 'number'),
  ...SLA_CLASSES.flatMap((slaClass) => [
    column(suffixed('slaResponded', slaClass), 'number'),
    column(suffixed('slaWithinSla', slaClass), 'number'),
    column(suffixed('slaRate', slaClass), 'percent'),
  ]),
  labelled('backlogOpen', 'number'),
  ...BACKLOG_AGEING_BUCKETS.map((bucket) => column(suffixed('backlogAgeing', bucket), 'number')),
  labelled('bounceRate', 'percent'),
  labelled('disputes', 'number'),
  labelled('disputeRate', 'percent'),
  labelled('normativeAnswers', 'number'),
  labelled('normativeRate', 'percent'),
  labelled('ratingAverage', 'number'),
  labelled('ratingCount', 'number'),
  labelled('leadershipReviews', 'number'),
  labelled('policyImprovements', 'number'),
  labelled('escalations', 'number'),
  labelled('ombudsmanReferrals', 'number'),
  labelled('duplicates', 'number'),
];

const indicatorValues = (figures: MonevIndicators): CellValue[] => [
  figures.received,
  figures.verified,
  figures.verifiedWithinSlaRate,
  figures.disposed,
  figures.disposedWithinSlaRate,
  figures.followUpRate,
  figures.completionRate,
  figures.followedUp,
  figures.followedUpWithinSlaRate,
  figures.daysToFirstFollowUp.median,
  figures.daysToFirstFollowUp.p90,
  ...SLA_CLASSES.flatMap((slaClass) => {
    const compliance = figures.slaCompliance[slaClass];
    return [compliance.responded, compliance.withinSla, compliance.rate];
  }),
  figures.backlog.open,
  ...BACKLOG_AGEING_BUCKETS.map((bucket) => figures.backlog.ageing[bucket]),
  figures.bounceRate,
  figures.disputes,
  figures.disputeRate,
  figures.normativeAnswers,
  figures.normativeRate,
  figures.rating.average,
  figures.rating.count,
  figures.leadershipReviews,
  figures.policyImprovements,
  figures.escalations,
  figures.ombudsmanReferrals,
  figures.duplicates,
];

/**
 * A node's indicators: one row for its own complaints and one for its subtree, and, when events
 * recorded after a closing restated them, one more of each beside the published ones.
 */
export function indicatorsTable(view: MonevIndicatorsView, lang: ExportLanguage): ExportTable {
  const rows: [Label, MonevIndicators][] = [
    [MESSAGES.scopeOwn, view.own],
    [MESSAGES.scopeSubtree, view.subtree],
  ];
  if (view.restatement) rows.push([MESSAGES.scopeOwnRestated, view.restatement.own], [MESSAGES.scopeSubtreeRestated, view.restatement.subtree]);
  const source = sourceLabel(view)[lang];
  const position = view.snapshot?.position ?? null;
  return {
    title: MESSAGES.indicatorsSheet,
    about: [
      { label: MESSAGES.nodeId, value: view.node.id },
      { label: MESSAGES.nodeName, value: view.node.name },
      { label: MESSAGES.period, value: view.period },
      { label: MESSAGES.zone, value: view.zone },
      { label: MESSAGES.periodStart, value: localTime(view.periodStart, view.zone) },
      { label: MESSAGES.periodEnd, value: localTime(view.periodEnd, view.zone) },
      { label: MESSAGES.asOf, value: localTime(view.asOf, view.zone) },
      ...sourceLines(view, lang),
      { label: MESSAGES.scoringPolicy, value: view.snapshot?.scoringPolicyVersion ?? null },
    ],
    columns: [
      labelled('nodeId', 'text'),
      labelled('nodeName', 'text'),
      labelled('period', 'text'),
      labelled('zone', 'text'),
      labelled('periodStart', 'date'),
      labelled('periodEnd', 'date'),
      labelled('asOf', 'date'),
      labelled('source', 'text'),
      labelled('logPosition', 'text'),
      labelled('scope', 'text'),
      ...INDICATOR_COLUMNS,
    ],
    rows: rows.map(([scope, figures]) => [
      view.node.id,
      view.node.name,
      view.period,
      view.zone,
      localTime(view.periodStart, view.zone),
      localTime(view.periodEnd, view.zone),
      localTime(view.asOf, view.zone),
      source,
      position,
      scope[lang],
      ...indicatorValues(figures),
    ]),
  };
}

/** A coordinator's children in rank order, each score broken down by indicator, with its trend. */
export function rankingTable(view: MonevRankingView, lang: ExportLanguage): ExportTable {
  const source = sourceLabel(view)[lang];
  return {
    title: MESSAGES.rankingSheet,
    about: [
      { label: MESSAGES.parent, value: `${view.parent.name} (${view.parent.id})` },
      { label: MESSAGES.period, value: view.period },
      { label: MESSAGES.previousPeriod, value: view.previousPeriod },
      ...sourceLines(view, lang),
      { label: MESSAGES.scoringPolicy, value: view.scoringPolicy.version },
    ],
    columns: [
      labelled('period', 'text'),
      labelled('rank', 'number'),
      labelled('agencyId', 'text'),
      labelled('agencyName', 'text'),
      labelled('agencyKind', 'text'),
      labelled('score', 'number'),
      labelled('received', 'number'),
      labelled('previousRank', 'number'),
      labelled('previousScore', 'number'),
      labelled('scoreChange', 'number'),
      ...SCORED_INDICATORS.flatMap((indicator) => [
        column({ id: `${MESSAGES[indicator].id} (${MESSAGES.indicatorValue.id})`, en: `${MESSAGES[indicator].en} (${MESSAGES.indicatorValue.en})` }, 'percent'),
        column({ id: `${MESSAGES[indicator].id} (${MESSAGES.indicatorPoints.id})`, en: `${MESSAGES[indicator].en} (${MESSAGES.indicatorPoints.en})` }, 'number'),
      ]),
      labelled('source', 'text'),
      labelled('logPosition', 'text'),
    ],
    rows: view.agencies.map((entry) => [
      view.period,
      entry.rank,
      entry.agency.id,
      entry.agency.name,
      entry.agency.kind,
      entry.score,
      entry.received,
      entry.trend.previousRank,
      entry.trend.previousScore,
      entry.trend.scoreChange,
      ...SCORED_INDICATORS.flatMap((indicator) => {
        const part = entry.breakdown.find((score) => score.indicator === indicator)!;
        return [part.value, part.points];
      }),
      source,
      view.snapshot?.position ?? null,
    ]),
  };
}

export const EXCEPTION_KIND_LABELS: Record<MonevExceptionKind, Label> = {
  'no-follow-up-overdue': MESSAGES.kindNoFollowUpOverdue,
  escalated: MESSAGES.kindEscalated,
  bouncing: MESSAGES.kindBouncing,
  disputed: MESSAGES.kindDisputed,
  ombudsman: MESSAGES.kindOmbudsman,
  'overdue-action-items': MESSAGES.kindOverdueActionItems,
};

/** A local date (`YYYY-MM-DD`) as a spreadsheet date. */
const localDate = (date: string): Date => new Date(`${date}T00:00:00Z`);

/**
 * The exceptions of a node's subtree in one sheet, a row per item with its kind: complaints with
 * the instant they became exceptions (in the node's zone) and their age, action-plan items with
 * their due date, progress and days overdue in the age column. Columns a kind lacks stay empty.
 */
export function exceptionsTable(view: MonevExceptionsExport, lang: ExportLanguage): ExportTable {
  const rows: CellValue[][] = view.kinds.flatMap((list) => {
    const kind = EXCEPTION_KIND_LABELS[list.kind][lang];
    if (list.kind === 'overdue-action-items') {
      return list.items.map((item) => [
        kind, item.agencyId, item.agencyName, null, item.daysOverdue, null, null, null, null,
        item.evaluationId, item.year, item.recommendationText, item.recommendationStatus,
        item.actionId, item.description, item.owner, localDate(item.dueDate), item.percent / 100,
      ]);
    }
    return list.items.map((item) => [
      kind, item.agency.id, item.agency.name, localTime(item.since, view.zone), item.ageDays,
      item.complaintId, item.trackingId, item.title, item.status,
      null, null, null, null, null, null, null, null, null,
    ]);
  });
  return {
    title: MESSAGES.exceptionsSheet,
    about: [
      { label: MESSAGES.nodeId, value: view.node.id },
      { label: MESSAGES.nodeName, value: view.node.name },
      { label: MESSAGES.zone, value: view.zone },
      { label: MESSAGES.exceptionsAsOf, value: localTime(view.asOf, view.zone) },
      // Each kind's full count beside the items listed: a reader's visibility or the export limit may list fewer.
      ...view.kinds.flatMap((list) => [
        { label: { id: `${EXCEPTION_KIND_LABELS[list.kind].id}: ${MESSAGES.exceptionCount.id}`, en: `${EXCEPTION_KIND_LABELS[list.kind].en}: ${MESSAGES.exceptionCount.en}` }, value: list.count },
        { label: { id: `${EXCEPTION_KIND_LABELS[list.kind].id}: ${MESSAGES.exceptionListed.id}`, en: `${EXCEPTION_KIND_LABELS[list.kind].en}: ${MESSAGES.exceptionListed.en}` }, value: list.items.length },
      ]),
    ],
    columns: [
      labelled('exceptionKind', 'text'),
      labelled('agencyId', 'text'),
      labelled('agencyName', 'text'),
      labelled('since', 'date'),
      labelled('ageDays', 'number'),
      labelled('complaintId', 'text'),
      labelled('trackingId', 'text'),
      labelled('complaintTitle', 'text'),
      labelled('complaintStatus', 'text'),
      labelled('evaluationId', 'text'),
      labelled('evaluationYear', 'number'),
      labelled('recommendation', 'text'),
      labelled('recommendationStatus', 'text'),
      labelled('actionId', 'text'),
      labelled('action', 'text'),
      labelled('actionOwner', 'text'),
      labelled('dueDate', 'date'),
      labelled('actionProgress', 'percent'),
    ],
    rows,
  };
}

/**
 * Evaluations with their recommendations and actions, a row per action (a recommendation without a
 * plan gets one row with the action columns empty): status, progress, due date and days overdue.
 */
export function evaluationsTable(view: EvaluationsExport, lang: ExportLanguage): ExportTable {
  const rows: CellValue[][] = view.evaluations.flatMap((evaluation) =>
    evaluation.recommendations.flatMap((recommendation) => {
      const head: CellValue[] = [
        evaluation.evaluationId, evaluation.agencyId, evaluation.agencyName, evaluation.year, evaluation.evaluatorAgencyId,
        recommendation.recommendationId, recommendation.text, recommendation.status,
      ];
      const actions = evaluation.actions.filter((action) => action.recommendationId === recommendation.recommendationId);
      if (actions.length === 0) return [[...head, null, null, null, null, null, null]];
      return actions.map((action) => [
        ...head, action.actionId, action.description, action.owner, localDate(action.dueDate), action.percent / 100, action.daysOverdue,
      ]);
    }),
  );
  return {
    title: MESSAGES.evaluationsSheet,
    about: [
      { label: MESSAGES.filterAgency, value: view.filter.agencyId ?? MESSAGES.allValues[lang] },
      { label: MESSAGES.filterYear, value: view.filter.year ?? MESSAGES.allValues[lang] },
      { label: MESSAGES.overdueAsOf, value: view.asOf },
    ],
    columns: [
      labelled('evaluationId', 'text'),
      labelled('agencyId', 'text'),
      labelled('agencyName', 'text'),
      labelled('evaluationYear', 'number'),
      labelled('evaluator', 'text'),
      labelled('recommendationId', 'text'),
      labelled('recommendation', 'text'),
      labelled('recommendationStatus', 'text'),
      labelled('actionId', 'text'),
      labelled('action', 'text'),
      labelled('actionOwner', 'text'),
      labelled('dueDate', 'date'),
      labelled('actionProgress', 'percent'),
      labelled('daysOverdue', 'number'),
    ],
    rows,
  };
}
