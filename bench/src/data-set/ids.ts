/** What a generated record is, in its id: records of different kinds never share an id. */
export const idKinds = { customer: 1, product: 2, workOrder: 3, history: 4, phone: 5 } as const;

/**
 * The UUIDv7 of the `serial`-th record of a kind, made at `ms`: the generator can name a
 * record again from its number instead of keeping a million ids, and ids ascend with
 * (`ms`, `serial`), so every bulk insert appends at the right edge of the primary key as
 * the server's own time-ordered ids do.
 */
export function benchId(ms: number, kind: number, serial: number): string {
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  const tail = serial.toString(16).padStart(15, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${kind.toString(16).padStart(3, '0')}-8${tail.slice(0, 3)}-${tail.slice(3)}`;
}
