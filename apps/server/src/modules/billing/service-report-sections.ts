import { formatDate, formatPhone } from '@purnajual/client/format';
import type { ServiceReportInput } from './service-report-input';
import { contentWidth, gray, margin, type PdfLayout } from './service-report-layout';
import type { ReportTexts } from './service-report-texts';

/** What every section draws with: the document, its layout steps, the words and the formats of the report's language. */
export interface ReportContext {
  doc: PDFKit.PDFDocument;
  layout: PdfLayout;
  t: ReportTexts;
  input: ServiceReportInput;
  dateTime: (iso: string | Date) => string;
  rupiah: (amount: number) => string;
}

const totalWidths = [395, 120];

export function letterhead({ doc, layout, t, input, dateTime }: ReportContext) {
  const { company, detail } = input;
  doc.font('bold').fontSize(15).text(company.name, margin, margin);
  doc.font('regular').fontSize(8.5).fillColor(gray).text(company.address);
  doc.text([formatPhone(company.phone), company.taxId ? `NPWP ${company.taxId}` : ''].filter(Boolean).join(' · '));
  doc.fillColor('black').moveDown(0.8);
  doc.font('bold').fontSize(13).text(t.title, { continued: false });
  layout.field(t.number, detail.number);
  layout.field(t.printed, dateTime(input.printedAt));
}

export function customerAndUnit({ layout, t, input }: ReportContext) {
  const { detail, language } = input;
  layout.heading(t.customer);
  layout.field(t.name, detail.customer.name);
  layout.field(t.phone, formatPhone(detail.customer.phone));
  layout.field(t.address, [detail.customer.address, detail.customer.areaName].filter(Boolean).join(', '));

  layout.heading(t.product);
  if (detail.product) {
    const { model } = detail.product;
    layout.field(t.model, `${model.brand} ${model.name} (${model.code})`);
    layout.field(t.serial, detail.product.serialNumber);
  }
  const warrantyUntil = detail.product?.warrantyUntil;
  const until = warrantyUntil ? ` (${t.until} ${formatDate(warrantyUntil, language)})` : '';
  layout.field(t.warranty, `${t.warrantyStatus[detail.warrantyStatus]}${until}`);
}

export function work({ layout, t, input, dateTime }: ReportContext) {
  const { detail } = input;
  layout.heading(t.work);
  layout.field(t.complaint, detail.complaint);
  if (detail.report) {
    layout.field(t.diagnosis, detail.report.diagnosis);
    layout.field(t.action, detail.report.actionTaken);
    layout.field(t.result, t.results[detail.report.result]);
  }
  if (detail.technicianName) layout.field(t.technician, detail.technicianName);
  const minutes = Math.round(detail.repairSeconds / 60);
  layout.field(t.repairTime, t.duration(Math.floor(minutes / 60), minutes % 60));
  if (detail.report) layout.field(t.completedAt, dateTime(detail.report.completedAt));
}

export function parts({ layout, t, input, rupiah }: ReportContext) {
  const { partsUsed } = input.detail;
  layout.heading(t.parts);
  if (partsUsed.length === 0) return layout.note(t.noParts);
  const widths = [95, 220, 40, 80, 80];
  layout.row([t.partNo, t.partName, t.quantity, t.unitPrice, t.amount], widths, { bold: true, rightFrom: 2 });
  for (const part of partsUsed) {
    const cells = [
      part.partNo,
      part.name,
      String(part.quantity),
      rupiah(part.unitPrice),
      rupiah(part.quantity * part.unitPrice),
    ];
    layout.row(cells, widths, { rightFrom: 2 });
  }
}

