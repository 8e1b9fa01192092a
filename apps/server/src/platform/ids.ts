import { v7 } from 'uuid';

/** Time-ordered UUIDv7: ids sort by creation, which keeps B-tree inserts at the right edge. */
export const newId = (): string => v7();
