import { launchScreen, precompress, prerender, unusedStyles } from '@purnajual/web-build';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @purnajual/console` serves on :5173 and sends API calls to the server on :3000.
// Loaded with `--configLoader runner` (package.json): @purnajual/web-build is TypeScript source.
export default defineConfig({
  plugins: [
    react(),
    launchScreen('Purnajual', '#087f5b'),
    unusedStyles(),
    prerender({ entry: 'src/prerender.tsx', paths: ['/login'] }),
    precompress(),
  ],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  // The server serves dist/ as it is, so a map there would publish the source.
  build: {
    outDir: 'dist',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The role lists guard the routes of the first download; kept apart from the
            // contract's schemas, which load with the first API call.
            {
              name: 'contract-rules',
              test: /packages\/contract\/src\/(roles|sso-errors|time-zones|work-order-rules)\.ts$/,
            },
            // zod and the problem schema apart from the other schemas: a refusal (the sign-in
            // page's "who am I" finding no session) is read without building them all, which
            // blocked a slow phone's main thread for longer than drawing the page.
            { name: 'problem', test: /packages\/contract\/src\/errors\.ts$|node_modules\/zod\// },
            // The schemas in one chunk: left to itself the bundler spread them over chunks
            // shared with screens, and the sign-in page's first API call fetched those.
            { name: 'contract', test: /packages\/contract\/src\// },
          ],
        },
      },
    },
  },
});
