// The one way tests make a case: a fresh case file in a temporary folder (removed when the test file ends), with
// direct event inserts for tests that want no importer in the way.
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase, type Db } from '../../src/core/casefile/caseFile';
import type { EventRow } from '../../src/core/types';

export interface TestCase {
  db: Db;
  dir: string;
  path: string;
  add(e: Partial<EventRow>): number;
  close(): void;
}

export const T0 = Date.UTC(2025, 10, 23, 5, 0, 0); // 2025-11-23 06:00 Paris
export const MIN = 60_000;
export const HOUR = 3_600_000;

const made: string[] = [];
/** A temporary folder, removed with everything in it when the test file that asked for it ends. */
export function tmpDir(prefix = 'alibi-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
// Registered in each test file that imports this module.
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 5 });
});

/** An empty case; `add` inserts events under a 'fixture' source made on first use, so imports keep source 1. */
export function newCase(tz = 'Europe/Paris'): TestCase {
  const dir = tmpDir('alibi-case-');
  const path = join(dir, 'case.alibi');
  const db = createCase(path, { tz, title: 'test case' });
  let sourceId = 0;
  const fixtureSource = () =>
    sourceId ||
    (sourceId = Number(
      db
        .prepare(
          `INSERT INTO sources(file_name, size, sha256, format, parser_version, imported_at) VALUES ('fixture', 0, 'x', 'test', 'test', '2025-11-23T00:00:00Z')`,
        )
        .run().lastInsertRowid,
    ));
  let row = 0;
  const cols = [
    'ts', 'ts_text', 'source_id', 'row_no', 'raw', 'kind', 'ip', 'xff', 'client_ip', 'method', 'path', 'status', 'bytes',
    'user_agent', 'referer', 'email', 'phone', 'name', 'customer_id', 'order_id', 'transaction_id', 'card_key', 'card_key_kind',
    'card_fingerprint', 'card_bin', 'card_last4', 'card_expiry', 'card_brand', 'amount', 'currency', 'decision', 'rule', 'reason', 'extra',
  ];
  const ins = db.prepare(`INSERT INTO events(${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`);
  return {
    db,
    dir,
    path,
    add(e) {
      row++;
      const full: Record<string, unknown> = Object.fromEntries(cols.map((c) => [c, null]));
      Object.assign(full, { ts: T0, ts_text: 'fixture', source_id: fixtureSource(), row_no: row, raw: `row ${row}`, kind: 'record' }, e);
      if (full.client_ip === null && e.client_ip === undefined) full.client_ip = full.ip;
      if (full.card_key && !full.card_key_kind) full.card_key_kind = 'fingerprint';
      ins.run(full);
      // `events` is a view: an insert through its trigger does not set lastInsertRowid.
      return db.prepare('SELECT max(id) FROM events').pluck().get() as number;
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
export const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
export const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36';
export const WEBHOOK_UA = 'TicketPay-Webhooks/2.4 (+https://ticketpay.example/webhooks)';
export const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
