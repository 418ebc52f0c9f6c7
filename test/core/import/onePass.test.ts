// One pass over the file: its SHA-256 is taken while it is read (unless a source of the same size could be the
// same file), and the events digest an import records is computed while the rows are written (by the writing thread,
// from the rows as it binds them, also when a large log is parsed in a second thread), not by reading them back; it must be exactly what `verify` recomputes from the case file, whatever path
// the rows took — and when the values cannot be trusted to come back unchanged, the importer reads them back.
import { describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { PARALLEL_MIN_BYTES } from '../../../src/core/import/logReader';
import { importDigests, type ImportDigests } from '../../../src/core/casefile/importDigest';
import { verifyCase } from '../../../src/core/casefile/verify';
import type { Db } from '../../../src/core/casefile/caseFile';
import { APACHE_LOG, fixture } from '../../support/paths';
import { newCase } from '../../support/newCase';
import { caseState, writeBigLog } from '../../support/caseState';
import { statSync } from 'node:fs';

function recorded(db: Db, sourceId: number): ImportDigests {
  const rows = db.prepare("SELECT details FROM audit WHERE action = 'import'").pluck().all() as string[];
  const d = rows.map((r) => JSON.parse(r) as { source_id: number; digests: ImportDigests }).find((x) => x.source_id === sourceId);
  return d!.digests;
}

describe('streamed import digests', () => {
  it('equal the digests read back, for a log parsed here, a log parsed in the parse thread and a CSV', async () => {
    const { db, dir } = newCase();
    const big = join(dir, 'big.log');
    await writeBigLog(big, 120_000);
    expect(statSync(big).size).toBeGreaterThanOrEqual(PARALLEL_MIN_BYTES);
    for (const file of [APACHE_LOG, big, fixture('stripe-payments.csv'), fixture('nginx-json.log')]) {
      const r = await importFile(db, file);
      expect(r.accepted).toBeGreaterThan(0);
      const again = importDigests(db, r.sourceId);
      expect(recorded(db, r.sourceId).events).toEqual(again.events);
      expect(again.events.rows).toBe(r.accepted);
    }
    const report = await verifyCase(db);
    expect(report.problems).toEqual([]);
    db.close();
  }, 120_000);

  it('falls back to reading the rows back when a value would not be stored as it is (a lone surrogate)', async () => {
    const { db, dir } = newCase();
    const path = join(dir, 'surrogate.log');
    const line = (agent: string, i: number) =>
      JSON.stringify({ time: '17/May/2015:08:05:32 +0000', remote_ip: `93.180.71.${i}`, request: 'GET / HTTP/1.1', response: 200, bytes: 1, referrer: '-', agent });
    // JSON.stringify writes the lone surrogate as the escape \ud800: JSON.parse gives it back unpaired.
    writeFileSync(path, [line('ok', 1), line('bad \ud800 agent', 2), line('ok', 3)].join('\n') + '\n');
    const r = await importFile(db, path);
    expect(r.accepted).toBe(3);
    expect(recorded(db, r.sourceId).events).toEqual(importDigests(db, r.sourceId).events);
    db.close();
  });
});

describe('one hash pass', () => {
  it('records the SHA-256 of the file read, and still refuses the same file imported again', async () => {
    const { db, dir } = newCase();
    const copy = join(dir, 'copy.log');
    copyFileSync(APACHE_LOG, copy);
    const r = await importFile(db, APACHE_LOG);
    const sha = createHash('sha256').update(readFileSync(APACHE_LOG)).digest('hex');
    expect(r.sha256).toBe(sha);
    expect(db.prepare('SELECT sha256 FROM sources WHERE id = ?').pluck().get(r.sourceId)).toBe(sha);
    await expect(importFile(db, copy)).rejects.toThrow(/already imported/);
    db.close();
  });

  it('refuses a file that grows while it is read, leaving the case as it was', async () => {
    const { db, dir } = newCase();
    const path = join(dir, 'growing.log');
    await writeBigLog(path, 120_000);
    const before = caseState(db);
    let appended = false;
    const onProgress = () => {
      if (!appended) appendFileSync(path, '10.0.0.1 - - [23/Nov/2025:06:41:02 +0100] "GET /late HTTP/1.1" 200 1 "-" "x"\n');
      appended = true;
    };
    await expect(importFile(db, path, { onProgress })).rejects.toThrow(/changed while it was being imported/);
    expect(appended).toBe(true);
    expect(caseState(db)).toEqual(before);
    db.close();
  }, 60_000);
});
