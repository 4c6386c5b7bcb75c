import { type ComplaintStatus, type OrganisationTree, TERMINAL_STATUSES } from '@lacak/domain';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import type { Filter, ReadStore } from '@lacak/read-store';
import { PUBLIC_FILTER } from './complaint-filters';
import { PUBLIC_STATUS } from './public-status';

/**
 * Open311 GeoReport v2 as a facade over the complaints: a service is a category, a jurisdiction an
 * organisation node, a service request a complaint named by its tracking id. Reads show only what
 * the public list shows (`PUBLIC_FILTER`): a rahasia complaint, an unverified report or one rejected,
 * archived or marked duplicate is never listed, and no identity ever is.
 */

/** `realtime`: the request id comes back at once; `blackbox`: the request is never shown back (rahasia). */
export type Open311ServiceType = 'realtime' | 'blackbox';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: Open311ServiceType;
  keywords: string;
  group: string;
}

const service = (code: string, name: string, description: string, group: string, keywords: string, type: Open311ServiceType = 'realtime'): Open311Service => ({
  service_code: code,
  service_name: name,
  description,
  metadata: false,
  type,
  keywords,
  group,
});

/**
 * The categories a client application offers, each the `category` of the complaints it files. A
 * blackbox service files its complaints as rahasia: they never appear in a public list, Open311's
 * included, so nothing about them comes back.
 */
export const OPEN311_SERVICES: readonly Open311Service[] = [
  service('kesehatan', 'Kesehatan', 'Layanan puskesmas, rumah sakit, dan jaminan kesehatan', 'Layanan dasar', 'puskesmas,rumah sakit,bpjs,obat'),
  service('pendidikan', 'Pendidikan', 'Sekolah, guru, dan bantuan pendidikan', 'Layanan dasar', 'sekolah,guru,kip,ppdb'),
  service('kependudukan', 'Administrasi kependudukan', 'KTP, kartu keluarga, akta, dan surat pindah', 'Layanan administrasi', 'ktp,kk,akta,dukcapil'),
  service('perizinan', 'Perizinan', 'Izin usaha, bangunan, dan pertanahan', 'Layanan administrasi', 'izin,pbg,sertifikat,oss'),
  service('infrastruktur', 'Infrastruktur', 'Jalan, jembatan, drainase, dan penerangan jalan', 'Lingkungan dan prasarana', 'jalan rusak,jembatan,drainase,lampu jalan'),
  service('lingkungan', 'Lingkungan hidup', 'Sampah, pencemaran, dan banjir', 'Lingkungan dan prasarana', 'sampah,pencemaran,banjir,limbah'),
  service('transportasi', 'Transportasi', 'Angkutan umum, terminal, dan lalu lintas', 'Lingkungan dan prasarana', 'angkot,terminal,parkir,lalu lintas'),
  service('sosial', 'Bantuan sosial', 'Bansos, PKH, dan data kesejahteraan sosial', 'Layanan dasar', 'bansos,pkh,dtks,sembako'),
  service(
    'pungli',
    'Pungutan liar dan penyalahgunaan wewenang',
    'Dilaporkan secara rahasia: laporan tidak pernah tampil di daftar publik',
    'Pengawasan',
    'pungli,suap,gratifikasi,korupsi',
    'blackbox',
  ),
];

export const open311Service = (code: string): Open311Service | undefined => OPEN311_SERVICES.find((s) => s.service_code === code);

/** Open311 knows two states: a complaint at one of the domain's ends is closed, any other is open. */
export const OPEN311_STATUS: { readonly [status in ComplaintStatus]: 'open' | 'closed' } = Object.fromEntries(
  Object.keys(PUBLIC_STATUS).map((status) => [status, TERMINAL_STATUSES.includes(status as ComplaintStatus) ? 'closed' : 'open']),
) as { [status in ComplaintStatus]: 'open' | 'closed' };

const COORDINATES = /\((-?\d{1,3}(?:\.\d+)?), (-?\d{1,3}(?:\.\d+)?)\)$/;

