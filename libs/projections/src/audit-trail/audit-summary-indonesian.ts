import type {
  ArchiveReasonCode,
  CalendarBasis,
  Channel,
  Classification,
  ClarificationParty,
  CloseReasonCode,
  ComplaintEvent,
  DeadlineClock,
  EscalationReason,
  FindingsConclusion,
  IdentityAccessEvent,
  MediationOutcome,
  NormativeMarker,
  OfflineAnswerChannel,
  OrganisationTree,
  RejectReasonCode,
  SlaClass,
} from '@lacak/domain';
import { SYSTEM_NAMES } from './audit-summary';

// The closed value sets in the words of Indonesian public administration; free text stays as typed.
const CHANNELS: Record<Channel, string> = {
  web: 'melalui situs web',
  sms: 'melalui SMS',
  app: 'melalui aplikasi',
  social: 'melalui media sosial',
  letter: 'melalui surat',
  'walk-in': 'secara langsung',
  api: 'melalui API',
};
const OFFLINE_CHANNELS: Record<OfflineAnswerChannel, string> = {
  phone: 'melalui telepon',
  sms: 'melalui SMS',
  letter: 'melalui surat',
  'walk-in': 'secara langsung',
};
const CLASSIFICATIONS: Record<Classification, string> = {
  pengaduan: 'pengaduan',
  aspirasi: 'aspirasi',
  permintaan_informasi: 'permintaan informasi',
};
const SLA_CLASSES: Record<SlaClass, string> = { information: 'informasi', ordinary: 'biasa', supervisory: 'berkadar pengawasan' };
const REJECT_REASONS: Record<RejectReasonCode, string> = { out_of_scope: 'di luar lingkup', not_our_authority: 'bukan wewenang' };
const ARCHIVE_REASONS: Record<ArchiveReasonCode, string> = {
  wrong_format: 'format tidak sesuai',
  too_general: 'terlalu umum',
  not_relevant: 'tidak relevan',
  unanswered_clarification: 'klarifikasi tidak dijawab',
};
const PARTIES: Record<ClarificationParty, string> = { reporter: 'pelapor', respondent: 'terlapor', agency: 'instansi' };
const MEDIATION_OUTCOMES: Record<MediationOutcome, string> = {
  agreement: 'tercapai kesepakatan',
  no_agreement: 'tidak tercapai kesepakatan',
  withdrawn: 'pengaduan dicabut',
};
const CONCLUSIONS: Record<FindingsConclusion, string> = {
  irregularity_found: 'ditemukan penyimpangan',
  no_irregularity: 'tidak ditemukan penyimpangan',
};
const CLOSE_REASONS: Record<CloseReasonCode, string> = {
  accepted_by_reporter: 'diterima pelapor',
  closed_by_admin: 'oleh admin',
  no_reply: 'pelapor tidak menanggapi',
};
const NORMATIVE_MARKERS: Record<NormativeMarker, string> = { verifier: 'verifikator', reporter: 'pelapor' };
const CLOCKS: Record<DeadlineClock, string> = {
  verification: 'verifikasi',
  followUp: 'tindak lanjut',
  resolution: 'penyelesaian',
  clarification: 'klarifikasi',
};
const ESCALATION_REASONS: Record<EscalationReason, string> = { deadline: 'tenggat terlewati', bouncing: 'disposisi bolak-balik' };

/** Which calendar a missed due date was counted on, as `summarise` says it in English. */
function calendarsUsed(calendars: CalendarBasis[] | undefined): string {
  if (!calendars?.length) return '';
  const basis = ({ year, source, version }: CalendarBasis) =>
    source === 'published' ? `${year} v${version}` : source === 'holiday-file' ? `${year} dari berkas hari libur` : `${year} belum terverifikasi`;
  return ` (kalender ${calendars.map(basis).join(', ')})`;
}

const flagsOf = (d: { confidential: boolean; anonymous: boolean }): string => {
  const flags = [d.confidential && 'rahasia', d.anonymous && 'anonim'].filter(Boolean);
  return flags.length ? ` (${flags.join(', ')})` : '';
};

