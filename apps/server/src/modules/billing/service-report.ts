import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { formatDate, formatDateTime, formatPhone, formatRupiah } from '@purnajual/client/format';
import type { AttachmentKind, TimeZone, WarrantyStatus, WorkOrderDetail } from '@purnajual/contract';
import PDFDocument from 'pdfkit';
import type { Config } from '../../config';

/*
 * The signed service report that replaces the paper work-order form. pdfkit stays an npm
 * dependency outside the server bundle (build.mjs); the font is DejaVu Sans from the
 * `dejavu-fonts-ttf` package, embedded (subset) in every PDF, so it needs no network and
 * no fonts on the machine, and covers far more than Indonesian needs (µ, –, ×, names with
 * accents).
 */

export type ReportLanguage = 'id' | 'en';

export interface ServiceReportInput {
  detail: WorkOrderDetail;
  company: Config['company'];
  timeZone: TimeZone;
  language: ReportLanguage;
  /** The customer's signature on the completed repair. */
  signature: Buffer | null;
  /** The customer's signature under the approved cost. */
  approvalSignature: Buffer | null;
  photos: { kind: AttachmentKind; content: Buffer }[];
  printedAt: Date;
}

/** What a report worker is handed: the input as it arrives structured-cloned (Buffers as Uint8Arrays). */
export interface ReportTask extends Omit<ServiceReportInput, 'signature' | 'approvalSignature' | 'photos'> {
  signature: Uint8Array | null;
  approvalSignature: Uint8Array | null;
  photos: { kind: AttachmentKind; content: Uint8Array }[];
}

/** A worker's answer: the PDF, or why drawing it failed (a fault of ours, not of the worker). */
export type RenderedReport = { ok: true; pdf: Uint8Array } | { ok: false; message: string };

