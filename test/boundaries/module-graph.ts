/**
 * The allowed dependencies between the server's modules and between the apps' features:
 * the one place they are written. `npm run boundaries` turns them into Biome's
 * `noRestrictedImports` overrides in biome.boundaries.json (biome.json extends it), so `npm run lint` refuses an import
 * against them; `module-boundaries.test.ts` holds that file, the folders and this graph
 * together. docs/MODULES.md says why the graph is this one.
 */

/** Each server module and the modules it may import (besides `platform` and `db`). */
export const serverModules: Readonly<Record<string, readonly string[]>> = {
  areas: [],
  search: [],
  health: [],
  auth: [],
  push: [],
  branches: ['areas'],
  users: ['areas', 'auth', 'branches'],
  notifications: ['auth', 'push', 'users'],
  events: ['auth', 'users'],
  customers: ['areas', 'auth', 'branches', 'search'],
  'work-orders': ['areas', 'auth', 'branches', 'customers', 'notifications', 'search', 'users'],
  parts: ['auth', 'branches', 'notifications', 'users', 'work-orders'],
  billing: ['auth', 'branches', 'parts', 'work-orders'],
  tracking: ['auth', 'customers', 'work-orders'],
  reports: ['auth', 'branches', 'work-orders'],
  integrations: [],
  imports: ['areas', 'auth', 'branches', 'customers', 'parts', 'search', 'users'],
};

/** The front ends whose features stand alone: a feature imports no other feature. */
export const frontEnds = {
  console: [
    'admin',
    'auth',
    'dispatch',
    'imports',
    'integrations',
    'intake',
    'notifications',
    'reports',
    'warehouse',
    'work-orders',
  ],
  technician: ['auth', 'home', 'notifications', 'parts', 'profile', 'schedule', 'sync', 'work-orders'],
} as const;

/** The folders of a front end that features build on, and that therefore import no feature. */
const sharedFolders = ['components', 'data'];

interface RestrictedPattern {
  group: string[];
  message: string;
}

export interface BoundaryOverride {
  includes: string[];
  linter: { rules: { style: { noRestrictedImports: { level: 'error'; options: { patterns: RestrictedPattern[] } } } } };
}

/** A sibling folder `name` as an import from one, two or three folders below its parent reads it. */
const siblingPaths = (name: string) => [
  `../${name}`,
  `../${name}/**`,
  `../../${name}`,
  `../../${name}/**`,
  `../../../${name}/**`,
];

const override = (folder: string, patterns: RestrictedPattern[]): BoundaryOverride => ({
  includes: [`${folder}/**`, `!${folder}/**/*.test.ts`, `!${folder}/**/*.test.tsx`],
  linter: { rules: { style: { noRestrictedImports: { level: 'error', options: { patterns } } } } },
});

function serverOverrides(): BoundaryOverride[] {
  const names = Object.keys(serverModules);
  const modules = names.map((name) => {
    const allowed = new Set([name, ...(serverModules[name] ?? [])]);
    return override(
      `apps/server/src/modules/${name}`,
      names
        .filter((other) => !allowed.has(other))
        .map((other) => ({
          group: siblingPaths(other),
          message: `The ${name} module may not import the ${other} module (docs/MODULES.md): declare what it needs as a port.`,
        })),
    );
  });
  const platform = override('apps/server/src/platform', [
    {
      group: ['../modules/**', '../../modules/**', '../../../modules/**'],
      message: 'platform imports no module (docs/MODULES.md): modules build on platform.',
    },
  ]);
  return [platform, ...modules];
}

function frontEndOverrides(app: keyof typeof frontEnds): BoundaryOverride[] {
  const features: readonly string[] = frontEnds[app];
  const root = `apps/${app}/src`;
  const shared = sharedFolders.map((folder) =>
    override(`${root}/${folder}`, [
      {
        group: ['../features/**', '../../features/**'],
        message: `${root}/${folder} imports no feature (docs/MODULES.md): features build on it.`,
      },
    ]),
  );
  const own = features.map((name) =>
    override(
      `${root}/features/${name}`,
      features
        .filter((other) => other !== name)
        .map((other) => ({
          group: [...siblingPaths(other), `../../../features/${other}/**`],
          message: `The ${app} feature ${name} may not import the feature ${other} (docs/MODULES.md): move what both need to ${root}/components.`,
        })),
    ),
  );
  return [...shared, ...own];
}

/** biome.boundaries.json: the overrides, in their order. */
export const boundariesConfig = () => ({
  $schema: './node_modules/@biomejs/biome/configuration_schema.json',
  overrides: [...serverOverrides(), ...frontEndOverrides('console'), ...frontEndOverrides('technician')],
});
