// The worker-thread path and the CLI (spawned as users run it: node out/cli/alibi.js).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runImportInWorker } from '../../../src/core/import/runInWorker';
import { openCase } from '../../../src/core/casefile/caseFile';
import { AlibiError, CancelledError } from '../../../src/core/errors';
import type { ImportProgress } from '../../../src/core/types';
import { APACHE_LOG, CLI, fixture, REPO } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { caseState, writeBigLog } from '../../support/caseState';


beforeAll(() => {
  // `npm test` builds first. Build here only when missing: rebuilding while other test files spawn the CLI
  // would race with them. After changing code, run `node scripts/build-cli.mjs` before these tests.
  if (!existsSync(CLI) || !existsSync(join(REPO, 'out/cli/import-worker.js'))) {
    const b = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
});

function alibi(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('import worker', () => {
  it('imports files in a worker thread, posting progress, and the case holds them', async () => {
    const { db, path } = newCase('UTC');
    db.close();
    const progress: ImportProgress[] = [];
    const run = runImportInWorker(path, [APACHE_LOG, fixture('stripe-payments.csv')], {}, (p) => progress.push(p));
    const results = await run.promise;
    expect(results.map((r) => [r.format, r.preset, r.accepted, r.rejected])).toEqual([
      ['combined', null, 9999, 1],
      ['csv', 'psp-transactions', 3, 0],
    ]);
    expect(progress.length).toBeGreaterThan(0);
    const again = openCase(path);
    expect(again.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 10_002 });
    again.close();
  });

  it('cancel() aborts and rolls back the file being imported', async () => {
    const { db, path } = newCase('UTC');
    const before = caseState(db);
    db.close();
    const big = join(tmpDir(), 'big.log');
    await writeBigLog(big, 200_000);
    let cancelled = false;
    const run = runImportInWorker(path, [big], {}, () => {
      if (!cancelled) {
        cancelled = true;
        run.cancel();
      }
    });
    await expect(run.promise).rejects.toBeInstanceOf(CancelledError);
    const after = openCase(path);
    expect(caseState(after)).toEqual(before);
    after.close();
  });

  it('a refusal in the worker comes back as an AlibiError with its message', async () => {
    const { db, path } = newCase('UTC');
    db.close();
    const run = runImportInWorker(path, [APACHE_LOG, APACHE_LOG], {});
    const err = await run.promise.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlibiError);
    expect((err as Error).message).toMatch(/already imported/);
  });
});

