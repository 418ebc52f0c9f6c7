// Rows packed in the parse thread carry their repeating strings as batch-local refs; the writer maps each ref to
// a dictionary id once. When the builder's memo is full the refs start over: the rows written after that must
// still read back with their own strings, in their order, under the digest the writer computed from the batches.
import { describe, expect, it } from 'vitest';
import { PackedRowsBuilder, PackedRowsDigest } from '../../../src/core/import/packedRows';
import { EventWriter } from '../../../src/core/import/eventWriter';
import { emptyEvent } from '../../../src/core/import/parsedEvent';
import { LINE_FORMAT } from '../../../src/core/casefile/eventLines';
import { importDigests } from '../../../src/core/casefile/importDigest';
import { storedEventsDigest } from '../../../src/core/casefile/eventRowsDigest';
import { newCase } from '../../support/newCase';

/** A new case with one combined-log source row to write under. */
function caseWithSource() {
  const { db } = newCase();
  const sourceId = Number(db.prepare(
    "INSERT INTO sources(file_name, size, sha256, format, parser_version, imported_at) VALUES ('a.log', 1, 'x', 'combined', '1', 'now')",
  ).run().lastInsertRowid);
  return { db, sourceId };
}

describe('packed rows', () => {
  it('keep every string right across batches and memo restarts', () => {
    const { db, sourceId } = caseWithSource();
    const w = new EventWriter(db, sourceId);
    const b = new PackedRowsBuilder(LINE_FORMAT.combined, 3);
    const want: { path: string; ua: string; method: string }[] = [];
    db.exec('BEGIN');
    for (let i = 0; i < 200; i++) {
      const path = `/p/${i % 7}?q=${i}`;
      const ua = `agent ${i % 5}`;
      const method = i % 3 ? 'GET' : 'POST';
      const ts = Date.UTC(2025, 10, 23, 6, 0, i);
      const e = { ...emptyEvent('http_request'), ts, ts_text: `23/Nov/2025:06:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000`, ip: `10.0.0.${i % 9}`, client_ip: `10.0.0.${i % 9}`, method, path, status: 200, bytes: i, user_agent: ua, referer: null };
      const raw = `${e.ip} - - [${e.ts_text}] "${method} ${path} HTTP/1.1" 200 ${i} "-" "${ua}"`;
      b.event(i + 1, raw, e);
      want.push({ path, ua, method });
      if (i % 11 === 10) w.write(b.take());
    }
    w.write(b.take());
    const digest = w.eventsDigest();
    db.exec('COMMIT');
    const got = db.prepare('SELECT path, user_agent AS ua, method FROM events WHERE source_id = ? ORDER BY id').all(sourceId);
    expect(got).toEqual(want);
    expect(digest).not.toBeNull();
    expect(importDigests(db, sourceId).events).toMatchObject(digest!);
    db.close();
  });

  it('keep their order and text when row layouts alternate (lean web rows, rows with X-Forwarded-For, raw kept, payments)', () => {
    const { db, sourceId } = caseWithSource();
    db.exec('BEGIN');
    const w = new EventWriter(db, sourceId);
    const lines: string[] = [];
    for (let i = 0; i < 150; i++) {
      const ts = Date.UTC(2025, 10, 23, 6, 0, i % 60);
      const tsText = `23/Nov/2025:06:00:${String(i % 60).padStart(2, '0')} +0000`;
      const web = { ...emptyEvent('http_request'), ts, ts_text: tsText, ip: `10.0.0.${i % 9}`, client_ip: `10.0.0.${i % 9}`, method: 'GET', path: `/p/${i}`, status: 200, bytes: i, user_agent: 'ua', referer: null };
      const kind = i % 7;
      let raw = `${web.ip} - - [${tsText}] "GET /p/${i} HTTP/1.1" 200 ${i} "-" "ua"`;
      if (kind === 1) w.event(i + 1, raw, { ...web, xff: '1.2.3.4', client_ip: '1.2.3.4' }); // not rebuilt (combined has no xff field): raw kept
      else if (kind === 2) w.event(i + 1, (raw = `${raw} extra`), { ...web, extra: '{"trailing":"extra"}' });
      else if (kind === 3) w.event(i + 1, (raw = `pay ${i}`), { ...emptyEvent('payment'), ts, ts_text: 't', amount: i / 10, email: `c${i}@example.org` });
      else w.event(i + 1, raw, web);
      lines.push(raw);
    }
    const digest = w.eventsDigest();
    db.exec('COMMIT');
    expect(db.prepare('SELECT row_no FROM events ORDER BY id').pluck().all()).toEqual(lines.map((_, i) => i + 1));
    expect(db.prepare('SELECT raw FROM events ORDER BY id').pluck().all()).toEqual(lines);
    expect(db.prepare('SELECT count(*) FROM event_rows WHERE line_shape IS NOT NULL').pluck().get()).toBeGreaterThan(60);
    expect(digest).toEqual(storedEventsDigest(db, { first_id: 1, last_id: 150 }));
    db.close();
  });

  it('give the same digest when the parse thread digests the records and the writer the texts (small and large batches)', () => {
    const { db, sourceId } = caseWithSource();
    db.exec('BEGIN');
    const w = new EventWriter(db, sourceId);
    const records = new PackedRowsDigest(w.firstId, sourceId, 'records');
    w.digestedElsewhere();
    const b = new PackedRowsBuilder(LINE_FORMAT.combined, 50);
    // Batches of 3 rows, then one of 3,000 (its text past the size hashed as it comes), then small ones again.
    const sizes = [3, 3, 3, 3000, 3, 3];
    let row = 0;
    for (const size of sizes) {
      for (let i = 0; i < size; i++, row++) {
        const ts = Date.UTC(2025, 10, 23, 6, 0, 0) + row * 1000;
        // A query string and an X-Forwarded-For per row: texts the compact layout stores inline.
        const e = { ...emptyEvent('http_request'), ts, ts_text: 'x', ip: `10.0.${row % 200}.${row % 9}`, xff: `203.0.113.${row % 250}`, client_ip: `203.0.113.${row % 250}`,
          method: 'GET', path: `/p/${row % 60}?session=${row}-éß`, status: 200, bytes: row, user_agent: `ua ${row % 4}`, referer: null };
        b.event(row + 1, `line ${row}`, e);
      }
      const batch = b.take();
      records.add(batch);
      w.write(batch);
    }
    w.digested(records.parts());
    const digest = w.eventsDigest();
    db.exec('COMMIT');
    expect(digest).not.toBeNull();
    expect(digest).toEqual(storedEventsDigest(db, { first_id: 1, last_id: row }));
    // What verify recomputes from the file catches an edited text written in the large batch.
    db.prepare('UPDATE event_rows SET path_query = ? WHERE id = 100').run('?session=edited');
    expect(storedEventsDigest(db, { first_id: 1, last_id: row }).sha256).not.toBe(digest!.sha256);
    db.close();
  });
});
