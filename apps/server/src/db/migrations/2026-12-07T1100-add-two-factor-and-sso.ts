import { type Kysely, MysqlAdapter } from 'kysely';
import type { DB } from '../schema/index';

const id = 'char(36)';
const timestamp = 'varchar(24)';

/*
 * A second factor (TOTP) with recovery codes, the challenge between a password and its
 * code, the state of a single sign-on under way, and the e-mail that a single sign-on
 * finds its user by: compared in lower case and held by one user at most. Of users who
 * shared an address before, the one created first keeps it; an admin gives the others theirs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await keepEmailsUnique(db as unknown as Kysely<DB>);
  await db.schema.createIndex('user_email_uq').on('user').column('email').unique().execute();
  await db.schema
    .alterTable('session')
    .addColumn('totpEnrolmentPending', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('user_totp')
    .addColumn('userId', id, (col) => col.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('secret', 'varchar(64)')
    .addColumn('lastUsedStep', 'integer')
    .addColumn('pendingSecret', 'varchar(64)')
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('totp_recovery_code')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('userId', id, (col) => col.notNull().references('user.id').onDelete('cascade'))
    .addColumn('codeHash', 'char(64)', (col) => col.notNull())
    .addColumn('usedAt', timestamp)
    .execute();
  await db.schema
    .createIndex('totp_recovery_code_user_idx')
    .on('totp_recovery_code')
    .columns(['userId', 'codeHash'])
    .execute();

  await db.schema
    .createTable('sign_in_challenge')
    .addColumn('tokenHash', 'char(64)', (col) => col.primaryKey())
    .addColumn('userId', id, (col) => col.notNull().references('user.id').onDelete('cascade'))
    .addColumn('expiresAt', timestamp, (col) => col.notNull())
    .addColumn('usedAt', timestamp)
    .execute();
  await db.schema.createIndex('sign_in_challenge_expiry_idx').on('sign_in_challenge').column('expiresAt').execute();

  await db.schema
    .createTable('oidc_sign_in')
    .addColumn('stateHash', 'char(64)', (col) => col.primaryKey())
    .addColumn('nonce', 'varchar(128)', (col) => col.notNull())
    .addColumn('codeVerifier', 'varchar(128)', (col) => col.notNull())
    .addColumn('expiresAt', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('oidc_sign_in_expiry_idx').on('oidc_sign_in').column('expiresAt').execute();
}

async function keepEmailsUnique(db: Kysely<DB>) {
  const users = await db
    .selectFrom('user')
    .select(['id', 'email'])
    .where('email', 'is not', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const taken = new Set<string>();
  for (const user of users) {
    const email = (user.email ?? '').trim().toLowerCase();
    const kept = email !== '' && !taken.has(email);
    if (kept) taken.add(email);
    if (kept && email === user.email) continue;
    await db
      .updateTable('user')
      .set({ email: kept ? email : null })
      .where('id', '=', user.id)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['oidc_sign_in', 'sign_in_challenge', 'totp_recovery_code', 'user_totp']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('session').dropColumn('totpEnrolmentPending').execute();
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const drop = db.schema.dropIndex('user_email_uq');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('user') : drop).execute();
}
