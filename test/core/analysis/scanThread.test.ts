// The per-address pass's rows read by a second thread (scanThread.ts) while the rules run: the same rows, the same
// analysis as read in one thread, the thread's errors reported, and the pass read here when no thread can help.
// Needs the bundled scan-worker.js (npm test builds out/cli first).
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { unlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openCase } from '../../../src/core/casefile/caseFile';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { caseLinks } from '../../../src/core/analysis/caseLinks';
import { forEachScanRow, type Detail, type ScanRow } from '../../../src/core/analysis/eventScan';
import { aggregateIps } from '../../../src/core/analysis/ipAggregate';
import { startScanThread, THREAD_MIN_EVENTS } from '../../../src/core/analysis/scanThread';
import { findBundledScript } from '../../../src/core/bundledScript';
import type { CaseAnalysis } from '../../../src/core/analysis/types';
import { buildSampleCase } from '../../support/sampleCase';
import { buildSyntheticCase } from '../../support/syntheticCase';
import { newCase, T0, tmpDir } from '../../support/newCase';

const json = (a: CaseAnalysis) => JSON.stringify({ ...a, generatedAt: '' });

/** Every row the scan hands on, copied (a batch reader reuses its row arrays). */
function rowsOf(read: (f: (row: ScanRow, d: Detail | null) => void) => unknown): unknown[] {
  const out: unknown[] = [];
  read((row, d) => out.push([row.slice(0, 9), d ? d.slice(0, 8) : null]));
  return out;
}

function threadRows(db: Database.Database): unknown[] {
  const scan = startScanThread(db, { always: true });
  expect(scan).not.toBeNull();
  try {
    let opened = true;
    let refs = 0;
    const rows = rowsOf((f) => (opened = scan!.forEachRow((row, d) => {
      if (row[9]! >= 0) refs++; // the address's number in the thread's dictionary comes with the row
      f(row, d);
    })));
    expect(opened).toBe(true);
    expect(refs).toBeGreaterThan(rows.length / 2);
    return rows;
  } finally {
    scan!.close();
  }
}

