// Builds the headless engine entry points (CLI, import worker, its parse thread, the analysis's scan thread) with
// esbuild into out/cli.
// Runs on `npm ci` (prepare) so `npx alibi` works right after install.
import { build } from 'esbuild';

await build({
  entryPoints: {
    alibi: 'src/cli/index.ts',
    'import-worker': 'src/core/import/worker.ts',
    'parse-worker': 'src/core/import/parseWorker.ts',
    'scan-worker': 'src/core/analysis/scanWorker.ts',
  },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['better-sqlite3', 'electron', 'playwright-core'],
  logLevel: 'warning',
});
