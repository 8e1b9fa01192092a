import type { ImportKind, ImportStatus } from '@purnajual/contract';

/** One upload of a spreadsheet and how far its import got (see the migration that made it). */
export interface ImportJobTable {
  id: string;
  kind: ImportKind;
  /** `kind` while queued or running, null after: one import of a kind at a time. */
  activeKind: ImportKind | null;
  /** 0/1. */
  dryRun: number;
  status: ImportStatus;
  format: 'csv' | 'xlsx';
  fileName: string | null;
  /** The uploaded file in the file store. */
  storageName: string;
  /** The file's header cells, JSON, once read: the refused-lines file repeats them. */
  header: string | null;
  rowsTotal: number | null;
  rowsDone: number;
  rowsCreated: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRefused: number;
  /** The last line whose batch is committed; a resumed import goes on after it. */
  checkpointLine: number;
  errorEn: string | null;
  errorId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: string;
}

/** A line an import refused: its cells as the file had them (JSON) and why, in each language. */
export interface ImportRefusalTable {
  importId: string;
  line: number;
  cells: string;
  reasonEn: string;
  reasonId: string;
}

/** What the stock import posted for one line of the company's numbering (see the migration that made it). */
export interface ImportStockLineTable {
  externalId: string;
  partId: string;
  /** `warehouse:<branchId>` or `bag:<technicianId>`. */
  locationKey: string;
  quantity: number;
  updatedAt: string;
}
