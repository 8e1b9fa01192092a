import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDatabaseUrl, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded database with demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: defaultDatabaseUrl,
      seedDemoData: true,
      migrateOnStart: true,
    });
    expect(config.session).toEqual({ ttlSeconds: 30 * 86400, idleTtlSeconds: 7 * 86400 });
  });

  it('seeds nothing for an explicit DATABASE_URL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://root@db/purnajual' }).seedDemoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://root@db/purnajual', SEED_DEMO_DATA: 'true' }).seedDemoData).toBe(true);
  });

  it.each([
    ['90', 90],
    ['15m', 900],
    ['12h', 43200],
    ['30d', 2592000],
  ])('reads the duration %s as %i seconds', (value, seconds) => {
    expect(loadConfig({ SESSION_TTL: value }).session.ttlSeconds).toBe(seconds);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: defaultDatabaseUrl });
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', SESSION_TTL: '1w' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', SESSION_TTL: '1w' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'SESSION_TTL']) expect(message).toContain(name);
    }
  });
});
