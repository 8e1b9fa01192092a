import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/*
 * The server serves this app at /m/. The service worker precaches the app shell so the
 * app starts with no network; data lives in IndexedDB and API calls are never cached here.
 * `npm run dev -w @purnajual/technician` serves on :5174 and sends API calls to :3000.
 */
/*
 * The stylesheet and the entry script move from the head into the body, between the
 * splash and the app's root: the browser paints the splash as soon as the HTML arrives
 * instead of waiting for 250 KB of CSS and the first screen's JavaScript on a slow
 * connection. The script still runs only after the stylesheet has loaded, so the app
 * never shows unstyled, and the theme's style tags inside the root come after the
 * stylesheet, so they still override its defaults.
 */
function paintSplashFirst(): Plugin {
  return {
    name: 'purnajual:paint-splash-first',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const moved: string[] = [];
        const take = (pattern: RegExp) =>
          html.replace(pattern, (tag) => {
            moved.push(tag);
            return '';
          });
        html = take(/<link rel="stylesheet"[^>]*>/g);
        html = take(/<script type="module"[^>]*><\/script>/g);
        return html.replace('<div id="root">', `${moved.join('\n')}\n<div id="root">`);
      },
    },
  };
}

export default defineConfig({
  base: '/m/',
  plugins: [
    react(),
    paintSplashFirst(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['apple-touch-icon.png', 'icon.svg'],
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
        theme_color: '#087f5b',
        background_color: '#ffffff',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/m/index.html',
        navigateFallbackAllowlist: [/^\/m\//],
        cleanupOutdatedCaches: true,
        // The page that installed the worker is served by it at once, so going offline
        // right after the first sign-in still leaves a working app.
        clientsClaim: true,
      },
    }),
  ],
  server: { port: 5174, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      output: {
        advancedChunks: {
          // The contract's plain rules (status table, time zones) are used by the first screen;
          // kept apart from its schemas, which load with the first API call.
          groups: [{ name: 'contract-rules', test: /packages\/contract\/src\/(time-zones|work-order-rules)\.ts$/ }],
        },
      },
    },
  },
});
