// Bad input gets a clear error and loses nothing: bad lines kept with reasons, garbage refused whole (case
// unchanged), unknown formats name what was tried, megabyte lines, broken UTF-8, duplicates.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { MAX_REJECT_RAW } from '../../../src/core/import/eventWriter';
import { capField } from '../../../src/core/import/lineContext';
import { APACHE_LOG, fixture } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { caseState, events } from '../../support/caseState';

const GOOD = '90.12.34.56 - - [23/Nov/2025:06:41:02 +0100] "GET /cart HTTP/1.1" 200 512 "-" "Mozilla/5.0"';

describe('malformed input', () => {
  it('a malformed line is counted, kept with its line number and reason, and skipped', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'mixed.log');
    writeFileSync(file, [GOOD, GOOD, 'this is not a log line', GOOD, GOOD.replace('23/Nov/2025', '31/Foo/2025'), GOOD].join('\n') + '\n');
    const r = await importFile(db, file);
    expect(r).toMatchObject({ format: 'combined', accepted: 4, rejected: 2 });
    expect(db.prepare('SELECT row_no, reason, raw FROM rejects ORDER BY row_no').all()).toEqual([
      { row_no: 3, reason: 'line 3: does not match the combined format', raw: 'this is not a log line' },
      { row_no: 5, reason: 'line 5: unreadable time "31/Foo/2025:06:41:02 +0100"', raw: GOOD.replace('23/Nov/2025', '31/Foo/2025') },
    ]);
    expect(events(db).map((e) => e.row_no)).toEqual([1, 2, 4, 6]);
  });

  it('a file more than half garbage is refused whole, naming counts and first reasons; the case is unchanged', async () => {
    const { db } = newCase();
    const before = caseState(db);
    const file = join(tmpDir(), 'garbage.log');
    writeFileSync(file, [GOOD, GOOD, GOOD, 'junk 1', 'junk 2', 'junk 3', 'junk 4'].join('\n'));
    await expect(importFile(db, file, { format: 'combined' })).rejects.toThrow(
      /refused — 4 of 7 rows rejected \(more than half\), nothing imported\. First reasons: line\/row 4: line 4: does not match/,
    );
    expect(caseState(db)).toEqual(before);
  });

  it('an unknown format names every format and preset tried', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'notes.txt');
    writeFileSync(file, 'Dear diary\nToday nothing happened\n');
    const err = await importFile(db, file).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    for (const name of ['combined', 'common', 'nginx-main', 'jsonl', 'shop-orders', 'psp-transactions (stripe)', 'psp-transactions (adyen)', 'antifraud-alerts', 'provider-api-log', 'breach-list']) {
      expect((err as Error).message).toContain(name);
    }
    expect((err as Error).message).toContain('Dear diary');
  });

  it('a JSON file that is neither JSON lines nor an HIBP export is an unknown format too', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'config.json');
    writeFileSync(file, '{\n  "name": "shop",\n  "version": 3\n}\n');
    await expect(importFile(db, file)).rejects.toThrow(/unknown format \(tried access logs nginx-main, combined, common, aws-alb, haproxy-http, iis-w3c, cloudflare-logpush, caddy, jsonl; CSV presets/);
  });

  it('an empty file and a missing file are clear errors', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'empty.log');
    writeFileSync(file, '\n\n');
    await expect(importFile(db, file)).rejects.toThrow(/is empty/);
    await expect(importFile(db, join(tmpDir(), 'nope.log'))).rejects.toThrow(/cannot read/);
  });

  it('a megabyte line is handled: accepted when well-formed (fields capped, raw whole), its reject raw truncated to 64 KiB with a marker', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'huge.log');
    const hugeUa = 'A'.repeat(2 * 1024 * 1024);
    const hugeJunk = 'x'.repeat(1024 * 1024);
    writeFileSync(file, [GOOD, GOOD.replace('Mozilla/5.0', hugeUa), hugeJunk, GOOD].join('\n'));
    const r = await importFile(db, file);
    expect(r).toMatchObject({ accepted: 3, rejected: 1 });
    expect(events(db)[1].user_agent).toBe(capField(hugeUa));
    expect((events(db)[1].raw as string).length).toBe(GOOD.length - 'Mozilla/5.0'.length + hugeUa.length);
    const rej = db.prepare('SELECT row_no, raw FROM rejects').get() as { row_no: number; raw: string };
    expect(rej.row_no).toBe(3);
    expect(rej.raw.startsWith('x'.repeat(MAX_REJECT_RAW))).toBe(true);
    expect(rej.raw).toMatch(/…\[truncated: 1048576 characters in all\]$/);
  });

  it('hostile lines built to make regexes backtrack are handled in linear time', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'redos.log');
    const head = '10.0.0.2 - - [23/Nov/2025:06:41:02 +0100] "GET / HTTP/1.1" 200 1 "-" "x"';
    writeFileSync(file, [
      GOOD, GOOD, GOOD,
      `${head} "${'1'.repeat(200_000)}!`, // unterminated XFF-like run
      `${head} "-"${' '.repeat(200_000)}x${' '.repeat(200_000)}`, // long whitespace around trailing text
      `${head.replace('"GET / HTTP/1.1"', `"GET /${'\\"'.repeat(100_000)}`)}`, // escapes with no closing quote
    ].join('\n'));
    const t0 = performance.now();
    const r = await importFile(db, file);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.accepted + r.rejected).toBe(6);
  });

  it('a line longer than 16 Mi characters is rejected (start kept) and the lines after it still import', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'endless.log');
    writeFileSync(file, [GOOD, 'xé'.repeat(8.6 * 1024 * 1024), GOOD, GOOD].join('\n'));
    const r = await importFile(db, file);
    expect(r).toMatchObject({ accepted: 3, rejected: 1 });
    const rej = db.prepare('SELECT row_no, reason, raw FROM rejects').get() as { row_no: number; reason: string; raw: string };
    expect(rej.row_no).toBe(2);
    expect(rej.reason).toMatch(/longer than 16 Mi characters/);
    expect(rej.raw.startsWith('xé'.repeat(1000))).toBe(true);
    expect(events(db).map((e) => e.row_no)).toEqual([1, 3, 4]);
  });

  it('a multi-megabyte line of multi-byte characters is decoded intact across chunk boundaries', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'wide.log');
    const ua = 'é€𝄞'.repeat(700_000); // 6.3 MB of UTF-8 in one field, longer than a read chunk and the carry limit
    writeFileSync(file, [GOOD, GOOD.replace('Mozilla/5.0', ua), GOOD].join('\n'));
    const r = await importFile(db, file);
    expect(r).toMatchObject({ accepted: 3, rejected: 0 });
    expect(events(db)[1].raw).toBe(GOOD.replace('Mozilla/5.0', ua));
    expect(events(db)[1].user_agent).toBe(capField(ua)); // cut between characters, never inside a surrogate pair
  });

  it('broken UTF-8 in a log line is kept (replacement characters), not fatal', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'broken.log');
    // 70 KiB of clean lines first, so detection sees valid UTF-8 and the bad bytes come later.
    const clean = Array.from({ length: 800 }, () => GOOD).join('\n') + '\n';
    const [head, tail] = GOOD.split('/cart');
    const bad = Buffer.concat([Buffer.from(head + '/caf'), Buffer.from([0xe9, 0xff, 0xc3]), Buffer.from(tail + '\n')]);
    writeFileSync(file, Buffer.concat([Buffer.from(clean), bad]));
    const r = await importFile(db, file);
    expect(r.rejected).toBe(0);
    expect(r.accepted).toBe(801);
    expect(events(db).at(-1)!.path).toBe('/caf\uFFFD\uFFFD\uFFFD');
    expect(db.prepare('SELECT encoding FROM sources').get()).toEqual({ encoding: 'utf-8' });

    // The same bad bytes within the first 64 KiB: the file is read as Windows-1252 instead, nothing lost.
    const { db: db2 } = newCase();
    const early = join(tmpDir(), 'early.log');
    writeFileSync(early, Buffer.concat([bad, Buffer.from(clean)]));
    await importFile(db2, early);
    expect(events(db2)[0].path).toBe('/café\u00ffÃ');
    expect(db2.prepare('SELECT encoding FROM sources').get()).toEqual({ encoding: 'windows-1252' });
  });

  it('a CSV row with more fields than the header, or an unreadable date or amount, is rejected with the reason', async () => {
    const { db } = newCase('UTC');
    const file = join(tmpDir(), 'af.csv');
    const lines = readFileSync(fixture('antifraud-decisions.csv'), 'utf8').trim().split('\n');
    writeFileSync(file, [lines[0], lines[1], lines[2], lines[2] + ',extra', lines[2].replace('2025-11-23T06:05:00Z', 'soon'), lines[1], lines[1]].join('\n'));
    const r = await importFile(db, file);
    expect(r).toMatchObject({ accepted: 4, rejected: 2 });
    expect(db.prepare('SELECT row_no, reason FROM rejects ORDER BY row_no').all()).toEqual([
      { row_no: 3, reason: 'row 3: 12 fields, the header has 11' },
      { row_no: 4, reason: 'row 4: unreadable date "soon" in column "created_at"' },
    ]);
  });

  it('a full PAN anywhere in a log line is masked before storage, in raw too', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'pan.log');
    writeFileSync(file, GOOD.replace('/cart', '/pay?card=4111-1111-1111-1111&order=1042') + '\n' + GOOD + '\n');
    await importFile(db, file);
    const ev = events(db)[0];
    expect(ev.path).toBe('/pay?card=411111******1111&order=1042');
    expect(ev.raw).toContain('411111******1111');
    expect(JSON.stringify(events(db))).not.toContain('4111-1111-1111-1111');
  });
});

describe('duplicates', () => {
  it('refuses a file already imported (same SHA-256) unless forced', async () => {
    const { db } = newCase();
    const first = await importFile(db, APACHE_LOG);
    const before = caseState(db);
    await expect(importFile(db, APACHE_LOG)).rejects.toThrow(new RegExp(`already imported \\(source ${first.sourceId},.*SHA-256 ${first.sha256}`));
    expect(caseState(db)).toEqual(before);
    const copy = join(tmpDir(), 'renamed.log');
    writeFileSync(copy, readFileSync(APACHE_LOG));
    await expect(importFile(db, copy)).rejects.toThrow(/already imported/);
    const again = await importFile(db, APACHE_LOG, { force: true });
    expect(again.sourceId).not.toBe(first.sourceId);
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 2 * 9999 });
    const audit = db.prepare("SELECT details FROM audit WHERE action = 'import' ORDER BY id").all() as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details).forced)).toEqual([false, true]);
  });
});
