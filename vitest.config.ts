import { defineConfig } from 'vitest/config';

/*
 * The server's tests run once per database: always on SQLite, and on MariaDB/MySQL as
 * well when TEST_MYSQL_URL is set (CI always sets it).
 */
const serverOn = (database: 'sqlite' | 'mysql') => ({
  test: {
    name: `server:${database}`,
    include: ['apps/server/src/**/*.test.ts'],
    env: { TEST_DB: database },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'packages',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/console/src/**/*.test.ts',
            'apps/technician/src/**/*.test.ts',
            'test/boundaries/*.test.ts',
          ],
        },
      },
      // The apps' screens and forms, rendered in happy-dom with the fetch they make faked. A
      // screen typed through by a user takes seconds on two busy cores: room beyond the 5 s default.
      {
        test: {
          name: 'components',
          include: ['apps/*/src/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/components/setup.ts'],
          testTimeout: 20_000,
        },
      },
      serverOn('sqlite'),
      ...(process.env.TEST_MYSQL_URL ? [serverOn('mysql')] : []),
      // Browser journeys against the built apps: `npm test` builds first.
      { test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
