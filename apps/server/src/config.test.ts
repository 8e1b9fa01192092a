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

  it('reads the billing settings: tax rate, warranty cover, and a price list over the defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.billing).toMatchObject({ taxRatePercent: 11, warrantyCovers: ['labor', 'transport', 'part'] });
    expect(defaults.billing.priceList.home_visit.ac).toEqual({ labor: [100_000, 175_000, 300_000], transport: 50_000 });
    const custom = loadConfig({
      TAX_RATE_PERCENT: '12.5',
      WARRANTY_COVERS: 'labor, part',
      LABOR_PRICE_LIST: '{"carry_in":{"tv":{"labor":[90000,60000],"transport":0}}}',
    });
    expect(custom.billing.taxRatePercent).toBe(12.5);
    expect(custom.billing.warrantyCovers).toEqual(['labor', 'part']);
    expect(custom.billing.priceList.carry_in.tv).toEqual({ labor: [60_000, 90_000], transport: 0 });
    expect(custom.billing.priceList.home_visit.tv).toEqual(defaults.billing.priceList.home_visit.tv);
    for (const [name, value] of [
      ['TAX_RATE_PERCENT', '11.125'],
      ['TAX_RATE_PERCENT', '-1'],
      ['WARRANTY_COVERS', 'labor,discount'],
      ['LABOR_PRICE_LIST', '{not json'],
      ['LABOR_PRICE_LIST', '{"home_visit":{"ac":{"labor":[-5],"transport":0}}}'],
      ['LABOR_PRICE_LIST', '{"drone":{"ac":{"labor":[5],"transport":0}}}'],
      ['PUBLIC_BASE_URL', 'servis.example.id'],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(name);
    }
  });

  it('keeps what piles up for a while, pruned hourly, and never forgets a sign-in failure inside its window', () => {
    expect(loadConfig({}).retention).toEqual({
      intervalSeconds: 3600,
      eventSeconds: 14 * 86400,
      idempotencySeconds: 7 * 86400,
      loginFailureSeconds: 86400,
      endedSessionSeconds: 7 * 86400,
    });
    const custom = loadConfig({ EVENT_RETENTION: '30d', RETENTION_INTERVAL: '15m', SESSION_RETENTION: '0' });
    expect(custom.retention).toMatchObject({ eventSeconds: 30 * 86400, intervalSeconds: 900, endedSessionSeconds: 0 });
    expect(() => loadConfig({ LOGIN_FAILURE_RETENTION: '10m' })).toThrow('LOGIN_FAILURE_RETENTION');
    expect(
      loadConfig({ LOGIN_FAILURE_RETENTION: '10m', LOGIN_FAILURE_WINDOW: '10m' }).retention.loginFailureSeconds,
    ).toBe(600);
    expect(() => loadConfig({ RETENTION_INTERVAL: '10s' })).toThrow('RETENTION_INTERVAL');
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
