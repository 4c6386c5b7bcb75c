import type { OrganisationTree } from '@lacak/domain';

export type AgencyTimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

/**
 * Indonesia's three zones by province (BPS code): WITA for Bali, Nusa Tenggara, South, East and
 * North Kalimantan and Sulawesi; WIT for Maluku and Papua; WIB for the rest. Central government
 * sits in Jakarta, so every node outside a province counts in WIB.
 */
const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT = new Set(['81', '82', '91', '92', '93', '94', '95', '96']);

export function zoneOfProvince(code: string): AgencyTimeZone {
  if (WITA.has(code)) return 'Asia/Makassar';
  if (WIT.has(code)) return 'Asia/Jayapura';
  return 'Asia/Jakarta';
}

/** The zone an agency counts its working days in: that of the province it belongs to. */
export function timeZoneOf(tree: OrganisationTree, agencyId: string | null): AgencyTimeZone {
  const province = agencyId ? tree.pathTo(agencyId).find((id) => tree.get(id)?.kind === 'province') : undefined;
  return province ? zoneOfProvince(province.replace(/^id-/, '')) : 'Asia/Jakarta';
}
