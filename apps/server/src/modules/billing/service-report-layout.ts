/** The report's page geometry and the few drawing steps every section is made of. */
export const margin = 40;
const pageWidth = 595.28;
export const contentWidth = pageWidth - 2 * margin;
export const gray = '#555555';

export function createPdfLayout(doc: PDFKit.PDFDocument) {
  const bottom = () => doc.page.height - margin - 20;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  return {
    ensureSpace,
    /** `keep`: room for what must follow on the same page (a signature under its heading). */
    heading(text: string, keep = 40) {
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
    },
    field(label: string, value: string) {
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
    },
    /** One row of a table; `widths` add up to the content width, numbers are right-aligned. */
    row(cells: string[], widths: number[], options: { bold?: boolean; rightFrom?: number } = {}) {
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
    },
    /** A plain line of small text. */
    note(text: string) {
      doc.font('regular').fontSize(9).text(text);
    },
    drawImage(image: Buffer, x: number, y: number, fit: [number, number]) {
      try {
        doc.image(image, x, y, { fit, align: 'center', valign: 'center' });
        return true;
      } catch {
        // Photos are decoded and re-encoded at upload; one stored before that which pdfkit cannot read is left out.
        return false;
      }
    },
  };
}

export type PdfLayout = ReturnType<typeof createPdfLayout>;
