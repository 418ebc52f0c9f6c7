// Rows packed in the parse thread carry their repeating strings as batch-local refs; the writer maps each ref to
// a dictionary id once. When the builder's memo is full the refs start over: the rows written after that must
// still read back with their own strings, in their order, under the digest computed while packing.
import { describe, expect, it } from 'vitest';
import { PackedRowsBuilder } from '../../../src/core/import/packedRows';
import { EventWriter } from '../../../src/core/import/eventWriter';
import { emptyEvent } from '../../../src/core/import/parsedEvent';
import { LINE_FORMAT } from '../../../src/core/casefile/eventLines';
import { importDigests } from '../../../src/core/casefile/importDigest';
import { newCase } from '../../support/newCase';

describe('packed rows', () => {
  it('keep every string right across batches and memo restarts', () => {
    const { db } = newCase();
    const sourceId = Number(db.prepare(
      "INSERT INTO sources(file_name, size, sha256, format, parser_version, imported_at) VALUES ('a.log', 1, 'x', 'combined', '1', 'now')",
    ).run().lastInsertRowid);
    const w = new EventWriter(db, sourceId);
    const b = new PackedRowsBuilder(LINE_FORMAT.combined, w.digestContext, 3);
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
    w.digestedElsewhere(b.digest!.result()); // as the parse thread posts it
    const digest = w.eventsDigest();
    db.exec('COMMIT');
    const got = db.prepare('SELECT path, user_agent AS ua, method FROM events WHERE source_id = ? ORDER BY id').all(sourceId);
    expect(got).toEqual(want);
    expect(digest).not.toBeNull();
    expect(importDigests(db, sourceId).events).toMatchObject(digest!);
    db.close();
  });
});
