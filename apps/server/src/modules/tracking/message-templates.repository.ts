import type { CustomerMessageKind, MessageLanguage } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';

export const findTemplates = (db: Kysely<DB>) => db.selectFrom('message_template').selectAll().execute();

export const findTemplate = (db: Kysely<DB>, kind: CustomerMessageKind, language: MessageLanguage) =>
  db
    .selectFrom('message_template')
    .selectAll()
    .where('kind', '=', kind)
    .where('language', '=', language)
    .executeTakeFirst();

/** Writes the template; there is one per kind and language from the start, so this updates it. */
export async function updateTemplate(
  db: Kysely<DB>,
  row: {
    kind: CustomerMessageKind;
    language: MessageLanguage;
    body: string;
    whatsappTemplateName: string;
    updatedAt: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('message_template')
    .set({ body: row.body, whatsappTemplateName: row.whatsappTemplateName, updatedAt: row.updatedAt })
    .where('kind', '=', row.kind)
    .where('language', '=', row.language)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
