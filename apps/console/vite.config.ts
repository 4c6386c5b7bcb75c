import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';
import { API_PATH_PREFIXES } from './src/api/api-paths.ts';

/** The API a dev server forwards to: `npm run dev:console` beside `npm start`. */
const API = process.env.LACAK_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  // Compressed copies beside each asset: the API sends them to browsers that accept them (preCompressed).
  plugins: [react(), compression({ algorithms: ['gzip', 'brotliCompress'], include: /\.(js|css|html)$/ })],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    // The console is a tool for signed-in staff and reporters; no source maps are served.
    sourcemap: false,
    // Minified size; the budget that matters, 300 KB of compressed JavaScript at first load, is measured by the browser suite.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: Object.fromEntries(API_PATH_PREFIXES.map((prefix) => [prefix, { target: API, changeOrigin: false }])),
  },
  test: {
    // happy-dom sets up in a fraction of jsdom's time, and the suite is mostly set-up; both cores, as jest.
    environment: 'happy-dom',
    pool: 'threads',
    maxWorkers: 2,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
