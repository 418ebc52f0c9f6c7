// Cancel leaves the case exactly as before (rows, sources, rejects, audit, indexes); progress is reported.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { CancelledError } from '../../../src/core/errors';
import type { ImportProgress } from '../../../src/core/types';
import { APACHE_LOG } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { caseState, writeBigLog } from '../../support/caseState';

describe('cancel and progress', () => {
  it('reports progress (rows, bytes, rate, ETA) while importing, and a final 100%', async () => {
    const { db } = newCase();
    const seen: ImportProgress[] = [];
    const r = await importFile(db, APACHE_LOG, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(1);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ file: 'apache_combined_10k.log', rows: 10_000, rejected: 1, bytesRead: last.bytesTotal, etaSeconds: 0 });
    expect(last.rowsPerSecond).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytesRead).toBeGreaterThanOrEqual(seen[i - 1].bytesRead);
    expect(r.accepted).toBe(9999);
  });

  it('cancelling a log import mid-file throws CancelledError and leaves the case exactly as it was', async () => {
    const { db } = newCase();
    await importFile(db, APACHE_LOG); // a case with content, so "as before" is not just "empty"
    const before = caseState(db);
    const big = join(tmpDir(), 'big.log');
    await writeBigLog(big, 120_000);
    const controller = new AbortController();
    let progressCalls = 0;
    const err = await importFile(db, big, {
      signal: controller.signal,
      onProgress: (p) => {
        progressCalls++;
        if (p.rows > 0) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(progressCalls).toBeGreaterThan(0);
    expect(caseState(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
    // The case still works: the same file imports afterwards (it was not recorded as a duplicate).
    const r = await importFile(db, big);
    expect(r.accepted).toBe(120_000);
  });

  it('cancelling the first import into an empty case restores the dropped indexes too', async () => {
    const { db } = newCase();
    const before = caseState(db);
    const big = join(tmpDir(), 'big.log');
    await writeBigLog(big, 200_000);
    const controller = new AbortController();
    const p = importFile(db, big, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(caseState(db)).toEqual(before);
  });

  it('cancelling a CSV import rolls back too', async () => {
    const { db } = newCase('UTC');
    const before = caseState(db);
    const csv = join(tmpDir(), 'calls.csv');
    const rows = ['timestamp,direction,method,endpoint,http_status,source_ip,user_agent,order_id,transaction_id,duration_ms'];
    for (let i = 0; i < 60_000; i++) rows.push(`2025-11-23T06:41:21+01:00,inbound,POST,/wc-api/hook,200,52.18.7.9,Hooks/2.0,${i},ch_${i},84`);
    writeFileSync(csv, rows.join('\n'));
    const controller = new AbortController();
    const p = importFile(db, csv, { signal: controller.signal, onProgress: (x) => x.rows > 0 && controller.abort() });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(caseState(db)).toEqual(before);
  });

  it('an already-aborted signal imports nothing', async () => {
    const { db } = newCase();
    const before = caseState(db);
    const controller = new AbortController();
    controller.abort();
    await expect(importFile(db, APACHE_LOG, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(caseState(db)).toEqual(before);
  });
});
