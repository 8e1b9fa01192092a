import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundariesConfig, frontEnds, serverModules } from './module-graph';

const root = join(import.meta.dirname, '../..');
const foldersIn = (path: string) =>
  readdirSync(join(root, path), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/** The modules `name` reaches through the graph, itself excluded unless there is a cycle. */
function reachable(name: string, seen = new Set<string>()): Set<string> {
  for (const next of serverModules[name] ?? []) {
    if (seen.has(next)) continue;
    seen.add(next);
    reachable(next, seen);
  }
  return seen;
}

describe('the module graph', () => {
  it('names every server module and every feature of both apps', () => {
    expect(Object.keys(serverModules).sort()).toEqual(foldersIn('apps/server/src/modules'));
    expect([...frontEnds.console].sort()).toEqual(foldersIn('apps/console/src/features'));
    expect([...frontEnds.technician].sort()).toEqual(foldersIn('apps/technician/src/features'));
  });

  it('points one way: no module reaches itself, and every dependency is a module', () => {
    for (const [name, dependencies] of Object.entries(serverModules)) {
      for (const dependency of dependencies) expect(Object.keys(serverModules)).toContain(dependency);
      expect(reachable(name).has(name), `${name} depends on itself`).toBe(false);
    }
  });

  it('is what biome.boundaries.json enforces (npm run boundaries writes it)', () => {
    const written: unknown = JSON.parse(readFileSync(join(root, 'biome.boundaries.json'), 'utf8'));
    expect(written).toEqual(boundariesConfig());
  });
});

/** Lints probe files placed where the boundaries apply, in a copy of the lint configuration. */
describe('the lint rule', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'purnajual-boundaries-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const probes: Record<string, string> = {
    'apps/server/src/modules/work-orders/probe.ts': "import type { BillingReader } from '../billing/billing.reader';",
    'apps/server/src/modules/billing/probe.ts': "import type { BillReader } from '../work-orders/ports';",
    'apps/server/src/modules/work-orders/probe.test.ts':
      "import type { BillingReader } from '../billing/billing.reader';",
    'apps/server/src/platform/probe.ts': "import type { AuthService } from '../modules/auth/auth.service';",
    'apps/server/src/platform/access-policy/probe.ts': "import type { Actor } from '../actor';",
    'apps/console/src/features/intake/components/probe.tsx': "import type { Row } from '../../work-orders/api/rows';",
    'apps/console/src/features/intake/components/own.tsx': "import type { Row } from '../api/rows';",
    'apps/console/src/components/probe.ts': "import type { Session } from '../features/auth/api/session';",
    'apps/technician/src/data/probe.ts': "import type { Page } from '../features/sync/components/page';",
    'apps/technician/src/features/home/probe.ts': "import type { Card } from '../../components/card';",
  };

  function refusedProbes(): Record<string, string> {
    const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
    const { vcs: _vcs, $schema: _schema, ...rest } = config;
    writeFileSync(join(scratch, 'biome.json'), JSON.stringify(rest));
    writeFileSync(join(scratch, 'biome.boundaries.json'), readFileSync(join(root, 'biome.boundaries.json')));
    for (const [path, line] of Object.entries(probes)) {
      mkdirSync(join(scratch, dirname(path)), { recursive: true });
      writeFileSync(join(scratch, path), `${line}\n\nexport type Probe = unknown;\n`);
    }
    const biome = join(root, 'node_modules/.bin/biome');
    const args = ['lint', '--only=style/noRestrictedImports', '--reporter=json', '.'];
    let output: string;
    try {
      output = execFileSync(biome, args, { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (error) {
      output = String((error as { stdout?: unknown }).stdout ?? '');
    }
    const report = JSON.parse(output) as { diagnostics: { message: string; location: { path: string } }[] };
    return Object.fromEntries(report.diagnostics.map((d) => [d.location.path, d.message]));
  }

  it('refuses an import against the graph and names the rule, and lets the others through', () => {
    expect(refusedProbes()).toEqual({
      'apps/server/src/modules/work-orders/probe.ts': expect.stringContaining(
        'The work-orders module may not import the billing module',
      ),
      'apps/server/src/platform/probe.ts': expect.stringContaining('platform imports no module'),
      'apps/console/src/features/intake/components/probe.tsx': expect.stringContaining(
        'The console feature intake may not import the feature work-orders',
      ),
      'apps/console/src/components/probe.ts': expect.stringContaining('imports no feature'),
      'apps/technician/src/data/probe.ts': expect.stringContaining('imports no feature'),
    });
  });
});
