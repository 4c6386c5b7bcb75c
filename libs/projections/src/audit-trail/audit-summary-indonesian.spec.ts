import { COMPLAINT_EVENT_TYPES, type ComplaintEvent, type IdentityAccessEvent } from '@lacak/domain';
import { AGENCY, AT, events, OTHER_AGENCY, testOrganisation } from '@lacak/domain/testing';
import { summariseIdentityAccessInIndonesian, summariseInIndonesian } from './audit-summary-indonesian';

const cases: [string, ComplaintEvent, string][] = [
  ['a plain submission', events.submitted(), 'Pengaduan LPR-2025-000001 disampaikan melalui situs web'],
  [
    'a confidential, anonymous walk-in submission to an agency',
    events.submitted({ channel: 'walk-in', targetAgencyId: AGENCY, confidential: true, anonymous: true }),
    'Pengaduan LPR-2025-000001 disampaikan secara langsung kepada Dinas X (rahasia, anonim)',
  ],
  [
    'a verification',
    events.verified({ category: 'kesehatan', confidential: true }),
    'Diverifikasi sebagai pengaduan, kategori kesehatan, kelas SLA biasa (rahasia)',
  ],
  [
    'a verification as an information request',
    events.verified({ classification: 'permintaan_informasi', slaClass: 'information' }),
    'Diverifikasi sebagai permintaan informasi, kategori infrastruktur, kelas SLA informasi',
  ],
  ['a rejection', events.rejected(), 'Ditolak (di luar lingkup): Perkara pidana, bukan pelayanan publik.'],
  ['a return', events.returned(), 'Disposisi dikembalikan oleh Dinas X (bukan wewenang): Jalan nasional, bukan wewenang dinas.'],
  ['an archiving', events.archived(), 'Diarsipkan sebagai tidak valid (terlalu umum): Isi laporan terlalu umum.'],
  ['a disposition', events.disposed(), 'Didisposisikan ke Dinas X'],
  ['a re-disposition', events.disposed({ agencyId: OTHER_AGENCY, previousAgencyId: AGENCY }), 'Didisposisikan ulang dari Dinas X ke Dinas Y'],
  ['an accepted disposition', events.accepted(), 'Disposisi diterima oleh Dinas X'],
  ['a clarification asked of the reporter', events.clarificationRequested(), 'Klarifikasi diminta kepada pelapor'],
  ['a clarification asked of the respondent', events.clarificationRequested({ party: 'respondent' }), 'Klarifikasi diminta kepada terlapor'],
  [
    'a clarification asked of an agency',
    events.clarificationRequested({ party: 'agency', partyAgencyId: OTHER_AGENCY }),
    'Klarifikasi diminta kepada Dinas Y',
  ],
  ['a clarification answered', events.clarificationAnswered(), 'Klarifikasi dijawab oleh pelapor'],
  [
    'an answer recorded on the reporter’s behalf',
    events.answerRecordedOnBehalf(),
    'Jawaban klarifikasi pelapor melalui telepon dicatat atas namanya oleh Dinas X',
  ],
  ['a mediation started', events.mediationStarted(), 'Mediasi dimulai oleh Dinas X'],
  ['a mediation ended in agreement', events.mediationOutcomeRecorded(), 'Mediasi berakhir: tercapai kesepakatan'],
  ['a mediation withdrawn', events.mediationOutcomeRecorded({ outcome: 'withdrawn' }), 'Mediasi berakhir: pengaduan dicabut'],
  ['an investigation opened', events.investigationOpened(), 'Pemeriksaan dibuka oleh Dinas X'],
  ['findings', events.findingsRecorded(), 'Hasil pemeriksaan dicatat: ditemukan penyimpangan'],
  ['findings of no irregularity', events.findingsRecorded({ conclusion: 'no_irregularity' }), 'Hasil pemeriksaan dicatat: tidak ditemukan penyimpangan'],
  ['a follow-up', events.responded(), 'Tindak lanjut diberikan oleh Dinas X'],
  [
    'a follow-up by an agency missing from the tree',
    events.responded({ agencyId: 'dissolved-agency' }),
    'Tindak lanjut diberikan oleh dissolved-agency',
  ],
  ['a closure the reporter accepted', events.closed(), 'Ditutup (diterima pelapor)'],
  ['a closure by an admin', events.closed({ reasonCode: 'closed_by_admin' }), 'Ditutup (oleh admin)'],
  ['a dispute', events.disputed(), 'Tindak lanjut disanggah oleh pelapor: Lubang hanya ditambal pasir, belum diaspal.'],
  [
    'a follow-up a verifier marked normative',
    events.followUpMarkedNormative(),
    'Tindak lanjut Dinas X yang diberikan 2025-03-03T02:00:00.000Z ditandai normatif oleh verifikator: Hanya berjanji akan ditindaklanjuti, tanpa langkah nyata.',
  ],
  ['a rating', events.rated(), 'Dinilai 4 dari 5 oleh pelapor'],
  ['a reopening', events.reopened(), 'Dibuka kembali dan dikembalikan ke Dinas X: Lubang muncul lagi seminggu setelah ditutup.'],
  [
    'an expired clarification',
    events.clarificationExpired(),
    'Klarifikasi kepada pelapor kedaluwarsa tanpa jawaban (jatuh tempo 2025-02-28T02:00:00.000Z)',
  ],
  [
    'a missed follow-up deadline counted on a published calendar and an unverified one',
    events.deadlineMissed({
      calendars: [
        { year: 2026, source: 'published', version: 1 },
        { year: 2027, source: 'date-holidays', version: null },
      ],
    }),
    'Tenggat tindak lanjut terlewati, jatuh tempo 2025-02-28T02:00:00.000Z (kalender 2026 v1, 2027 belum terverifikasi)',
  ],
  [
    'a missed verification deadline counted on the holiday file',
    events.deadlineMissed({ clock: 'verification' }),
    'Tenggat verifikasi terlewati, jatuh tempo 2025-02-28T02:00:00.000Z (kalender 2025 dari berkas hari libur)',
  ],
  [
    'a missed deadline recorded before calendars were kept',
    events.deadlineMissed({ clock: 'resolution', calendars: undefined }),
    'Tenggat penyelesaian terlewati, jatuh tempo 2025-02-28T02:00:00.000Z',
  ],
  ['an escalation on a deadline', events.escalated(), 'Dieskalasi dari Dinas X ke Province P (tenggat terlewati)'],
  ['an escalation for bouncing', events.escalated({ reason: 'bouncing' }), 'Dieskalasi dari Dinas X ke Province P (disposisi bolak-balik)'],
  ['a referral to the Ombudsman', events.referredToOmbudsman(), 'Dirujuk ke Ombudsman: Belum selesai setelah 60 hari.'],
  ['a notice of the coming closure', events.autoCloseAnnounced(), 'Pelapor diberi tahu bahwa laporan ditutup otomatis pada 2025-03-17T16:59:59.999Z tanpa tanggapan'],
  ['a duplicate', events.markedDuplicate(), 'Ditandai sebagai duplikat dari pengaduan complaint-0'],
  ['a leadership review', events.leadershipReviewRecorded(), 'Tinjauan pimpinan dicatat oleh Dinas X (klaster cluster-jalan-2025)'],
  ['a national leadership review', events.leadershipReviewRecorded({ agencyId: null, clusterId: null }), 'Tinjauan pimpinan dicatat oleh National'],
  [
    'a policy improvement',
    events.policyImprovementLinked(),
    'Perbaikan kebijakan ditautkan: SOP pemeliharaan jalan sekolah, berlaku mulai 2025-04-01',
  ],
  [
    'a push to SP4N-LAPOR!',
    { type: 'ExternalReferenceRecorded', data: { complaintId: 'complaint-1', system: 'sp4n-lapor', externalId: '5010653', agencyId: AGENCY, at: AT } },
    'Diteruskan ke SP4N-LAPOR! untuk Dinas X sebagai pengaduan 5010653',
  ],
  [
    'a status observed in SP4N-LAPOR!',
    {
      type: 'ExternalStatusObserved',
      data: {
        complaintId: 'complaint-1',
        system: 'sp4n-lapor',
        externalId: '5010653',
        statusCode: '2',
        statusName: 'Dalam Proses',
        mappedStatus: 'IN_PROGRESS',
        mappingVersion: 'sp4n-lapor-v3/1',
        followUpCount: 1,
        latestFollowUpAt: AT,
        at: AT,
      },
    },
    'SP4N-LAPOR! mencatat pengaduan 5010653 berstatus Dalam Proses, di sini IN_PROGRESS (pemetaan sp4n-lapor-v3/1), dengan 1 tindak lanjut',
  ],
  [
    'a status observed in SP4N-LAPOR! with no counterpart here',
    {
      type: 'ExternalStatusObserved',
      data: {
        complaintId: 'complaint-1',
        system: 'sp4n-lapor',
        externalId: '5010653',
        statusCode: null,
        statusName: 'Tunda',
        mappedStatus: null,
        mappingVersion: 'sp4n-lapor-v3/1',
        followUpCount: 0,
        latestFollowUpAt: null,
        at: AT,
      },
    },
    'SP4N-LAPOR! mencatat pengaduan 5010653 berstatus Tunda, dengan 0 tindak lanjut',
  ],
  ['an attachment', events.attachmentAdded(), 'Lampiran ditambahkan oleh pelapor: image/jpeg, 2048 bita'],
  [
    'an identifying attachment, whose name is left out',
    events.attachmentAdded({ identifying: true, fileName: 'KTP Siti.pdf', mediaType: 'application/pdf' }),
    'Lampiran ditambahkan oleh pelapor: application/pdf, 2048 bita, ditandai mengungkap identitas',
  ],
  [
    'the erasure of identifying attachments',
    events.identifyingAttachmentsErased(),
    '1 lampiran yang mengungkap identitas dihapus bersama identitas pelapor: Permintaan penghapusan data pelapor',
  ],
];

