import type { Kysely } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('area')
    .addColumn('code', 'varchar(13)', (col) => col.primaryKey())
    .addColumn('parentCode', 'varchar(13)')
    .addColumn('level', 'varchar(8)', (col) => col.notNull())
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('area_parent_code_idx').on('area').columns(['parentCode', 'name']).execute();
  await db.schema.createIndex('area_name_idx').on('area').column('name').execute();

  await db.schema
    .createTable('branch')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('code', 'varchar(16)', (col) => col.notNull().unique())
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('address', 'varchar(500)', (col) => col.notNull())
    .addColumn('timeZone', 'varchar(32)', (col) => col.notNull())
    .addColumn('autoAssign', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('branch_area')
    .addColumn('branchId', id, (col) => col.notNull().references('branch.id').onDelete('cascade'))
    .addColumn('areaCode', 'varchar(13)', (col) => col.notNull().references('area.code'))
    .addPrimaryKeyConstraint('branch_area_pk', ['branchId', 'areaCode'])
    .execute();
  await db.schema.createIndex('branch_area_area_code_idx').on('branch_area').column('areaCode').execute();

  await db.schema
    .createTable('user')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('employeeNo', 'varchar(32)', (col) => col.notNull().unique())
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('role', 'varchar(16)', (col) => col.notNull())
    .addColumn('branchId', id, (col) => col.references('branch.id'))
    .addColumn('phone', 'varchar(20)')
    .addColumn('email', 'varchar(254)')
    .addColumn('passwordHash', 'varchar(255)', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('user_branch_role_idx').on('user').columns(['branchId', 'role']).execute();
  await db.schema.createIndex('user_name_idx').on('user').column('name').execute();

  await db.schema
    .createTable('technician_area')
    .addColumn('userId', id, (col) => col.notNull().references('user.id').onDelete('cascade'))
    .addColumn('areaCode', 'varchar(13)', (col) => col.notNull().references('area.code'))
    .addPrimaryKeyConstraint('technician_area_pk', ['userId', 'areaCode'])
    .execute();
  await db.schema.createIndex('technician_area_area_code_idx').on('technician_area').column('areaCode').execute();

  await db.schema
    .createTable('session')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('tokenHash', 'char(64)', (col) => col.notNull().unique())
    .addColumn('userId', id, (col) => col.notNull().references('user.id').onDelete('cascade'))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('lastSeenAt', timestamp, (col) => col.notNull())
    .addColumn('expiresAt', timestamp, (col) => col.notNull())
    .addColumn('revokedAt', timestamp)
    .addColumn('ipAddress', 'varchar(45)')
    .addColumn('userAgent', 'varchar(255)')
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('userId').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'varchar(100)', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('windowStartedAt', timestamp, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['login_throttle', 'session', 'technician_area', 'user', 'branch_area', 'branch', 'area']) {
    await db.schema.dropTable(table).execute();
  }
}