const texts = {
  id: {
    title: 'LAPORAN SERVIS',
    number: 'No. order kerja',
    printed: 'Dicetak',
    customer: 'Pelanggan',
    name: 'Nama',
    phone: 'Telepon',
    address: 'Alamat',
    product: 'Produk',
    model: 'Model',
    serial: 'No. seri',
    warranty: 'Garansi',
    work: 'Pekerjaan',
    complaint: 'Keluhan',
    diagnosis: 'Diagnosa',
    action: 'Tindakan',
    result: 'Hasil',
    technician: 'Teknisi',
    repairTime: 'Waktu perbaikan',
    completedAt: 'Selesai',
    parts: 'Suku cadang',
    partNo: 'No. part',
    partName: 'Nama',
    quantity: 'Jml',
    unitPrice: 'Harga',
    amount: 'Jumlah',
    noParts: 'Tidak ada suku cadang yang dipakai.',
    charges: 'Rincian biaya',
    covered: 'garansi',
    subtotal: 'Subtotal',
    tax: 'PPN',
    total: 'Total',
    warrantyCovers: 'Ditanggung garansi',
    customerPays: 'Dibayar pelanggan',
    payments: 'Pembayaran',
    receipt: 'No. kuitansi',
    method: 'Cara bayar',
    reference: 'Referensi',
    date: 'Tanggal',
    noPayments: 'Belum ada pembayaran.',
    paid: 'Sudah dibayar',
    refunded: 'Dikembalikan (uang kembali dan nota kredit)',
    balance: 'Sisa tagihan',
    approval: 'Persetujuan biaya',
    approvedBy: (name: string, total: string, at: string) => `Disetujui oleh ${name}, total ${total}, ${at}`,
    approvalStale: 'Biaya berubah setelah persetujuan ini; perlu persetujuan baru.',
    noApproval: 'Belum disetujui pelanggan.',
    photos: 'Foto',
    signature: 'Tanda tangan pelanggan',
    notSigned: 'Belum ditandatangani.',
    page: (n: number, of: number) => `Halaman ${n} dari ${of}`,
    lines: { labor: 'Jasa servis', transport: 'Biaya transport', discount: 'Diskon' },
    warrantyStatus: { in_warranty: 'Dalam garansi', out_of_warranty: 'Di luar garansi', unknown: 'Tidak diketahui' },
    results: {
      fixed: 'Berhasil diperbaiki',
      not_fixed: 'Tidak berhasil diperbaiki',
      needs_workshop: 'Perlu dibawa ke bengkel',
    },
    methods: { cash: 'Tunai', transfer: 'Transfer', qris: 'QRIS', card: 'Kartu' },
    photoKinds: { before: 'Sebelum', after: 'Sesudah', damage: 'Kerusakan', serial_plate: 'Pelat nomor seri' },
    duration: (h: number, m: number) => (h > 0 ? `${h} jam ${m} menit` : `${m} menit`),
    until: 's.d.',
  },
  en: {
    title: 'SERVICE REPORT',
    number: 'Work order no.',
    printed: 'Printed',
    customer: 'Customer',
    name: 'Name',
    phone: 'Phone',
    address: 'Address',
    product: 'Product',
    model: 'Model',
    serial: 'Serial no.',
    warranty: 'Warranty',
    work: 'Work',
    complaint: 'Complaint',
    diagnosis: 'Diagnosis',
    action: 'Action taken',
    result: 'Result',
    technician: 'Technician',
    repairTime: 'Repair time',
    completedAt: 'Completed',
    parts: 'Spare parts',
    partNo: 'Part no.',
    partName: 'Name',
    quantity: 'Qty',
    unitPrice: 'Price',
    amount: 'Amount',
    noParts: 'No spare parts used.',
    charges: 'Charges',
    covered: 'warranty',
    subtotal: 'Subtotal',
    tax: 'VAT',
    total: 'Total',
    warrantyCovers: 'Covered by warranty',
    customerPays: 'Customer pays',
    payments: 'Payments',
    receipt: 'Receipt no.',
    method: 'Method',
    reference: 'Reference',
    date: 'Date',
    noPayments: 'No payments yet.',
    paid: 'Paid',
    refunded: 'Given back (refunds and credit notes)',
    balance: 'Balance due',
    approval: 'Cost approval',
    approvedBy: (name: string, total: string, at: string) => `Approved by ${name}, total ${total}, ${at}`,
    approvalStale: 'The charges changed after this approval; a new approval is needed.',
    noApproval: 'Not approved by the customer yet.',
    photos: 'Photos',
    signature: "Customer's signature",
    notSigned: 'Not signed yet.',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    lines: { labor: 'Labor', transport: 'Transport', discount: 'Discount' },
    warrantyStatus: { in_warranty: 'In warranty', out_of_warranty: 'Out of warranty', unknown: 'Unknown' },
    results: { fixed: 'Fixed', not_fixed: 'Not fixed', needs_workshop: 'Needs the workshop' },
    methods: { cash: 'Cash', transfer: 'Transfer', qris: 'QRIS', card: 'Card' },
    photoKinds: { before: 'Before', after: 'After', damage: 'Damage', serial_plate: 'Serial plate' },
    duration: (h: number, m: number) => (h > 0 ? `${h} h ${m} min` : `${m} min`),
    until: 'until',
  },
} satisfies Record<ReportLanguage, unknown>;

type Texts = (typeof texts)[ReportLanguage];

const require = createRequire(import.meta.url);
let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;

