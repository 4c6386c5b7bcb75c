import type { ArchiveReasonCode } from '@lacak/domain';

/** What officers and reporters write along the lifecycle, and the complaints that never get far. */

/** Village names found in many provinces, so any of them fits any regency. */
export const VILLAGES = ['Sukamaju', 'Mekarsari', 'Sukajadi', 'Karangrejo', 'Sidomulyo', 'Tanjungsari', 'Sumbersari', 'Margahayu', 'Kedungwaru', 'Suka Makmur', 'Bojongsari', 'Tegalrejo'];

export const STREETS = ['Jl. Raya Merdeka', 'Jl. Sudirman', 'Jl. Diponegoro', 'Jl. Ahmad Yani', 'Jl. Pahlawan', 'Jl. Gajah Mada', 'Jl. Veteran', 'Jl. Raya Pasar', 'Jl. Pemuda', 'Jl. Imam Bonjol'];

export const DISPOSITION_NOTES = [
  'Mohon ditindaklanjuti sesuai kewenangan.',
  'Mohon ditindaklanjuti dan dilaporkan hasilnya melalui aplikasi.',
  'Diteruskan untuk ditangani; mohon perhatikan batas waktu tindak lanjut.',
  'Mohon klarifikasi kepada pihak terlapor dan sampaikan tindak lanjutnya.',
];

export const REPORTER_QUESTIONS = [
  'Mohon sebutkan alamat lengkap lokasi kejadian (RT/RW dan patokan terdekat).',
  'Kapan tepatnya kejadian tersebut terjadi dan apakah masih berlangsung?',
  'Mohon lampirkan foto atau bukti pendukung, misalnya kuitansi atau tangkapan layar.',
  'Mohon sebutkan nama unit layanan atau sekolah yang dimaksud.',
];

export const REPORTER_ANSWERS = [
  'Lokasinya di RT 03/RW 05, sekitar 100 meter dari masjid.',
  'Kejadiannya minggu lalu dan sampai sekarang masih sama.',
  'Foto dan kuitansi sudah saya kirim melalui lampiran.',
  'Yang saya maksud adalah unit layanan di kantor kecamatan.',
];

export const RESPONDENT_QUESTIONS = [
  'Mohon penjelasan pihak terlapor atas pokok pengaduan beserta bukti pendukungnya.',
  'Mohon disampaikan kronologi dan dasar hukum pungutan yang dilaporkan.',
];

export const RESPONDENT_ANSWERS = [
  'Terlapor telah memberikan keterangan tertulis dan mengakui adanya keterlambatan pelayanan.',
  'Terlapor menyatakan pungutan tersebut tanpa dasar hukum dan bersedia mengembalikannya.',
];

export const MEDIATION_NOTES = ['Mediasi antara pelapor dan pihak terlapor di kantor dinas.', 'Pertemuan mediasi difasilitasi camat setempat.'];

export const MEDIATION_RESULTS = {
  agreement: 'Para pihak sepakat; terlapor memperbaiki pelayanan dalam dua minggu.',
  no_agreement: 'Tidak tercapai kesepakatan; tindak lanjut diputuskan oleh instansi.',
  withdrawn: 'Pelapor menarik diri dari mediasi setelah masalah diselesaikan langsung.',
} as const;

export const INVESTIGATION_REASONS = ['Dugaan pungutan liar oleh petugas layanan.', 'Dugaan maladministrasi dan penyalahgunaan wewenang.'];

export const FINDINGS = {
  irregularity_found: 'Ditemukan pungutan tanpa dasar hukum; petugas dijatuhi hukuman disiplin dan uang dikembalikan.',
  no_irregularity: 'Tidak ditemukan penyimpangan; pelayanan sesuai standar, keterlambatan karena gangguan sistem.',
} as const;

/** The reply to aspirasi and information requests, which have no follow-up of their own. */
export const STANDARD_REPLIES = {
  aspirasi: [
    'Aspirasi telah diterima dan dimasukkan sebagai bahan perencanaan program tahun anggaran berikutnya.',
    'Terima kasih atas masukannya; usulan dibahas dalam musrenbang dan hasilnya diumumkan di laman instansi.',
  ],
  permintaan_informasi: [
    'Informasi yang diminta telah disampaikan kepada pelapor beserta tautan standar pelayanan.',
    'Jawaban dan dokumen persyaratan telah dikirim melalui aplikasi; informasi yang sama tersedia di laman PPID.',
  ],
} as const;

export const CLOSE_NOTES = ['Pelapor menyatakan puas dengan tindak lanjut.', 'Tindak lanjut sudah sesuai; laporan ditutup.', null];

