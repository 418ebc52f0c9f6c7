// Grid "contains" / "equals" / "does not contain" filters on the interned columns (path, user agent, referer,
// method) with hostile text — LIKE wildcards, quotes, backslashes, non-ASCII and bidi controls, a megabyte user
// agent — on an imported combined log (double quotes are escaped in such logs, single quotes stand for them): the rows, their count and every page must be exactly those a plain scan of
// the `events` view gives, whatever index or dictionary path the grid takes.
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../src/core/casefile/caseFile';
import { importFile } from '../../../src/core/import/importFile';
import { EventGrid, gridWhere, matchingIdsSql, type GridColumn } from '../../../src/core/events/eventGrid';
import { MAX_FIELD_CHARS } from '../../../src/core/import/lineContext';
import { newCase, tmpDir } from '../../support/newCase';

const MEGA_UA = `Mozilla/5.0 ${'A'.repeat(1 << 20)} Evil_100%`;
const PATHS = [
  '/', '/checkout', '/search?q=100%25_off', '/search?q=50%_sale', '/a_b/c%d', "/o'brien?x='y'", '/back\\slash?z=\\n',
  '/caf\u00e9/cr\u00e8me?q=\u00c9T\u00c9', '/\u202eevil\u202c/txt', '/emoji/\u{1F600}?e=\u{1F600}', '/CHECKOUT?step=2', '/cart?next=/checkout',
];
const UAS = ['Mozilla/5.0 (X11; Linux)', 'Googlebot/2.1 (+http://www.google.com/bot.html)', 'curl/8.0 100%_sure', "O'Reilly agent", '\u00c9clair/1.0 caf\u00e9', '-'];
const REFS = ['-', 'https://shop.example/?utm=100%', 'https://ex.example/\u00e9t\u00e9'];

let db: Db;
beforeAll(async () => {
  const c = newCase();
  db = c.db;
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const t = new Date(Date.UTC(2025, 10, 23, 6, 0, 0) + i * 7_000);
    const stamp = `${String(t.getUTCDate()).padStart(2, '0')}/Nov/2025:${[t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':')} +0000`;
    const method = ['GET', 'POST', 'HEAD'][i % 3];
    lines.push(`203.0.113.${i % 50} - - [${stamp}] "${method} ${PATHS[i % PATHS.length]} HTTP/1.1" ${[200, 404, 302][i % 3]} ${i} "${REFS[(i >> 1) % REFS.length]}" "${i % 100 === 42 ? MEGA_UA : UAS[(i * 5) % UAS.length]}"`);
  }
  const file = join(tmpDir(), 'hostile.log');
  writeFileSync(file, lines.join('\n') + '\n');
  await importFile(db, file);
}, 60_000);

const like = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** The plain predicate on the view (what the grid's operators mean): the ground truth. */
function viewIds(column: string, text: string): number[] {
  const sql = text === '='
    ? { where: `(${column} IS NULL OR ${column} = '')`, p: [] }
    : text.startsWith('=')
      ? { where: `${column} = ?`, p: [text.slice(1)] }
      : text.startsWith('!')
        ? { where: `(${column} IS NULL OR ${column} NOT LIKE ? ESCAPE '\\')`, p: [like(text.slice(1))] }
        : { where: `${column} LIKE ? ESCAPE '\\'`, p: [like(text)] };
  return db.prepare(`SELECT id FROM events WHERE ${sql.where} ORDER BY ts, id`).pluck().all(...sql.p) as number[];
}

describe('grid filters with hostile text on interned columns', () => {
  it('imported the hostile values as written (the megabyte user agent included)', () => {
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(600);
    // A parsed field keeps its first 8 KiB (MAX_FIELD_CHARS); the raw line keeps the whole megabyte.
    expect(db.prepare('SELECT count(*) FROM events WHERE user_agent = ?').pluck().get(`${MEGA_UA.slice(0, MAX_FIELD_CHARS)}…`)).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM events WHERE length(raw) > 1000000').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM events WHERE path = ?').pluck().get('/emoji/\u{1F600}?e=\u{1F600}')).toBeGreaterThan(0);
  });

  const cases: [GridColumn, string][] = [
    ['path', '%'], ['path', '_'], ['path', '100%'], ['path', '%_'], ['path', '50%_'], ['path', "'"], ['path', "'y'"], ['path', '\\'],
    ['path', '\\n'], ['path', 'caf\u00e9'], ['path', 'CAF\u00e9'], ['path', '\u00c9T\u00c9'], ['path', '\u202e'], ['path', '\u{1F600}'],
    ['path', 'checkout'], ['path', 'CHECKOUT'], ['path', '?'], ['path', 'search?q'], ['path', 't?next=/check'], ['path', '=/checkout'],
    ['path', '=/search?q=50%_sale'], ['path', '=/nothing'], ['path', '!checkout'], ['path', '!%'], ['path', '!?'],
    ['user_agent', 'bot'], ['user_agent', '%_'], ['user_agent', "'Reilly a"], ['user_agent', '\u00e9clair'], ['user_agent', 'AAAA Evil'],
    ['user_agent', `=${MEGA_UA.slice(0, 200)}`], ['user_agent', '=-'], ['user_agent', '!mozilla'], ['user_agent', '!AAAA'], ['user_agent', 'zzz-none'],
    ['referer', '100%'], ['referer', '\u00e9t\u00e9'], ['referer', '=-'], ['referer', '!utm'],
    ['method', 'o'], ['method', '=HEAD'], ['method', '!get'],
  ];
  it.each(cases)('%s %s: the same rows, count and pages as a plain scan', (column, text) => {
    const grid = new EventGrid(db);
    const q = { columns: { [column]: text } };
    const want = viewIds(column, text);
    expect([...grid.ids(q).ids]).toEqual(want);
    expect(grid.count(q).total).toBe(want.length);
    // every page, as the grid asks for them
    const seen: number[] = [];
    for (let off = 0; off < want.length; off += 97) seen.push(...grid.page(q, off, 97, ['ts', column]).map((r) => r.id));
    expect(seen).toEqual(want);
    // sorted by the filtered column: the same set, in the view's order of that column
    const sorted = [...grid.ids({ ...q, sort: { column, desc: true } }).ids];
    expect(new Set(sorted)).toEqual(new Set(want));
  });

  it.each(['Evil_100%', '%', "o'brien", '\u{1F600}'])('free text %s searches the raw lines as a plain scan does', (text) => {
    const grid = new EventGrid(db);
    const want = db.prepare("SELECT id FROM events WHERE raw LIKE ? ESCAPE '\\' ORDER BY ts, id").pluck().all(like(text));
    expect(want.length).toBeGreaterThan(0);
    expect([...grid.ids({ text }).ids]).toEqual(want);
  });

  it('a needle is a parameter, never SQL', () => {
    const w = gridWhere({ columns: { path: "x' OR 1=1 --", user_agent: '%' } });
    expect(w.sql).not.toContain('OR 1=1');
    expect(db.prepare(matchingIdsSql(w)).pluck().all(...w.params)).toEqual([]);
  });
});
