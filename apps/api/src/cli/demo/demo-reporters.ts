import type { ReporterIdentity } from '@lacak/reporter-identity';
import type { Prng } from './prng';

/** Reporter identities: they go to the identity store only, never into an event or a read model. */
export const FIRST_NAMES = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Wahyu', 'Nur', 'Eko', 'Fitri', 'Hendra', 'Yuliani', 'Andi', 'Ketut', 'Made', 'Rahmat', 'Intan', 'Bambang', 'Sri', 'Fajar', 'Ayu'];

export const LAST_NAMES = ['Santoso', 'Rahayu', 'Hidayat', 'Wijaya', 'Saputra', 'Lestari', 'Siregar', 'Nasution', 'Pratama', 'Kurniawan', 'Sembiring', 'Hasibuan', 'Setiawan', 'Handayani', 'Purba', 'Simanjuntak', 'Suryani', 'Wibowo', 'Harahap', 'Permana'];

/** Every full name the seed can produce. */
export const allReporterNames = (): string[] => FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => `${first} ${last}`));

/**
 * A NIK shaped like a real one: province, regency and district codes, birth date (women
 * add 40 to the day), then a serial number.
 */
function nik(random: Prng, regencyCode: string): string {
  const area = regencyCode.replace('.', '').padEnd(4, '0').slice(0, 4);
  const district = String(random.int(1, 30)).padStart(2, '0');
  const day = random.int(1, 28) + (random.chance(0.5) ? 40 : 0);
  const month = random.int(1, 12);
  const year = random.int(50, 105) % 100;
  const serial = random.int(1, 2999);
  return [area, district, pad2(day), pad2(month), pad2(year), String(serial).padStart(4, '0')].join('');
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** Most reporters give a name and a way to reach them; some add their NIK. */
export function reporterIdentity(random: Prng, regencyCode: string): ReporterIdentity {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const identity: ReporterIdentity = { name: `${first} ${last}` };
  if (random.chance(0.6)) identity.idNumber = nik(random, regencyCode);
  if (random.chance(0.5)) {
    identity.email = `${first}.${last}${random.int(1, 99)}@${random.pick(['gmail.com', 'yahoo.co.id'])}`.toLowerCase();
  }
  if (random.chance(0.7)) identity.phone = `+628${random.pick(['12', '13', '21', '52', '57', '77'])}${random.int(10_000_000, 99_999_999)}`;
  return identity;
}