/** The facts of `summarise`, in Bahasa Indonesia. Built only from event data, never reporter identity. */
export function summariseInIndonesian(event: ComplaintEvent, tree: OrganisationTree): string {
  const agency = (id: string | null) => (id ? (tree.get(id)?.name ?? id) : tree.root.name);
  switch (event.type) {
    case 'ComplaintSubmitted': {
      const d = event.data;
      const target = d.targetAgencyId ? ` kepada ${agency(d.targetAgencyId)}` : '';
      return `Pengaduan ${d.trackingId} disampaikan ${CHANNELS[d.channel]}${target}${flagsOf(d)}`;
    }
    case 'ComplaintVerified': {
      const d = event.data;
      return `Diverifikasi sebagai ${CLASSIFICATIONS[d.classification]}, kategori ${d.category}, kelas SLA ${SLA_CLASSES[d.slaClass]}${flagsOf(d)}`;
    }
    case 'ComplaintRejected':
      return `Ditolak (${REJECT_REASONS[event.data.reasonCode]}): ${event.data.reason}`;
    case 'DispositionReturned':
      return `Disposisi dikembalikan oleh ${agency(event.data.agencyId)} (${REJECT_REASONS[event.data.reasonCode]}): ${event.data.reason}`;
    case 'ComplaintArchived':
      return `Diarsipkan sebagai tidak valid (${ARCHIVE_REASONS[event.data.reasonCode]}): ${event.data.reason}`;
    case 'ComplaintDisposed':
      return event.data.previousAgencyId
        ? `Didisposisikan ulang dari ${agency(event.data.previousAgencyId)} ke ${agency(event.data.agencyId)}`
        : `Didisposisikan ke ${agency(event.data.agencyId)}`;
    case 'DispositionAccepted':
      return `Disposisi diterima oleh ${agency(event.data.agencyId)}`;
    case 'ClarificationRequested': {
      const party = event.data.party === 'agency' ? agency(event.data.partyAgencyId) : PARTIES[event.data.party];
      return `Klarifikasi diminta kepada ${party}`;
    }
    case 'ClarificationAnswered':
      return `Klarifikasi dijawab oleh ${PARTIES[event.data.party]}`;
    case 'ClarificationAnswerRecordedOnBehalf':
      return `Jawaban klarifikasi pelapor ${OFFLINE_CHANNELS[event.data.channel]} dicatat atas namanya oleh ${agency(event.data.agencyId)}`;
    case 'MediationStarted':
      return `Mediasi dimulai oleh ${agency(event.data.agencyId)}`;
    case 'MediationOutcomeRecorded':
      return `Mediasi berakhir: ${MEDIATION_OUTCOMES[event.data.outcome]}`;
    case 'InvestigationOpened':
      return `Pemeriksaan dibuka oleh ${agency(event.data.agencyId)}`;
    case 'FindingsRecorded':
      return `Hasil pemeriksaan dicatat: ${CONCLUSIONS[event.data.conclusion]}`;
    case 'ComplaintResponded':
      return `Tindak lanjut diberikan oleh ${agency(event.data.agencyId)}`;
    case 'ComplaintClosed':
      return `Ditutup (${CLOSE_REASONS[event.data.reasonCode]})`;
    case 'FollowUpDisputed':
      return `Tindak lanjut disanggah oleh pelapor: ${event.data.reason}`;
    case 'FollowUpMarkedNormative': {
      const { markedBy, agencyId, followUpAt, reason } = event.data;
      return `Tindak lanjut ${agency(agencyId)} yang diberikan ${followUpAt} ditandai normatif oleh ${NORMATIVE_MARKERS[markedBy]}: ${reason}`;
    }
    case 'ComplaintRated':
      return `Dinilai ${event.data.rating} dari 5 oleh pelapor`;
    case 'ComplaintReopened':
      return `Dibuka kembali dan dikembalikan ke ${agency(event.data.agencyId)}: ${event.data.reason}`;
    case 'ClarificationExpired':
      return `Klarifikasi kepada pelapor kedaluwarsa tanpa jawaban (jatuh tempo ${event.data.dueAt})`;
    case 'DeadlineMissed':
      return `Tenggat ${CLOCKS[event.data.clock]} terlewati, jatuh tempo ${event.data.dueAt}${calendarsUsed(event.data.calendars)}`;
    case 'EscalatedToParent':
      return `Dieskalasi dari ${agency(event.data.fromAgencyId)} ke ${agency(event.data.toAgencyId)} (${ESCALATION_REASONS[event.data.reason]})`;
    case 'ReferredToOmbudsman':
      return `Dirujuk ke Ombudsman: ${event.data.reason}`;
    case 'AutoCloseAnnounced':
      return `Pelapor diberi tahu bahwa laporan ditutup otomatis pada ${event.data.dueAt} tanpa tanggapan`;
    case 'ComplaintMarkedDuplicate':
      return `Ditandai sebagai duplikat dari pengaduan ${event.data.originalComplaintId}`;
    case 'LeadershipReviewRecorded':
      return `Tinjauan pimpinan dicatat oleh ${agency(event.data.agencyId)}${event.data.clusterId ? ` (klaster ${event.data.clusterId})` : ''}`;
    case 'PolicyImprovementLinked':
      return `Perbaikan kebijakan ditautkan: ${event.data.policyTitle}, berlaku mulai ${event.data.effectiveDate}`;
    case 'ExternalReferenceRecorded':
      return `Diteruskan ke ${SYSTEM_NAMES[event.data.system]} untuk ${agency(event.data.agencyId)} sebagai pengaduan ${event.data.externalId}`;
    case 'ExternalStatusObserved': {
      const d = event.data;
      const mapped = d.mappedStatus ? `, di sini ${d.mappedStatus} (pemetaan ${d.mappingVersion})` : '';
      return `${SYSTEM_NAMES[d.system]} mencatat pengaduan ${d.externalId} berstatus ${d.statusName}${mapped}, dengan ${d.followUpCount} tindak lanjut`;
    }
    case 'AttachmentAdded': {
      const { addedBy, mediaType, size, identifying } = event.data;
      return `Lampiran ditambahkan oleh ${addedBy === 'reporter' ? 'pelapor' : 'petugas'}: ${mediaType}, ${size} bita${identifying ? ', ditandai mengungkap identitas' : ''}`;
    }
    case 'IdentifyingAttachmentsErased':
      return `${event.data.attachmentIds.length} lampiran yang mengungkap identitas dihapus bersama identitas pelapor: ${event.data.reason}`;
    default: {
      const unknown: never = event;
      return String(unknown);
    }
  }
}

/** The facts of `summariseIdentityAccess`, in Bahasa Indonesia; never the identity. */
export function summariseIdentityAccessInIndonesian(event: IdentityAccessEvent): string {
  switch (event.type) {
    case 'ReporterIdentityRead':
      return `Identitas pelapor dibaca: ${event.data.reason}`;
    case 'ReporterIdentityReadRefused':
      return `Pembacaan identitas pelapor ditolak (${event.data.refusal}): ${event.data.reason}`;
    case 'ReporterIdentityErased':
      return `Identitas pelapor dihapus: ${event.data.reason}`;
    default: {
      const unknown: never = event;
      return String(unknown);
    }
  }
}
