import { resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * A build step over the folder the build wrote, after every other plugin has closed the
 * bundle (the service worker of vite-plugin-pwa included); such steps run in the order of
 * the plugin list.
 */
export function afterBuild(name: string, step: (outDir: string, config: ResolvedConfig) => Promise<void>): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name,
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (config) await step(resolve(config.root, config.build.outDir), config);
      },
    },
  };
}