export function charges({ layout, t, input, rupiah }: ReportContext) {
  const { billing } = input.detail;
  layout.heading(t.charges);
  const widths = [315, 40, 80, 80];
  layout.row(['', t.quantity, t.unitPrice, t.amount], widths, { bold: true, rightFrom: 1 });
  for (const line of billing.lines) {
    const description = line.kind === 'part' ? line.description : t.lines[line.kind];
    const label = line.coveredByWarranty ? `${description} (${t.covered})` : description;
    layout.row([label, String(line.quantity), rupiah(line.unitPrice), rupiah(line.amount)], widths, { rightFrom: 1 });
  }
  const total = (label: string, amount: number, bold = false) =>
    layout.row([label, rupiah(amount)], totalWidths, { bold, rightFrom: 1 });
  total(t.subtotal, billing.subtotal);
  total(`${t.tax} ${billing.taxRatePercent}%`, billing.tax);
  total(t.total, billing.total, true);
  if (billing.warrantyCovers > 0) total(t.warrantyCovers, -billing.warrantyCovers);
  total(t.customerPays, billing.customerPays, true);
}

export function payments({ layout, t, input, dateTime, rupiah }: ReportContext) {
  const { billing } = input.detail;
  layout.heading(t.payments);
  if (billing.payments.length === 0) {
    layout.note(t.noPayments);
  } else {
    const widths = [110, 120, 70, 115, 100];
    layout.row([t.receipt, t.date, t.method, t.reference, t.amount], widths, { bold: true, rightFrom: 4 });
    for (const payment of billing.payments) {
      const cells = [payment.receiptNumber, dateTime(payment.at), t.methods[payment.method], payment.reference ?? '–'];
      layout.row([...cells, rupiah(payment.amount)], widths, { rightFrom: 4 });
    }
  }
  layout.row([t.paid, rupiah(billing.paid)], totalWidths, { rightFrom: 1 });
  if (billing.refunded > 0) layout.row([t.refunded, rupiah(-billing.refunded)], totalWidths, { rightFrom: 1 });
  layout.row([t.balance, rupiah(billing.balance)], totalWidths, { bold: true, rightFrom: 1 });
}

export function approval({ doc, layout, t, input, dateTime, rupiah }: ReportContext) {
  const { approval: approved } = input.detail.billing;
  layout.heading(t.approval, 110);
  if (!approved) return layout.note(t.noApproval);
  doc
    .font('regular')
    .fontSize(9)
    .text(t.approvedBy(approved.name, rupiah(approved.approvedTotal), dateTime(approved.at)), margin, doc.y);
  if (!approved.isCurrent) doc.fillColor('#b00020').text(t.approvalStale).fillColor('black');
  if (input.approvalSignature) {
    layout.ensureSpace(70);
    if (layout.drawImage(input.approvalSignature, margin, doc.y + 4, [180, 60])) doc.y += 68;
  }
}

/** Four to a row, each with its kind under it. */
export function photos({ doc, layout, t, input }: ReportContext) {
  if (input.photos.length === 0) return;
  layout.heading(t.photos, 170);
  const size = 120;
  const gap = (contentWidth - 4 * size) / 3;
  for (let i = 0; i < input.photos.length; i += 4) {
    layout.ensureSpace(size + 16);
    const y = doc.y;
    input.photos.slice(i, i + 4).forEach((photo, j) => {
      const x = margin + j * (size + gap);
      layout.drawImage(photo.content, x, y, [size, size]);
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

export function signature({ doc, layout, t, input }: ReportContext) {
  layout.heading(t.signature, 120);
  if (!input.signature) return layout.note(t.notSigned);
  layout.ensureSpace(80);
  if (layout.drawImage(input.signature, margin, doc.y + 4, [200, 70])) doc.y += 76;
  doc.font('regular').fontSize(9).text(input.detail.customer.name, margin, doc.y);
}

/** The work order's number and the page on every page, in the bottom margin. */
export function footers({ doc, t, input }: ReportContext) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(gray)
      .text(`${input.detail.number} · ${t.page(i + 1, range.count)}`, margin, doc.page.height - margin - 10, {
        width: contentWidth,
        align: 'right',
        lineBreak: false,
      });
  }
}
