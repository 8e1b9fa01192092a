#!/usr/bin/env node
// The CLI is bundled by `npm run build`; say so instead of a stack trace when it is missing.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('purnajual: the server is not built yet. Run `npm run build` first.');
  process.exit(1);
}
await import(cli.href);
