// Bundles the server and CLI into dist/. Our own workspace packages (TypeScript source)
// are bundled in; everything from npm stays external and loads from node_modules. The
// service-report worker is an entry of its own, beside main.js, where report-pool.ts looks
// for it.
import { build } from 'esbuild';

await build({
  entryPoints: [
    { in: 'src/main.ts', out: 'main' },
    { in: 'src/cli.ts', out: 'cli' },
    { in: 'src/modules/billing/service-report.worker.ts', out: 'service-report.worker' },
  ],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'externalize-npm-packages',
      setup(pluginBuild) {
        pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@purnajual/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
