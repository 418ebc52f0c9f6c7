// kill -9 in the middle of an import or a share, Ctrl-C in a share, and two processes writing one case: the
// case and the target are left exactly as they were (or as the one writer that won left them), never corrupt.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APACHE_LOG, CLI, REPO } from '../support/paths';
import { tmpDir } from '../support/newCase';
import { writeBigLog } from '../support/caseState';
import { alibi } from '../support/cli';

/**
 * Everything that matters in a case, read through a fresh connection. Not a read-only one: a process killed during
 * an import with the case to itself leaves a hot rollback journal, which only a connection that may write rolls back
 * (a read-only one fails with "attempt to write a readonly database", SQLITE_READONLY_ROLLBACK), as the app and the
 * CLI do when they open the case.
 */
function logicalState(path: string): unknown {
  const db = new Database(path, { fileMustExist: true });
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

/**
 * Starts the CLI and kills it with `signal` after `when` ms, or as soon as `when(pid)` is true (polled every 10 ms);
 * says whether it was still running when killed.
 */
function runAndKill(args: string[], when: number | ((pid: number) => boolean), signal: NodeJS.Signals): Promise<{ killedWhileRunning: boolean; code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let done = false;
    let killedWhileRunning = false;
    const kill = () => {
      if (done || killedWhileRunning) return;
      killedWhileRunning = true;
      child.kill(signal);
    };
    const timer = typeof when === 'number' ? setTimeout(kill, when) : setInterval(() => when(child.pid!) && kill(), 10);
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      done = true;
      clearTimeout(timer);
      clearInterval(timer);
      resolve({ killedWhileRunning, code, err });
    });
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
    // And the case is still the user's and usable: the killed process left a -wal of uncommitted frames (or, an
    // import with the case to itself, a hot rollback journal), and its recovered content is one recorded as the
    // user's (when it was opened, or when the import switched its journal): no --accept needed.
    const next = alibi('import', path, join(REPO, 'test/fixtures/import/stripe-payments.csv'));
    expect(next.code, next.err).toBe(0);
    expect(alibi('verify', path).code).toBe(0);
  });

  it('kill -9 and Ctrl-C during a share leave the case and the target exactly as before, and no unredacted copy anywhere', async () => {
    const path = cliCase('share-kill.alibi');
    const log = join(dir, 'share.log');
    await writeBigLog(log, 40_000);
    expect(alibi('import', path, log).code).toBe(0);
    const before = logicalState(path);
    const key = Buffer.from(new Database(path, { readonly: true }).prepare("SELECT value FROM meta WHERE key = 'hmac_key'").pluck().get() as string);
    const out = join(dir, 'copy.alibi');
    const OLDER = 'an older file the user chose to replace';
    writeFileSync(out, OLDER);
    const leftovers = () => readdirSync(dir).filter((f) => /\.(partial|share-work)-/.test(f));
    // Files of the running share only (their names carry its pid): a SIGKILLed round's leftovers stay until the
    // next share removes them, and must not trigger the next round's signal before that share has started.
    const own = (pid: number) => leftovers().filter((f) => f.includes(`-${pid}-`));
    const partialOnDisk = (pid: number) => own(pid).some((f) => !f.includes('manifest'));
    const manifestOnDisk = (pid: number) => own(pid).some((f) => f.endsWith('.manifest.json'));
    // The partial copy has stopped growing (once written, while the share goes on with it).
    const partialSettled = () => {
      let last = -1;
      return (pid: number) => {
        const f = own(pid).find((n) => !n.includes('manifest'));
        const size = f ? statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? -1 : -1;
        const settled = size > 0 && size === last;
        last = size;
        return settled;
      };
    };
    let interrupted = 0;
    // While redacting (nothing on disk yet), once the partial copy is written, once its manifest is; then Ctrl-C and SIGTERM.
    for (const [when, signal] of [[800, 'SIGKILL'], [partialOnDisk, 'SIGKILL'], [partialSettled(), 'SIGKILL'], [manifestOnDisk, 'SIGKILL'], [partialOnDisk, 'SIGINT'], [800, 'SIGTERM']] as const) {
      const r = await runAndKill(['share', path, '--out', out, '--redact', '--force'], when, signal);
      if (!r.killedWhileRunning) continue; // finished first on a fast machine: nothing to check for this point
      interrupted++;
      expect(logicalState(path)).toEqual(before);
      if (readFileSync(out, 'latin1') !== OLDER) {
        // The signal landed after the commit point (the atomic rename of the checked copy): the target is the
        // finished redacted copy, never a partial one. Put the older file back for the next round.
        expect(readFileSync(out).includes(key)).toBe(false);
        expect(alibi('verify', out).code).toBe(0);
        rmSync(`${out}.manifest.json`, { force: true });
        writeFileSync(out, OLDER);
      }
      expect(existsSync(`${out}.manifest.json`)).toBe(false);
      // A handled signal removes the partial copy; only SIGKILL (no handler runs) can leave one, removed by the
      // next share — and what it leaves beside the target is already redacted: the case key is not in it.
      if (signal !== 'SIGKILL') expect(leftovers()).toEqual([]);
      for (const f of leftovers()) expect(readFileSync(join(dir, f)).includes(key), f).toBe(false);
      expect(r.err).not.toMatch(/unexpected error/);
    }
    expect(interrupted).toBeGreaterThan(2);
    const done = alibi('share', path, '--out', out, '--redact', '--force');
    expect(done.code, done.err).toBe(0);
    expect(leftovers()).toEqual([]);
    expect(readFileSync(out).includes(key)).toBe(false);
    expect(alibi('verify', out).code).toBe(0);
  }, 300_000);

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
