import type { CustomerMessageKind, MessageLanguage } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { CustomerMessageTable } from '../../db/schema/tracking';

export const findTemplates = (db: Kysely<DB>) =>
  db.selectFrom('message_template').selectAll().orderBy('kind').orderBy('language').execute();

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

/** The order WhatsApp reports a message in; a report never moves a message back. */
const earlierThan: Record<'sent' | 'delivered' | 'read' | 'failed', CustomerMessageTable['status'][]> = {
  sent: [],
  delivered: ['sent'],
  read: ['sent', 'delivered'],
  // A message already delivered or read did reach the customer: a late failure changes nothing.
  failed: ['sent'],
};

/**
 * Moves the message WhatsApp knows by `providerId` to `status`, if that is forward of where
 * it is; one conditional update, so reports arriving out of order or on several instances at
 * once end at the furthest state. Returns whether it moved.
 */
export async function advanceStatus(
  db: Kysely<DB>,
  report: { providerId: string; status: keyof typeof earlierThan; at: string; error: string | null },
): Promise<boolean> {
  const from = earlierThan[report.status];
  if (from.length === 0) return false;
  const result = await db
    .updateTable('customer_message')
    .set({
      status: report.status,
      statusAt: report.at,
      ...(report.status === 'failed' ? { lastError: report.error ?? 'failed' } : {}),
    })
    .where('channel', '=', 'whatsapp')
    .where('providerId', '=', report.providerId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
