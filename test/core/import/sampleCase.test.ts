// The sample case's exports (resources/sample, written by the sample generator) are recognised without help:
// right preset/format, nothing rejected, every data row imported, joins between sources intact.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { importFile } from '../../../src/core/import/importFile';
import { detectEncoding } from '../../../src/core/import/sniff';
import { REPO } from '../../support/paths';
import { newCase } from '../../support/newCase';

const SAMPLE = join(REPO, 'resources/sample');
const FILES: [string, string, string | null][] = [
  ['shop-access.log', 'nginx-main', null],
  ['shop-orders.csv', 'csv', 'shop-orders'],
  ['provider-transactions.csv', 'csv', 'psp-transactions'],
  ['provider-antifraud.csv', 'csv', 'antifraud-alerts'],
  ['provider-api-calls.csv', 'csv', 'provider-api-log'],
];

/** Data rows (CSV) or non-empty lines (log), counted independently of the importer. */
function expectedRows(file: string): number {
  const bytes = readFileSync(file);
  const text = iconv.decode(bytes, detectEncoding(bytes, false));
  if (file.endsWith('.log')) return text.split('\n').filter((l) => l.trim() !== '').length;
  return Papa.parse(text, { skipEmptyLines: 'greedy' }).data.length - 1;
}

describe.skipIf(!existsSync(join(SAMPLE, 'shop-orders.csv')))('sample case files', () => {
  it('each file is detected and fully imported', async () => {
    const { db } = newCase('Europe/Paris');
    for (const [name, format, preset] of FILES) {
      const path = join(SAMPLE, name);
      const r = await importFile(db, path);
      expect([name, r.format, r.preset, r.rejected]).toEqual([name, format, preset, 0]);
      expect(r.accepted).toBe(expectedRows(path));
    }
    // Orders and payments join on order_id and agree on the transaction id; shop orders were read as Windows-1252
    // or UTF-8 per their bytes, and their zoneless dates in the case zone.
    const joined = db.prepare(
      "SELECT count(*) AS n, sum(o.transaction_id = p.transaction_id) AS same FROM events o JOIN events p ON p.kind = 'payment' AND p.order_id = o.order_id WHERE o.kind = 'order'",
    ).get() as { n: number; same: number };
    expect(joined.n).toBeGreaterThan(0);
    expect(joined.same).toBe(joined.n);
    const orders = db.prepare("SELECT tz, tz_assumed FROM sources WHERE preset = 'shop-orders'").get();
    expect(orders).toEqual({ tz: 'Europe/Paris', tz_assumed: 1 });
    // The access log sits behind the shop's proxy: clients come from X-Forwarded-For.
    const behindProxy = db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'http_request' AND xff IS NOT NULL AND client_ip <> ip").get() as { n: number };
    expect(behindProxy.n).toBeGreaterThan(0);
  });
});
