import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OrgNode } from '@lacak/domain';

/** The agencies (OPD) generated under every province and every regency or city. */
const regionalAgencies = [
  { suffix: 'dinkes', name: 'Dinas Kesehatan' },
  { suffix: 'disdik', name: 'Dinas Pendidikan' },
  { suffix: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil' },
  { suffix: 'inspektorat', name: 'Inspektorat' },
];

const ACRONYMS = new Set(['DKI', 'DI']);

/** `KABUPATEN ACEH SELATAN` → `Kabupaten Aceh Selatan`, keeping acronyms such as DKI. */
export function titleCase(upper: string): string {
  return upper
    .split(' ')
    .map((word) => (ACRONYMS.has(word) ? word : word.charAt(0) + word.slice(1).toLowerCase()))
    .join(' ');
}

function readCsv(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

function areaDataDir(): string {
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

/**
 * Provinces, regencies and cities with their official names and BPS codes, from the
 * `idn-area-data` package (read from its CSV files: the package's code is ESM-only).
 * Ids are `id-<code>` for a government and `id-<code>-<agency>` for its agencies.
 */
export function regionalGovernmentNodes(rootId: string): OrgNode[] {
  const dir = areaDataDir();
  const nodes: OrgNode[] = [];
  const agenciesOf = (governmentId: string, governmentName: string): OrgNode[] =>
    regionalAgencies.map((agency) => ({
      id: `${governmentId}-${agency.suffix}`,
      name: `${agency.name} ${governmentName}`,
      kind: 'regional_agency',
      parentId: governmentId,
    }));

  for (const [code, name] of readCsv(join(dir, 'provinces.csv'))) {
    const id = `id-${code}`;
    const provinceName = `Provinsi ${titleCase(name)}`;
    nodes.push({ id, name: `Pemerintah ${provinceName}`, kind: 'province', parentId: rootId });
    nodes.push(...agenciesOf(id, provinceName));
  }
  for (const [code, provinceCode, name] of readCsv(join(dir, 'regencies.csv'))) {
    const id = `id-${code}`;
    const regencyName = titleCase(name);
    const kind = name.startsWith('KOTA ') ? 'city' : 'regency';
    nodes.push({ id, name: `Pemerintah ${regencyName}`, kind, parentId: `id-${provinceCode}` });
    nodes.push(...agenciesOf(id, regencyName));
  }
  return nodes;
}
