import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createStorage } from './platform/storage/create-storage';
import { demoPassword, demoPeople, seedDemoData } from './seed/demo-data';

async function main() {
  const config = loadConfig();
  // A missing bucket or refused credentials stop the start, rather than every upload later.
  const storage = createStorage(config.storage, config.s3);
  await storage.verify();
  const database = createDatabase(config.databaseUrl, config.database);
  if (config.migrateOnStart) await migrateToLatest(database.db);
  const app = await buildApp({ config, database, storage });
  app.addHook('onClose', () => database.close());

  if (config.seedDemoData && (await seedDemoData({ db: database.db, config }))) {
    app.log.info('demo data loaded');
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (config.seedDemoData) {
    const accounts = demoPeople
      .filter((person, index, all) => all.findIndex((p) => p.role === person.role) === index)
      .map((person) => `  ${person.role.padEnd(11)} NIK ${person.employeeNo}  (${person.name})`);
    console.log(
      `\nPurnajual is running on http://localhost:${config.port}\nDemo accounts, password "${demoPassword}":\n${accounts.join('\n')}\n`,
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
