// A log import keeps the time-ordered indexes while its rows go in (TIME_ORDERED_INDEXES) and drops them for a
// rebuild when the rows turn out not to be in time order: either way the case ends with the same indexes, whose
// entries are exactly the table's. The error-status partial index is kept through every bulk import: it too ends
// with exactly the table's error responses.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { TimeOrderWatch } from '../../../src/core/import/sourceTransaction';
import { TIME_ORDERED_INDEXES } from '../../../src/core/casefile/schema';
import { newCase, tmpDir, type TestCase } from '../../support/newCase';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const clf = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};
const T0 = Date.UTC(2025, 10, 23, 0, 0, 0);

/** A combined log of `times` (ms), one line each, in the order given. */
function logOf(dir: string, name: string, times: number[]): string {
  const path = join(dir, name);
  const status = (i: number) => [200, 404, 200, 500, 403, 301][i % 6];
  writeFileSync(path, times.map((t, i) => `10.0.${(i >> 8) & 255}.${i & 255} - - [${clf(t)}] "GET /p/${i} HTTP/1.1" ${status(i)} ${i} "-" "curl/8.5.0"\n`).join(''));
  return path;
}

/** Every entry of `events_ts` (read through it) against the table sorted the same way without it. */
function expectIndexMatchesTable(c: TestCase): void {
  const indexes = c.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event_rows'").pluck().all() as string[];
  for (const ix of TIME_ORDERED_INDEXES) expect(indexes).toContain(ix);
  const viaIndex = c.db.prepare('SELECT id FROM event_rows INDEXED BY events_ts ORDER BY ts, source_id, id').pluck().all();
  const viaTable = c.db.prepare('SELECT id FROM event_rows NOT INDEXED ORDER BY ts, source_id, id').pluck().all();
  expect(viaIndex).toEqual(viaTable);
  const errorsViaIndex = c.db.prepare('SELECT id FROM event_rows INDEXED BY events_error_status WHERE status >= 400 ORDER BY status, id').pluck().all();
  const errorsViaTable = c.db.prepare('SELECT id FROM event_rows NOT INDEXED WHERE status >= 400 ORDER BY status, id').pluck().all();
  expect(errorsViaIndex.length).toBeGreaterThan(0);
  expect(errorsViaIndex).toEqual(errorsViaTable);
  expect(c.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('time-ordered indexes during a log import', () => {
  it('keeps them for lines in order, with requests logged up to a minute late', () => {
    let dropped = 0;
    const w = new TimeOrderWatch(null, () => dropped++);
    const ts = new Float64Array(20_000).map((_, i) => T0 + i * 100 - (i % 3 === 0 ? 59_000 : 0));
    w.seen(ts, 0, 1, ts.length);
    expect(dropped).toBe(0);
  });

  it('drops them once when rows come out of order, or before the case latest event', () => {
    let dropped = 0;
    const w = new TimeOrderWatch(null, () => dropped++);
    const shuffled = new Float64Array(5000).map((_, i) => T0 + ((i * 7919) % 5000) * 1000);
    w.seen(shuffled, 0, 1, shuffled.length);
    w.seen(shuffled, 0, 1, shuffled.length);
    expect(dropped).toBe(1);

    let older = 0;
    const after = new TimeOrderWatch(T0 + 86_400_000, () => older++);
    // ts at every second number (a stride, as the writer's packed rows hold them), all a day before the case's latest
    const rows = new Float64Array(2 * 3000).map((_, i) => (i % 2 ? T0 + i * 1000 : 0));
    after.seen(rows, 1, 2, 3000);
    expect(older).toBe(1);
  });

  it('an import of lines in order and one of shuffled lines both end with indexes that hold every row', async () => {
    const dir = tmpDir();
    const n = 3000;
    const inOrder = logOf(dir, 'ordered.log', Array.from({ length: n }, (_, i) => T0 + i * 1000));
    const shuffled = logOf(dir, 'shuffled.log', Array.from({ length: n }, (_, i) => T0 + ((i * 7919) % n) * 60_000));
    for (const path of [inOrder, shuffled]) {
      const c = newCase();
      const r = await importFile(c.db, path);
      expect(r.accepted).toBe(n);
      expectIndexMatchesTable(c);
      c.close();
    }
    // A second log older than the case's events: its rows go before every entry, the index is rebuilt.
    const c = newCase();
    await importFile(c.db, inOrder);
    await importFile(c.db, logOf(dir, 'older.log', Array.from({ length: n }, (_, i) => T0 - 86_400_000 + i * 1000)));
    expectIndexMatchesTable(c);
    c.close();
  });
});
