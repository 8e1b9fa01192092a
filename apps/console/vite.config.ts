import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @purnajual/console` serves on :5173 and sends API calls to the server on :3000.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: { outDir: 'dist', sourcemap: true },
});
