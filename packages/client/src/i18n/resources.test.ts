import { describe, expect, it } from 'vitest';
import { en } from './en';
import { id } from './id';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('translations', () => {
  it('have the same keys in Bahasa Indonesia and English, none empty', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(id).sort());
    for (const resources of [id, en]) {
      for (const key of keysOf(resources)) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources);
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      }
    }
  });
});
