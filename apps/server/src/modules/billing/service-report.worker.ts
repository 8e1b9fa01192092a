import { renderServiceReport } from './service-report';
import type { RenderedReport, ReportTask } from './service-report-input';

/*
 * One service report, drawn in a worker thread of the report pool (report-pool.ts): pdfkit's
 * work — fonts, images, compression — stays off the server's event loop and within the
 * worker's heap budget. What the worker is handed arrives structured-cloned, its Buffers as
 * plain Uint8Arrays; a failure of the drawing itself is sent back as a result, so that the
 * pool can tell it from the worker dying.
 */

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const asBufferOrNull = (bytes: Uint8Array | null) => (bytes === null ? null : asBuffer(bytes));

export default async function drawReport(task: ReportTask): Promise<RenderedReport> {
  try {
    const pdf = await renderServiceReport({
      ...task,
      signature: asBufferOrNull(task.signature),
      approvalSignature: asBufferOrNull(task.approvalSignature),
      photos: task.photos.map((photo) => ({ kind: photo.kind, content: asBuffer(photo.content) })),
    });
    return { ok: true, pdf };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
