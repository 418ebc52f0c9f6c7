// The compact event layout (schema migration 4): raw lines and CLF times rebuilt byte for byte through the
// `events` view, on the real Apache log, the sample case and hand-made edge lines; the v3 → v4 migration keeps
// every event, note, tag and audit row; writes through the view still work.
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase, migrate, openCase, type Db } from '../../../src/core/casefile/caseFile';
import { appendAudit, verifyAuditChain } from '../../../src/core/casefile/audit';
import { clfOffset, clfTimeText } from '../../../src/core/casefile/eventLines';
import { importFile } from '../../../src/core/import/importFile';
import { buildDemoCase } from '../../../src/core/sample/demoCase';
import { SCHEMA_VERSION } from '../../../src/core/casefile/schema';
import { APACHE_LOG } from '../../support/paths';
import { caseState, writeBigLog } from '../../support/caseState';
import { PARALLEL_MIN_BYTES } from '../../../src/core/import/logReader';
import { statSync } from 'node:fs';
import { CancelledError } from '../../../src/core/errors';
import { verifyCase } from '../../../src/core/casefile/verify';

const dir = mkdtempSync(join(tmpdir(), 'alibi-compact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const newCase = (): Db => createCase(join(dir, `c${++n}.alibi`), { tz: 'Europe/Paris' });

/** Every event of a log source against the file's line at its row_no; returns how many kept their raw text. */
function expectLinesRebuilt(db: Db, sourceId: number, text: string): { rows: number; verbatim: number } {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const rows = db.prepare('SELECT row_no, raw FROM events WHERE source_id = ? ORDER BY row_no').all(sourceId) as { row_no: number; raw: string }[];
  const wrong = rows.filter((r) => r.raw !== lines[r.row_no - 1]);
  expect(wrong.slice(0, 3)).toEqual([]);
  const verbatim = db.prepare('SELECT count(*) FROM event_rows WHERE source_id = ? AND raw IS NOT NULL').pluck().get(sourceId) as number;
  return { rows: rows.length, verbatim };
}

describe('compact events: raw lines rebuilt byte for byte', () => {
  it('the real Apache log: every line comes back exact, and almost none needs its text stored', async () => {
    const db = newCase();
    const r = await importFile(db, APACHE_LOG);
    const { rows, verbatim } = expectLinesRebuilt(db, r.sourceId, readFileSync(APACHE_LOG, 'utf8'));
    expect(rows).toBe(9999);
    // Its odd lines (\x escapes in referers, HTTP/1.0 and 1.1, dash byte counts) all follow the combined shape.
    expect(verbatim).toBe(0);
    expect(db.prepare('SELECT count(*) FROM event_rows WHERE line_shape & 4').pluck().get()).toBeGreaterThan(600);
    // CLF times are rebuilt too, and the interned columns read back as text.
    expect(db.prepare('SELECT count(*) FROM event_rows WHERE ts_text IS NOT NULL').pluck().get()).toBe(0);
    expect(db.prepare('SELECT ts_text, method, user_agent FROM events WHERE row_no = 1').get()).toEqual({
      ts_text: '17/May/2015:10:05:03 +0000', method: 'GET',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36',
    });
    db.close();
  });

  it('edge lines of every access-log layout come back exact (dash bytes, empty quotes, escapes, users, offsets)', async () => {
    const combined = [
      '203.0.113.9 - - [23/Nov/2025:06:41:02 +0100] "GET /a?b=1&c=%22x%22 HTTP/1.1" 200 5120 "https://shop.example/cart" "Mozilla/5.0"',
      '203.0.113.9 - - [23/Nov/2025:06:41:03 +0100] "GET /a HTTP/1.1" 304 - "-" "-"',
      '203.0.113.9 - - [23/Nov/2025:06:41:04 +0100] "GET /a HTTP/1.1" 200 0 "" ""',
      '203.0.113.9 - - [23/Nov/2025:06:41:05 -0330] "GET /a b c HTTP/2.0" - 12 "-" "UA with \\"quotes\\""',
      '203.0.113.9 - alice [23/Nov/2025:06:41:06 +0000] "POST /login HTTP/1.1" 302 0 "-" "curl/8"',
      '203.0.113.9 - - [23/Nov/2025:06:41:07 +0000] "GET /x HTTP/1.1" 200 10 "-" "curl/8" 0.004 shop.example',
      '203.0.113.9 - - [23/Nov/2025:06:41:08 +0000] "GET /noproto" 200 10 "-" "curl/8"',
      '203.0.113.9 - - [23/Nov/2025:06:41:09 +0000] "-" 400 0 "-" "-"',
      '2001:db8::1 - - [01/Jan/1999:00:00:00 +1400] "HEAD / HTTP/1.0" 200 00012 "-" "<script>alert(1)</script>"',
      '203.0.113.9 identd - [23/Nov/2025:06:41:10 +0000] "GET / HTTP/1.1" 200 1 "-" "x"',
      '203.0.113.9 - - [23/Nov/2025:06:41:11 -0000] "GET /?only-query HTTP/1.1" 200 1 "=cmd|\' /C calc\'!A0" "x"',
    ];
    const nginx = [
      '10.0.0.5 - - [23/Nov/2025:06:41:02 +0100] "GET /checkout HTTP/1.1" 200 5120 "https://shop.example/cart" "Mozilla/5.0" "90.12.34.56, 10.0.0.2"',
      '10.0.0.5 - - [23/Nov/2025:06:41:03 +0100] "GET / HTTP/1.1" 200 10 "-" "Mozilla/5.0" "-"',
      '10.0.0.5 - - [23/Nov/2025:06:41:04 +0100] "GET / HTTP/1.1" 200 - "" "" ""',
      '10.0.0.5 - - [23/Nov/2025:06:41:05 +0100] "GET / HTTP/1.1" 200 10 "-" "Mozilla/5.0" "90.12.34.56" rt=0.002',
    ];
    const common = [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
      '2001:db8::1 - - [23/Nov/2025:05:41:02 +0000] "HEAD / HTTP/1.1" 304 -',
      '198.51.100.7 - - [23/Nov/2025:05:41:03 +0000] "GET /é/ü?q=ñ HTTP/1.1" 200 7',
    ];
    for (const [format, lines] of [['combined', combined], ['nginx-main', nginx], ['common', common]] as const) {
      const db = newCase();
      const path = join(dir, `${format}.log`);
      const text = lines.join('\r\n') + '\r\n';
      writeFileSync(path, text);
      const r = await importFile(db, path, { format });
      expect(r.rejected).toBe(0);
      const { rows, verbatim } = expectLinesRebuilt(db, r.sourceId, text);
      expect(rows).toBe(lines.length);
      expect(verbatim).toBeLessThan(rows); // most of them are rebuilt, not stored
      db.close();
    }
  });

  it('CLF time text: rebuilt only when the offset and the instant give it back exactly', () => {
    const ts = Date.UTC(2025, 10, 23, 5, 41, 2);
    expect(clfTimeText(ts, 60)).toBe('23/Nov/2025:06:41:02 +0100');
    expect(clfOffset(ts, '23/Nov/2025:06:41:02 +0100')).toBe(60);
    expect(clfOffset(ts, '23/Nov/2025:02:11:02 -0330')).toBe(-210);
    expect(clfOffset(ts, '23/nov/2025:06:41:02 +0100')).toBeNull(); // lower-case month: kept as written
    expect(clfOffset(ts, '23/Nov/2025:05:41:02 -0000')).toBeNull(); // "-0000" is not what the view writes
    expect(clfOffset(ts + 1, '23/Nov/2025:06:41:02 +0100')).toBeNull(); // milliseconds CLF cannot hold
  });

  it('the sample case: log lines rebuilt exact, CSV rows kept as read', async () => {
    const out = join(dir, 'sample');
    const { casePath, results } = await buildDemoCase(out);
    const db = openCase(casePath, { readonly: true });
    const sources = db.prepare('SELECT id, file_path, format FROM sources ORDER BY id').all() as { id: number; file_path: string; format: string }[];
    const logs = sources.filter((s) => ['combined', 'common', 'nginx-main'].includes(s.format));
    expect(logs.length).toBeGreaterThan(0);
    for (const s of logs) {
      const { rows, verbatim } = expectLinesRebuilt(db, s.id, readFileSync(s.file_path, 'utf8'));
      expect(rows).toBe(results.find((r) => r.sourceId === s.id)!.accepted);
      expect(verbatim).toBeLessThan(rows / 10);
    }
    const csvRaw = db.prepare("SELECT count(*) FROM event_rows r JOIN sources s ON s.id = r.source_id WHERE s.format = 'csv' AND r.raw IS NULL").pluck().get();
    expect(csvRaw).toBe(0);
    db.close();
  });
});

describe('compact events: writes through the view and migration from v3', () => {
  it('INSERT, UPDATE and DELETE on events go to the compact table; an edited row keeps what it was given', () => {
    const db = newCase();
    db.prepare("INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'a',1,'h','combined','1','x')").run();
    db.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip,method,path,user_agent) VALUES (1,'t',1,1,'r','http_request','1.2.3.4','GET','/a?b=1','UA')").run();
    expect(db.prepare('SELECT raw, method, path, user_agent, referer FROM events').get()).toEqual({ raw: 'r', method: 'GET', path: '/a?b=1', user_agent: 'UA', referer: null });
    db.prepare("UPDATE events SET path = '/z', raw = 'edited' WHERE id = 1").run();
    expect(db.prepare('SELECT raw, path, user_agent FROM events').get()).toEqual({ raw: 'edited', path: '/z', user_agent: 'UA' });
    db.prepare('DELETE FROM events').run();
    expect(db.prepare('SELECT count(*) FROM event_rows').pluck().get()).toBe(0);
    db.close();
  });

  it('a v3 case migrates keeping every event, note, tag and audit row; its chain still verifies', () => {
    const path = join(dir, 'v3.alibi');
    const raw = new Database(path);
    migrate(raw, 3);
    raw.prepare("INSERT INTO meta VALUES ('case_id','x'),('title','old'),('tz','UTC')").run();
    raw.prepare("INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'a.log',1,'h','combined','1','2025-01-01')").run();
    const ins = raw.prepare(
      'INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip,client_ip,method,path,status,bytes,user_agent,referer,email,extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
    );
    for (let i = 1; i <= 50; i++) {
      ins.run(1_700_000_000_000 + i * 1000, `t${i}`, 1, i, `line ${i}`, i % 7 ? 'http_request' : 'order', `10.0.0.${i % 5}`, `10.0.0.${i % 5}`,
        i % 3 ? 'GET' : null, i % 4 ? `/p/${i % 6}${i % 2 ? '?q=' + i : ''}` : null, 200, i, i % 5 ? `UA ${i % 3}` : null,
        i % 2 ? 'https://r.example/' : null, i % 7 ? null : `b${i}@example.com`, i % 9 ? null : '{"k":"v"}');
    }
    raw.prepare("INSERT INTO tags(event_id, tag, at) VALUES (3, 'suspect', '2025-01-02'), (7, 'customer', '2025-01-02')").run();
    raw.prepare("INSERT INTO notes(at, target_kind, target_id, text) VALUES ('2025-01-02', 'event', '3', 'looks odd')").run();
    appendAudit(raw, { action: 'case.create', target: 'x' });
    appendAudit(raw, { action: 'tag.add', target: 'event:3', details: { tag: 'suspect' } });
    const snapshot = (db: Db) => ({
      events: db.prepare('SELECT * FROM events ORDER BY id').all(),
      tags: db.prepare('SELECT * FROM tags ORDER BY event_id, tag').all(),
      notes: db.prepare('SELECT * FROM notes ORDER BY id').all(),
      audit: db.prepare('SELECT * FROM audit ORDER BY id').all(),
    });
    const before = snapshot(raw);
    raw.close();
    const db = openCase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(snapshot(db)).toEqual(before);
    expect(verifyAuditChain(db).ok).toBe(true);
    // Tags now point at the compact table: a tag on a missing event is refused as before.
    expect(() => db.prepare("INSERT INTO tags(event_id, tag, at) VALUES (999, 'x', 'y')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('large logs: parsed in a second thread, written here', () => {
  it('a log above the threshold comes back line for line, with a bad line rejected, and a cancel rolls back', async () => {
    const path = join(dir, 'big.log');
    await writeBigLog(path, 120_000);
    writeFileSync(path, readFileSync(path, 'utf8') + 'garbage line\n10.0.0.1 - - [23/Nov/2025:06:41:02 +0100] "GET /last HTTP/1.1" 200 1 "-" "x"');
    expect(statSync(path).size).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const db = newCase();
    const r = await importFile(db, path);
    expect(r).toMatchObject({ accepted: 120_001, rejected: 1 });
    const { rows, verbatim } = expectLinesRebuilt(db, r.sourceId, readFileSync(path, 'utf8'));
    expect(rows).toBe(120_001);
    expect(verbatim).toBe(0);
    expect(db.prepare('SELECT row_no, reason FROM rejects').get()).toEqual({ row_no: 120_001, reason: 'line 120001: does not match the combined format' });
    db.close();

    const other = newCase();
    const before = caseState(other);
    const controller = new AbortController();
    const run = importFile(other, path, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(caseState(other)).toEqual(before);
    other.close();
  });

  it('a multi-byte character cut where the first chunk is split comes back whole; verify passes and catches an edit', async () => {
    // Lines of fixed byte length, mostly 4-byte characters; a padding line shifts them until the first chunk's
    // cuts (logReader's FIRST_PIECES: 32 KiB, 160 KiB) both fall inside a character.
    const line = (i: number) => `10.0.${i % 250}.${i % 7} - - [23/Nov/2025:06:41:02 +0100] "GET /caf\u00e9/${String(i).padStart(6, '0')} HTTP/1.1" 200 ${i % 10} "-" "${'\u{1F642}'.repeat(40)}"`;
    const body = Array.from({ length: 36_000 }, (_, i) => line(i)).join('\n') + '\n';
    const cuts = [32 * 1024, 160 * 1024];
    let pad = 0;
    const padded = (k: number) => Buffer.from(`10.9.9.9 - - [23/Nov/2025:06:41:01 +0100] "GET /${'p'.repeat(k)} HTTP/1.1" 200 1 "-" "x"\n${body}`);
    while (!cuts.every((c) => (padded(pad)[c] & 0xc0) === 0x80)) pad++;
    const path = join(dir, 'multibyte.log');
    writeFileSync(path, padded(pad));
    expect(statSync(path).size).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const db = newCase();
    const r = await importFile(db, path);
    expect(r).toMatchObject({ accepted: 36_001, rejected: 0 });
    expect(expectLinesRebuilt(db, r.sourceId, readFileSync(path, 'utf8')).rows).toBe(36_001);
    expect((await verifyCase(db, { sourceFiles: false })).ok).toBe(true);
    db.prepare("UPDATE event_rows SET path_query = '?x' WHERE id = 2").run();
    expect((await verifyCase(db, { sourceFiles: false })).problems.join('\n')).toMatch(/no longer match/);
    db.close();
  });
});
