// kill -9 in the middle of an import or a share, Ctrl-C in a share, and two processes writing one case: the
// case and the target are left exactly as they were (or as the one writer that won left them), never corrupt.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APACHE_LOG, CLI, REPO } from '../support/paths';
import { tmpDir } from '../support/newCase';
import { writeBigLog } from '../support/caseState';
import { alibi } from '../support/cli';

/** Everything that matters in a case, read through a fresh read-only connection (which rolls back a hot journal). */
function logicalState(path: string): unknown {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const q = (sql: string) => db.prepare(sql).all();
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      events: q('SELECT count(*) AS n, total(id) AS ids, total(length(raw)) AS raw FROM events'),
      sources: q('SELECT id, file_name, sha256, rows_accepted, rows_rejected FROM sources ORDER BY id'),
      rejects: q('SELECT count(*) AS n FROM rejects'),
      audit: q('SELECT id, action, hash FROM audit ORDER BY id'),
      meta: q("SELECT key, value FROM meta WHERE key <> 'hmac_key' ORDER BY key"),
    };
  } finally {
    db.close();
  }
}

/** Starts the CLI, waits `ms`, and kills it with `signal`; says whether it was still running when killed. */
function runAndKill(args: string[], ms: number, signal: NodeJS.Signals): Promise<{ killedWhileRunning: boolean; code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let done = false;
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      done = true;
      resolve({ killedWhileRunning, code, err });
    });
    let killedWhileRunning = false;
    setTimeout(() => {
      if (!done) {
        killedWhileRunning = true;
        child.kill(signal);
      }
    }, ms);
  });
}

let dir: string;
let big: string;
let big2: string;

beforeAll(async () => {
  if (!existsSync(CLI)) alibi('--help');
  dir = tmpDir('alibi-kill-');
  big = join(dir, 'big.log');
  big2 = join(dir, 'big2.log');
  await writeBigLog(big, 120_000);
  await writeBigLog(big2, 80_000);
  writeFileSync(big2, readFileSync(big2, 'utf8').replace(/Mozilla\/5\.0/g, 'Mozilla/5.0 (second)'));
});

/** A case of this user's (made with `alibi new`, so trusted by content), with one small import. */
function cliCase(name: string): string {
  const path = join(dir, name);
  expect(alibi('new', path, '--title', 'kill test').code).toBe(0);
  expect(alibi('import', path, join(REPO, 'test/fixtures/import/nginx-main.log')).code).toBe(0);
  return path;
}

describe('interrupted work', () => {
  it('kill -9 during an import leaves the case exactly as before', async () => {
    const path = cliCase('import-kill.alibi');
    const before = logicalState(path);
    const r = await runAndKill(['import', path, big], 700, 'SIGKILL');
    expect(r.killedWhileRunning).toBe(true);
    expect(logicalState(path)).toEqual(before);
    // And the case is still usable: the next import works and verifies. (--accept: the killed process switched
    // the file to WAL and never recorded its new content hash, so the trust store no longer knows it.)
    const next = alibi('import', path, join(REPO, 'test/fixtures/import/stripe-payments.csv'), '--accept');
    expect(next.code, next.err).toBe(0);
    expect(alibi('verify', path).code).toBe(0);
  });

  it('kill -9 and Ctrl-C during a share leave the case and the target exactly as before', async () => {
    const path = cliCase('share-kill.alibi');
    expect(alibi('import', path, big).code).toBe(0);
    const before = logicalState(path);
    const out = join(dir, 'copy.alibi');
    writeFileSync(out, 'an older file the user chose to replace');
    let interrupted = 0;
    for (const [ms, signal] of [[400, 'SIGKILL'], [1200, 'SIGKILL'], [800, 'SIGINT'], [1000, 'SIGTERM']] as const) {
      const r = await runAndKill(['share', path, '--out', out, '--redact', '--force'], ms, signal);
      if (!r.killedWhileRunning) continue; // finished first on a fast machine: nothing to check for this delay
      interrupted++;
      expect(readFileSync(out, 'utf8')).toBe('an older file the user chose to replace');
      expect(existsSync(`${out}.manifest.json`)).toBe(false);
      expect(logicalState(path)).toEqual(before);
      // A handled signal removes the partial copy; only SIGKILL (no handler runs) can leave one, removed by the next share.
      if (signal !== 'SIGKILL') expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
      expect(r.err).not.toMatch(/unexpected error/);
    }
    expect(interrupted).toBeGreaterThan(1);
    const done = alibi('share', path, '--out', out, '--redact', '--force');
    expect(done.code, done.err).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    expect(alibi('verify', out).code).toBe(0);
  });

  it('a share that runs out of space (file-size limit) leaves no copy, partial or not, and says why', async () => {
    const path = cliCase('share-full.alibi');
    expect(alibi('import', path, APACHE_LOG).code).toBe(0);
    const out = join(dir, 'full-copy.alibi');
    const r = spawnSync('bash', ['-c', `ulimit -f 1000; exec "${process.execPath}" "${CLI}" share "${path}" --out "${out}" --redact`], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not write the share copy/);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.manifest.json`)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('two processes importing into one case: one waits or is told the case is busy; the case is never corrupt', async () => {
    const path = cliCase('two-writers.alibi');
    const run = (file: string) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        // --accept: while one process writes, the file's bytes (and so its content hash) change under the other.
        const child = spawn(process.execPath, [CLI, 'import', path, file, '--accept'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => resolve({ code, err }));
      });
    const [a, b] = await Promise.all([run(big), run(big2)]);
    for (const r of [a, b]) {
      if (r.code !== 0) {
        expect(r.code).toBe(1);
        expect(r.err).toMatch(/the case is busy/);
        expect(r.err).not.toMatch(/unexpected error|SqliteError|\n\s+at /);
      }
    }
    expect([a.code, b.code]).toContain(0);
    const state = logicalState(path) as { integrity: string; sources: unknown[] };
    expect(state.integrity).toBe('ok');
    expect(state.sources.length).toBe(1 + [a, b].filter((r) => r.code === 0).length);
    const v = alibi('verify', path);
    expect(v.code, v.out + v.err).toBe(0);
  });
});
