import type { OrgNode } from '@lacak/domain';

/**
 * A handful of real coordinating ministries (Kemenko) and the ministries they coordinate,
 * each with the units that handle complaints. The grouping follows the Kemenko remits;
 * deployments replace the whole tree with ORG_TREE_FILE.
 */
const coordinatingMinistries: { id: string; name: string; ministries: { id: string; name: string }[] }[] = [
  {
    id: 'kemenko-pmk',
    name: 'Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan',
    ministries: [
      { id: 'kemenkes', name: 'Kementerian Kesehatan' },
      { id: 'kemensos', name: 'Kementerian Sosial' },
      { id: 'kemendikdasmen', name: 'Kementerian Pendidikan Dasar dan Menengah' },
    ],
  },
  {
    id: 'kemenko-perekonomian',
    name: 'Kementerian Koordinator Bidang Perekonomian',
    ministries: [
      { id: 'kemnaker', name: 'Kementerian Ketenagakerjaan' },
      { id: 'kementan', name: 'Kementerian Pertanian' },
      { id: 'kemendag', name: 'Kementerian Perdagangan' },
    ],
  },
  {
    id: 'kemenko-polkam',
    name: 'Kementerian Koordinator Bidang Politik dan Keamanan',
    ministries: [
      { id: 'kemendagri', name: 'Kementerian Dalam Negeri' },
      { id: 'kemenpanrb', name: 'Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi' },
    ],
  },
  {
    id: 'kemenko-infra',
    name: 'Kementerian Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan',
    ministries: [
      { id: 'kemenpu', name: 'Kementerian Pekerjaan Umum' },
      { id: 'kemenhub', name: 'Kementerian Perhubungan' },
      { id: 'kementerian-atr-bpn', name: 'Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional' },
    ],
  },
];

/** Units present in every ministry: the secretariat answers complaints, the inspectorate audits. */
const ministryUnits = [
  { suffix: 'setjen', name: 'Sekretariat Jenderal' },
  { suffix: 'itjen', name: 'Inspektorat Jenderal' },
];

export function centralGovernmentNodes(rootId: string): OrgNode[] {
  const nodes: OrgNode[] = [];
  for (const kemenko of coordinatingMinistries) {
    nodes.push({ id: kemenko.id, name: kemenko.name, kind: 'coordinating_ministry', parentId: rootId });
    for (const ministry of kemenko.ministries) {
      nodes.push({ id: ministry.id, name: ministry.name, kind: 'ministry', parentId: kemenko.id });
      for (const unit of ministryUnits) {
        nodes.push({
          id: `${ministry.id}-${unit.suffix}`,
          name: `${unit.name} ${ministry.name}`,
          kind: 'unit',
          parentId: ministry.id,
        });
      }
    }
  }
  return nodes;
}
