import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createUserBodySchema, roleSchema } from '@purnajual/contract';
import webpush from 'web-push';
import { type Config, ConfigError, loadConfig, parseStorageUrl } from './config';
import { createDatabase, type Database } from './db/database';
import { migrateToLatest } from './db/migrate';
import { AppError } from './errors';
import { ImportUsageError, runImportCommand } from './modules/imports/import-cli';
import { reindexSearch } from './modules/search/search-reindex';
import { systemClock } from './platform/clock';
import { type CopyProgress, copyFiles } from './platform/storage/copy-files';
import { createStorage } from './platform/storage/create-storage';
import { StorageUnavailableError } from './platform/storage/file-storage';
import { demoPassword, seedDemoData } from './seed/demo-data';
import { createServices, type Services } from './services';

const usage = `Usage: purnajual <command> [options]

Commands:
  migrate                 migrate the database to the latest version
  seed                    load the demo company (branches, staff, technicians' areas)
  areas:import            import Indonesia's provinces, regencies and districts
  parts:import <file.csv> add or update spare parts from a CSV parts list (header: partNo, name,
                          price, returnable, and optionally modelCodes, mustReturnDefective, reorderLevel)
  import <kind> <file> [--dry-run] [--lang id|en]
                          import customers (and their units), product-models, users or stock
                          from a CSV or XLSX file (columns in README.md); progress on stderr,
                          refused lines to <file>.refused.csv
  user:create             create a user:
      --employee-no <NIK> --name <name> --role <role> --password <password>
      [--branch <branch code>] [--phone <phone>] [--email <email>]
  totp:reset <NIK>        remove a user's two-step verification and recovery codes (a lost phone);
                          a role that requires it sets it up again at the next sign-in
  search:reindex          rebuild the search index of customers, their phones and products, and work
                          orders (they are indexed as they are written; this is for repairs and upgrades)
  push:keys               print a fresh VAPID key pair for Web Push as environment lines (VAPID_PUBLIC_KEY,
                          VAPID_PRIVATE_KEY); needs no database
  storage:copy --to s3://<bucket>[/<prefix>]
                          copy the files of the current store (STORAGE_URL) into another one;
                          files already there are skipped, so it may be run again

Every other command reads DATABASE_URL (default sqlite:./data/purnajual.db) and migrates first.`;

/** A new VAPID key pair as lines for the environment; the subject is the operator's to choose. */
function vapidKeyLines(): string {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  return [
    `VAPID_PUBLIC_KEY=${publicKey}`,
    `VAPID_PRIVATE_KEY=${privateKey}`,
    'VAPID_SUBJECT=mailto:it@example.co.id',
  ].join('\n');
}

class UsageError extends Error {}

interface CommandContext {
  db: Database['db'];
  config: Config;
  /** For progress lines; the command's result is its last line. */
  out: (line: string) => void;
  /** For progress that must stay out of the output (an import's). */
  err: (line: string) => void;
}

type Command = (services: Services, args: string[], context: CommandContext) => Promise<string>;

const progressLine = ({ copied, total, skipped }: CopyProgress) => `copied ${copied} / ${total}, skipped ${skipped}`;
/** A progress line every this many files. */
const progressEvery = 100;
/** … and every this many records of a reindex. */
const reindexProgressEvery = 50_000;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: CliIo = { env: process.env, out: console.log, err: console.error };

