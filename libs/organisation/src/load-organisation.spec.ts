import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_ROOT_ID, OrganisationFileError, loadOrganisation } from './load-organisation';
import { titleCase } from './regional-government';
import { timeZoneOf } from './time-zones';

describe('loadOrganisation', () => {
  const tree = loadOrganisation();

  it('builds the default tree from real provinces, regencies and ministries', () => {
    expect(tree.root.id).toBe(NATIONAL_ROOT_ID);
    const provinces = tree.children(NATIONAL_ROOT_ID).filter((n) => n.kind === 'province');
    expect(provinces).toHaveLength(38);
    expect(tree.get('id-32')?.name).toBe('Pemerintah Provinsi Jawa Barat');
    expect(tree.get('id-32.01')?.name).toBe('Pemerintah Kabupaten Bogor');
    expect(tree.get('id-32.73')?.kind).toBe('city');
    expect(tree.get('id-32.01-dinkes')?.name).toBe('Dinas Kesehatan Kabupaten Bogor');
    expect(tree.pathTo('kemenkes-itjen')).toEqual([NATIONAL_ROOT_ID, 'kemenko-pmk', 'kemenkes', 'kemenkes-itjen']);
  });

  it('keeps acronyms when title-casing official names', () => {
    expect(titleCase('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(titleCase('KOTA ADM. JAKARTA PUSAT')).toBe('Kota Adm. Jakarta Pusat');
  });

  it('loads a configured tree from a JSON file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'org-')), 'tree.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'root', name: 'Root', kind: 'national', parentId: null },
        { id: 'a', name: 'A', kind: 'province', parentId: 'root' },
      ]),
    );
    expect(loadOrganisation(file).subtreeIds('root').sort()).toEqual(['a', 'root']);
  });

  it('names the bad node of an invalid file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'org-')), 'tree.json');
    writeFileSync(file, JSON.stringify([{ id: 'root', name: 'Root', kind: 'planet', parentId: null }]));
    expect(() => loadOrganisation(file)).toThrow(new OrganisationFileError('Node #0: kind must be one of national, coordinating_ministry, ministry, unit, province, regency, city, regional_agency'));
  });
});

describe('timeZoneOf', () => {
  const tree = loadOrganisation();

  it.each([
    ['id-32.01-dinkes', 'Asia/Jakarta'],
    ['id-51.71', 'Asia/Makassar'],
    ['id-64', 'Asia/Makassar'],
    ['id-61.01', 'Asia/Jakarta'],
    ['id-94', 'Asia/Jayapura'],
    ['id-81.71-dinkes', 'Asia/Jayapura'],
    ['kemenkes-setjen', 'Asia/Jakarta'],
    ['national', 'Asia/Jakarta'],
  ])('counts %s in %s', (agencyId, zone) => {
    expect(timeZoneOf(tree, agencyId)).toBe(zone);
  });
});
