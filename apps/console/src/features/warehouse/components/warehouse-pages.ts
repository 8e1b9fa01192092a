/*
 * The four warehouse screens as one lazily loaded chunk: most console users never open
 * them, and a clerk moves between all four. One chunk rather than four also keeps the
 * first download small, since the bundler splits the modules shared with the rest of
 * the console into fewer pieces.
 */
export { LedgerPage } from './ledger-page';
export { PartRequestsPage } from './part-requests-page';
export { PartReturnsPage } from './part-returns-page';
export { StockPage } from './stock-page';
export { WarehouseSection } from './warehouse-section';
