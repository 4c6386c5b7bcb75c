import type { OrganisationTree, OrgNode } from '@lacak/domain';
import type { RegionalHandler, Sector } from './demo-texts';
import type { Prng } from './prng';

/** A regency or city and its province, as the organisation tree names them. */
export interface Region {
  regencyId: string;
  /** The BPS code, e.g. `32.01`: the start of a local NIK. */
  regencyCode: string;
  regencyName: string;
  provinceId: string;
  provinceName: string;
  isCity: boolean;
}

const placeName = (node: OrgNode): string => node.name.replace(/^Pemerintah /, '');

export function regionsOf(tree: OrganisationTree): Region[] {
  return tree
    .nodes()
    .filter((node) => node.kind === 'regency' || node.kind === 'city')
    .map((node) => {
      const province = tree.get(node.parentId ?? '');
      if (!province) throw new Error(`Regency ${node.id} has no province in the organisation tree`);
      return {
        regencyId: node.id,
        regencyCode: node.id.replace(/^id-/, ''),
        regencyName: placeName(node),
        provinceId: province.id,
        provinceName: placeName(province),
        isCity: node.kind === 'city',
      };
    });
}

/** Fails early when a custom ORG_TREE_FILE lacks a node the demo relies on. */
function existing(tree: OrganisationTree, id: string): string {
  if (!tree.has(id)) throw new Error(`The demo needs organisation node ${id}, which the configured tree lacks`);
  return id;
}

const regionalAgency = (tree: OrganisationTree, governmentId: string, handler: RegionalHandler): string =>
  existing(tree, handler === 'government' ? governmentId : `${governmentId}-${handler}`);

/** Where the complaint belongs: mostly the local agency, else the ministry unit; the inspectorate takes some pungli. */
export function pickHandlingAgency(tree: OrganisationTree, random: Prng, sector: Sector, region: Region, supervisory: boolean): string {
  const local = sector.regional.map((handler) => regionalAgency(tree, region.regencyId, handler));
  if (supervisory && local.length > 0 && random.chance(0.3)) return regionalAgency(tree, region.regencyId, 'inspektorat');
  const central = sector.ministryUnits.map((id) => existing(tree, id));
  if (local.length > 0 && (central.length === 0 || random.chance(0.7))) return random.pick(local);
  return random.pick(central.length > 0 ? central : [region.regencyId]);
}

/** A plausible wrong first disposition: the province instead of the regency, the ministry instead of the region, or vice versa. */
export function pickMisroute(tree: OrganisationTree, random: Prng, sector: Sector, region: Region, correct: string): string {
  const candidates = [
    ...sector.regional.map((handler) => regionalAgency(tree, region.provinceId, handler)),
    ...sector.regional.map((handler) => regionalAgency(tree, region.regencyId, handler)),
    ...sector.ministryUnits,
    region.regencyId,
  ].filter((id) => id !== correct);
  return random.pick([...new Set(candidates)]);
}

/** The node a reporter picks: the agency itself or the one above it (ministry, regency, province). */
export function pickTarget(tree: OrganisationTree, random: Prng, handlingAgencyId: string): string {
  const parentId = tree.get(handlingAgencyId)?.parentId;
  return parentId && parentId !== tree.root.id && random.chance(0.5) ? parentId : handlingAgencyId;
}

export const agencyName = (tree: OrganisationTree, id: string): string => tree.get(id)?.name ?? id;