/** Legal, criminal or legislative matters: rejected as out of scope, with the reason given. */
export const OUT_OF_SCOPE = [
  {
    title: 'Penipuan jual beli daring, uang tidak kembali',
    description: 'Saya mentransfer Rp2.300.000 untuk membeli ponsel dari akun media sosial, barang tidak dikirim dan nomor penjual tidak aktif. Mohon pelaku ditangkap.',
    reason: 'Dugaan tindak pidana penipuan; pelapor disarankan melapor ke kepolisian.',
  },
  {
    title: 'Sengketa warisan tanah dengan saudara',
    description: 'Tanah warisan orang tua kami dikuasai sepihak oleh salah satu saudara. Mohon pemerintah membagi tanah tersebut secara adil.',
    reason: 'Sengketa perdata antarwarga; diselesaikan melalui musyawarah atau pengadilan.',
  },
  {
    title: 'Putusan pengadilan dianggap tidak adil',
    description: 'Putusan pengadilan negeri atas perkara keluarga kami tidak adil. Mohon putusan tersebut dibatalkan.',
    reason: 'Putusan pengadilan tidak dapat ditinjau melalui pengelolaan pengaduan pelayanan publik.',
  },
  {
    title: 'Mohon revisi undang-undang cipta kerja',
    description: 'Beberapa pasal dalam undang-undang tersebut merugikan pekerja dan harus direvisi.',
    reason: 'Materi legislasi; aspirasi dapat disampaikan kepada DPR.',
  },
];

/** Reports with nothing to act on: archived as invalid. */
export const INVALID: { title: string; description: string; reasonCode: Exclude<ArchiveReasonCode, 'unanswered_clarification'>; reason: string }[] = [
  { title: 'Pelayanan buruk', description: 'Pelayanan di kantor ini sangat buruk, tolong diperbaiki.', reasonCode: 'too_general', reason: 'Isi laporan terlalu umum: tidak menyebut instansi, lokasi maupun kejadian.' },
  { title: 'Tolong ditindaklanjuti', description: 'Sudah lama tidak ada tanggapan, mohon segera.', reasonCode: 'too_general', reason: 'Tidak jelas laporan mana yang dimaksud.' },
  { title: 'Laporan', description: 'Lihat lampiran.', reasonCode: 'wrong_format', reason: 'Laporan tanpa uraian dan lampiran tidak terbaca.' },
  { title: 'Promo pulsa murah', description: 'Jual pulsa dan paket data murah, hubungi nomor di profil.', reasonCode: 'not_relevant', reason: 'Bukan pengaduan pelayanan publik (spam).' },
  { title: 'Tes aplikasi', description: 'Coba kirim laporan.', reasonCode: 'not_relevant', reason: 'Uji coba aplikasi, bukan laporan.' },
];

export const UNANSWERED_REASON = 'Pelapor tidak menjawab permintaan klarifikasi dalam 10 hari kerja.';

/** Why a reporter disputes a follow-up; `normative` ones say it is only a promise (jawaban normatif). */
export const DISPUTE_REASONS = {
  normative: [
    'Jawaban hanya berisi janji akan ditindaklanjuti, belum ada langkah nyata di lapangan.',
    'Tanggapan bersifat normatif: hanya mengutip aturan tanpa menjelaskan apa yang dilakukan.',
    'Dijanjikan segera diperbaiki, tetapi tidak disebutkan kapan dan oleh siapa.',
  ],
  substantive: [
    'Perbaikan baru sebagian; masalah yang sama masih terjadi minggu ini.',
    'Tindak lanjut tidak sesuai dengan yang saya laporkan.',
  ],
} as const;

/** The follow-up after a dispute: what was actually done this time. */
export const FOLLOW_UPS_AFTER_DISPUTE = [
  'Menanggapi sanggahan pelapor, petugas telah turun ke lokasi dan menyelesaikan perbaikan; foto hasil terlampir.',
  'Sanggahan diterima; kepala unit layanan telah menerbitkan jadwal perbaikan dan petugas penanggung jawab.',
];

/** Why a verifier (an admin or an APIP inspector) judges a follow-up normative. */
export const NORMATIVE_JUDGEMENTS = [
  'Tindak lanjut hanya menyatakan akan dikoordinasikan, tanpa tindakan, waktu atau penanggung jawab.',
  'Jawaban bersifat normatif; instansi diminta menyampaikan langkah konkret dan buktinya.',
];

export const RATING_COMMENTS = ['Cepat ditangani, terima kasih.', 'Sudah ada perbaikan, walau agak lama.', 'Jawabannya kurang jelas.', null];

/** An agency head's review (komitmen pimpinan), sometimes of several complaints of the same kind together. */
export const LEADERSHIP_REVIEWS = [
  'Dibahas dalam rapat pimpinan; kepala dinas meminta laporan perkembangan mingguan.',
  'Pimpinan menginstruksikan inspeksi mendadak ke unit layanan terkait.',
  'Ditinjau bersama pengaduan sejenis; pimpinan menetapkan target penyelesaian bulan ini.',
];

/** Policy improvements (perbaikan kebijakan) complaints led to. */
export const POLICY_IMPROVEMENTS = [
  { policyTitle: 'Perubahan SOP antrean layanan', description: 'Nomor antrean daring dan batas waktu layanan diumumkan di loket.' },
  { policyTitle: 'Maklumat pelayanan tanpa pungutan', description: 'Larangan pungutan di luar tarif resmi dipasang di setiap unit layanan.' },
  { policyTitle: 'Jadwal pemeliharaan berkala', description: 'Pemeriksaan sarana dilakukan setiap bulan dan hasilnya dipublikasikan.' },
];
