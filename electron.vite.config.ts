import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // Everything Node runs in production, built to out/main: the Electron main process, the backend host
        // (utility process), the worker threads (started from next to the bundle by src/backend/workers.ts)
        // and the command line (bin/rejon.mjs runs out/main/cli.js). Shared code lands in out/main/chunks.
        input: {
          index: resolve(__dirname, 'electron/main.ts'),
          backendHost: resolve(__dirname, 'electron/backendHost.ts'),
          analysisWorker: resolve(__dirname, 'src/backend/analysis/worker.ts'),
          importWorker: resolve(__dirname, 'src/backend/import/worker.ts'),
          importWriteWorker: resolve(__dirname, 'src/backend/import/writeWorker.ts'),
          readWorker: resolve(__dirname, 'src/backend/reads/worker.ts'),
          cli: resolve(__dirname, 'src/cli/main.ts'),
        },
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot load modules: one self-contained CommonJS file (zod bundled in).
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
    plugins: [react()],
  },
});
