import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The caseworker UI. `npm run build:web` writes web/dist, which the Waypoint server serves in
 * production. In development (`npx vite --config web/vite.config.ts`) the API is proxied to a
 * server on port 3000 (`npm run dev`).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const backend = process.env.WAYPOINT_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/health': { target: backend, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/health': { target: backend, changeOrigin: false },
    },
  },
});
