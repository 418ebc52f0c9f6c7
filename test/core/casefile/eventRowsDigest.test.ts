// Format 3 of the per-import events digest: the rows as stored in `event_rows` (interned strings by their text's
// hash, raw lines and CLF times as the view rebuilds them from stored columns). A forger with a plain SQLite
// connection edits one stored value of a really imported case — any column, an interned string, a line shape, a
// raw line stored in place of its rebuild — and `verify` must fail; the digest computed while importing must equal
// the one read back from the file, whatever the values.
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCase } from '../../../src/core/casefile/caseFile';
import { verifyCase } from '../../../src/core/casefile/verify';
import { DIGEST_FORMAT, type ImportDigests } from '../../../src/core/casefile/importDigest';
import { storedEventsDigest } from '../../../src/core/casefile/eventRowsDigest';
import { EventWriter } from '../../../src/core/import/eventWriter';
import { emptyEvent, type ParsedEvent } from '../../../src/core/import/parsedEvent';
import { newCase, tmpDir } from '../../support/newCase';
import { importedCase } from '../../support/cli';

let clean = '';
/** Ids of a rebuilt web-log row (source 3, nginx-main) and of a CSV row with an amount (source 1, Stripe). */
let web = 0;
let csv = 0;

beforeAll(async () => {
  const dir = tmpDir();
  const { db, path } = await importedCase(dir);
  web = db.prepare('SELECT min(id) FROM event_rows WHERE source_id = 3 AND line_shape IS NOT NULL AND referer_id IS NOT NULL').pluck().get() as number;
  csv = db.prepare('SELECT min(id) FROM event_rows WHERE source_id = 1 AND amount IS NOT NULL AND raw IS NOT NULL').pluck().get() as number;
  db.close();
  clean = path;
}, 60_000);

async function verifyEdited(sql: (raw: Database.Database) => void): Promise<{ ok: boolean; problems: string }> {
  const forged = join(tmpDir(), 'forged.alibi');
  copyFileSync(clean, forged);
  const raw = new Database(forged);
  sql(raw);
  raw.close();
  const db = openCase(forged, { readonly: true });
  try {
    const v = await verifyCase(db, { sourceFiles: false });
    return { ok: v.ok, problems: v.problems.join('\n') };
  } finally {
    db.close();
  }
}

describe('format 3 events digest', () => {
  it('is what an import records, and the clean case verifies', async () => {
    const db = openCase(clean, { readonly: true });
    const formats = (db.prepare("SELECT details FROM audit WHERE action = 'import'").pluck().all() as string[])
      .map((d) => (JSON.parse(d) as { digests: ImportDigests }).digests.format);
    db.close();
    expect(formats).toEqual([DIGEST_FORMAT, DIGEST_FORMAT, DIGEST_FORMAT]);
    expect(DIGEST_FORMAT).toBe('alibi-import-digest/3');
    expect((await verifyEdited(() => {})).ok).toBe(true);
  });

  // One edit per stored column (and the pairs the table's CHECKs tie together), on the row that has a value there.
  const edits: [string, (id: { web: number; csv: number }) => string][] = [
    ['ts', ({ web }) => `UPDATE event_rows SET ts = ts + 1000 WHERE id = ${web}`],
    ['ts_offset (the rebuilt CLF time)', ({ web }) => `UPDATE event_rows SET ts_offset = ts_offset + 60 WHERE id = ${web}`],
    ['ts_text stored in place of its rebuild (same text)', ({ web }) =>
      `UPDATE event_rows SET ts_text = (SELECT ts_text FROM events WHERE id = ${web}), ts_offset = NULL WHERE id = ${web}`],
    ['ts_text of a CSV row', ({ csv }) => `UPDATE event_rows SET ts_text = ts_text || ' ' WHERE id = ${csv}`],
    ['source_id', ({ web }) => `UPDATE event_rows SET source_id = 2 WHERE id = ${web}`],
    ['row_no', ({ web }) => `UPDATE event_rows SET row_no = row_no + 1 WHERE id = ${web}`],
    ['line_shape', ({ web }) => `UPDATE event_rows SET line_shape = line_shape | 8 WHERE id = ${web}`],
    ['raw stored in place of its rebuild (same line)', ({ web }) =>
      `UPDATE event_rows SET raw = (SELECT raw FROM events WHERE id = ${web}), line_shape = NULL WHERE id = ${web}`],
    ['raw of a CSV row', ({ csv }) => `UPDATE event_rows SET raw = raw || ',' WHERE id = ${csv}`],
    ['kind', ({ web }) => `UPDATE event_rows SET kind = 'payment' WHERE id = ${web}`],
    ['ip', ({ web }) => `UPDATE event_rows SET ip = '10.6.6.6' WHERE id = ${web}`],
    ['xff', ({ web }) => `UPDATE event_rows SET xff = coalesce(xff || ', 10.6.6.6', '10.6.6.6') WHERE id = ${web}`],
    ['client_ip', ({ web }) => `UPDATE event_rows SET client_ip = '10.6.6.6' WHERE id = ${web}`],
    ['path_query', ({ web }) => `UPDATE event_rows SET path_query = coalesce(path_query || '&x=1', '?x=1') WHERE id = ${web}`],
    ['status', ({ web }) => `UPDATE event_rows SET status = status + 1 WHERE id = ${web}`],
    ['status made text', ({ web }) => `UPDATE event_rows SET status = 'two hundred' WHERE id = ${web}`],
    ['bytes', ({ web }) => `UPDATE event_rows SET bytes = bytes + 1 WHERE id = ${web}`],
    ['bytes made fractional', ({ web }) => `UPDATE event_rows SET bytes = bytes + 0.5 WHERE id = ${web}`],
    ['amount', ({ csv }) => `UPDATE event_rows SET amount = amount + 0.01 WHERE id = ${csv}`],
    ['ip made bytes', ({ web }) => `UPDATE event_rows SET ip = CAST(ip AS BLOB) WHERE id = ${web}`],
    ...['method_id', 'path_id', 'proto_id', 'user_agent_id', 'referer_id'].map((c): [string, (id: { web: number; csv: number }) => string] => [
      `${c} pointed at another string`, ({ web }) => `UPDATE event_rows SET ${c} = (SELECT min(id) FROM strings WHERE id <> ${c}) WHERE id = ${web}`,
    ]),
    ['user_agent_id pointed at no string', ({ web }) => `UPDATE event_rows SET user_agent_id = 999999 WHERE id = ${web}`],
    ...['email', 'phone', 'name', 'customer_id', 'order_id', 'transaction_id', 'card_key', 'card_key_kind', 'card_fingerprint', 'card_bin',
      'card_last4', 'card_expiry', 'card_brand', 'currency', 'decision', 'rule', 'reason', 'extra'].map((c): [string, (id: { web: number; csv: number }) => string] => [
      c, ({ csv }) => `UPDATE event_rows SET ${c} = coalesce(${c} || 'x', 'x') WHERE id = ${csv}`,
    ]),
  ];
  for (const [what, sql] of edits) {
    it(`catches an edited ${what}`, async () => {
      const v = await verifyEdited((raw) => {
        expect(raw.prepare(sql({ web, csv })).run().changes).toBe(1);
      });
      expect(v.ok).toBe(false);
      expect(v.problems).toMatch(/source [13] .*its events .*same count, different content/);
    });
  }

  it('catches an interned string edited in the strings table, and two strings swapped', async () => {
    const ua = await verifyEdited((raw) =>
      raw.prepare(`UPDATE strings SET value = value || ' (forged)' WHERE id = (SELECT user_agent_id FROM event_rows WHERE id = ${web})`).run());
    expect(ua.problems).toMatch(/source 3 .*its events .*different content/);
    const swapped = await verifyEdited((raw) => {
      const [a, b] = raw.prepare(`SELECT method_id, path_id FROM event_rows WHERE id = ${web}`).raw().get() as number[];
      const [va, vb] = [a, b].map((id) => raw.prepare('SELECT value FROM strings WHERE id = ?').pluck().get(id) as string);
      raw.prepare('UPDATE strings SET value = ? WHERE id = ?').run(`${va}\u0000tmp`, a);
      raw.prepare('UPDATE strings SET value = ? WHERE id = ?').run(va, b);
      raw.prepare('UPDATE strings SET value = ? WHERE id = ?').run(vb, a);
    });
    expect(swapped.problems).toMatch(/source 3 .*its events .*different content/);
  });
});