describe('the scan thread', () => {
  it('is bundled where the analysis looks for it', () => {
    expect(findBundledScript('scan-worker.js')).not.toBeNull();
  });

  it('gives the sample case the same analysis as a scan in one thread', async () => {
    const path = (await buildSampleCase()).casePath;
    const db = openCase(path, { readonly: true });
    expect(startScanThread(db)).toBeNull(); // a small case is read here unless asked
    const here = analyzeCase(db, { scanThread: 'here' });
    // another connection: the per-address analysis of this one is kept for it (ipRoles.ts)
    const other = openCase(path, { readonly: true });
    const thread = analyzeCase(other, { scanThread: 'thread' });
    expect(here.ips.length).toBeGreaterThan(100);
    expect(json(thread)).toBe(json(here));
    expect(threadRows(db)).toEqual(rowsOf((f) => forEachScanRow(db, f)));
    other.close();
    db.close();
  });

  it('loads the IP data for the rules while they start, the same tables as loaded here', async () => {
    const path = (await buildSampleCase()).casePath;
    // fresh modules each time: the IP tables are loaded once per module instance
    const fresh = async () => {
      vi.resetModules();
      return {
        analysis: await import('../../../src/core/analysis/analyze'), ip: await import('../../../src/core/enrich/ipIndex'),
        open: (await import('../../../src/core/casefile/caseFile')).openCase,
      };
    };
    const a = await fresh();
    expect(a.ip.ipTablesLoaded(false)).toBe(false);
    const db = a.open(path, { readonly: true });
    const thread = json(a.analysis.analyzeCase(db, { scanThread: 'thread' }));
    expect(a.ip.ipTablesLoaded(false)).toBe(true);
    expect(a.ip.preloadIpIndex(false).map((x) => x.table)).toEqual(['asn-ipv4', 'country-ipv4']); // those the thread loaded
    const b = await fresh();
    const other = b.open(path, { readonly: true });
    const here = json(b.analysis.analyzeCase(other, { scanThread: 'here' }));
    expect(thread).toBe(here);
    expect(a.ip.lookupIp('2a01:cb00::1')).toEqual(b.ip.lookupIp('2a01:cb00::1'));
    expect(a.ip.lookupIp('8.8.8.8').asn).toBe(15169);
    other.close();
    db.close();
  });

  it('gives a generated case the same analysis as a scan in one thread', () => {
    const path = join(tmpDir(), 'generated.alibi');
    buildSyntheticCase(path, { events: 5_000, otherCustomers: 40 }).close();
    const db = openCase(path, { readonly: true });
    const here = analyzeCase(db, { scanThread: 'here' });
    const other = openCase(path, { readonly: true });
    const thread = analyzeCase(other, { scanThread: 'thread' });
    expect(here.events).toBeGreaterThanOrEqual(5_000);
    expect(here.blocks.some((b) => b.verdict === 'do-not-block')).toBe(true);
    expect(json(thread)).toBe(json(here));
    other.close();
    db.close();
  });

  it(`starts by itself for a case of ${THREAD_MIN_EVENTS.toLocaleString('en')} events`, () => {
    const c = newCase();
    c.add({ kind: 'http_request', ts: T0, client_ip: '198.51.100.1', method: 'GET', path: '/', status: 200 });
    expect(startScanThread(c.db)).toBeNull();
    c.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${THREAD_MIN_EVENTS})
      INSERT INTO events(ts, ts_text, source_id, row_no, raw, kind, client_ip, method, path, status)
      SELECT ts + i, ts_text, source_id, row_no + i, raw, kind, client_ip, method, path, status FROM events, n`);
    const scan = startScanThread(c.db);
    expect(scan).not.toBeNull();
    scan!.close();
    c.close();
  });

  it('sends every value as the driver reads it: fractions, large numbers, IPv6, odd addresses, long and broken text', () => {
    const c = newCase();
    const long = 'x'.repeat(100_000);
    c.add({ kind: 'http_request', ts: T0 + 0.5, client_ip: '2001:db8::1', method: 'GET', path: '/a?q=1', status: 200, user_agent: long });
    c.add({ kind: 'http_request', ts: -0, client_ip: '01.2.3.4', method: 'POST', path: '/checkout', status: 402, user_agent: 'curl/8' });
    c.add({ kind: 'http_request', ts: 2 ** 52, ip: '10.0.0.1', client_ip: '198.51.100.7', method: 'GET', path: `/${long}`, status: 200, user_agent: '\u202e\ud800' });
    c.add({ kind: 'payment', ts: T0, client_ip: '198.51.100.7', email: 'a@b.example', order_id: 'O1', transaction_id: 'ch_1', card_key: 'fp1', decision: 'Failed', status: 402 });
    c.add({ kind: 'order', ts: T0 - 1e12, ip: '198.51.100.8', email: 'a@b.example', customer_id: 'C1', order_id: 'O1', decision: 'failed' });
    for (let i = 0; i < 3_000; i++) c.add({ kind: i % 7 ? 'http_request' : 'provider_call', ts: T0 + i * 1000, client_ip: `203.0.113.${i % 250}`, method: 'GET', path: `/p/${i % 13}?id=${i}`, status: 200, user_agent: `ua ${i % 5}` });
    // a number stored in a text column and text in a number column: made their column's type by safe reads
    c.db.prepare("UPDATE event_rows SET path_query = 42 WHERE id = 1").run();
    const here = rowsOf((f) => forEachScanRow(c.db, f));
    expect(here.length).toBe(3_005);
    expect(threadRows(c.db)).toEqual(here);
    c.close();
  });

  it("reports the thread's read error on the analysis's thread", () => {
    const path = join(tmpDir(), 'fails.alibi');
    buildSyntheticCase(path, { events: 5_000 }).close();
    const db = openCase(path, { readonly: true });
    const scan = startScanThread(db, { always: true, failAfterRows: 1_000 })!;
    let seen = 0;
    expect(() => scan.forEachRow(() => seen++)).toThrow(/could not read the case's events: stopped after 1000 rows/);
    expect(seen).toBeLessThanOrEqual(1_000);
    scan.close();
    db.close();
  });

  it('is not started where it cannot read what this connection reads: in memory, inside a transaction, without safe reads', () => {
    const mem = new Database(':memory:');
    expect(startScanThread(mem, { always: true })).toBeNull();
    mem.close();
    const c = newCase();
    c.add({ kind: 'http_request', ts: T0, client_ip: '198.51.100.7', method: 'GET', path: '/', status: 200 });
    const inTx = c.db.transaction(() => startScanThread(c.db, { always: true }));
    expect(inTx()).toBeNull();
    const raw = new Database(c.path, { readonly: true });
    expect(startScanThread(raw, { always: true })).toBeNull();
    raw.close();
    c.close();
  });

  it('reads the rows here when the thread cannot open the case (its file gone, this connection still open)', () => {
    const path = join(tmpDir(), 'gone.alibi');
    buildSyntheticCase(path, { events: 2_000 }).close();
    const db = openCase(path, { readonly: true });
    const expected = json(analyzeCase(db, { scanThread: 'here' }));
    unlinkSync(path);
    const scan = startScanThread(db, { always: true })!;
    expect(scan.forEachRow(() => {})).toBe(false);
    scan.close();
    expect(json(analyzeCase(db, { scanThread: 'thread' }))).toBe(expected);
    db.close();
  });

  it('reads the rows again here when another connection changed the case while the thread read it', () => {
    const c = newCase();
    for (let i = 0; i < 500; i++) c.add({ kind: 'http_request', ts: T0 + i, client_ip: `198.51.100.${i % 9}`, method: 'GET', path: '/', status: 200 });
    const db = openCase(c.path, { readonly: true });
    const scan = startScanThread(db, { always: true })!;
    // the writer commits after the thread started: what the thread read may be before or after it
    c.add({ kind: 'http_request', ts: T0 + 1_000, client_ip: '192.0.2.200', method: 'GET', path: '/', status: 200 });
    const links = caseLinks(db);
    const agg = aggregateIps(db, links, undefined, scan);
    scan.close();
    expect(agg.ips.get('192.0.2.200')?.events).toBe(1);
    expect([...agg.ips.keys()].sort()).toEqual([...aggregateIps(db, links).ips.keys()].sort());
    db.close();
    c.close();
  });
});
