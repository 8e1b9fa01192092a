import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boundariesConfig } from './module-graph';

/** Writes biome.boundaries.json, which biome.json extends, from the module graph (`npm run boundaries`). */
writeFileSync(join(import.meta.dirname, '../../biome.boundaries.json'), `${JSON.stringify(boundariesConfig())}\n`);
