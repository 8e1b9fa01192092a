#!/usr/bin/env node
// The CLI is bundled by `npm run build`; say so instead of a stack trace when it is missing.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('purnajual: the server is not built yet. Run `npm run build` first.');
  process.exit(1);
}
const { runCli } = await import(cli.href);
process.exitCode = await runCli(process.argv.slice(2));