/** Read once, on the first report. */
function loadFonts() {
  fonts ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

const margin = 40;
const pageWidth = 595.28;
const contentWidth = pageWidth - 2 * margin;
const gray = '#555555';

export async function renderServiceReport(input: ServiceReportInput): Promise<Buffer> {
  const { detail, company, language } = input;
  const t: Texts = texts[language];
  const { regular, bold } = await loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    bufferPages: true,
    info: { Title: `${t.title} ${detail.number}`, Author: company.name },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const dateTime = (iso: string | Date) => formatDateTime(iso, input.timeZone, language);
  const rupiah = (amount: number) => formatRupiah(amount, language);
  const bottom = () => doc.page.height - margin - 20;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  /** `keep`: room for what must follow on the same page (a signature under its heading). */
  const heading = (text: string, keep = 40) => {
    ensureSpace(keep);
    doc.moveDown(0.6);
    doc.font('bold').fontSize(11).fillColor('black').text(text, margin, doc.y);
    doc
      .moveTo(margin, doc.y + 2)
      .lineTo(margin + contentWidth, doc.y + 2)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.moveDown(0.4);
  };
  const field = (label: string, value: string) => {
    const labelWidth = 120;
    const height = Math.max(
      doc
        .font('regular')
        .fontSize(9)
        .heightOfString(value, { width: contentWidth - labelWidth }),
      12,
    );
    ensureSpace(height);
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(gray)
      .text(label, margin, y, { width: labelWidth - 8 });
    doc.fillColor('black').text(value, margin + labelWidth, y, { width: contentWidth - labelWidth });
    doc.y = Math.max(doc.y, y + 12);
  };
  /** One row of a table; `widths` add up to the content width, numbers are right-aligned. */
  const row = (cells: string[], widths: number[], options: { bold?: boolean; rightFrom?: number } = {}) => {
    doc
      .font(options.bold ? 'bold' : 'regular')
      .fontSize(9)
      .fillColor('black');
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) - 6 })), 11);
    ensureSpace(height + 3);
    const y = doc.y;
    let x = margin;
    cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      const align = i >= (options.rightFrom ?? cells.length) ? 'right' : 'left';
      doc.text(cell, x, y, { width: width - 6, align });
      x += width;
    });
    doc.y = y + height + 3;
  };
  const drawImage = (image: Buffer, x: number, y: number, fit: [number, number]) => {
    try {
      doc.image(image, x, y, { fit, align: 'center', valign: 'center' });
      return true;
    } catch {
      // Photos are decoded and re-encoded at upload; one stored before that which pdfkit cannot read is left out.
      return false;
    }
  };

  // Letterhead
  doc.font('bold').fontSize(15).text(company.name, margin, margin);
  doc.font('regular').fontSize(8.5).fillColor(gray).text(company.address);
  doc.text([formatPhone(company.phone), company.taxId ? `NPWP ${company.taxId}` : ''].filter(Boolean).join(' · '));
  doc.fillColor('black').moveDown(0.8);
  doc.font('bold').fontSize(13).text(t.title, { continued: false });
  field(t.number, detail.number);
  field(t.printed, dateTime(input.printedAt));

  heading(t.customer);
  field(t.name, detail.customer.name);
  field(t.phone, formatPhone(detail.customer.phone));
  field(t.address, [detail.customer.address, detail.customer.areaName].filter(Boolean).join(', '));

  heading(t.product);
  if (detail.product) {
    const { model } = detail.product;
    field(t.model, `${model.brand} ${model.name} (${model.code})`);
    field(t.serial, detail.product.serialNumber);
  }
  const warranty: WarrantyStatus = detail.warrantyStatus;
  const warrantyUntil = detail.product?.warrantyUntil;
  field(
    t.warranty,
    `${t.warrantyStatus[warranty]}${warrantyUntil ? ` (${t.until} ${formatDate(warrantyUntil, language)})` : ''}`,
  );

  heading(t.work);
  field(t.complaint, detail.complaint);
  if (detail.report) {
    field(t.diagnosis, detail.report.diagnosis);
    field(t.action, detail.report.actionTaken);
    field(t.result, t.results[detail.report.result]);
  }
  if (detail.technicianName) field(t.technician, detail.technicianName);
  const minutes = Math.round(detail.repairSeconds / 60);
  field(t.repairTime, t.duration(Math.floor(minutes / 60), minutes % 60));
  if (detail.report) field(t.completedAt, dateTime(detail.report.completedAt));

  heading(t.parts);
  if (detail.partsUsed.length === 0) {
    doc.font('regular').fontSize(9).text(t.noParts);
  } else {
    const widths = [95, 220, 40, 80, 80];
    row([t.partNo, t.partName, t.quantity, t.unitPrice, t.amount], widths, { bold: true, rightFrom: 2 });
    for (const part of detail.partsUsed) {
      row(
        [part.partNo, part.name, String(part.quantity), rupiah(part.unitPrice), rupiah(part.quantity * part.unitPrice)],
        widths,
        { rightFrom: 2 },
      );
    }
  }

  heading(t.charges);
  const { billing } = detail;
  const chargeWidths = [315, 40, 80, 80];
  row(['', t.quantity, t.unitPrice, t.amount], chargeWidths, { bold: true, rightFrom: 1 });
  for (const line of billing.lines) {
    const description = line.kind === 'part' ? line.description : t.lines[line.kind];
    row(
      [
        line.coveredByWarranty ? `${description} (${t.covered})` : description,
        String(line.quantity),
        rupiah(line.unitPrice),
        rupiah(line.amount),
      ],
      chargeWidths,
      { rightFrom: 1 },
    );
  }
  const totalWidths = [395, 120];
  row([t.subtotal, rupiah(billing.subtotal)], totalWidths, { rightFrom: 1 });
  row([`${t.tax} ${billing.taxRatePercent}%`, rupiah(billing.tax)], totalWidths, { rightFrom: 1 });
  row([t.total, rupiah(billing.total)], totalWidths, { bold: true, rightFrom: 1 });
  if (billing.warrantyCovers > 0)
    row([t.warrantyCovers, rupiah(-billing.warrantyCovers)], totalWidths, { rightFrom: 1 });
  row([t.customerPays, rupiah(billing.customerPays)], totalWidths, { bold: true, rightFrom: 1 });

  heading(t.payments);
  if (billing.payments.length === 0) {
    doc.font('regular').fontSize(9).text(t.noPayments);
  } else {
    const widths = [110, 120, 70, 115, 100];
    row([t.receipt, t.date, t.method, t.reference, t.amount], widths, { bold: true, rightFrom: 4 });
    for (const payment of billing.payments) {
      row(
        [
          payment.receiptNumber,
          dateTime(payment.at),
          t.methods[payment.method],
          payment.reference ?? '–',
          rupiah(payment.amount),
        ],
        widths,
        { rightFrom: 4 },
      );
    }
  }
  row([t.paid, rupiah(billing.paid)], totalWidths, { rightFrom: 1 });
  if (billing.refunded > 0) row([t.refunded, rupiah(-billing.refunded)], totalWidths, { rightFrom: 1 });
  row([t.balance, rupiah(billing.balance)], totalWidths, { bold: true, rightFrom: 1 });

  heading(t.approval, 110);
  if (billing.approval) {
    const { approval } = billing;
    doc
      .font('regular')
      .fontSize(9)
      .text(t.approvedBy(approval.name, rupiah(approval.approvedTotal), dateTime(approval.at)), margin, doc.y);
    if (!approval.isCurrent) doc.fillColor('#b00020').text(t.approvalStale).fillColor('black');
    if (input.approvalSignature) {
      ensureSpace(70);
      if (drawImage(input.approvalSignature, margin, doc.y + 4, [180, 60])) doc.y += 68;
    }
  } else {
    doc.font('regular').fontSize(9).text(t.noApproval);
  }

  if (input.photos.length > 0) {
    heading(t.photos, 170);
    const size = 120;
    const gap = (contentWidth - 4 * size) / 3;
    for (let i = 0; i < input.photos.length; i += 4) {
      ensureSpace(size + 16);
      const y = doc.y;
      input.photos.slice(i, i + 4).forEach((photo, j) => {
        const x = margin + j * (size + gap);
        drawImage(photo.content, x, y, [size, size]);
        doc
          .font('regular')
          .fontSize(8)
          .fillColor(gray)
          .text(t.photoKinds[photo.kind], x, y + size + 2, { width: size, align: 'center' });
      });
      doc.fillColor('black');
      doc.y = y + size + 16;
    }
  }

  heading(t.signature, 120);
  if (input.signature) {
    ensureSpace(80);
    if (drawImage(input.signature, margin, doc.y + 4, [200, 70])) doc.y += 76;
    doc.font('regular').fontSize(9).text(detail.customer.name, margin, doc.y);
  } else {
    doc.font('regular').fontSize(9).text(t.notSigned);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(gray)
      .text(`${detail.number} · ${t.page(i + 1, range.count)}`, margin, doc.page.height - margin - 10, {
        width: contentWidth,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return finished;
}
