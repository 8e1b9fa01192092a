import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { id } from '@purnajual/client';
import { describe, expect, it } from 'vitest';

const appsRoot = join(import.meta.dirname, '../../../apps');
const webApps = ['console', 'technician'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const lookup = (key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], id);

describe('the texts of both web apps', () => {
  it.each(webApps)('exist for every literal translation key the %s screens use', (app) => {
    const keys = new Set<string>();
    for (const file of sourceFiles(join(appsRoot, app, 'src'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)) keys.add(match[1] ?? '');
      for (const match of source.matchAll(/label: '([a-z]+\.[a-zA-Z_.]+)'/g)) keys.add(match[1] ?? '');
    }
    expect(keys.size).toBeGreaterThan(100);
    const missing = [...keys].filter((key) => typeof lookup(key) !== 'string');
    expect(missing).toEqual([]);
  });
});
