// The grid filters the compact table (event_rows) directly, testing interned columns against the dictionary and
// reading back the rows a filter drops when it keeps most of the case. Whatever the path taken, the rows must be
// exactly those the plain `events` view gives for the same predicate — checked on the real Apache log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/core/casefile/caseFile';
import { importFile } from '../../../src/core/import/importFile';
import { EventGrid, type GridColumn } from '../../../src/core/events/eventGrid';
import { APACHE_LOG } from '../../support/paths';
import { newCase } from '../../support/newCase';

let db: Db;
beforeAll(async () => {
  db = newCase().db;
  await importFile(db, APACHE_LOG);
});
afterAll(() => db?.close());

const like = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** The same predicate on the view, written the plain way: the ground truth. */
function viewIds(column: string, text: string): number[] {
  const sql = text.startsWith('=')
    ? { where: `${column} = ?`, p: text.slice(1) }
    : text.startsWith('!')
      ? { where: `(${column} IS NULL OR ${column} NOT LIKE ? ESCAPE '\\')`, p: like(text.slice(1)) }
      : { where: `${column} LIKE ? ESCAPE '\\'`, p: like(text) };
  return db.prepare(`SELECT id FROM events WHERE ${sql.where} ORDER BY ts, id`).pluck().all(sql.p) as number[];
}

describe('grid filters on the compact table', () => {
  const cases: [GridColumn, string][] = [
    ['path', 'puppet'], // in the dictionary part
    ['path', 'flav=rss'], // in the query kept inline
    ['path', 'puppet?flav'], // across the `?`
    ['path', '=/blog/tags/puppet?flav=rss20'], ['path', '=/favicon.ico'], ['path', '=/blog/tags/puppet'], ['path', '!favicon'],
    ['path', '100%_'], // wildcards are literal
    ['method', '=GET'], ['method', 'pos'], ['method', '!get'],
    ['user_agent', 'googlebot'], ['user_agent', '!Mozilla'], ['user_agent', '=-'],
    ['referer', 'semicomplete'], ['referer', '!semicomplete'],
    ['kind', '=http_request'], // keeps every row: read back as the rows dropped
    ['client_ip', '66.249'],
  ];
  it.each(cases)('%s %s gives exactly the rows of the view', (column, text) => {
    const grid = new EventGrid(db);
    const ids = [...grid.ids({ columns: { [column]: text } }).ids];
    expect(ids).toEqual(viewIds(column, text));
    expect(grid.count({ columns: { [column]: text } }).total).toBe(ids.length);
  });

  it('keeps the view order when sorted by another column, and groups the filtered rows', () => {
    const grid = new EventGrid(db);
    const q = { columns: { path: 'flav=rss' }, sort: { column: 'user_agent' as GridColumn, desc: true } };
    const ids = [...grid.ids(q).ids];
    const want = db.prepare("SELECT id FROM events WHERE path LIKE '%flav=rss%' ORDER BY user_agent DESC, ts DESC, id DESC").pluck().all();
    expect(ids).toEqual(want);
    const groups = grid.groups({ columns: { path: 'flav=rss' } }, 'method').groups;
    expect(groups).toEqual(db.prepare("SELECT method AS value, count(*) AS count FROM events WHERE path LIKE '%flav=rss%' GROUP BY 1 ORDER BY 2 DESC, 1").all());
  });
});
