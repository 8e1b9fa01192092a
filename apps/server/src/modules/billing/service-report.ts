import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { formatDateTime, formatRupiah } from '@purnajual/client/format';
import PDFDocument from 'pdfkit';
import type { ServiceReportInput } from './service-report-input';
import { createPdfLayout, margin } from './service-report-layout';
import {
  approval,
  charges,
  customerAndUnit,
  footers,
  letterhead,
  parts,
  payments,
  photos,
  type ReportContext,
  signature,
  work,
} from './service-report-sections';
import { reportTexts } from './service-report-texts';

/*
 * The signed service report that replaces the paper work-order form. pdfkit stays an npm
 * dependency outside the server bundle (build.mjs); the font is DejaVu Sans from the
 * `dejavu-fonts-ttf` package, embedded (subset) in every PDF, so it needs no network and
 * no fonts on the machine, and covers far more than Indonesian needs (µ, –, ×, names with
 * accents).
 */

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

/** Draws the report section by section; the page footers go on last, once the page count is known. */
export async function renderServiceReport(input: ServiceReportInput): Promise<Buffer> {
  const { detail, company, language } = input;
  const t = reportTexts[language];
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
  const context: ReportContext = {
    doc,
    layout: createPdfLayout(doc),
    t,
    input,
    dateTime: (iso) => formatDateTime(iso, input.timeZone, language),
    rupiah: (amount) => formatRupiah(amount, language),
  };
  for (const section of [letterhead, customerAndUnit, work, parts, charges, payments, approval, photos, signature]) {
    section(context);
  }
  footers(context);
  doc.end();
  return finished;
}
