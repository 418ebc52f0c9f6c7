// The built CLI run as users run it, and a case built through the real importer for the commands to work on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCase, type Db } from '../../src/core/casefile/caseFile';
import { importFile } from '../../src/core/import/importFile';
import { CLI, FIXTURES, REPO } from './paths';

/** A case with real imports: Stripe payments, anti-fraud decisions and an nginx log. */
export async function importedCase(dir: string, name = 'case.alibi'): Promise<{ db: Db; path: string }> {
  const path = join(dir, name);
  const db = createCase(path, { title: 'Multi-CB', tz: 'Europe/Paris' });
  await importFile(db, join(FIXTURES, 'stripe-payments.csv'));
  await importFile(db, join(FIXTURES, 'antifraud-decisions.csv'));
  await importFile(db, join(FIXTURES, 'nginx-main.log'));
  return { db, path };
}

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the built CLI (`npm test` builds it; built here when missing), with extra environment if given. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  if (!existsSync(CLI)) spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO });
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export const alibi = (...args: string[]): CliRun => runCli(args);

/** The CLI of one user: their own per-user folder (trusted cases, the key sealing analysis snapshots). */
export const cliOf = (home: string) => (...args: string[]): CliRun => runCli(args, { ALIBI_HOME: home });
