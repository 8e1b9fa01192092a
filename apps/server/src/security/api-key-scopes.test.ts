import { type ApiScope, apiScopes } from '@purnajual/contract';
import { apiRoutes, type RouteSpec } from '@purnajual/contract/routes';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createUser } from '../../test/app';
import { createApiKey } from '../../test/integrations';
import { listOperations } from '../../test/openapi-operations';
import { newId } from '../platform/ids';

/*
 * What an API key reaches, over every operation the API publishes: a route naming a scope
 * in the contract's route table answers a key holding it (whatever it then says of the
 * input) and refuses, 403 `insufficient_scope`, a key holding every other scope; a route
 * naming none refuses every key, 403 `forbidden`.
 */
const t = await buildTestApp({ withAreas: false });
const admin = await createUser(t, 'admin');
const document = (await t.app.inject('/api/v1/openapi.json')).json<{
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}>();
/** Public operations (and those outside the API: health) take no credentials, so a key changes nothing there. */
const isPublic = (method: string, path: string) => document.paths[path]?.[method.toLowerCase()]?.security?.length === 0;
const operations = (await listOperations(t.app)).filter(
  ({ method, path }) => path.startsWith('/api/v1/') && !isPublic(method, path),
);
const table: Record<string, RouteSpec> = apiRoutes;
const scopeOf = (method: string, path: string) => table[`${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`]?.scope;

const fullKey = (await createApiKey(t.app, admin, [...apiScopes])).key;
const keysWithout = new Map<ApiScope, string>();
for (const scope of apiScopes) {
  keysWithout.set(
    scope,
    (
      await createApiKey(
        t.app,
        admin,
        apiScopes.filter((other) => other !== scope),
      )
    ).key,
  );
}

async function call(method: string, path: string, key: string) {
  const url = path.replace(/\{\w+\}/g, () => newId());
  const response = await t.app.inject({ method: method as 'GET', url, headers: bearer(key) });
  const code = response.statusCode >= 400 ? response.json<{ code: string }>().code : null;
  return { status: response.statusCode, code };
}

describe('API keys over every operation', () => {
  it('names scopes only on routes the API publishes', () => {
    const published = new Set(operations.map(({ method, path }) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const scoped = Object.entries(table).filter(([, spec]) => spec.scope !== undefined);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.map(([key]) => key).filter((key) => !published.has(key))).toEqual([]);
  });

  for (const { method, path } of operations) {
    const scope = scopeOf(method, path);
    it(`${method} ${path}: ${scope ?? 'no key'}`, async () => {
      if (scope === undefined) {
        expect(await call(method, path, fullKey)).toEqual({ status: 403, code: 'forbidden' });
        return;
      }
      const allowed = await call(method, path, fullKey);
      expect([401, 403]).not.toContain(allowed.status);
      expect(await call(method, path, keysWithout.get(scope) ?? '')).toEqual({
        status: 403,
        code: 'insufficient_scope',
      });
    });
  }
});