describe('format 3 digest computed while writing', () => {
  /** Writes `events` as one import would and returns the streamed digest and the one read back from the file. */
  function both(events: Partial<ParsedEvent>[]) {
    const { db } = newCase();
    const sourceId = Number(db.prepare(
      "INSERT INTO sources(file_name, size, sha256, format, parser_version, imported_at) VALUES ('p.csv', 1, 'x', 'csv', '1', 'now')",
    ).run().lastInsertRowid);
    db.exec('BEGIN');
    const w = new EventWriter(db, sourceId);
    events.forEach((e, i) => w.event(i + 1, `row ${i + 1}`, { ...emptyEvent('payment'), ts_text: 't', ...e }));
    const streamed = w.eventsDigest();
    db.exec('COMMIT');
    const readBack = storedEventsDigest(db, { first_id: 1, last_id: events.length });
    db.close();
    return { streamed, readBack };
  }

  it('equals the digest read back for awkward values: REAL amounts, -0, fractional and negative times, empty texts, NUL', () => {
    const { streamed, readBack } = both([
      { ts: 1_700_000_000_000, amount: 12, currency: 'EUR', email: '' },
      { ts: 1_700_000_000_000.5, amount: -0, status: -0, bytes: 0 },
      { ts: -86_400_000, amount: 1e300, order_id: 'a\u0000b', extra: '{"é":"✓ 𝄞"}' },
      { ts: 5, amount: Number.NaN, status: 2 ** 52, bytes: -(2 ** 40) - 7, name: '\u202eevil' },
      { ts: 6, amount: Infinity, reason: 'x'.repeat(300_000) },
    ]);
    expect(streamed).not.toBeNull();
    expect(streamed).toEqual(readBack);
    expect(readBack.rows).toBe(5);
  });

  it('gives up (the importer reads back) on a value it cannot predict as stored', () => {
    expect(both([{ ts: 1, bytes: 2 ** 53 + 2 }]).streamed).toBeNull();
    expect(both([{ ts: 1, name: 'lone \ud800 surrogate' }]).streamed).toBeNull();
    expect(both([{ ts: 1, name: 'paired \ud834\udd1e' }]).streamed).not.toBeNull();
  });
});

describe('the view the digests rely on', () => {
  it('catches an events view rewritten to show other values than the rows hold', async () => {
    const v = await verifyEdited((raw) => {
      const sql = raw.prepare("SELECT sql FROM sqlite_schema WHERE name = 'events'").pluck().get() as string;
      expect(sql).toContain('r.kind, r.ip,');
      raw.exec('DROP VIEW events');
      raw.exec(sql.replace('r.kind, r.ip,', "r.kind, '10.6.6.6' AS ip,"));
    });
    expect(v.ok).toBe(false);
    expect(v.problems).toMatch(/the events view has been altered/);
    expect(v.problems).not.toMatch(/its events/); // the rows themselves are intact
  });
});
