import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { BranchesService } from '../branches/branches.service';
import type { UsersService } from '../users/users.service';
import type { ImportKindSpec } from './import-kind';
import { type StockColumn, stockColumns } from './stock-columns';
import { type ImportedStock, readStockRow, type StockRowContext, stockFileKeys } from './stock-rows';
import { createStockWriter, type StockWriterService } from './stock-writer';

export interface StockKindDeps {
  db: Kysely<DB>;
  stock: StockWriterService;
  branches: Pick<BranchesService, 'listBranches'>;
  users: Pick<UsersService, 'findActiveTechnicians'>;
  /** Wakes the event streams after a commit that wrote events. */
  onCommitted: () => void;
}

/** Opening stock per warehouse and bag, posted through the stock ledger. */
export function createStockKind(deps: StockKindDeps): ImportKindSpec<StockColumn, ImportedStock, StockRowContext> {
  const writer = createStockWriter(deps);
  return {
    kind: 'stock',
    columns: stockColumns,
    names: { file: { en: 'stock-template', id: 'templat-stok' }, sheet: { en: 'Stock', id: 'Stok' } },
    async loadContext() {
      const [branches, technicians] = await Promise.all([
        deps.branches.listBranches(),
        deps.users.findActiveTechnicians({}),
      ]);
      return {
        branchesByCode: new Map(branches.map((branch) => [branch.code, { id: branch.id, name: branch.name }])),
        techniciansByEmployeeNo: new Map(technicians.map((technician) => [technician.employeeNo, technician])),
      };
    },
    readRow: readStockRow,
    fileKeys: stockFileKeys,
    prepare: writer.prepare,
    transaction: writer.transaction,
    write: writer.write,
    afterCommit: deps.onCommitted,
  };
}
