/** The IndexedDB database of the technician app; here apart so asking for it loads no Dexie. */
export const storeName = 'purnajual-technician';