describe('CLI', () => {
  it('import --json prints {file, sha256, preset, format, accepted, rejected, first, last} per file; exit 0', () => {
    const dir = tmpDir();
    const c = join(dir, 'c.alibi');
    expect(alibi('new', c, '--tz', 'Europe/Paris').code).toBe(0);
    const r = alibi('import', c, APACHE_LOG, fixture('shop-orders-cp1252.csv'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(Object.keys(out[0]).sort()).toEqual(['accepted', 'file', 'first', 'format', 'last', 'preset', 'rejected', 'sha256']);
    expect(out[0]).toMatchObject({ file: APACHE_LOG, format: 'combined', preset: null, accepted: 9999, rejected: 1, first: '2015-05-17T10:05:00.000Z', last: '2015-05-20T21:05:59.000Z' });
    expect(out[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out[1]).toMatchObject({ format: 'csv', preset: 'shop-orders', accepted: 3, first: '2025-11-23T05:41:12.000Z' });

    const sources = JSON.parse(alibi('sources', c, '--json').stdout);
    expect(sources.map((s: { file_name: string }) => s.file_name)).toEqual(['apache_combined_10k.log', 'shop-orders-cp1252.csv']);
    const rejects = JSON.parse(alibi('rejects', c, '--source', '1', '--json').stdout);
    expect(rejects).toEqual([expect.objectContaining({ row_no: 8899, source_id: 1 })]);
    const ev = JSON.parse(alibi('events', c, '--from', '2025-11-23T06:00:00+01:00', '--ip', '90.12.34.56', '--json').stdout);
    expect(ev.map((e: { order_id: string }) => e.order_id)).toEqual(['1042', '1043']);
    const limited = JSON.parse(alibi('events', c, '--limit', '2', '--json').stdout);
    expect(limited.map((e: { time: string }) => e.time)).toEqual(['2015-05-17T10:05:00.000Z', '2015-05-17T10:05:00.000Z']);
    expect(alibi('verify', c).code).toBe(0);
  });

  it('exit 1 on a refused file (duplicate, garbage), 2 on usage errors; help lists the canonical fields', () => {
    const dir = tmpDir();
    const c = join(dir, 'c.alibi');
    alibi('new', c);
    expect(alibi('import', c, APACHE_LOG).code).toBe(0);
    const dup = alibi('import', c, APACHE_LOG);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already imported[\s\S]*--force/);
    expect(alibi('import', c, APACHE_LOG, '--force', '--json').code).toBe(0);
    expect(alibi('import', c, join(dir, 'missing.log')).code).toBe(1);
    expect(alibi('import', c, fixture('custom-tab.tsv'), '--map', 'nonsense').code).toBe(2);
    expect(alibi('import', c, fixture('custom-tab.tsv'), '--map', 'wrongfield=When').code).toBe(2);
    expect(alibi('import', c, APACHE_LOG, '--format', 'xml').code).toBe(2);
    expect(alibi('import', c).code).toBe(2);
    expect(alibi('events', c, '--from', 'someday').code).toBe(2);
    const mapped = alibi('import', c, fixture('custom-tab.tsv'), '--map', 'timestamp=When,ip=Client address', '--tz', 'UTC', '--save-preset', 'desk', '--json');
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.stdout)[0]).toMatchObject({ preset: 'desk', accepted: 2 });
    const help = alibi('import', '--help');
    expect(help.code).toBe(0);
    for (const f of ['timestamp', 'xff', 'card_fingerprint', 'pan', 'decision', 'rule', 'reason']) expect(help.stdout).toContain(f);
  });

  it('human output never prints control characters from the data', () => {
    const dir = tmpDir();
    const c = join(dir, 'c.alibi');
    alibi('new', c);
    const log = join(dir, 'esc.log');
    require('node:fs').writeFileSync(log, '1.2.3.4 - - [23/Nov/2025:06:41:02 +0100] "GET /\u001b[31mred HTTP/1.1" 200 1 "-" "x"\n');
    expect(alibi('import', c, log).code).toBe(0);
    const out = alibi('events', c).stdout;
    expect(out).not.toContain('\u001b');
    expect(out).toContain('/?[31mred');
  });

  it('error messages quoting a hostile file never print its control characters (review R1)', () => {
    const dir = tmpDir();
    const c = join(dir, 'c.alibi');
    alibi('new', c);
    const f = join(dir, 'evil.csv');
    require('node:fs').writeFileSync(f, '\u001b[31mEVIL\u001b[0m,\u202eb\n1,2\n');
    const r = alibi('import', c, f);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('its first line is: ?[31mEVIL?[0m,?b');
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).not.toContain('\u202e');
    const m = alibi('import', c, f, '--map', 'timestamp=Nope');
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/columns in this file: \?\[31mEVIL\?\[0m, \?b/);
    expect(m.stderr).not.toContain('\u001b');
  });

  it('a bad --tz is a usage error naming the flag, before any file is read (review R1)', () => {
    const dir = tmpDir();
    const c = join(dir, 'c.alibi');
    const bad = alibi('new', c, '--tz', 'Mars/Olympus');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tz: unknown time zone "Mars\/Olympus"/);
    alibi('new', c);
    const r = alibi('import', c, APACHE_LOG, APACHE_LOG, '--tz', 'Mars/Olympus');
    expect(r.code).toBe(2);
    expect(r.stderr.match(/unknown time zone/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/^alibi: --tz: unknown time zone/);
  });
});

