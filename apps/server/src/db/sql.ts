import { type RawBuilder, sql } from 'kysely';

/**
 * `column LIKE %text%` with the user's text taken literally. The escape character is `!`
 * rather than a backslash because MySQL and SQLite disagree on backslashes in string
 * literals; both compare case-insensitively here (SQLite for ASCII, MySQL by collation).
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const escaped = text.replace(/[!%_]/g, (c) => `!${c}`);
  return sql<boolean>`${sql.ref(column)} like ${`%${escaped}%`} escape '!'`;
}

/** Same, anchored at the start: lets an index on the column serve the search. */
export function startsWithText(column: string, text: string): RawBuilder<boolean> {
  const escaped = text.replace(/[!%_]/g, (c) => `!${c}`);
  return sql<boolean>`${sql.ref(column)} like ${`${escaped}%`} escape '!'`;
}