describe('The audit summary in Bahasa Indonesia', () => {
  it.each(cases)('says %s in one line', (_case, event, summary) => {
    expect(summariseInIndonesian(event, testOrganisation)).toBe(summary);
  });

  it('has a case for every complaint event type', () => {
    expect(new Set(cases.map(([, event]) => event.type))).toEqual(new Set(COMPLAINT_EVENT_TYPES));
  });

  it.each<[string, IdentityAccessEvent, string]>([
    [
      'a read of the reporter identity',
      { type: 'ReporterIdentityRead', data: { complaintId: 'complaint-1', reason: 'Konfirmasi alamat untuk mediasi', at: '2025-03-03T02:00:00.000Z' } },
      'Identitas pelapor dibaca: Konfirmasi alamat untuk mediasi',
    ],
    [
      'a refused read',
      {
        type: 'ReporterIdentityReadRefused',
        data: { complaintId: 'complaint-1', reason: 'Cek data pelapor', at: '2025-03-03T02:00:00.000Z', refusal: 'IDENTITY_SEALED' },
      },
      'Pembacaan identitas pelapor ditolak (IDENTITY_SEALED): Cek data pelapor',
    ],
    [
      'an erasure',
      { type: 'ReporterIdentityErased', data: { complaintId: 'complaint-1', reason: 'Permintaan pelapor', at: '2025-03-03T02:00:00.000Z' } },
      'Identitas pelapor dihapus: Permintaan pelapor',
    ],
  ])('says %s with the reason given, never the identity', (_case, event, summary) => {
    expect(summariseIdentityAccessInIndonesian(event)).toBe(summary);
  });
});
