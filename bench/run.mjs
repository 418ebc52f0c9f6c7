// Runs every bench/*.bench.ts in its own Node process (so each peak RSS is its own), after bundling it with esbuild.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const only = process.argv[2];
const benches = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
for (const file of benches) {
  const outfile = join('out/bench', file.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [join('bench', file)], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    external: ['better-sqlite3', 'playwright-core', 'electron', 'vite', '@vitejs/plugin-react'], logLevel: 'warning',
  });
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${file} failed (exit ${r.status})`);
    process.exitCode = 1;
  }
}
