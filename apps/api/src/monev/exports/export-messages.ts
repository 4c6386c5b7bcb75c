/**
 * Every label of the monev exports (spreadsheets and the period report), in Bahasa Indonesia, the
 * default, and in English. One catalogue, so a file and its report never name a figure differently.
 */
export const EXPORT_LANGUAGES = ['id', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** A label in both languages. */
export type Label = Record<ExportLanguage, string>;

const label = (id: string, en: string): Label => ({ id, en });

export const MESSAGES = {
  // What the figures are.
  node: label('Simpul', 'Node'),
  nodeId: label('Kode simpul', 'Node id'),
  nodeName: label('Nama simpul', 'Node name'),
  period: label('Periode', 'Period'),
  zone: label('Zona waktu', 'Time zone'),
  periodStart: label('Awal periode (waktu setempat)', 'Period start (local time)'),
  periodEnd: label('Akhir periode, tidak termasuk (waktu setempat)', 'Period end, exclusive (local time)'),
  asOf: label('Umur tunggakan dihitung sampai (waktu setempat)', 'Backlog ageing counted to (local time)'),
  source: label('Sumber angka', 'Source of the figures'),
  sourceLive: label('langsung (angka sementara)', 'live (provisional figures)'),
  sourceSnapshot: label('snapshot periode yang ditutup', 'snapshot of the closed period'),
  logPosition: label('Posisi log snapshot', 'Snapshot log position'),
  closedAt: label('Periode ditutup pada', 'Period closed at'),
  scoringPolicy: label('Versi formula penilaian', 'Scoring formula version'),
  generatedAt: label('Dibuat pada', 'Generated at'),
  provisional: label(
    'Angka sementara: periode ini belum ditutup, angkanya masih dapat berubah.',
    'Provisional figures: this period is not closed, so its figures may still change.',
  ),
  fromSnapshot: label(
    'Angka dari snapshot periode yang ditutup, dihitung pada posisi log',
    'Figures from the closed period’s snapshot, computed at log position',
  ),
  restated: label(
    'Peristiwa yang dicatat setelah penutupan mengubah angka ini; angka yang diterbitkan tetap, koreksinya ada di baris "dinyatakan ulang".',
    'Events recorded after the closing changed these figures; the published ones stay, the restatement is in the "restated" rows.',
  ),
  about: label('Keterangan', 'About'),
  item: label('Keterangan', 'Item'),
  value: label('Nilai', 'Value'),

  // Indicators.
  indicatorsSheet: label('Indikator', 'Indicators'),
  scope: label('Cakupan', 'Scope'),
  scopeOwn: label('sendiri', 'own'),
  scopeSubtree: label('seluruh jenjang di bawahnya', 'whole subtree'),
  scopeOwnRestated: label('sendiri (dinyatakan ulang)', 'own (restated)'),
  scopeSubtreeRestated: label('seluruh jenjang (dinyatakan ulang)', 'whole subtree (restated)'),
  received: label('Pengaduan diterima', 'Complaints received'),
  verified: label('Diverifikasi', 'Verified'),
  verifiedWithinSlaRate: label('Diverifikasi tepat waktu', 'Verified within SLA'),
  disposed: label('Didisposisikan', 'Disposed'),
  disposedWithinSlaRate: label('Didisposisikan tepat waktu', 'Disposed within SLA'),
  followUpRate: label('Tingkat tindak lanjut', 'Follow-up rate'),
  completionRate: label('Tingkat penyelesaian', 'Completion rate'),
  followedUp: label('Tindak lanjut pertama', 'First follow-ups'),
  followedUpWithinSlaRate: label('Tindak lanjut tepat waktu', 'Follow-ups within SLA'),
  medianDays: label('Median hari kerja sampai tindak lanjut', 'Median working days to follow-up'),
  p90Days: label('Persentil 90 hari kerja sampai tindak lanjut', '90th percentile working days to follow-up'),
  slaResponded: label('Ditanggapi, kelas', 'Responded, class'),
  slaWithinSla: label('Tepat waktu, kelas', 'Within SLA, class'),
  slaRate: label('Kepatuhan SLA, kelas', 'SLA compliance, class'),
  backlogOpen: label('Tunggakan terbuka', 'Open backlog'),
  backlogAgeing: label('Tunggakan berumur (hari)', 'Backlog aged (days)'),
  bounceRate: label('Tingkat pengembalian', 'Bounce rate'),
  disputes: label('Sanggahan', 'Disputes'),
  disputeRate: label('Tingkat sanggahan', 'Dispute rate'),
  normativeAnswers: label('Jawaban normatif', 'Normative answers'),
  normativeRate: label('Tingkat jawaban normatif', 'Normative answer rate'),
  ratingAverage: label('Rata-rata penilaian pelapor', 'Average reporter rating'),
  ratingCount: label('Jumlah penilaian', 'Ratings'),
  leadershipReviews: label('Telaah pimpinan', 'Leadership reviews'),
  policyImprovements: label('Perbaikan kebijakan', 'Policy improvements'),
  escalations: label('Eskalasi', 'Escalations'),
  ombudsmanReferrals: label('Rujukan ke Ombudsman', 'Ombudsman referrals'),
  duplicates: label('Duplikat', 'Duplicates'),

  // Rankings.
  rankingSheet: label('Peringkat', 'Ranking'),
  parent: label('Koordinator', 'Coordinator'),
  previousPeriod: label('Periode sebelumnya', 'Previous period'),
  rank: label('Peringkat', 'Rank'),
  agencyId: label('Kode instansi', 'Agency id'),
  agencyName: label('Nama instansi', 'Agency name'),
  agencyKind: label('Jenis', 'Kind'),
  score: label('Skor', 'Score'),
  previousRank: label('Peringkat sebelumnya', 'Previous rank'),
  previousScore: label('Skor sebelumnya', 'Previous score'),
  scoreChange: label('Perubahan skor', 'Score change'),
  indicatorValue: label('nilai', 'value'),
  indicatorPoints: label('poin', 'points'),
  resolutionWithinSlaRate: label('Penyelesaian tepat waktu', 'Resolution within SLA'),
  rating: label('Penilaian pelapor', 'Reporter rating'),
  leadershipInvolvement: label('Keterlibatan pimpinan', 'Leadership involvement'),
  policyImprovement: label('Perbaikan kebijakan', 'Policy improvement'),

  // Exceptions a coordinator acts on.
  exceptionsSheet: label('Pengecualian', 'Exceptions'),
  exceptionsAsOf: label('Umur dihitung sampai (waktu setempat)', 'Ages counted to (local time)'),
  exceptionKind: label('Jenis pengecualian', 'Exception kind'),
  exceptionCount: label('Jumlah', 'Count'),
  exceptionListed: label('tercantum', 'listed'),
  kindNoFollowUpOverdue: label('Tanpa tindak lanjut melewati tenggat', 'No follow-up past the deadline'),
  kindEscalated: label('Dieskalasi', 'Escalated'),
  kindBouncing: label('Dikembalikan (bukan kewenangan)', 'Bouncing (not the agency’s authority)'),
  kindDisputed: label('Tindak lanjut disanggah', 'Follow-up disputed'),
  kindOmbudsman: label('Dirujuk ke Ombudsman', 'Referred to the Ombudsman'),
  kindOverdueActionItems: label('Rencana aksi melewati tenggat', 'Overdue action-plan items'),
  since: label('Sejak (waktu setempat)', 'Since (local time)'),
  ageDays: label('Umur (hari)', 'Age (days)'),
  complaintId: label('ID pengaduan', 'Complaint id'),
  trackingId: label('Nomor pelacakan', 'Tracking number'),
  complaintTitle: label('Judul pengaduan', 'Complaint title'),
  complaintStatus: label('Status pengaduan', 'Complaint status'),
  evaluationId: label('ID evaluasi', 'Evaluation id'),
  evaluationYear: label('Tahun evaluasi', 'Evaluation year'),
  recommendation: label('Rekomendasi', 'Recommendation'),
  recommendationStatus: label('Status rekomendasi', 'Recommendation status'),
  actionId: label('ID aksi', 'Action id'),
  action: label('Aksi', 'Action'),
  actionOwner: label('Penanggung jawab', 'Owner'),
  dueDate: label('Tenggat', 'Due date'),
  actionProgress: label('Kemajuan', 'Progress'),

  // Evaluations, recommendations and action plans.
  evaluationsSheet: label('Evaluasi', 'Evaluations'),
  filterAgency: label('Instansi (beserta jenjang di bawahnya)', 'Agency (and every agency below it)'),
  filterYear: label('Tahun', 'Year'),
  allValues: label('semua', 'all'),
  evaluator: label('Evaluator', 'Evaluator'),
  recommendationId: label('No. rekomendasi', 'Recommendation no.'),
  daysOverdue: label('Hari lewat tenggat', 'Days overdue'),
  overdueAsOf: label('Lewat tenggat dihitung pada tanggal setempat instansi, saat', 'Overdue counted on each agency’s local date, at'),

  // The period report.
  reportTitle: label('Laporan Monitoring dan Evaluasi Pengelolaan Pengaduan', 'Complaint Handling Monitoring and Evaluation Report'),
  keyIndicators: label('Indikator utama', 'Key indicators'),
  indicator: label('Indikator', 'Indicator'),
  own: label('Sendiri', 'Own'),
  subtree: label('Seluruh jenjang', 'Whole subtree'),
  rankingOfChildren: label('Peringkat instansi di bawahnya', 'Ranking of the agencies below'),
  noChildren: label('Simpul ini tidak memiliki instansi di bawahnya untuk diperingkat.', 'This node has no agencies below it to rank.'),
  notScored: label('tanpa data', 'no data'),
  chartScores: label('Skor per instansi (0–100)', 'Score per agency (0–100)'),
  chartFollowUp: label('Tingkat tindak lanjut per instansi', 'Follow-up rate per agency'),
  chartKeyRates: label('Tingkat utama, seluruh jenjang', 'Key rates, whole subtree'),
  formulaNote: label(
    'Skor menurut formula penilaian yang diterbitkan; indikator tanpa data tidak ikut dirata-rata.',
    'Scores by the published scoring formula; an indicator without data leaves the mean.',
  ),
} as const satisfies Record<string, Label>;

export type MessageKey = keyof typeof MESSAGES;

export const t = (key: MessageKey, lang: ExportLanguage): string => MESSAGES[key][lang];
