import { basename } from 'node:path';
import postcss from 'postcss';
import type { Plugin } from 'vite';
import { contentHash } from './content-hash';

/** Mantine's static class of a component part: 7 or 8 hex digits, e.g. `m_77c9d27d` (Button's root). */
const componentClass = /\.?m_[0-9a-f]{7,8}\b/g;

/** The component classes the scripts name. */
export function classesNamedIn(scripts: readonly string[]): Set<string> {
  const used = new Set<string>();
  for (const code of scripts) for (const [name] of code.matchAll(componentClass)) used.add(name.replace(/^\./, ''));
  return used;
}

/** `css` without the selectors that name a component class outside `used`, nor the rules and at-rules left empty. */
export function pruneStylesheet(css: string, used: ReadonlySet<string>): string {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    const kept = rule.selectors.filter((selector) =>
      [...selector.matchAll(componentClass)].every(([name]) => used.has(name.slice(1))),
    );
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  root.walkAtRules((atRule) => {
    if (atRule.nodes?.length === 0) atRule.remove();
  });
  return root.toString();
}

/**
 * Mantine's one stylesheet holds every component's styles (250 KB); the apps use a
 * fraction of them. After the bundle is built, this keeps only the rules of the
 * component classes (`m_…`) that some chunk of the app names, so a component used on
 * any screen, lazily loaded or not, keeps its styles. The stylesheet then gets a name
 * from its new content, so a long-cached copy is never mistaken for it.
 */
export function unusedStyles(): Plugin {
  return {
    name: 'purnajual:unused-styles',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const scripts = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [file.code] : []));
        const used = classesNamedIn(scripts);
        const renamed = new Map<string, string>();
        for (const [key, file] of Object.entries(bundle)) {
          if (file.type !== 'asset' || !key.endsWith('.css') || typeof file.source !== 'string') continue;
          const css = pruneStylesheet(file.source, used);
          if (css === file.source) continue;
          const fileName = key.replace(/-[\w-]{8}\.css$/, `-${contentHash(css)}.css`);
          delete bundle[key];
          this.emitFile({ type: 'asset', fileName, source: css });
          renamed.set(basename(key), basename(fileName));
        }
        for (const file of Object.values(bundle)) {
          for (const [from, to] of renamed) {
            // A script's name is its content's hash, taken already: it must not name a stylesheet that changes.
            if (file.type === 'chunk' && file.code.includes(from)) throw new Error(`${file.fileName} names ${from}`);
            if (file.type === 'asset' && typeof file.source === 'string')
              file.source = file.source.replaceAll(from, to);
          }
        }
      },
    },
  };
}
