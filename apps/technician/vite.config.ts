import { launchScreen, precompress, unusedStyles } from '@purnajual/web-build';
import type { Preset } from '@vite-pwa/assets-generator/config';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Loaded with `--configLoader runner` (package.json): @purnajual/web-build is TypeScript source.

const themeColor = '#087f5b';

/*
 * The PNG icons an install needs are drawn from public/icon.svg at every build, so the
 * icon has one source and no binary is committed. The SVG is a full-bleed green square
 * whose wrench sits well inside the maskable safe zone (the centre 80 %), so no icon
 * needs padding: Android's mask and iOS's rounded corners only trim green.
 */
const iconPreset: Preset = {
  transparent: { sizes: [192, 512], padding: 0 },
  maskable: { sizes: [512], padding: 0, resizeOptions: { background: themeColor } },
  apple: { sizes: [180], padding: 0, resizeOptions: { background: themeColor } },
  assetName: (type, size) =>
    ({
      transparent: `icon-${size.width}.png`,
      maskable: `icon-maskable-${size.width}.png`,
      apple: 'apple-touch-icon.png',
    })[type],
};

/*
 * The server serves this app at /m/. The service worker precaches the app shell so the
 * app starts with no network; data lives in IndexedDB and API calls are never cached here.
 * `npm run dev -w @purnajual/technician` serves on :5174 and sends API calls to :3000.
 */
export default defineConfig({
  base: '/m/',
  plugins: [
    react(),
    launchScreen('Purnajual Teknisi', themeColor),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['icon.svg', 'offline.html'],
      pwaAssets: { config: false, image: 'public/icon.svg', preset: iconPreset, includeHtmlHeadLinks: false },
      manifest: {
        id: '/m/',
        name: 'Purnajual Teknisi',
        short_name: 'Teknisi',
        description: 'Order servis, jadwal, suku cadang dan laporan perbaikan untuk teknisi lapangan',
        lang: 'id',
        start_url: '/m/',
        scope: '/m/',
        display: 'standalone',
        orientation: 'portrait',
        // The status bar and task switcher take the theme colour; Android's splash while the
        // installed app starts is the icon on the background colour, white like index.html's.
        theme_color: themeColor,
        background_color: '#ffffff',
        // icons: written by pwaAssets from the preset above.
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/m/index.html',
        navigateFallbackAllowlist: [/^\/m\//],
        // A path naming a file is not a screen of the app: it goes to the network, and
        // offline it gets offline.html instead of the browser's own error page.
        navigateFallbackDenylist: [/\/[^/]+\.[a-z0-9]+$/i],
        runtimeCaching: [
          {
            urlPattern: ({ request }) => request.mode === 'navigate',
            handler: 'NetworkOnly',
            options: { precacheFallback: { fallbackURL: '/m/offline.html' } },
          },
        ],
        // Push notifications: shown on `push`, opened on `notificationclick` (public/push-worker.js).
        importScripts: ['push-worker.js'],
        cleanupOutdatedCaches: true,
        // The page that installed the worker is served by it at once, so going offline
        // right after the first sign-in still leaves a working app.
        clientsClaim: true,
      },
    }),
    unusedStyles(),
    precompress(),
  ],
  server: { port: 5174, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    // The server serves dist/ as it is, so a map there would publish the source.
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The contract's plain rules (status table, time zones) are used by the first screen;
          // kept apart from its schemas, which load with the first API call.
          groups: [{ name: 'contract-rules', test: /packages\/contract\/src\/(time-zones|work-order-rules)\.ts$/ }],
        },
      },
    },
  },
});
