import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerProblemHandlers } from './problem';

/** An app whose one route fails with `error`, answered by the problem handlers. */
async function failingWith(error: unknown) {
  const app = Fastify({ logger: false });
  registerProblemHandlers(app);
  app.get('/fails', async () => {
    throw error;
  });
  const response = await app.inject({ method: 'GET', url: '/fails' });
  await app.close();
  return response;
}

const mysqlError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('a database out of reach', () => {
  it.each([
    ['a Galera node outside the primary component', { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047 }],
    [
      'a commit a Galera node lost from the cluster could not replicate',
      { code: 'ER_ERROR_DURING_COMMIT', errno: 1180 },
    ],
    ['a connection killed mid-query, as mysql2 marks it', { fatal: true }],
    ['a lost connection', { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }],
    ['a deadlock the retries could not get past', { code: 'ER_LOCK_DEADLOCK', errno: 1213 }],
  ])('answers 503 with Retry-After for %s', async (_case, fields) => {
    const response = await failingWith(mysqlError('database trouble', fields));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ code: 'service_unavailable' });
  });

  it('answers anything else as a 500 that says nothing of the cause', async () => {
    const response = await failingWith(mysqlError('Unknown column x', { code: 'ER_BAD_FIELD_ERROR', errno: 1054 }));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('ER_BAD_FIELD_ERROR');
  });
});
