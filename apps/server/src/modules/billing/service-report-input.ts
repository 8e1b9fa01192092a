import type { AttachmentKind, TimeZone, WorkOrderDetail } from '@purnajual/contract';
import type { Config } from '../../config';
import type { ReportLanguage } from './service-report-texts';

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
