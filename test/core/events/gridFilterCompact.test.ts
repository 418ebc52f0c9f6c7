// The grid filters the compact table (event_rows) directly, testing interned columns against the dictionary,
// reading status and kind filters from the partial indexes of schema 7, and reading back the rows a filter drops
// when it keeps most of the case. Whatever the path taken, the rows must be exactly those the plain `events` view
// gives for the same predicate — checked on the real Apache log beside the sample case's provider exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/core/casefile/caseFile';
import { importFile } from '../../../src/core/import/importFile';
import { droppedIdsSql, EventGrid, gridWhere, matchingIdsSql, readTimeOrder, type GridColumn, type GridQuery } from '../../../src/core/events/eventGrid';
import { APACHE_LOG, samplePath } from '../../support/paths';
import { newCase, T0 } from '../../support/newCase';

let db: Db;
beforeAll(async () => {
  db = newCase().db;
  await importFile(db, APACHE_LOG);
  // Business rows (orders, payments, decisions, provider calls with their own HTTP statuses) beside the web log.
  for (const f of ['shop-orders.csv', 'provider-transactions.csv', 'provider-antifraud.csv', 'provider-api-calls.csv']) await importFile(db, samplePath(f));
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
    ['kind', '=http_request'], // keeps almost every row: read back as the rows dropped, from the business rows
    ['kind', 'http'], ['kind', 'HTTP_Req'], // contains, ASCII case folded like LIKE: also keeps the web requests
    ['kind', '=payment'], ['kind', 'pay'], ['kind', 'ORDER'], ['kind', '!http'], ['kind', '!pay'], ['kind', '='], ['kind', 'record'],
    ['client_ip', '66.249'],
  ];
  it.each(cases)('%s %s gives exactly the rows of the view', (column, text) => {
    const grid = new EventGrid(db);
    const ids = [...grid.ids({ columns: { [column]: text } }).ids];
    expect(ids).toEqual(viewIds(column, text));
    expect(grid.count({ columns: { [column]: text } }).total).toBe(ids.length);
  });

  // Status filters, each with its plain SQL on the view (statuses from 400 up are read from the error-status index).
  const statusCases: [string, string][] = [
    ['404', 'status = 404'], ['=404', 'status = 404'], ['200', 'status = 200'], ['>=400', 'status >= 400'], ['>403', 'status > 403'],
    ['>399', 'status > 399'], ['400..499', 'status BETWEEN 400 AND 499'], ['399..404', 'status BETWEEN 399 AND 404'],
    ['<400', 'status < 400'], ['!200', '(status IS NULL OR status != 200)'], ['=', "(status IS NULL OR status = '')"],
  ];
  it.each(statusCases)('status %s gives exactly the rows of the view', (text, where) => {
    const grid = new EventGrid(db);
    const ids = [...grid.ids({ columns: { status: text } }).ids];
    expect(ids).toEqual(db.prepare(`SELECT id FROM events WHERE ${where} ORDER BY ts, id`).pluck().all());
    expect(grid.count({ columns: { status: text } }).total).toBe(ids.length);
  });

  it('the shared kind and status filters, alone and combined with a column, give the rows of the view', () => {
    const cases: [GridQuery, string][] = [
      [{ filters: { kind: 'http_request' } }, "kind = 'http_request'"],
      [{ filters: { kind: 'provider_call' } }, "kind = 'provider_call'"],
      [{ filters: { status: '404' } }, 'status = 404'],
      [{ filters: { status: '200', kind: 'provider_call' } }, "status = 200 AND kind = 'provider_call'"],
      [{ filters: { kind: 'http_request' }, columns: { status: '>=400' } }, "kind = 'http_request' AND status >= 400"],
      [{ columns: { kind: '=http_request', status: '!304' } }, "kind = 'http_request' AND status != 304"],
      [{ columns: { kind: '=http_request' }, sort: { column: 'ts', desc: true } }, "kind = 'http_request'"],
    ];
    for (const [q, where] of cases) {
      const grid = new EventGrid(db);
      const dir = q.sort?.desc ? 'DESC' : '';
      expect([...grid.ids(q).ids], where).toEqual(db.prepare(`SELECT id FROM events WHERE ${where} ORDER BY ts ${dir}, id ${dir}`).pluck().all());
    }
  });

  it('the case holds what these filters are about: web requests, business rows of several kinds, provider statuses', () => {
    const kinds = Object.fromEntries(db.prepare('SELECT kind, count(*) FROM events GROUP BY kind').raw().all() as [string, number][]);
    expect(kinds.http_request).toBeGreaterThan(9000);
    for (const k of ['order', 'payment', 'antifraud_decision', 'provider_call']) expect(kinds[k], k).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM events WHERE kind <> 'http_request' AND status IS NOT NULL").pluck().get()).toBeGreaterThan(0);
    expect(new EventGrid(db).ids({ columns: { status: '404' } }).ids.length).toBeGreaterThan(100);
  });

  it('reads status and kind filters from the schema-7 indexes, not the whole table', () => {
    const plan = (sql: string, params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
    const status = gridWhere({ columns: { status: '404' } });
    expect(plan(matchingIdsSql(status), status.params)).toMatch(/USING COVERING INDEX events_error_status/);
    const kind = gridWhere({ columns: { kind: 'pay' } });
    expect(plan(matchingIdsSql(kind), kind.params)).toMatch(/USING (COVERING )?INDEX events_business/);
    const web = gridWhere({ columns: { kind: '=http_request' } });
    expect(web.droppedAreBusiness).toBe(true);
    expect(plan(droppedIdsSql(web), web.params)).toMatch(/USING (COVERING )?INDEX events_business/);
    // Two filters: the rows dropped are no longer only business rows.
    expect(gridWhere({ columns: { kind: '=http_request', status: '404' } }).droppedAreBusiness).toBe(false);
  });

  it('reads the case time order as ORDER BY ts, id does, equal times included', () => {
    const ties = db.prepare('SELECT count(*) FROM (SELECT ts FROM events GROUP BY ts HAVING count(*) > 1)').pluck().get() as number;
    expect(ties).toBeGreaterThan(10);
    expect([...readTimeOrder(db)]).toEqual(db.prepare('SELECT id FROM events ORDER BY ts, id').pluck().all());
    // The index keeps equal times by source, then id: a later source's earlier event must still come first.
    const c = newCase();
    const other = Number(c.db.prepare("INSERT INTO sources(file_name, size, sha256, format, parser_version, imported_at) VALUES ('b', 0, 'y', 'test', 'test', '2025-11-23T00:00:00Z')").run().lastInsertRowid);
    const first = c.add({ ts: T0 + 5 }); // the fixture source, made after `other`
    const second = c.add({ ts: T0 + 5, source_id: other });
    const early = c.add({ ts: T0 });
    expect(c.db.prepare('SELECT id FROM event_rows ORDER BY ts, source_id').pluck().all()).toEqual([early, second, first]);
    expect([...readTimeOrder(c.db)]).toEqual([early, first, second]);
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
