// Shared by the evidence tests: temporary folders, a case built through the real importer, and the built CLI.
import { afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCase, type Db } from '../../src/core/casefile/caseFile';
import { importFile } from '../../src/core/import/importFile';

export const REPO = resolve(__dirname, '../..');
export const FIXTURES = join(REPO, 'test/fixtures/import');
export const CLI = join(REPO, 'out/cli/alibi.js');

const made: string[] = [];
export function tmpDir(prefix = 'alibi-evidence-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A case with real imports: Stripe payments, anti-fraud decisions and an nginx log. */
export async function importedCase(dir: string, name = 'case.alibi'): Promise<{ db: Db; path: string }> {
  const path = join(dir, name);
  const db = createCase(path, { title: 'Multi-CB', tz: 'Europe/Paris' });
  await importFile(db, join(FIXTURES, 'stripe-payments.csv'));
  await importFile(db, join(FIXTURES, 'antifraud-decisions.csv'));
  await importFile(db, join(FIXTURES, 'nginx-main.log'));
  return { db, path };
}

/** Runs the built CLI (`npm test` builds it; built here when missing). */
export function alibi(...args: string[]): { code: number | null; out: string; err: string } {
  if (!existsSync(CLI)) spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO });
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
