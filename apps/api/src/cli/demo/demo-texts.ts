import type { Classification } from '@lacak/domain';

/**
 * Complaint texts per sector, in the register reporters use on SP4N-LAPOR!. Placeholders:
 * {desa} a village or kelurahan, {daerah} the regency or city, {jalan} a street.
 */
export interface Issue {
  title: string;
  description: string;
  classification: Classification;
  /** Berkadar pengawasan (pungli, maladministration): the supervisory SLA class, often investigated. */
  supervisory?: boolean;
}

/** The suffix of a regional agency (`id-32.01-dinkes`), or `government` for the regency/city itself. */
export type RegionalHandler = 'dinkes' | 'disdik' | 'dukcapil' | 'inspektorat' | 'government';

export interface Sector {
  category: string;
  regional: RegionalHandler[];
  ministryUnits: string[];
  issues: Issue[];
  followUps: string[];
}

const pengaduan = (title: string, description: string, supervisory = false): Issue => ({
  title,
  description,
  classification: 'pengaduan',
  supervisory,
});
const aspirasi = (title: string, description: string): Issue => ({ title, description, classification: 'aspirasi' });
const informasi = (title: string, description: string): Issue => ({
  title,
  description,
  classification: 'permintaan_informasi',
});

export const SECTORS: Sector[] = [
  {
    category: 'kesehatan',
    regional: ['dinkes'],
    ministryUnits: ['kemenkes-setjen'],
    issues: [
      pengaduan('Kartu BPJS Kesehatan PBI tiba-tiba nonaktif', 'Kartu BPJS Kesehatan PBI keluarga kami dinonaktifkan tanpa pemberitahuan. Saat berobat ke puskesmas di {desa}, {daerah}, kami diminta membayar sebagai pasien umum. Mohon kepesertaan kami diaktifkan kembali.'),
      pengaduan('Puskesmas {desa} tutup sebelum jam pelayanan', 'Puskesmas di {desa} sudah tutup pukul 11.00 padahal jadwal pelayanan sampai 14.00. Warga yang datang dari jauh terpaksa pulang tanpa diperiksa.'),
      pengaduan('Pasien BPJS diminta membeli obat sendiri di apotek luar', 'Di RSUD {daerah}, pasien peserta BPJS Kesehatan disuruh membeli obat di apotek luar dengan biaya sendiri karena stok obat kosong. Kejadian ini sudah berulang sejak bulan lalu.'),
      pengaduan('Pungutan biaya surat keterangan sehat di puskesmas', 'Petugas puskesmas {desa} meminta Rp50.000 untuk surat keterangan sehat tanpa kuitansi resmi, padahal tarif retribusi daerah jauh lebih rendah.', true),
      pengaduan('Ambulans desa tidak bisa dipakai warga', 'Ambulans desa di {desa} hanya terparkir di rumah kepala desa. Saat ada warga yang melahirkan malam hari, ambulans tidak bisa dipakai dengan alasan tidak ada sopir.'),
      aspirasi('Antrean pendaftaran RSUD {daerah} sangat panjang', 'Pendaftaran rawat jalan dibuka pukul 07.00 tetapi antrean sudah mengular sejak subuh. Mohon disediakan antrean daring yang benar-benar berfungsi.'),
      informasi('Jadwal imunisasi anak di posyandu {desa}', 'Mohon informasi jadwal imunisasi dasar lengkap dan imunisasi kejar di posyandu wilayah {desa}, {daerah}.'),
    ],
    followUps: [
      'Kepesertaan PBI telah diaktifkan kembali melalui pemutakhiran data DTKS; pelapor dapat berobat tanpa biaya.',
      'Kepala puskesmas telah diberi teguran tertulis dan jadwal pelayanan kini dipasang di pintu masuk.',
      'Stok obat RSUD telah dipenuhi melalui e-katalog; biaya obat yang dibeli pasien diganti rumah sakit.',
    ],
  },
  {
    category: 'pendidikan',
    regional: ['disdik'],
    ministryUnits: ['kemendikdasmen-setjen'],
    issues: [
      pengaduan('Dugaan manipulasi domisili jalur zonasi PPDB di {daerah}', 'Anak kami berdomisili 400 meter dari SMP negeri namun tidak diterima, sementara ada calon siswa dengan KK yang baru pindah sebulan sebelum pendaftaran justru diterima. Mohon verifikasi ulang data domisili jalur zonasi.', true),
      pengaduan('Pungutan uang gedung di SD negeri {desa}', 'Sekolah meminta uang gedung Rp1.500.000 per siswa baru dengan alasan kesepakatan komite, padahal sekolah negeri menerima dana BOS. Orang tua yang belum membayar diancam tidak mendapat seragam.', true),
      pengaduan('Sekolah menahan ijazah karena tunggakan SPP', 'Ijazah anak kami ditahan SMA di {daerah} karena masih ada tunggakan SPP. Anak kami tidak bisa mendaftar kerja tanpa ijazah asli.'),
      pengaduan('Situs PPDB daring {daerah} tidak bisa diakses', 'Sejak hari pertama pendaftaran situs PPDB selalu gagal dimuat, sementara kuota sekolah tujuan sudah penuh saat situs bisa dibuka.'),
      pengaduan('Dana PIP belum diterima siswa', 'Anak kami tercatat sebagai penerima Program Indonesia Pintar tetapi dananya belum masuk ke rekening SimPel sampai sekarang.'),
      pengaduan('Atap ruang kelas SD di {desa} nyaris roboh', 'Atap dua ruang kelas sudah melengkung dan bocor; siswa kelas 3 dan 4 terpaksa belajar di teras masjid.'),
      aspirasi('Usulan penambahan guru di sekolah pelosok {desa}', 'SD di {desa} hanya memiliki dua guru PNS untuk enam rombongan belajar. Mohon penempatan guru PPPK diprioritaskan untuk sekolah terpencil.'),
      informasi('Syarat jalur afirmasi PPDB tahun ini', 'Mohon informasi syarat dan kuota jalur afirmasi PPDB SMP negeri di {daerah} untuk keluarga pemegang KIP.'),
    ],
    followUps: [
      'Dinas telah memverifikasi ulang berkas zonasi; dua calon siswa dengan domisili tidak sah dibatalkan dan anak pelapor diterima.',
      'Pungutan dihentikan dan uang yang sudah dibayarkan dikembalikan melalui komite sekolah.',
      'Ijazah telah diserahkan kepada siswa; penahanan ijazah dilarang dan kepala sekolah telah dibina.',
    ],
  },
  {
    category: 'adminduk',
    regional: ['dukcapil'],
    ministryUnits: ['kemendagri-setjen'],
    issues: [
      pengaduan('KTP-el belum jadi tiga bulan setelah perekaman', 'Saya melakukan perekaman KTP-el di kantor Disdukcapil {daerah} tiga bulan lalu, tetapi setiap kali ditanya jawabannya blangko habis.'),
      pengaduan('Calo pengurusan KK di kantor Disdukcapil {daerah}', 'Di depan kantor Disdukcapil ada orang yang menawarkan KK jadi dalam sehari dengan membayar Rp300.000; mereka tampak leluasa keluar masuk ruang pelayanan.', true),
      pengaduan('NIK tidak ditemukan saat mendaftar BPJS', 'NIK saya dinyatakan tidak ditemukan saat pendaftaran BPJS Kesehatan padahal KTP-el sudah aktif. Petugas meminta saya mengurus konsolidasi data ke Dukcapil.'),
      pengaduan('Akta kelahiran anak salah tulis nama', 'Nama anak kami di akta kelahiran tidak sesuai dengan formulir yang kami isi. Untuk perbaikan kami diminta datang ulang dengan membawa saksi.'),
      pengaduan('Antrean cetak KK dibatasi 50 orang per hari', 'Kantor Disdukcapil {daerah} hanya melayani 50 antrean cetak KK per hari sehingga warga dari {desa} harus datang sejak dini hari.'),
      aspirasi('Usulan perekaman KTP-el jemput bola untuk lansia', 'Banyak lansia dan penyandang disabilitas di {desa} belum memiliki KTP-el karena sulit datang ke kantor. Mohon diadakan layanan jemput bola di balai desa.'),
      informasi('Syarat pindah domisili ke provinsi lain', 'Mohon informasi persyaratan dan lama proses surat pindah dari {daerah} ke provinsi lain, serta apakah bisa diurus secara daring.'),
    ],
    followUps: [
      'KTP-el pelapor telah dicetak dan dapat diambil di kantor kecamatan.',
      'Praktik percaloan ditertibkan; layanan kini sepenuhnya melalui antrean daring dan petugas yang terlibat diperiksa.',
      'Data kependudukan pelapor telah dikonsolidasikan dan NIK kini terbaca di sistem BPJS Kesehatan.',
    ],
  },
  {
    category: 'infrastruktur',
    regional: ['government'],
    ministryUnits: ['kemenpu-setjen'],
    issues: [
      pengaduan('Jalan rusak parah di {jalan}, {desa}', 'Ruas {jalan} di {desa} berlubang dalam sepanjang kurang lebih 2 km. Sudah beberapa pengendara motor jatuh, terutama saat malam dan hujan.'),
      pengaduan('Drainase tersumbat, permukiman di {desa} banjir setiap hujan', 'Saluran drainase di {desa} tertutup sedimen dan sampah sehingga air meluap ke rumah warga setiap kali hujan deras.'),
      pengaduan('Jembatan penghubung {desa} putus', 'Jembatan penghubung {desa} dengan pusat kecamatan putus diterjang banjir. Anak sekolah terpaksa menyeberangi sungai atau memutar 12 km.'),
      pengaduan('Proyek perbaikan {jalan} terbengkalai', 'Pengerjaan jalan di {jalan} berhenti sejak dua bulan lalu; material menumpuk di bahu jalan dan papan proyek tidak mencantumkan nilai kontrak.', true),
      pengaduan('Lampu penerangan jalan di {jalan} mati', 'Hampir semua lampu penerangan jalan di {jalan} mati sejak awal bulan sehingga rawan kecelakaan dan begal.'),
      aspirasi('Usulan pembangunan trotoar di depan sekolah', 'Siswa berjalan di badan {jalan} karena tidak ada trotoar. Mohon dibangun trotoar dan zebra cross di depan sekolah.'),
    ],
    followUps: [
      'Ruas jalan telah ditambal dan masuk rencana peningkatan struktur tahun anggaran berikutnya.',
      'Normalisasi saluran drainase telah dilakukan bersama warga dan petugas kebersihan.',
      'Penyedia jasa telah diberi surat peringatan; pekerjaan dilanjutkan dan ditargetkan selesai bulan depan.',
    ],
  },
  {
    category: 'perizinan',
    regional: ['government'],
    ministryUnits: ['kementerian-atr-bpn-setjen'],
    issues: [
      pengaduan('Sertifikat tanah PTSL di {desa} belum terbit', 'Kami mengikuti program PTSL di {desa} sejak tahun lalu, berkas sudah lengkap dan pengukuran sudah dilakukan, tetapi sertifikat belum juga terbit.'),
      pengaduan('Pengurusan PBG dipersulit dan diminta biaya tambahan', 'Permohonan Persetujuan Bangunan Gedung rumah tinggal kami di {daerah} tidak diproses sebelum membayar "biaya percepatan" kepada oknum petugas.', true),
      pengaduan('Status permohonan izin usaha di OSS tidak berubah', 'Permohonan izin usaha mikro kami di OSS berstatus menunggu verifikasi DPMPTSP {daerah} selama enam minggu tanpa keterangan.'),
      informasi('Biaya resmi balik nama sertifikat tanah', 'Mohon informasi biaya resmi dan lama proses balik nama sertifikat tanah karena jual beli di {daerah}.'),
    ],
    followUps: [
      'Sertifikat PTSL telah diterbitkan dan diserahkan melalui kantor desa.',
      'Permohonan PBG telah diproses sesuai standar pelayanan tanpa biaya tambahan; oknum petugas diperiksa inspektorat.',
    ],
  },
  {
    category: 'pinjol',
    regional: [],
    ministryUnits: ['kemendag-setjen'],
    issues: [
      pengaduan('Penagihan pinjol ilegal dengan ancaman dan sebar data', 'Saya diteror penagih pinjaman online yang menyebarkan foto KTP saya ke seluruh kontak di ponsel. Aplikasinya tidak terdaftar. Mohon aplikasi tersebut ditindak dan diblokir.', true),
      pengaduan('Bunga pinjaman online jauh melebihi yang dijanjikan', 'Aplikasi pinjaman menjanjikan bunga 0,3% per hari, tetapi tagihan yang datang hampir dua kali lipat pokok pinjaman dalam tiga minggu.'),
      pengaduan('Data pribadi dipakai untuk pinjol tanpa sepengetahuan saya', 'Saya ditagih oleh aplikasi pinjaman yang tidak pernah saya pakai. Tampaknya data KTP saya disalahgunakan orang lain.'),
      informasi('Daftar penyelenggara pinjaman daring resmi', 'Mohon informasi cara memeriksa apakah sebuah aplikasi pinjaman daring terdaftar dan berizin.'),
    ],
    followUps: [
      'Aduan diteruskan ke Satgas PASTI; aplikasi telah diblokir dan pelapor diarahkan melapor ke kepolisian atas penyebaran data.',
      'Penyelenggara telah diminta menghentikan penagihan dan menghapus bunga yang melebihi batas ketentuan.',
    ],
  },
  {
    category: 'lingkungan',
    regional: ['government'],
    ministryUnits: [],
    issues: [
      pengaduan('Tumpukan sampah liar di pinggir {jalan}', 'Sampah rumah tangga menumpuk di pinggir {jalan}, {desa}, sampai menutupi separuh badan jalan dan menimbulkan bau.'),
      pengaduan('Limbah pabrik mencemari sungai di {desa}', 'Air sungai di {desa} berubah hitam dan berbau setiap malam; warga menduga berasal dari pembuangan limbah pabrik di hulu. Ikan banyak yang mati.', true),
      pengaduan('Asap pembakaran sampah di TPA mengganggu warga', 'Sampah di TPA {daerah} dibakar hampir setiap sore; asapnya masuk ke rumah warga {desa} dan banyak anak batuk-batuk.'),
      aspirasi('Usulan penambahan bank sampah di {desa}', 'Warga {desa} ingin memilah sampah tetapi belum ada bank sampah. Mohon pendampingan dan sarana dari pemerintah daerah.'),
    ],
    followUps: [
      'Sampah telah diangkut dan lokasi dipasangi papan larangan; patroli kebersihan dijadwalkan seminggu dua kali.',
      'Pengambilan sampel air telah dilakukan; pabrik dikenai sanksi administratif dan wajib memperbaiki IPAL.',
    ],
  },
  {
    category: 'transportasi',
    regional: ['government'],
    ministryUnits: ['kemenhub-setjen'],
    issues: [
      pengaduan('Pungli di jembatan timbang', 'Sopir truk dimintai uang Rp20.000 sampai Rp50.000 di jembatan timbang tanpa karcis, baik muatan berlebih maupun tidak.', true),
      pengaduan('Uji KIR kendaraan dipungut di luar tarif', 'Di tempat uji KIR {daerah} pemohon diminta membayar Rp250.000 agar kendaraan "langsung lulus" tanpa diuji.', true),
      pengaduan('Bus AKAP menaikkan tarif saat arus mudik', 'Tarif bus dari terminal {daerah} naik hampir dua kali lipat melebihi tarif batas atas yang diumumkan.'),
      pengaduan('Jadwal kapal penyeberangan sering terlambat tanpa informasi', 'Kapal penyeberangan dari pelabuhan terdekat sering berangkat terlambat tiga sampai lima jam tanpa pengumuman kepada penumpang.'),
      aspirasi('Halte bus di {jalan} rusak dan tidak terawat', 'Atap halte di {jalan} bocor dan kursinya patah. Mohon diperbaiki karena banyak pelajar menunggu bus di sana.'),
    ],
    followUps: [
      'Petugas yang memungut uang telah dibebastugaskan; pembayaran kini hanya melalui kanal nontunai.',
      'Operator bus telah ditegur dan kelebihan tarif dikembalikan kepada penumpang yang melapor.',
    ],
  },
  {
    category: 'bansos',
    regional: ['government'],
    ministryUnits: ['kemensos-setjen'],
    issues: [
      pengaduan('Bantuan PKH dipotong pendamping', 'Setiap pencairan bantuan PKH di {desa}, pendamping meminta Rp100.000 per keluarga dengan alasan uang transport.', true),
      pengaduan('Keluarga miskin tidak terdaftar DTKS', 'Beberapa keluarga miskin di {desa} tidak pernah menerima bantuan karena tidak terdaftar di DTKS, padahal sudah mengusulkan lewat desa.'),
      pengaduan('Penyaluran BLT tidak tepat sasaran', 'Daftar penerima BLT di {desa} memuat perangkat desa dan keluarganya, sementara warga lansia yang hidup sendiri tidak masuk.'),
    ],
    followUps: [
      'Pendamping PKH yang memotong bantuan telah diberhentikan dan dana dikembalikan kepada penerima.',
      'Keluarga yang dilaporkan telah diusulkan masuk DTKS melalui musyawarah desa.',
    ],
  },
  {
    category: 'ketenagakerjaan',
    regional: [],
    ministryUnits: ['kemnaker-setjen'],
    issues: [
      pengaduan('THR tidak dibayarkan perusahaan', 'Perusahaan tempat saya bekerja di {daerah} tidak membayar THR tahun ini dengan alasan penjualan menurun.'),
      pengaduan('Upah di bawah UMK {daerah}', 'Pekerja pabrik garmen di {daerah} dibayar jauh di bawah UMK dan lembur tidak dihitung.'),
      pengaduan('PHK sepihak tanpa pesangon', 'Saya diberhentikan lewat pesan singkat setelah tujuh tahun bekerja tanpa pesangon maupun surat keterangan kerja.'),
    ],
    followUps: [
      'Pengawas ketenagakerjaan telah menerbitkan nota pemeriksaan; perusahaan membayar THR beserta dendanya.',
      'Perselisihan telah dicatatkan untuk mediasi hubungan industrial dan perusahaan sepakat membayar pesangon.',
    ],
  },
  {
    category: 'pertanian',
    regional: ['government'],
    ministryUnits: ['kementan-setjen'],
    issues: [
      pengaduan('Pupuk bersubsidi langka di kios resmi {desa}', 'Menjelang musim tanam, kios pupuk resmi di {desa} selalu kosong, tetapi pupuk yang sama dijual bebas di luar kios dengan harga tinggi.'),
      pengaduan('Kios menjual pupuk subsidi di atas HET', 'Kios pupuk di {desa} menjual urea bersubsidi Rp150.000 per karung, jauh di atas harga eceran tertinggi.', true),
    ],
    followUps: ['Kios yang menjual di atas HET telah dicabut penunjukannya dan alokasi pupuk dialihkan ke kios lain.'],
  },
];
