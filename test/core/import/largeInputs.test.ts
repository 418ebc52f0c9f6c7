// Large inputs: zstd archives streamed like gzip, damage refused with nothing imported; many files (rotated logs)
// in one import job with one progress over the whole batch.
import { describe, expect, it, onTestFinished } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createCase } from '../../../src/core/casefile/caseFile';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { BatchProgress } from '../../../src/core/import/importBatch';
import { workerRunner } from '../../../src/core/api/importRunners';
import type { ImportProgress } from '../../../src/core/types';
import { APACHE_LOG, fixture } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { caseState, events } from '../../support/caseState';

/** The text of test/fixtures/import/generated-5000.log.zst (made with `zstd -19` from exactly these lines). */
const ZST_LINES = Array.from({ length: 5000 }, (_, k) => {
  const i = k + 1;
  return `10.0.${i >> 8}.${i & 255} - - [23/Nov/2025:06:41:02 +0100] "GET /item/${i}?ref=mail HTTP/1.1" 200 ${i} "-" "Mozilla/5.0 (X11; Linux x86_64)"`;
});

describe('zstd input', () => {
  it('imports a .zst log streamed, every line back exact; the hash is of the .zst file', async () => {
    const zst = fixture('generated-5000.log.zst');
    const { db } = newCase();
    const r = await importFile(db, zst);
    expect(r).toMatchObject({ format: 'combined', accepted: 5000, rejected: 0 });
    expect(r.sha256).toBe(createHash('sha256').update(readFileSync(zst)).digest('hex'));
    const src = db.prepare('SELECT mapping_json FROM sources').get() as { mapping_json: string };
    expect(JSON.parse(src.mapping_json).compression).toBe('zstd');
    expect(events(db).map((e) => e.raw)).toEqual(ZST_LINES);
  });

  it('a truncated .zst is refused as damaged and leaves the case unchanged', async () => {
    const cut = join(tmpDir(), 'cut.log.zst');
    const bytes = readFileSync(fixture('generated-5000.log.zst'));
    writeFileSync(cut, bytes.subarray(0, bytes.length - 200));
    const { db } = newCase();
    const before = caseState(db);
    await expect(importFile(db, cut)).rejects.toThrow(/damaged zstd data/);
    expect(caseState(db)).toEqual(before);
  });
});

describe('many files, one progress', () => {
  it('rotated logs (plain, .gz, .zst) in one import job: one progress over every byte of every file', async () => {
    // Its own folder: the import workers close the case (journal switch) just after reporting, so the removal
    // at the end retries instead of racing them.
    const dir = mkdtempSync(join(tmpdir(), 'alibi-batch-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));
    const apache = readFileSync(APACHE_LOG);
    const files = [join(dir, 'access.log'), join(dir, 'access.log.2.gz'), join(dir, 'access.log.10.zst')];
    writeFileSync(files[0], apache.subarray(0, apache.indexOf('\n', 100_000) + 1));
    writeFileSync(files[1], gzipSync(apache.subarray(0, apache.indexOf('\n', 300_000) + 1)));
    writeFileSync(files[2], readFileSync(fixture('generated-5000.log.zst')));

    const path = join(dir, 'case.alibi');
    createCase(path, { tz: 'Europe/Paris' }).close();
    const seen: ImportProgress[] = [];
    const results = await workerRunner()(path, files.map((f) => ({ path: f })), (p) => seen.push(p)).promise;
    expect(results.map((r) => r.accepted)).toEqual([expect.any(Number), expect.any(Number), 5000]);
    const overall = seen.map((p) => p.overall!);
    expect(overall.every((o) => o.fileCount === 3)).toBe(true);
    // Monotonic over the whole batch, ending at every byte of every file.
    for (let i = 1; i < overall.length; i++) expect(overall[i].bytesRead).toBeGreaterThanOrEqual(overall[i - 1].bytesRead);
    const last = overall[overall.length - 1];
    expect(last).toMatchObject({ fileIndex: 3, bytesRead: last.bytesTotal });
    expect(last.rows).toBe(results.reduce((n, r) => n + r.accepted + r.rejected, 0));
  });

  it('BatchProgress: the ETA is for the whole batch, not the current file', () => {
    const dir = tmpDir();
    const a = join(dir, 'a.log');
    const b = join(dir, 'b.log');
    writeFileSync(a, 'x'.repeat(1000));
    writeFileSync(b, 'x'.repeat(3000));
    const batch = new BatchProgress([a, b]);
    batch.startFile(1);
    const p = batch.with({ file: 'b.log', rows: 10, rejected: 0, bytesRead: 1000, bytesTotal: 3000, rowsPerSecond: 1, etaSeconds: 1 });
    expect(p.overall).toMatchObject({ fileIndex: 2, fileCount: 2, bytesRead: 2000, bytesTotal: 4000 });
  });
});
