import { createConfig, lintFromString } from '@redocly/openapi-core';
import { type RulesetDefinition, Spectral } from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app';

/*
 * The document integrators feed to their generators and linters, read as they read it:
 * Redocly's recommended rules and Spectral's `spectral:oas`, every finding counted.
 */
const t = await buildTestApp({ withAreas: false });
const source = (await t.app.inject('/api/v1/openapi.json')).body;
const document: {
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[]; responses: object }>>;
} = JSON.parse(source);
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
);

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules with no error and no warning', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    expect(problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
  });

  it('passes Spectral’s OpenAPI rules with no finding', async () => {
    const spectral = new Spectral();
    // The package exports its ruleset without declaring it one.
    spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] });
    const findings = await spectral.run(source);
    expect(findings.map((finding) => `${finding.code}: ${finding.message} at ${finding.path.join('.')}`)).toEqual([]);
  });

  it('names every operation once, and asks no session of the public ones', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    const signIn = operations.find(({ path }) => path === '/api/v1/auth/login');
    expect(signIn?.operation.security).toEqual([]);
    const tracking = operations.filter(({ path }) => path.startsWith('/api/v1/public/'));
    expect(tracking.length).toBeGreaterThan(0);
    for (const { operation } of tracking) expect(operation.security).toEqual([]);
  });

  it('says what is answered besides JSON, and which problem codes', () => {
    const responses = (path: string, method = 'get') =>
      JSON.stringify(operations.find((o) => o.path === path && o.method === method)?.operation.responses);
    expect(responses('/api/v1/events')).toContain('"text/event-stream"');
    expect(responses('/api/v1/work-orders/{id}/report.pdf')).toContain('"application/pdf"');
    expect(responses('/api/v1/work-orders/{id}/signature.png')).toContain('"image/png"');
    const transition = responses('/api/v1/work-orders/{id}/transitions', 'post');
    for (const code of ['invalid_transition', 'version_conflict', 'request_in_progress', 'forbidden'])
      expect(transition).toContain(`\`${code}\``);
  });
});
