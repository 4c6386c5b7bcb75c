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
  /** What the agency reports it did; aspirasi and information requests get a standard reply. */
  followUp?: string;
}

/** The suffix of a regional agency (`id-32.01-dinkes`), or `government` for the regency/city itself. */
export type RegionalHandler = 'dinkes' | 'disdik' | 'dukcapil' | 'inspektorat' | 'government';

export interface Sector {
  category: string;
  regional: RegionalHandler[];
  ministryUnits: string[];
  issues: Issue[];
}

const pengaduan = (title: string, description: string, followUp: string, supervisory = false): Issue => ({
  title,
  description,
  classification: 'pengaduan',
  supervisory,
  followUp,
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
      pengaduan(
        'Kartu BPJS Kesehatan PBI tiba-tiba nonaktif',
        'Kartu BPJS Kesehatan PBI keluarga kami dinonaktifkan tanpa pemberitahuan. Saat berobat ke puskesmas di {desa}, {daerah}, kami diminta membayar sebagai pasien umum. Mohon kepesertaan kami diaktifkan kembali.',
        'Kepesertaan PBI pelapor telah diaktifkan kembali melalui pemutakhiran data DTKS; pelapor dapat berobat tanpa biaya.',
      ),
      pengaduan(
        'Puskesmas {desa} tutup sebelum jam pelayanan',
        'Puskesmas di {desa} sudah tutup pukul 11.00 padahal jadwal pelayanan sampai 14.00. Warga yang datang dari jauh terpaksa pulang tanpa diperiksa.',
        'Kepala puskesmas telah diberi teguran tertulis; jadwal pelayanan kini dipasang di pintu masuk dan dipantau dinas.',
      ),
      pengaduan(
        'Pasien BPJS di RSUD {daerah} diminta membeli obat sendiri',
        'Di RSUD {daerah}, pasien peserta BPJS Kesehatan disuruh membeli obat di apotek luar dengan biaya sendiri karena stok obat kosong. Kejadian ini sudah berulang sejak bulan lalu.',
        'Stok obat RSUD telah dipenuhi melalui e-katalog; biaya obat yang dibeli pasien diganti oleh rumah sakit.',
      ),
      pengaduan(
        'Pungutan biaya surat keterangan sehat di puskesmas',
        'Petugas puskesmas {desa} meminta Rp50.000 untuk surat keterangan sehat tanpa kuitansi resmi, padahal tarif retribusi daerah jauh lebih rendah.',
        'Petugas yang memungut biaya telah diperiksa dan uang dikembalikan; tarif retribusi resmi kini dipasang di loket.',
        true,
      ),
      pengaduan(
        'Ambulans desa tidak bisa dipakai warga',
        'Ambulans desa di {desa} hanya terparkir di rumah kepala desa. Saat ada warga yang melahirkan malam hari, ambulans tidak bisa dipakai dengan alasan tidak ada sopir.',
        'Pemerintah desa telah menetapkan jadwal sopir siaga 24 jam dan nomor panggilan ambulans diumumkan kepada warga.',
      ),
      aspirasi(
        'Antrean pendaftaran RSUD {daerah} sangat panjang',
        'Pendaftaran rawat jalan dibuka pukul 07.00 tetapi antrean sudah mengular sejak subuh. Mohon disediakan antrean daring yang benar-benar berfungsi.',
      ),
      informasi(
        'Jadwal imunisasi anak di posyandu {desa}',
        'Mohon informasi jadwal imunisasi dasar lengkap dan imunisasi kejar di posyandu wilayah {desa}, {daerah}.',
      ),
    ],
  },
  {
    category: 'pendidikan',
    regional: ['disdik'],
    ministryUnits: ['kemendikdasmen-setjen'],
    issues: [
      pengaduan(
        'Dugaan manipulasi domisili jalur zonasi PPDB di {daerah}',
        'Anak kami berdomisili 400 meter dari SMP negeri namun tidak diterima, sementara ada calon siswa dengan KK yang baru pindah sebulan sebelum pendaftaran justru diterima. Mohon verifikasi ulang data domisili jalur zonasi.',
        'Berkas zonasi telah diverifikasi ulang; dua calon siswa dengan domisili tidak sah dibatalkan dan anak pelapor diterima.',
        true,
      ),
      pengaduan(
        'Pungutan uang gedung di SD negeri {desa}',
        'Sekolah meminta uang gedung Rp1.500.000 per siswa baru dengan alasan kesepakatan komite, padahal sekolah negeri menerima dana BOS. Orang tua yang belum membayar diancam tidak mendapat seragam.',
        'Pungutan dihentikan dan uang yang sudah dibayarkan dikembalikan melalui komite sekolah.',
        true,
      ),
      pengaduan(
        'SMA di {daerah} menahan ijazah karena tunggakan SPP',
        'Ijazah anak kami ditahan SMA di {daerah} karena masih ada tunggakan SPP. Anak kami tidak bisa mendaftar kerja tanpa ijazah asli.',
        'Ijazah telah diserahkan kepada siswa; kepala sekolah telah dibina karena penahanan ijazah dilarang.',
      ),
      pengaduan(
        'Situs PPDB daring {daerah} tidak bisa diakses',
        'Sejak hari pertama pendaftaran situs PPDB selalu gagal dimuat, sementara kuota sekolah tujuan sudah penuh saat situs bisa dibuka.',
        'Kapasitas server PPDB telah ditambah dan masa pendaftaran diperpanjang tiga hari.',
      ),
      pengaduan(
        'Dana PIP belum diterima siswa',
        'Anak kami tercatat sebagai penerima Program Indonesia Pintar tetapi dananya belum masuk ke rekening SimPel sampai sekarang.',
        'Rekening SimPel siswa telah diaktivasi dan dana PIP dicairkan melalui bank penyalur.',
      ),
      pengaduan(
        'Atap ruang kelas SD di {desa} nyaris roboh',
        'Atap dua ruang kelas sudah melengkung dan bocor; siswa kelas 3 dan 4 terpaksa belajar di teras masjid.',
        'Perbaikan atap dua ruang kelas telah dianggarkan melalui DAK fisik; sementara siswa belajar di ruang perpustakaan.',
      ),
      aspirasi(
        'Usulan penambahan guru di sekolah pelosok {desa}',
        'SD di {desa} hanya memiliki dua guru PNS untuk enam rombongan belajar. Mohon penempatan guru PPPK diprioritaskan untuk sekolah terpencil.',
      ),
      informasi(
        'Syarat jalur afirmasi PPDB tahun ini',
        'Mohon informasi syarat dan kuota jalur afirmasi PPDB SMP negeri di {daerah} untuk keluarga pemegang KIP.',
      ),
    ],
  },
  {
    category: 'adminduk',
    regional: ['dukcapil'],
    ministryUnits: ['kemendagri-setjen'],
    issues: [
      pengaduan(
        'KTP-el belum jadi tiga bulan setelah perekaman di {daerah}',
        'Saya melakukan perekaman KTP-el di kantor Disdukcapil {daerah} tiga bulan lalu, tetapi setiap kali ditanya jawabannya blangko habis.',
        'KTP-el pelapor telah dicetak dan dapat diambil di kantor kecamatan.',
      ),
      pengaduan(
        'Calo pengurusan KK di kantor Disdukcapil {daerah}',
        'Di depan kantor Disdukcapil ada orang yang menawarkan KK jadi dalam sehari dengan membayar Rp300.000; mereka tampak leluasa keluar masuk ruang pelayanan.',
        'Praktik percaloan ditertibkan; layanan kini sepenuhnya melalui antrean daring dan petugas yang terlibat diperiksa.',
        true,
      ),
      pengaduan(
        'NIK tidak ditemukan saat mendaftar BPJS',
        'NIK saya dinyatakan tidak ditemukan saat pendaftaran BPJS Kesehatan padahal KTP-el sudah aktif. Petugas meminta saya mengurus konsolidasi data ke Dukcapil.',
        'Data kependudukan pelapor telah dikonsolidasikan dan NIK kini terbaca di sistem BPJS Kesehatan.',
      ),
      pengaduan(
        'Akta kelahiran anak salah tulis nama',
        'Nama anak kami di akta kelahiran tidak sesuai dengan formulir yang kami isi. Untuk perbaikan kami diminta datang ulang dengan membawa saksi.',
        'Akta kelahiran telah diterbitkan ulang dengan nama yang benar tanpa perlu menghadirkan saksi.',
      ),
      pengaduan(
        'Antrean cetak KK dibatasi 50 orang per hari',
        'Kantor Disdukcapil {daerah} hanya melayani 50 antrean cetak KK per hari sehingga warga dari {desa} harus datang sejak dini hari.',
        'Kuota cetak KK ditambah menjadi 150 per hari dan layanan cetak dibuka di kantor kecamatan.',
      ),
      aspirasi(
        'Usulan perekaman KTP-el jemput bola untuk lansia',
        'Banyak lansia dan penyandang disabilitas di {desa} belum memiliki KTP-el karena sulit datang ke kantor. Mohon diadakan layanan jemput bola di balai desa.',
      ),
      informasi(
        'Syarat pindah domisili dari {daerah} ke provinsi lain',
        'Mohon informasi persyaratan dan lama proses surat pindah dari {daerah} ke provinsi lain, serta apakah bisa diurus secara daring.',
      ),
    ],
  },
  {
    category: 'infrastruktur',
    regional: ['government'],
    ministryUnits: ['kemenpu-setjen'],
    issues: [
      pengaduan(
        'Jalan rusak parah di {jalan}, {desa}',
        'Ruas {jalan} di {desa} berlubang dalam sepanjang kurang lebih 2 km. Sudah beberapa pengendara motor jatuh, terutama saat malam dan hujan.',
        'Ruas jalan telah ditambal dan masuk rencana peningkatan struktur tahun anggaran berikutnya.',
      ),
      pengaduan(
        'Drainase tersumbat, permukiman di {desa} banjir setiap hujan',
        'Saluran drainase di {desa} tertutup sedimen dan sampah sehingga air meluap ke rumah warga setiap kali hujan deras.',
        'Normalisasi saluran drainase telah dilakukan bersama warga dan petugas kebersihan.',
      ),
      pengaduan(
        'Jembatan penghubung {desa} putus',
        'Jembatan penghubung {desa} dengan pusat kecamatan putus diterjang banjir. Anak sekolah terpaksa menyeberangi sungai atau memutar 12 km.',
        'Jembatan darurat telah dipasang dan pembangunan jembatan permanen diusulkan dalam APBD perubahan.',
      ),
      pengaduan(
        'Proyek perbaikan {jalan} terbengkalai',
        'Pengerjaan jalan di {jalan} berhenti sejak dua bulan lalu; material menumpuk di bahu jalan dan papan proyek tidak mencantumkan nilai kontrak.',
        'Penyedia jasa telah diberi surat peringatan; pekerjaan dilanjutkan dan ditargetkan selesai bulan depan.',
        true,
      ),
      pengaduan(
        'Lampu penerangan jalan di {jalan} mati',
        'Hampir semua lampu penerangan jalan di {jalan} mati sejak awal bulan sehingga rawan kecelakaan dan begal.',
        'Lampu penerangan jalan telah diganti dengan lampu LED dan jaringan listriknya diperbaiki.',
      ),
      aspirasi(
        'Usulan pembangunan trotoar di depan sekolah',
        'Siswa berjalan di badan {jalan} karena tidak ada trotoar. Mohon dibangun trotoar dan zebra cross di depan sekolah.',
      ),
    ],
  },
  {
    category: 'perizinan',
    regional: ['government'],
    ministryUnits: ['kementerian-atr-bpn-setjen'],
    issues: [
      pengaduan(
        'Sertifikat tanah PTSL di {desa} belum terbit',
        'Kami mengikuti program PTSL di {desa} sejak tahun lalu, berkas sudah lengkap dan pengukuran sudah dilakukan, tetapi sertifikat belum juga terbit.',
        'Sertifikat PTSL telah diterbitkan dan diserahkan melalui kantor desa.',
      ),
      pengaduan(
        'Pengurusan PBG dipersulit dan diminta biaya tambahan',
        'Permohonan Persetujuan Bangunan Gedung rumah tinggal kami di {daerah} tidak diproses sebelum membayar "biaya percepatan" kepada oknum petugas.',
        'Permohonan PBG telah diproses sesuai standar pelayanan tanpa biaya tambahan; oknum petugas diperiksa inspektorat.',
        true,
      ),
      pengaduan(
        'Status permohonan izin usaha di OSS tidak berubah',
        'Permohonan izin usaha mikro kami di OSS berstatus menunggu verifikasi DPMPTSP {daerah} selama enam minggu tanpa keterangan.',
        'Permohonan telah diverifikasi dan izin usaha terbit di OSS; antrean verifikasi kini dipantau harian.',
      ),
      informasi(
        'Biaya resmi balik nama sertifikat tanah',
        'Mohon informasi biaya resmi dan lama proses balik nama sertifikat tanah karena jual beli di {daerah}.',
      ),
    ],
  },
  {
    category: 'pinjol',
    regional: [],
    ministryUnits: ['kemendag-setjen'],
    issues: [
      pengaduan(
        'Penagihan pinjol ilegal dengan ancaman dan sebar data',
        'Saya diteror penagih pinjaman online yang menyebarkan foto KTP saya ke seluruh kontak di ponsel. Aplikasinya tidak terdaftar. Mohon aplikasi tersebut ditindak dan diblokir.',
        'Aduan diteruskan ke Satgas PASTI; aplikasi telah diblokir dan pelapor diarahkan melapor ke kepolisian atas penyebaran data.',
        true,
      ),
      pengaduan(
        'Bunga pinjaman online jauh melebihi yang dijanjikan',
        'Aplikasi pinjaman menjanjikan bunga 0,3% per hari, tetapi tagihan yang datang hampir dua kali lipat pokok pinjaman dalam tiga minggu.',
        'Penyelenggara telah diminta menghentikan penagihan dan menghapus bunga yang melebihi batas ketentuan.',
      ),
      pengaduan(
        'Data pribadi dipakai untuk pinjol tanpa sepengetahuan saya',
        'Saya ditagih oleh aplikasi pinjaman yang tidak pernah saya pakai. Tampaknya data KTP saya disalahgunakan orang lain.',
        'Tagihan atas nama pelapor dibatalkan setelah verifikasi; penyelenggara diminta memperbaiki proses pengenalan nasabah.',
      ),
      informasi(
        'Daftar penyelenggara pinjaman daring resmi',
        'Mohon informasi cara memeriksa apakah sebuah aplikasi pinjaman daring terdaftar dan berizin.',
      ),
    ],
  },
  {
    category: 'lingkungan',
    regional: ['government'],
    ministryUnits: [],
    issues: [
      pengaduan(
        'Tumpukan sampah liar di pinggir {jalan}',
        'Sampah rumah tangga menumpuk di pinggir {jalan}, {desa}, sampai menutupi separuh badan jalan dan menimbulkan bau.',
        'Sampah telah diangkut dan lokasi dipasangi papan larangan; patroli kebersihan dijadwalkan seminggu dua kali.',
      ),
      pengaduan(
        'Limbah pabrik mencemari sungai di {desa}',
        'Air sungai di {desa} berubah hitam dan berbau setiap malam; warga menduga berasal dari pembuangan limbah pabrik di hulu. Ikan banyak yang mati.',
        'Sampel air telah diuji; pabrik dikenai sanksi administratif dan wajib memperbaiki IPAL.',
        true,
      ),
      pengaduan(
        'Asap pembakaran sampah di TPA {daerah} mengganggu warga',
        'Sampah di TPA {daerah} dibakar hampir setiap sore; asapnya masuk ke rumah warga {desa} dan banyak anak batuk-batuk.',
        'Pembakaran sampah di TPA dihentikan; pengelolaan dialihkan ke sistem urug terkendali.',
      ),
      aspirasi(
        'Usulan penambahan bank sampah di {desa}',
        'Warga {desa} ingin memilah sampah tetapi belum ada bank sampah. Mohon pendampingan dan sarana dari pemerintah daerah.',
      ),
    ],
  },
  {
    category: 'transportasi',
    regional: ['government'],
    ministryUnits: ['kemenhub-setjen'],
    issues: [
      pengaduan(
        'Pungli di jembatan timbang',
        'Sopir truk dimintai uang Rp20.000 sampai Rp50.000 di jembatan timbang tanpa karcis, baik muatan berlebih maupun tidak.',
        'Petugas yang memungut uang telah dibebastugaskan; pembayaran kini hanya melalui kanal nontunai.',
        true,
      ),
      pengaduan(
        'Uji KIR kendaraan dipungut di luar tarif',
        'Di tempat uji KIR {daerah} pemohon diminta membayar Rp250.000 agar kendaraan "langsung lulus" tanpa diuji.',
        'Pungutan di luar tarif dihentikan; pembayaran retribusi uji KIR kini nontunai dan petugas yang terlibat dimutasi.',
        true,
      ),
      pengaduan(
        'Bus AKAP dari {daerah} menaikkan tarif saat arus mudik',
        'Tarif bus dari terminal {daerah} naik hampir dua kali lipat melebihi tarif batas atas yang diumumkan.',
        'Operator bus telah ditegur dan kelebihan tarif dikembalikan kepada penumpang yang melapor.',
      ),
      pengaduan(
        'Jadwal kapal penyeberangan sering terlambat tanpa informasi',
        'Kapal penyeberangan dari pelabuhan terdekat sering berangkat terlambat tiga sampai lima jam tanpa pengumuman kepada penumpang.',
        'Operator wajib mengumumkan jadwal dan keterlambatan melalui papan informasi dan pesan singkat kepada penumpang.',
      ),
      aspirasi(
        'Halte bus di {jalan} rusak dan tidak terawat',
        'Atap halte di {jalan} bocor dan kursinya patah. Mohon diperbaiki karena banyak pelajar menunggu bus di sana.',
      ),
    ],
  },
  {
    category: 'bansos',
    regional: ['government'],
    ministryUnits: ['kemensos-setjen'],
    issues: [
      pengaduan(
        'Bantuan PKH dipotong pendamping',
        'Setiap pencairan bantuan PKH di {desa}, pendamping meminta Rp100.000 per keluarga dengan alasan uang transport.',
        'Pendamping PKH yang memotong bantuan telah diberhentikan dan dana dikembalikan kepada penerima.',
        true,
      ),
      pengaduan(
        'Keluarga miskin tidak terdaftar DTKS',
        'Beberapa keluarga miskin di {desa} tidak pernah menerima bantuan karena tidak terdaftar di DTKS, padahal sudah mengusulkan lewat desa.',
        'Keluarga yang dilaporkan telah diusulkan masuk DTKS melalui musyawarah desa.',
      ),
      pengaduan(
        'Penyaluran BLT tidak tepat sasaran',
        'Daftar penerima BLT di {desa} memuat perangkat desa dan keluarganya, sementara warga lansia yang hidup sendiri tidak masuk.',
        'Daftar penerima BLT telah diverifikasi ulang; penerima yang tidak berhak dicoret dan diganti warga yang memenuhi syarat.',
      ),
    ],
  },
  {
    category: 'ketenagakerjaan',
    regional: [],
    ministryUnits: ['kemnaker-setjen'],
    issues: [
      pengaduan(
        'THR tidak dibayarkan perusahaan di {daerah}',
        'Perusahaan tempat saya bekerja di {daerah} tidak membayar THR tahun ini dengan alasan penjualan menurun.',
        'Pengawas ketenagakerjaan telah menerbitkan nota pemeriksaan; perusahaan membayar THR beserta dendanya.',
      ),
      pengaduan(
        'Upah di bawah UMK {daerah}',
        'Pekerja pabrik garmen di {daerah} dibayar jauh di bawah UMK dan lembur tidak dihitung.',
        'Perusahaan telah diperiksa dan diwajibkan membayar kekurangan upah serta upah lembur.',
      ),
      pengaduan(
        'PHK sepihak tanpa pesangon',
        'Saya diberhentikan lewat pesan singkat setelah tujuh tahun bekerja tanpa pesangon maupun surat keterangan kerja.',
        'Perselisihan telah dicatatkan untuk mediasi hubungan industrial dan perusahaan sepakat membayar pesangon.',
      ),
    ],
  },
  {
    category: 'pertanian',
    regional: ['government'],
    ministryUnits: ['kementan-setjen'],
    issues: [
      pengaduan(
        'Pupuk bersubsidi langka di kios resmi {desa}',
        'Menjelang musim tanam, kios pupuk resmi di {desa} selalu kosong, tetapi pupuk yang sama dijual bebas di luar kios dengan harga tinggi.',
        'Alokasi pupuk bersubsidi untuk kios telah ditambah dan penyaluran di luar kios ditertibkan.',
      ),
      pengaduan(
        'Kios menjual pupuk subsidi di atas HET',
        'Kios pupuk di {desa} menjual urea bersubsidi Rp150.000 per karung, jauh di atas harga eceran tertinggi.',
        'Kios yang menjual di atas HET telah dicabut penunjukannya dan alokasi pupuk dialihkan ke kios lain.',
        true,
      ),
    ],
  },
];