const commands: Record<string, Command> = {
  migrate: async () => 'Database is up to date.',

  seed: async (_services, _args, context) =>
    (await seedDemoData(context))
      ? `Demo data loaded. Every demo account's password is "${demoPassword}".`
      : 'The database already has branches; demo data not loaded.',

  'areas:import': async (services) => {
    const started = performance.now();
    const result = await services.areas.importAreas();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return (
      `Areas imported in ${seconds} s: ${result.inserted} new, ${result.updated} renamed, ${result.unchanged} unchanged.\n` +
      `In the database: ${result.counts.province} provinces, ${result.counts.regency} regencies, ${result.counts.district} districts.`
    );
  },

  'parts:import': async (services, args) => {
    const [file, ...rest] = args;
    if (file === undefined || rest.length > 0) throw new UsageError('Usage: purnajual parts:import <file.csv>');
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new UsageError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const report = await services.parts.importCsv(text);
    const summary = `Parts imported: ${report.created} new, ${report.updated} updated.`;
    if (report.errors.length === 0) return summary;
    // Refused lines make the run a refused operation (exit 1), with one line of reason each.
    throw new AppError('validation_failed', `${summary} ${report.errors.length} lines refused:`, {
      errors: report.errors.map((error) => ({ path: `line ${error.line}`, message: error.message })),
    });
  },

  import: (services, args, { db, err }) =>
    runImportCommand(args, {
      db,
      clock: systemClock,
      imports: services.imports,
      importRunner: services.importRunner,
      err,
    }).catch((error: unknown) => {
      throw error instanceof ImportUsageError ? new UsageError(error.message) : error;
    }),

  'totp:reset': async (services, args) => {
    const [employeeNo, ...rest] = args;
    if (employeeNo === undefined || rest.length > 0) throw new UsageError('Usage: purnajual totp:reset <NIK>');
    const outcome = await services.auth.twoFactor.resetByEmployeeNo(employeeNo);
    if (outcome === 'unknown') throw new AppError('not_found', `No user with NIK ${employeeNo.toUpperCase()}`);
    return outcome === 'reset'
      ? `Two-step verification of NIK ${employeeNo.toUpperCase()} removed; their sessions ended.`
      : `NIK ${employeeNo.toUpperCase()} had no two-step verification.`;
  },

  'user:create': async (services, args) => {
    const { values } = parseArgs({
      args,
      options: {
        'employee-no': { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
        branch: { type: 'string' },
        phone: { type: 'string' },
        email: { type: 'string' },
      },
      strict: true,
    });
    const missing = (['employee-no', 'name', 'role', 'password'] as const).filter((key) => !values[key]);
    if (missing.length > 0) throw new UsageError(`Missing ${missing.map((key) => `--${key}`).join(', ')}`);
    const role = roleSchema.safeParse(values.role);
    if (!role.success) throw new UsageError(`--role must be one of ${roleSchema.options.join(', ')}`);
    let branchId: string | null = null;
    if (values.branch) {
      const branch = (await services.branches.listBranches()).find((b) => b.code === values.branch?.toUpperCase());
      if (!branch) throw new UsageError(`No branch with code ${values.branch}`);
      branchId = branch.id;
    }
    const body = createUserBodySchema.safeParse({
      employeeNo: values['employee-no'],
      name: values.name,
      role: role.data,
      branchId,
      phone: values.phone ?? null,
      email: values.email ?? null,
      password: values.password,
    });
    if (!body.success) {
      throw new UsageError(body.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
    }
    const user = await services.users.createUser(body.data);
    return `Created ${user.role} ${user.name} (NIK ${user.employeeNo}).`;
  },

  'search:reindex': async (_services, args, { db, out }) => {
    if (args.length > 0) throw new UsageError('Usage: purnajual search:reindex');
    const started = performance.now();
    const result = await reindexSearch(db, ({ kind, done }) => {
      if (done % reindexProgressEvery === 0) out(`${kind}: ${done}`);
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return `Search index rebuilt in ${seconds} s: ${result.customers} customers, ${result.products} products, ${result.workOrders} work orders.`;
  },

  'storage:copy': async (_services, args, { config, out }) => {
    const { values } = parseArgs({ args, options: { to: { type: 'string' } }, strict: true });
    if (!values.to) throw new UsageError('Usage: purnajual storage:copy --to s3://<bucket>[/<prefix>]');
    const target = parseStorageUrl(values.to);
    if ('error' in target) throw new UsageError(`--to ${target.error}`);
    const from = createStorage(config.storage, config.s3);
    const to = createStorage(target, config.s3, '--to');
    if (from.location === to.location) throw new UsageError(`--to names the current store, ${from.location}`);
    await from.verify();
    await to.verify();
    const result = await copyFiles(from, to, (progress) => {
      const done = progress.copied + progress.skipped;
      if (done % progressEvery === 0 && done < progress.total) out(progressLine(progress));
    });
    return `Files of ${from.location} in ${to.location}: ${progressLine(result)}.`;
  },
};

/** Runs one CLI command and returns the process exit code (0 ok, 1 failed, 2 bad usage). */
export async function runCli(argv: string[], { env, out, err }: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out(usage);
    return name === undefined ? 2 : 0;
  }
  if (name === 'push:keys') {
    out(vapidKeyLines());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    err(`Unknown command "${name}".\n\n${usage}`);
    return 2;
  }
  let database: Database | undefined;
  try {
    const config = loadConfig(env);
    database = createDatabase(config.databaseUrl, config.database);
    await migrateToLatest(database.db);
    const services = createServices({ db: database.db, config, clock: systemClock });
    out(await command(services, args, { db: database.db, config, out, err }));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      err(error.message);
      return 2;
    }
    if (error instanceof StorageUnavailableError) {
      err(error.message);
      return 1;
    }
    if (error instanceof AppError) {
      const fields = error.errors?.map((e) => `  ${e.path}: ${e.message}`).join('\n');
      err(fields ? `${error.message}\n${fields}` : error.message);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      err(error.message);
      return 2;
    }
    err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  } finally {
    await database?.close();
  }
}
