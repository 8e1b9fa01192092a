// Bundles the server and CLI into dist/. Our own workspace packages (TypeScript source)
// are bundled in; everything from npm stays external and loads from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts', 'src/cli.ts'],
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
