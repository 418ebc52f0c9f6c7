// electron-vite build of the desktop app: main (the thin shell), the engine process (out/main/engine.js, an
// Electron utilityProcess that bundles src/core) and the import worker it starts, the sandboxed preload (one
// CommonJS file, no import but electron), and the React renderer. better-sqlite3 stays external (native
// module, loaded with the Electron-ABI binary from .electron-native/ or the installer's resources/native/).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          engine: resolve(__dirname, 'src/main/engine/entry.ts'),
          'import-worker': resolve(__dirname, 'src/core/import/worker.ts'),
          // the parse thread of a large log import, found beside the import worker (src/core/import/logReader.ts)
          'parse-worker': resolve(__dirname, 'src/core/import/parseWorker.ts'),
          // the analysis's scan thread, found beside the engine (src/core/analysis/scanThread.ts)
          'scan-worker': resolve(__dirname, 'src/core/analysis/scanWorker.ts'),
        },
        external: ['better-sqlite3', 'playwright-core'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot require anything but electron: one self-contained CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [
      react(),
      {
        // Dev server only: React Fast Refresh needs an inline preamble, so the strict meta CSP is dropped and
        // main sends a dev CSP header instead (still no remote origin). Production builds keep the meta tag.
        name: 'alibi-dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
      },
    ],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      // Minified scripts (electron-vite leaves the renderer as written): Chromium parses each script before it runs
      // it, and the timeline's chunk (vis-timeline, moment) took ~75 ms to parse as written, ~20 ms minified, on
      // the path to the first timeline paint (bench/ui.bench.ts builds its page the same way). Styles as written.
      minify: true,
      cssMinify: false,
    },
  },
});
