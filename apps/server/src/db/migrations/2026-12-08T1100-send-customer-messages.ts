import { type Kysely, MysqlAdapter, sql } from 'kysely';

const timestamp = 'varchar(24)';

/** Today's texts, as the messages said them before they could be edited, and their English. */
const seededTemplates = [
  {
    kind: 'tracking_link',
    whatsappTemplateName: 'purnajual_tracking_link',
    id: 'Halo {{customerName}}, permintaan servis {{workOrderNumber}} sudah kami terima. Pantau statusnya di {{trackingUrl}}',
    en: 'Hello {{customerName}}, we have received service request {{workOrderNumber}}. Follow its progress at {{trackingUrl}}',
  },
  {
    kind: 'technician_assigned',
    whatsappTemplateName: 'purnajual_technician_assigned',
    id: 'Servis {{workOrderNumber}}: teknisi {{technicianName}} akan menangani permintaan Anda. Pantau statusnya di {{trackingUrl}}',
    en: 'Service {{workOrderNumber}}: technician {{technicianName}} will handle your request. Follow its progress at {{trackingUrl}}',
  },
  {
    kind: 'technician_on_the_way',
    whatsappTemplateName: 'purnajual_technician_on_the_way',
    id: 'Servis {{workOrderNumber}}: teknisi {{technicianName}} sedang dalam perjalanan ke lokasi Anda. Pantau di {{trackingUrl}}',
    en: 'Service {{workOrderNumber}}: technician {{technicianName}} is on the way to you. Follow at {{trackingUrl}}',
  },
  {
    kind: 'survey_invitation',
    whatsappTemplateName: 'purnajual_survey_invitation',
    id: 'Servis {{workOrderNumber}} sudah selesai. Terima kasih! Mohon beri penilaian layanan kami di {{trackingUrl}}',
    en: 'Service {{workOrderNumber}} is complete. Thank you! Please rate our service at {{trackingUrl}}',
  },
];

const messageColumns = [
  ['recipientEmail', 'varchar(254)'],
  ['language', 'varchar(2)'],
  ['whatsappTemplateName', 'varchar(512)'],
  // The template's values in the order its text names them, as JSON: WhatsApp's {{1}}, {{2}}, …
  ['parameters', 'varchar(2000)'],
  ['channel', 'varchar(16)'],
  ['providerId', 'varchar(128)'],
  ['statusAt', timestamp],
] as const;

/*
 * Messages reach customers on a channel (WhatsApp, SMS, e-mail) and are followed there:
 * the message row keeps the channel, the provider's id of it and when its state last moved
 * (delivered, read), plus what a WhatsApp template needs. The texts become editable
 * templates per kind and language, and a customer may stop receiving messages.
 */
/*
 * A filled template may be longer than the 1000 characters the outbox held: room for a
 * WhatsApp body (1024) and an SMS (1600). SQLite does not enforce a varchar's length.
 */
async function setBodyLength(db: Kysely<unknown>, type: 'varchar(2000)' | 'varchar(1000)') {
  if (!(db.getExecutor().adapter instanceof MysqlAdapter)) return;
  await db.schema
    .alterTable('customer_message')
    .modifyColumn('body', type, (col) => col.notNull())
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await setBodyLength(db, 'varchar(2000)');
  await db.schema
    .alterTable('customer')
    .addColumn('messagesOptOut', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('customer')
    .addColumn('language', 'varchar(2)', (col) => col.notNull().defaultTo('id'))
    .execute();

  for (const [name, type] of messageColumns) {
    await db.schema.alterTable('customer_message').addColumn(name, type).execute();
  }
  // The webhook finds a message by the provider's id of it.
  await db.schema.createIndex('customer_message_provider_idx').on('customer_message').column('providerId').execute();

  await db.schema
    .createTable('message_template')
    .addColumn('kind', 'varchar(32)', (col) => col.notNull())
    .addColumn('language', 'varchar(2)', (col) => col.notNull())
    .addColumn('body', 'varchar(1000)', (col) => col.notNull())
    .addColumn('whatsappTemplateName', 'varchar(512)', (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .addPrimaryKeyConstraint('message_template_pk', ['kind', 'language'])
    .execute();
  const now = new Date().toISOString();
  await (db as Kysely<{ message_template: Record<string, string> }>)
    .insertInto('message_template')
    .values(
      seededTemplates.flatMap(({ kind, whatsappTemplateName, id, en }) => [
        { kind, language: 'id', body: id, whatsappTemplateName, updatedAt: now },
        { kind, language: 'en', body: en, whatsappTemplateName, updatedAt: now },
      ]),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_template').execute();
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const drop = db.schema.dropIndex('customer_message_provider_idx');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('customer_message') : drop).execute();
  for (const name of messageColumns.map(([column]) => column)) {
    await db.schema.alterTable('customer_message').dropColumn(name).execute();
  }
  await db.schema.alterTable('customer').dropColumn('language').execute();
  await db.schema.alterTable('customer').dropColumn('messagesOptOut').execute();
  await sql`update customer_message set body = substr(body, 1, 1000)`.execute(db);
  await setBodyLength(db, 'varchar(1000)');
}
