import PDFDocument from 'pdfkit';
import type { Dossier, DossierEvent, WithheldDossierEvent } from '@lacak/application';

const isWithheld = (event: DossierEvent | WithheldDossierEvent): event is WithheldDossierEvent => 'withheld' in event;

/** Dates as an Indonesian reader reads them, in WIB (the dossier's instants are UTC). */
const waktu = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Asia/Jakarta' }).format(new Date(iso)) + ' WIB';

/**
 * The dossier for reading, in Bahasa Indonesia: who exported it, the signed tree head, and one line
 * per event. The JSON dossier is what proves; this rendering says how to check it.
 */
export function renderDossierPdf(dossier: Dossier): Promise<Buffer> {
  // Uncompressed: a few pages, and its text stays searchable by any tool.
  const doc = new PDFDocument({ size: 'A4', margin: 48, compress: false, info: { Title: `Berkas audit pengaduan ${dossier.complaintId}`, Producer: 'Lacak' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text('Berkas Audit Pengaduan');
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  const row = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  row('Nomor pengaduan', dossier.complaintId);
  row('Diekspor', `${waktu(dossier.exportedAt)} oleh ${dossier.exportedBy.role} ${dossier.exportedBy.id}`);
  row('Jumlah peristiwa', String(dossier.events.length));

  doc.moveDown().font('Helvetica-Bold').fontSize(12).text('Kepala pohon Merkle yang ditandatangani');
  doc.font('Helvetica').fontSize(10);
  row('Ukuran log', `${dossier.treeHead.size} peristiwa`);
  row('Hash akar', dossier.treeHead.rootHash);
  row('Ditandatangani', waktu(dossier.treeHead.signedAt));
  row('Kunci publik (Ed25519, keyId)', dossier.publicKey.keyId);

  doc.moveDown().font('Helvetica-Bold').fontSize(12).text('Riwayat peristiwa');
  doc.fontSize(9);
  for (const event of dossier.events) {
    doc.moveDown(0.4).font('Helvetica-Bold').text(`Revisi ${event.revision} · ${waktu(event.recordedAt)}`);
    doc.font('Helvetica');
    if (isWithheld(event)) {
      doc.text('Isi disembunyikan: peristiwa ini memuat akun pelapor. Tempatnya dalam rantai dan pohon tetap dibuktikan.');
      doc.text(`Hash: ${event.contentHash}`);
    } else {
      const actor = (event.metadata as { actor?: { role: string; id: string; agencyId: string | null } }).actor;
      doc.text(`Peristiwa: ${event.type}`);
      if (actor) doc.text(`Pelaku: ${actor.role} ${actor.id}${actor.agencyId ? ` (${actor.agencyId})` : ''}`);
      doc.text(`Hash: ${(event.metadata as { hash?: string }).hash ?? '(disimpan sebelum hashing dimulai)'}`);
    }
    doc.text(`Daun ke-${event.leafIndex} dari ${dossier.treeHead.size}`);
  }

  doc.moveDown().font('Helvetica-Bold').fontSize(12).text('Cara memeriksa');
  doc.font('Helvetica').fontSize(9).text(
    'Berkas ini hanya untuk dibaca. Buktinya ada di berkas JSON dengan nomor pengaduan yang sama: ' +
      'jalankan "node tools/verify-dossier.mjs dossier.json --key lacak.pem" dengan kunci publik dari GET /audit/public-key. ' +
      'Pemeriksa menghitung ulang hash setiap peristiwa, rantainya, bukti keanggotaannya dalam pohon Merkle (RFC 9162) dan tanda tangan kepala pohon.',
  );
  doc.end();
  return done;
}