/** A complaint's location from Open311's: the address as given, then the coordinates in brackets. */
export function open311Location(place: { address?: string; lat?: number; long?: number }): string | undefined {
  const coordinates = place.lat !== undefined && place.long !== undefined ? `(${place.lat}, ${place.long})` : undefined;
  const parts = [place.address, coordinates].filter((part): part is string => part !== undefined && part !== '');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Open311's address and coordinates back from a complaint's location. */
function placeOf(location: string | null): { address: string | null; lat: number | null; long: number | null } {
  if (location === null) return { address: null, lat: null, long: null };
  const coordinates = COORDINATES.exec(location);
  if (!coordinates) return { address: location, lat: null, long: null };
  const address = location.slice(0, coordinates.index).trim();
  return { address: address === '' ? null : address, lat: Number(coordinates[1]), long: Number(coordinates[2]) };
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
}

export interface Open311RequestFilter {
  /** An organisation node: only the complaints held in its subtree. */
  jurisdictionId?: string;
  /** Tracking ids; when given, every other filter is ignored, as the specification says. */
  serviceRequestIds?: string[];
  serviceCodes?: string[];
  /** Instants (ISO 8601), the window already bounded by the caller. */
  start: string;
  end: string;
  statuses?: ('open' | 'closed')[];
  page: number;
  pageSize: number;
}

/** The longest window a list may ask for, as the specification bounds it. */
export const OPEN311_MAX_WINDOW_DAYS = 90;

/** The service requests anyone may read: the public complaints, newest first, as Open311 names their fields. */
export class ListOpen311Requests {
  constructor(
    private readonly readStore: ReadStore,
    private readonly tree: OrganisationTree,
  ) {}

  async run(filter: Open311RequestFilter): Promise<Open311Request[]> {
    const documents = await this.readStore
      .collection<ComplaintDocument>(COMPLAINTS_COLLECTION)
      .find(this.filterOf(filter), { sort: { submittedAt: -1, _id: -1 }, skip: (filter.page - 1) * filter.pageSize, limit: filter.pageSize });
    return documents.map((complaint) => this.requestOf(complaint));
  }

  /**
   * One service request by its tracking id, within the jurisdiction when one is named; null when the
   * public may not see it (or it is held elsewhere), exactly as when there is none.
   */
  async find(serviceRequestId: string, jurisdictionId?: string): Promise<Open311Request | null> {
    const complaint = await this.readStore
      .collection<ComplaintDocument>(COMPLAINTS_COLLECTION)
      .findOne({ $and: [PUBLIC_FILTER, this.heldWithin(jurisdictionId), { trackingId: serviceRequestId.toUpperCase() }] });
    return complaint ? this.requestOf(complaint) : null;
  }

  private filterOf(filter: Open311RequestFilter): Filter {
    // The jurisdiction names the endpoint's scope, not a search filter: it holds with service_request_id too.
    const scope = this.heldWithin(filter.jurisdictionId);
    if (filter.serviceRequestIds?.length) return { $and: [PUBLIC_FILTER, scope, { trackingId: { $in: filter.serviceRequestIds.map((id) => id.toUpperCase()) } }] };
    const conditions: Filter[] = [PUBLIC_FILTER, scope, { submittedAt: { $gte: filter.start, $lte: filter.end } }];
    if (filter.serviceCodes?.length) conditions.push({ category: { $in: filter.serviceCodes } });
    const statuses = new Set(filter.statuses ?? []);
    if (statuses.size === 1) {
      conditions.push({ status: statuses.has('closed') ? { $in: [...TERMINAL_STATUSES] } : { $nin: [...TERMINAL_STATUSES] } });
    }
    return { $and: conditions };
  }

  /** The complaints held in a jurisdiction's subtree; every complaint when none (or the root) is named. */
  private heldWithin(jurisdictionId: string | undefined): Filter {
    if (jurisdictionId === undefined || jurisdictionId === this.tree.root.id) return {};
    return { currentAgencyId: { $in: this.tree.subtreeIds(jurisdictionId) } };
  }

  private requestOf(complaint: ComplaintDocument): Open311Request {
    const known = complaint.category === null ? undefined : open311Service(complaint.category);
    const running = complaint.deadlines?.resolution ?? complaint.deadlines?.followUp;
    return {
      service_request_id: complaint.trackingId,
      status: OPEN311_STATUS[complaint.status],
      status_notes: PUBLIC_STATUS[complaint.status],
      service_name: known?.service_name ?? complaint.category,
      service_code: complaint.category,
      description: complaint.description,
      agency_responsible: this.tree.get(complaint.currentAgencyId)?.name ?? complaint.currentAgencyId,
      service_notice: null,
      requested_datetime: complaint.submittedAt,
      updated_datetime: complaint.updatedAt,
      expected_datetime: running && 'due' in running ? running.due : null,
      ...placeOf(complaint.location),
    };
  }
}

const DAY_MS = 86_400_000;

/**
 * The window a list covers: the one asked for, else the 90 days before `end` (or now), or after
 * `start`; null when it ends before it starts or spans more than 90 days.
 */
export function open311Window(start: string | undefined, end: string | undefined, now: Date): { start: string; end: string } | null {
  const window = OPEN311_MAX_WINDOW_DAYS * DAY_MS;
  const to = end ? new Date(end).getTime() : start ? new Date(start).getTime() + window : now.getTime();
  const from = start ? new Date(start).getTime() : to - window;
  if (to < from || to - from > window) return null;
  return { start: new Date(from).toISOString(), end: new Date(to).toISOString() };
}
