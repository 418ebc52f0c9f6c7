// Where the scripts that scripts/build-cli.mjs bundles into out/cli (the import worker, the import's parse thread,
// the analysis's scan thread) are found from wherever the caller runs: the CLI's bundle, the app's out/main
// (electron-vite bundles the same entries there), or the sources under vitest.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A bundled worker script by file name, or null when this build has none. */
export function findBundledScript(name: string): string | null {
  const candidates = [
    join(__dirname, name), // inside out/cli, or out/main for the app
    join(__dirname, '../cli', name), // from out/main or another out/ folder
    resolve(__dirname, '../../out/cli', name), // from src/core, this file's own folder (tests)
    resolve(process.cwd(), 'out/cli', name),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}
