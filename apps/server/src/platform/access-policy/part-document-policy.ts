import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type AccessActor, reachOf } from './access-table';

/**
 * Which part requests and returns a caller may see, inside every query: a technician
 * their own, the office of a branch those of its warehouse. A hidden one is simply not found.
 */
export type DocumentScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'branch'; branchId: string | null }
  | { kind: 'technician'; technicianId: string };

/** What of a request or return decides who sees it. */
export interface DocumentAudience {
  branchId: string;
  technicianId: string;
}

export function documentScopeOf(actor: AccessActor): DocumentScope {
  switch (reachOf('partDocuments', actor.role)) {
    case 'all':
      return { kind: 'all' };
    case 'branch':
      return { kind: 'branch', branchId: actor.branchId };
    case 'own':
      return { kind: 'technician', technicianId: actor.id };
    case 'none':
      return { kind: 'none' };
  }
}

/** The rule of `documentWhere`, in memory. */
export function isDocumentInScope(scope: DocumentScope, document: DocumentAudience): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'branch':
      return scope.branchId !== null && document.branchId === scope.branchId;
    case 'technician':
      return document.technicianId === scope.technicianId;
  }
}

/** The scope as a condition on the document's own columns (`part_request.branchId`, …). */
export function documentWhere(
  columns: { branchId: RawBuilder<string>; technicianId: RawBuilder<string> },
  scope: DocumentScope,
) {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`1 = 1`;
    case 'none':
      return sql<SqlBool>`1 = 0`;
    case 'branch':
      return scope.branchId === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${columns.branchId} = ${scope.branchId}`;
    case 'technician':
      return sql<SqlBool>`${columns.technicianId} = ${scope.technicianId}`;
  }
}

/** Whether the caller is the technician the document is of: who alone cancels or sends it. */
export const isDocumentOwner = (actor: AccessActor, document: Pick<DocumentAudience, 'technicianId'>) =>
  document.technicianId === actor.id;
