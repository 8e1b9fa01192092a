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

  it('sizes the MySQL pool and its lock wait, and refuses a pool of none', () => {
    expect(loadConfig({}).database).toEqual({ poolSize: 10, lockWaitTimeoutSeconds: 5 });
    expect(loadConfig({ DATABASE_POOL_SIZE: '32', DATABASE_LOCK_WAIT_TIMEOUT: '2s' }).database).toEqual({
      poolSize: 32,
      lockWaitTimeoutSeconds: 2,
    });
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_LOCK_WAIT_TIMEOUT: '0' })).toThrow(/DATABASE_LOCK_WAIT_TIMEOUT/);
  });

  it('keeps files in ./data/files by default, in STORAGE_DIR without STORAGE_URL, else where STORAGE_URL says', () => {
    expect(loadConfig({}).storage).toEqual({ kind: 'file', directory: './data/files' });
    expect(loadConfig({ STORAGE_DIR: '/srv/berkas' }).storage).toEqual({ kind: 'file', directory: '/srv/berkas' });
    const file = loadConfig({ STORAGE_URL: 'file:/var/lib/purnajual', STORAGE_DIR: '/srv/berkas' });
    expect(file.storage).toEqual({ kind: 'file', directory: '/var/lib/purnajual' });
    expect(loadConfig({ STORAGE_URL: 's3://purnajual-berkas' }).storage).toEqual({
      kind: 's3',
      bucket: 'purnajual-berkas',
      prefix: '',
    });
    expect(loadConfig({ STORAGE_URL: 's3://purnajual-berkas/prod/files/' }).storage).toEqual({
      kind: 's3',
      bucket: 'purnajual-berkas',
      prefix: 'prod/files',
    });
  });

  it('reaches AWS by default, or the S3-compatible service S3_ENDPOINT names', () => {
    expect(loadConfig({}).s3).toEqual({
      endpoint: undefined,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: undefined,
    });
    const minio = loadConfig({
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_REGION: 'ap-southeast-3',
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'purnajual',
      AWS_SECRET_ACCESS_KEY: 'rahasia-sekali',
    });
    expect(minio.s3).toEqual({
      endpoint: 'http://minio.internal:9000',
      region: 'ap-southeast-3',
      forcePathStyle: true,
      credentials: { accessKeyId: 'purnajual', secretAccessKey: 'rahasia-sekali', sessionToken: undefined },
    });
    // Half a key pair is left to the AWS SDK's own chain of places to look.
    expect(loadConfig({ AWS_ACCESS_KEY_ID: 'purnajual' }).s3.credentials).toBeUndefined();
  });

  it.each([
    ['s3://', 'STORAGE_URL: must name a bucket'],
    ['s3:///files', 'STORAGE_URL: must name a bucket'],
    ['file:', 'STORAGE_URL: must be file:<dir> or s3://<bucket>[/<prefix>]'],
    ['gs://bucket', 'STORAGE_URL: must be file:<dir> or s3://<bucket>[/<prefix>]'],
  ])('refuses STORAGE_URL=%s', (value, message) => {
    expect(() => loadConfig({ STORAGE_URL: value })).toThrow(message);
  });

  it('refuses an S3_ENDPOINT that is not a URL', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT');
  });

  it('keeps what piles up for a while, pruned hourly, and never forgets a sign-in failure inside its window', () => {
    expect(loadConfig({}).retention).toEqual({
      intervalSeconds: 3600,
      eventSeconds: 14 * 86400,
      idempotencySeconds: 7 * 86400,
      idempotencyKeysPerUser: 10_000,
      loginFailureSeconds: 86400,
      endedSessionSeconds: 7 * 86400,
      importSeconds: 30 * 86400,
    });
    const custom = loadConfig({
      EVENT_RETENTION: '30d',
      RETENTION_INTERVAL: '15m',
      SESSION_RETENTION: '0',
      IMPORT_RETENTION: '90d',
    });
    expect(custom.retention).toMatchObject({
      eventSeconds: 30 * 86400,
      intervalSeconds: 900,
      endedSessionSeconds: 0,
      importSeconds: 90 * 86400,
    });
    expect(() => loadConfig({ LOGIN_FAILURE_RETENTION: '10m' })).toThrow('LOGIN_FAILURE_RETENTION');
    expect(
      loadConfig({ LOGIN_FAILURE_RETENTION: '10m', LOGIN_FAILURE_WINDOW: '10m' }).retention.loginFailureSeconds,
    ).toBe(600);
    expect(() => loadConfig({ RETENTION_INTERVAL: '10s' })).toThrow('RETENTION_INTERVAL');
  });

  it('limits sign-in failures per NIK from one address far below the NIK from everywhere', () => {
    expect(loadConfig({}).loginThrottle).toEqual({
      maxFailuresPerAccount: 50,
      maxFailuresPerAccountAndAddress: 5,
      maxFailuresPerAddress: 30,
      windowSeconds: 15 * 60,
      delaySeconds: 1,
    });
  });

  it.each([
    ['false', { kind: 'none' }],
    ['0', { kind: 'none' }],
    ['true', { kind: 'all' }],
    ['1', { kind: 'hops', hops: 1 }],
    ['2', { kind: 'hops', hops: 2 }],
    ['10.0.0.0/8, 192.168.1.10,fd00::/8', { kind: 'networks', networks: ['10.0.0.0/8', '192.168.1.10', 'fd00::/8'] }],
  ])('reads TRUST_PROXY=%s', (value, trust) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(trust);
  });

  it.each(['yes', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8,loadbalancer', '10.0.0.0/8/8', '300'])(
    'refuses TRUST_PROXY=%s',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow('TRUST_PROXY');
    },
  );

  it('bounds slow clients by default, and refuses a header timeout longer than the request timeout', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({}).server).toEqual({
      headersTimeoutSeconds: 30,
      requestTimeoutSeconds: 300,
      bodyTimeoutSeconds: 15,
      uploadMinBytesPerSecond: 1024,
      maxConnectionsPerAddress: 128,
    });
    expect(loadConfig({ REQUEST_TIMEOUT: '2m', HEADERS_TIMEOUT: '10s' }).server).toMatchObject({
      requestTimeoutSeconds: 120,
      headersTimeoutSeconds: 10,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT: '20s' })).toThrow('HEADERS_TIMEOUT');
    expect(() => loadConfig({ BODY_TIMEOUT: '0' })).toThrow('BODY_TIMEOUT');
    expect(() => loadConfig({ MAX_CONNECTIONS_PER_ADDRESS: '0' })).toThrow('MAX_CONNECTIONS_PER_ADDRESS');
  });

  it('asks a second factor of admin, supervisor and warehouse unless told otherwise, never of technicians', () => {
    expect(loadConfig({}).twoFactor.requiredRoles).toEqual(['admin', 'supervisor', 'warehouse']);
    expect(loadConfig({ TOTP_REQUIRED_ROLES: 'admin, agent' }).twoFactor.requiredRoles).toEqual(['admin', 'agent']);
    expect(loadConfig({ TOTP_REQUIRED_ROLES: 'none' }).twoFactor.requiredRoles).toEqual([]);
    expect(() => loadConfig({ TOTP_REQUIRED_ROLES: 'admin,technician' })).toThrow('TOTP_REQUIRED_ROLES');
  });

  it('takes single sign-on whole, from an https provider, and calls back under PUBLIC_BASE_URL', () => {
    const oidc = { OIDC_ISSUER: 'https://login.example.co.id/realms/kantor', OIDC_CLIENT_ID: 'konsol' };
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(() => loadConfig(oidc)).toThrow('set all three or none');
    const config = loadConfig({ ...oidc, OIDC_CLIENT_SECRET: 's3cret', PUBLIC_BASE_URL: 'https://crm.example.co.id/' });
    expect(config.oidc).toEqual({
      issuer: 'https://login.example.co.id/realms/kantor',
      clientId: 'konsol',
      clientSecret: 's3cret',
      redirectUrl: 'https://crm.example.co.id/api/v1/auth/oidc/callback',
    });
    const plain = { OIDC_CLIENT_ID: 'konsol', OIDC_CLIENT_SECRET: 's3cret' };
    expect(() => loadConfig({ ...plain, OIDC_ISSUER: 'http://login.example.co.id' })).toThrow('OIDC_ISSUER');
    expect(loadConfig({ ...plain, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe('http://127.0.0.1:9000');
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
