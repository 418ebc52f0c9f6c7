// The events grid's queries: one filter (shared timeline filters + per-column filters + free text + time range
// + tag), one sort, and the matching event ids materialised once per query so every page after that is a
// lookup by position — a 1,000,000-event case scrolls at the cost of fetching the rows on screen.
// "Export what you see" walks the same id list, so the CSV holds exactly the rows and columns of the grid.
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { businessRowsTerm, errorStatusTerm, eventFilterSql, remoteIpEqualsSql, type ViewFilter } from '../eventFilter';
import { csvLine, type CsvOptions } from '../export/csvCell';
import { LineFileWriter } from '../export/rowWriter';

/** Grid columns, in their default order. `source` and `tags` are joined in; the others are events columns. */
export const GRID_COLUMNS = [
  'ts', 'kind', 'source', 'row_no', 'client_ip', 'ip', 'xff', 'method', 'path', 'status', 'bytes', 'user_agent', 'referer',
  'email', 'phone', 'name', 'customer_id', 'order_id', 'transaction_id', 'card_key', 'card_brand', 'card_last4', 'amount',
  'currency', 'decision', 'rule', 'reason', 'tags',
] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

const NUMERIC: ReadonlySet<GridColumn> = new Set(['ts', 'row_no', 'status', 'bytes', 'amount']);
/** Columns grouping can use (bounded cardinality or useful counts); never `ts` or free-text-heavy columns. */
export const GROUPABLE_COLUMNS: readonly GridColumn[] = [
  'kind', 'source', 'client_ip', 'ip', 'method', 'status', 'email', 'customer_id', 'order_id', 'card_key', 'card_brand',
  'currency', 'decision', 'rule', 'path', 'user_agent',
];

/** The tag a star on a row writes (stars are tags, so they share the audit log and the report). */
export const STAR_TAG = 'starred';

/** The one event filter's fields (src/core/eventFilter.ts) except the time range, which the grid takes apart. */
export type SharedFilters = ViewFilter;

export interface GridQuery {
  filters?: SharedFilters;
  /** Per-column filter text: `abc` contains, `=abc` equals, `=` empty, `!abc` does not contain; numbers also `>=400`, `400..499`. */
  columns?: Partial<Record<GridColumn, string>>;
  /** Free text searched in the raw line as written in the source. */
  text?: string;
  from?: number;
  to?: number;
  /** Only events carrying this tag (STAR_TAG for starred rows). */
  tag?: string;
  sort?: { column: GridColumn; desc?: boolean };
}

export interface GridRow {
  id: number;
  ts: number;
  tags: string[];
  /** Display values, long texts cut (the full value is in the event detail and the export). */
  cells: Partial<Record<GridColumn, string | number | null>>;
}

export interface GridCount {
  total: number;
  /** Events in the whole case, so the grid can say "12 of 4,815". */
  caseTotal: number;
  ms: number;
}

export interface GridGroup {
  value: string | null;
  count: number;
}

const CELL_MAX = 400;
const CACHE_SIZE = 4;
const PAGE_MAX = 500;
/** Rows tested to tell a filter that keeps most of the case from one that keeps few. */
const DENSITY_SAMPLE = 256;

/** SQL of each column; never built from user input (columns are checked against GRID_COLUMNS). */
const COLUMN_SQL: Record<GridColumn, string> = Object.fromEntries(
  GRID_COLUMNS.map((c) => [c, c === 'source' ? 's.file_name' : c === 'tags' ? "(SELECT group_concat(tag, ' ') FROM tags t WHERE t.event_id = e.id)" : `e.${c}`]),
) as Record<GridColumn, string>;

function assertColumn(c: string): asserts c is GridColumn {
  if (!(GRID_COLUMNS as readonly string[]).includes(c)) throw new AlibiError(`unknown grid column "${c.slice(0, 40)}"`, 'this is a bug in the caller');
}

/** Columns stored as ids into the `strings` dictionary (schema migration 4): filtered through the dictionary. */
const INTERNED: Partial<Record<GridColumn, string>> = { method: 'method_id', path: 'path_id', user_agent: 'user_agent_id', referer: 'referer_id' };
/** A row's full path (dictionary part + inline query) — only evaluated for rows that have a query. */
const FULL_PATH = "((SELECT value FROM strings WHERE id = e.path_id) || e.path_query)";

/**
 * "contains" / "equals" on an interned column, as a test of its id against the few dictionary entries that match
 * (the dictionary holds thousands of values, the table a million rows). A path is its dictionary part plus the
 * query kept inline, split at the first `?`.
 */
function internedSql(column: GridColumn, idColumn: string, op: 'like' | 'eq', value: string, params: unknown[]): string {
  if (op === 'eq') {
    if (column !== 'path') {
      params.push(value);
      return `e.${idColumn} = (SELECT id FROM strings WHERE value = ?)`;
    }
    const q = value.indexOf('?');
    params.push(q < 0 ? value : value.slice(0, q), q < 0 ? null : value.slice(q));
    return '(e.path_id = (SELECT id FROM strings WHERE value = ?) AND e.path_query IS ?)';
  }
  const like = likeContains(value);
  params.push(like);
  const inDictionary = `e.${idColumn} IN (SELECT id FROM strings WHERE value LIKE ? ESCAPE '\\')`;
  if (column !== 'path') return inDictionary;
  // A match may also lie in the query kept inline, or across the `?` that starts it — only possible when the
  // text has a `?`, and only then is the full path rebuilt (for the rows with a query).
  params.push(like);
  if (!value.includes('?')) return `(${inDictionary} OR (e.path_query IS NOT NULL AND e.path_query LIKE ? ESCAPE '\\'))`;
  return `(${inDictionary} OR (e.path_query IS NOT NULL AND ${FULL_PATH} LIKE ? ESCAPE '\\'))`;
}

/** One column filter to SQL on `event_rows e`: every value is a parameter; the text only picks the operator. */
function columnFilterSql(column: GridColumn, raw: string, params: unknown[]): string | null {
  const text = raw.trim().slice(0, 256);
  if (!text) return null;
  // source and tags are filtered through their own small tables, so the events scan stays index-friendly.
  const expr = column === 'source' ? 's.file_name' : column === 'tags' ? null : `e.${column}`;
  if (column === 'tags') {
    const neg = text.startsWith('!');
    const v = neg ? text.slice(1) : text.replace(/^=/, '');
    params.push(v.toLowerCase());
    return `${neg ? 'NOT ' : ''}EXISTS (SELECT 1 FROM tags t WHERE t.event_id = e.id AND instr(lower(t.tag), ?) > 0)`;
  }
  const idColumn = INTERNED[column];
  if (idColumn) {
    if (text.startsWith('=')) return internedSql(column, idColumn, 'eq', text.slice(1), params);
    if (text.startsWith('!')) return `(e.${idColumn} IS NULL OR NOT ${internedSql(column, idColumn, 'like', text.slice(1), params)})`;
    return internedSql(column, idColumn, 'like', text, params);
  }
  if (NUMERIC.has(column) && column !== 'ts') {
    // Statuses from 400 up are also read from the error-status index (its term added: true of every such row).
    const errors = (from: number) => (column === 'status' && from >= 400 ? ` AND ${errorStatusTerm('e.')}` : '');
    const range = /^(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)$/.exec(text);
    if (range) {
      params.push(Number(range[1]), Number(range[2]));
      return `${expr} BETWEEN ? AND ?${errors(Number(range[1]))}`;
    }
    const cmp = /^(>=|<=|>|<|=|!=|!)?\s*(-?\d+(?:\.\d+)?)$/.exec(text);
    if (cmp) {
      const op = cmp[1] === '!' ? '!=' : cmp[1] ?? '=';
      params.push(Number(cmp[2]));
      if (op === '!=') return `(${expr} IS NULL OR ${expr} != ?)`;
      return `${expr} ${op} ?${op === '=' || op === '>=' || op === '>' ? errors(Number(cmp[2])) : ''}`;
    }
  }
  // `=` alone: the cell is empty (the grouped grid's "(empty)" group).
  if (text === '=') return `(${expr} IS NULL OR ${expr} = '')`;
  if (text.startsWith('=')) {
    params.push(text.slice(1));
    if (column === 'ip') return (params.push(text.slice(1), text.slice(1)), remoteIpEqualsSql('e.'));
    return `${expr} = ?`;
  }
  if (text.startsWith('!')) {
    params.push(likeContains(text.slice(1)));
    return `(${expr} IS NULL OR ${expr} NOT LIKE ? ESCAPE '\\')`;
  }
  params.push(likeContains(text));
  return `${expr} LIKE ? ESCAPE '\\'`;
}

/**
 * Whether a column filter's text keeps a (non-NULL) cell holding `value`: the operators of columnFilterSql on
 * text, evaluated here (LIKE folds ASCII letters only, `=` compares exactly).
 */
function textKeeps(text: string, value: string): boolean {
  const fold = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (text === '=') return value === '';
  if (text.startsWith('=')) return value === text.slice(1);
  if (text.startsWith('!')) return !fold(value).includes(fold(text.slice(1)));
  return fold(value).includes(fold(text));
}

/** `%text%` for LIKE (ASCII case-insensitive, like the grid's "contains"), with the wildcards in the text escaped. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface GridWhere {
  sql: string;
  params: unknown[];
  needsSource: boolean;
  /** The WHERE is one kind test that keeps web requests: every row it drops is a business row. */
  droppedAreBusiness: boolean;
}

/**
 * The WHERE clause of a grid query over `event_rows e` (placeholders only: the compact table, not the `events`
 * view, so no row's strings are looked up or its raw line rebuilt unless a filter needs it) and whether it needs
 * the sources join.
 */
export function gridWhere(q: GridQuery): GridWhere {
  const parts: string[] = [];
  const params: unknown[] = [];
  // Parts that test only the kind and keep web requests: the rows they drop are all business rows.
  let keepsWebByKind = 0;
  // The shared filters and the time range are the one event filter every screen and export uses.
  const { kind, ...others } = q.filters ?? {};
  for (const f of [{ ...others, from: q.from, to: q.to }, { kind }]) {
    const shared = eventFilterSql(f, 'e.');
    if (shared.sql !== '1') (parts.push(shared.sql), params.push(...shared.params));
  }
  if (kind?.trim() === 'http_request') keepsWebByKind++;
  if (q.tag) (parts.push('e.id IN (SELECT event_id FROM tags WHERE tag = ?)'), params.push(q.tag));
  let needsSource = false;
  for (const [c, raw] of Object.entries(q.columns ?? {})) {
    assertColumn(c);
    if (typeof raw !== 'string') continue;
    let sql = columnFilterSql(c, raw, params);
    if (!sql) continue;
    if (c === 'kind') {
      // A kind filter that drops web requests reads the business-rows index (its term is true of every kept row).
      if (textKeeps(raw.trim().slice(0, 256), 'http_request')) keepsWebByKind++;
      else sql = `(${sql} AND ${businessRowsTerm('e.')})`;
    }
    parts.push(sql);
    if (c === 'source') needsSource = true;
  }
  const text = (q.text ?? '').trim().slice(0, 256);
  // The raw line exists only as the view rebuilds it: one pass over the view, then a test of ids.
  if (text) (parts.push("e.id IN (SELECT id FROM events WHERE raw LIKE ? ESCAPE '\\')"), params.push(likeContains(text)));
  const sql = parts.length ? parts.join(' AND ') : '1';
  return { sql, params, needsSource, droppedAreBusiness: parts.length === 1 && keepsWebByKind === 1 };
}

/** The ids of the rows matching a grid WHERE, from the compact table. */
export function matchingIdsSql(w: GridWhere): string {
  return `SELECT e.id FROM event_rows e ${w.needsSource ? 'JOIN sources s ON s.id = e.source_id' : ''} WHERE ${w.sql}`;
}

/** The ids of the rows a grid WHERE drops (false or NULL): among the business rows alone when only those can be. */
export function droppedIdsSql(w: GridWhere): string {
  const among = w.droppedAreBusiness ? `${businessRowsTerm('e.')} AND ` : '';
  return `SELECT e.id FROM event_rows e ${w.needsSource ? 'JOIN sources s ON s.id = e.source_id' : ''} WHERE ${among}(${w.sql}) IS NOT 1`;
}

/** A grid WHERE as a condition on the `events` view `e` (for the queries that read view columns). */
function inView(w: GridWhere): string {
  return w.sql === '1' ? '1' : `e.id IN (${matchingIdsSql(w)})`;
}

function orderBy(q: GridQuery): string {
  const sort = q.sort ?? { column: 'ts' as GridColumn };
  assertColumn(sort.column);
  const dir = sort.desc ? 'DESC' : 'ASC';
  if (sort.column === 'ts') return `e.ts ${dir}, e.id ${dir}`;
  return `${COLUMN_SQL[sort.column]} ${dir}, e.ts ${dir}, e.id ${dir}`;
}

interface Materialised {
  key: string;
  ids: Int32Array;
  ms: number;
}

/** Every event id in time order, and the position of each id in it (ids are dense integers). */
interface TimeOrder {
  stamp: string;
  ordered: Int32Array;
  rank: Int32Array;
}

/**
 * One grid per open case: remembers the id lists of the last few queries (keyed by the query and the case's
 * data stamp, so an import or a tag change is never served from a stale list).
 */
export class EventGrid {
  private cache: Materialised[] = [];
  private order: TimeOrder | null = null;
  private total: { stamp: string; n: number } | null = null;

  constructor(private readonly db: Db) {}

  private stamp(q: GridQuery): string {
    const e = this.db.prepare('SELECT max(id) AS m, (SELECT count(*) FROM sources) AS s FROM events').get() as { m: number | null; s: number };
    const usesTags = !!q.tag || !!q.columns?.tags || q.sort?.column === 'tags';
    const t = usesTags ? (this.db.prepare('SELECT count(*) AS n, max(rowid) AS r FROM tags').get() as { n: number; r: number | null }) : null;
    return `${e.m}:${e.s}:${t ? `${t.n}:${t.r}` : '-'}`;
  }

  /** The ordered ids of the events matching the query (computed once per query and data state). */
  ids(q: GridQuery): Materialised {
    const key = JSON.stringify([q.filters ?? {}, q.columns ?? {}, q.text ?? '', q.from ?? null, q.to ?? null, q.tag ?? null, q.sort ?? null, this.stamp(q)]);
    const hit = this.cache.find((m) => m.key === key);
    if (hit) return hit;
    const t0 = performance.now();
    const w = gridWhere(q);
    const sortCol = q.sort?.column ?? 'ts';
    let ids: Int32Array;
    if (sortCol === 'ts' && w.sql !== '1') {
      // Time order of a filtered view: match in whatever order SQLite scans fastest (table or covering index),
      // then place the matches by their rank in the case's time order — one pass, no sort, no random reads.
      // A filter that keeps most rows (kind = http_request) reads back the few it drops instead of a million ids.
      const order = this.timeOrder();
      const dense = this.keepsMost(w, order.ordered);
      const matched = this.db.prepare(dense ? droppedIdsSql(w) : matchingIdsSql(w)).pluck().all(...w.params) as number[];
      const mark = new Uint8Array(order.ordered.length).fill(dense ? 1 : 0);
      for (const id of matched) mark[order.rank[id]] = dense ? 0 : 1;
      ids = new Int32Array(dense ? order.ordered.length - matched.length : matched.length);
      let k = 0;
      if (q.sort?.desc) for (let r = mark.length - 1; r >= 0; r--) mark[r] && (ids[k++] = order.ordered[r]);
      else for (let r = 0; r < mark.length; r++) mark[r] && (ids[k++] = order.ordered[r]);
    } else if (sortCol === 'ts') {
      const order = this.timeOrder();
      ids = q.sort?.desc ? order.ordered.slice().reverse() : order.ordered;
    } else {
      const join = sortCol === 'source' ? 'JOIN sources s ON s.id = e.source_id' : '';
      ids = Int32Array.from(this.db.prepare(`SELECT e.id FROM events e ${join} WHERE ${inView(w)} ORDER BY ${orderBy(q)}`).pluck().all(...w.params) as number[]);
    }
    const m: Materialised = { key, ids, ms: performance.now() - t0 };
    this.cache = [m, ...this.cache].slice(0, CACHE_SIZE);
    return m;
  }

  /** Whether the filter keeps more than half of a sample of the case's rows (only picks how to read the ids). */
  private keepsMost(w: GridWhere, ordered: Int32Array): boolean {
    if (ordered.length < 4 * DENSITY_SAMPLE) return false;
    const step = Math.floor(ordered.length / DENSITY_SAMPLE);
    const sample = Array.from({ length: DENSITY_SAMPLE }, (_, i) => ordered[i * step]);
    const kept = this.db
      .prepare(`SELECT count(*) FROM (${matchingIdsSql(w)} AND e.id IN (${sample.map(() => '?').join(',')}))`)
      .pluck()
      .get(...w.params, ...sample) as number;
    return kept * 2 > DENSITY_SAMPLE;
  }

  /** The case's time order, read once per data state (the ts index walked once). */
  private timeOrder(): TimeOrder {
    const stamp = this.stamp({});
    if (this.order?.stamp === stamp) return this.order;
    const ordered = readTimeOrder(this.db);
    let max = 0;
    for (const id of ordered) if (id > max) max = id;
    const rank = new Int32Array(max + 1);
    for (let r = 0; r < ordered.length; r++) rank[ordered[r]] = r;
    this.order = { stamp, ordered, rank };
    return this.order;
  }

  /** Drops the remembered id lists (not the time order): the bench times a filter as if typed the first time. */
  forgetQueries(): void {
    this.cache = [];
  }

  count(q: GridQuery): GridCount {
    const m = this.ids(q);
    return { total: m.ids.length, caseTotal: this.caseTotal(), ms: Math.round(m.ms) };
  }

  /** Events in the case, counted once per data state (a count of a million rows is not free on every filter). */
  private caseTotal(): number {
    const stamp = this.stamp({});
    if (this.total?.stamp !== stamp) {
      const n = this.order?.stamp === stamp ? this.order.ordered.length : (this.db.prepare('SELECT count(*) FROM events').pluck().get() as number);
      this.total = { stamp, n };
    }
    return this.total.n;
  }

  /** Rows `offset`..`offset+limit` of the query, in grid order. */
  page(q: GridQuery, offset: number, limit: number, columns: readonly GridColumn[] = GRID_COLUMNS): GridRow[] {
    const ids = this.ids(q).ids.subarray(Math.max(0, offset), Math.max(0, offset) + Math.min(PAGE_MAX, limit));
    if (ids.length === 0) return [];
    return this.rowsOf([...ids], columns, CELL_MAX);
  }

  /** Position of an event in the query's order (-1 when filtered out): lets the grid scroll to a selection. */
  indexOf(q: GridQuery, id: number): number {
    return this.ids(q).ids.indexOf(id);
  }

  private rowsOf(ids: number[], columns: readonly GridColumn[], cellMax: number | null): GridRow[] {
    for (const c of columns) assertColumn(c);
    const cols = columns.filter((c) => c !== 'tags' && c !== 'ts');
    const select = ['e.id', 'e.ts', ...cols.map((c) => (cellMax && !NUMERIC.has(c) ? `substr(${COLUMN_SQL[c]}, 1, ${cellMax + 1}) AS ${c}` : `${COLUMN_SQL[c]} AS ${c}`))];
    const marks = ids.map(() => '?').join(',');
    const rows = this.db
      .prepare(`SELECT ${select.join(', ')} FROM events e JOIN sources s ON s.id = e.source_id WHERE e.id IN (${marks})`)
      .all(...ids) as Record<string, string | number | null>[];
    const tags = new Map<number, string[]>();
    for (const t of this.db.prepare(`SELECT event_id, tag FROM tags WHERE event_id IN (${marks}) ORDER BY tag`).all(...ids) as { event_id: number; tag: string }[]) {
      tags.set(t.event_id, [...(tags.get(t.event_id) ?? []), t.tag]);
    }
    const byId = new Map(rows.map((r) => [r.id as number, r]));
    const out: GridRow[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) continue;
      const cells: GridRow['cells'] = {};
      for (const c of cols) {
        const val = r[c];
        cells[c] = cellMax && typeof val === 'string' && val.length > cellMax ? `${val.slice(0, cellMax)}…` : val;
      }
      out.push({ id, ts: r.ts as number, tags: tags.get(id) ?? [], cells });
    }
    return out;
  }

  /** Counts per value of one column among the matching events, most frequent first. */
  groups(q: GridQuery, column: GridColumn, limit = 200): { groups: GridGroup[]; distinct: number } {
    assertColumn(column);
    if (!GROUPABLE_COLUMNS.includes(column)) throw new AlibiError(`the grid cannot group by ${column}`, `group by one of: ${GROUPABLE_COLUMNS.join(', ')}`);
    const w = gridWhere(q);
    const join = column === 'source' ? 'JOIN sources s ON s.id = e.source_id' : '';
    const expr = column === 'source' ? 's.file_name' : `substr(e.${column}, 1, ${CELL_MAX})`;
    const all = this.db
      .prepare(`SELECT ${expr} AS value, count(*) AS count FROM events e ${join} WHERE ${inView(w)} GROUP BY 1 ORDER BY 2 DESC, 1`)
      .raw()
      .all(...w.params) as [string | number | null, number][];
    return {
      distinct: all.length,
      groups: all.slice(0, Math.min(limit, 1000)).map(([value, count]) => ({ value: value === null ? null : String(value), count })),
    };
  }

  /**
   * Writes the query's rows, in grid order, with exactly these columns (full values, formulas made inert).
   * Time is written twice: in the case zone as shown, and as ISO 8601 UTC.
   */
  async exportCsv(q: GridQuery, columns: readonly GridColumn[], out: string, tz: string, opts: CsvOptions = {}): Promise<{ rows: number }> {
    for (const c of columns) assertColumn(c);
    if (columns.length === 0) throw new AlibiError('no column is shown in the grid', 'show at least one column before exporting');
    const ids = this.ids(q).ids;
    const header = columns.flatMap((c) => (c === 'ts' ? [`time (${tz})`, 'time_utc'] : [c]));
    const w = new LineFileWriter(out);
    await w.write('\uFEFF' + csvLine(header, opts), false);
    const zoned = zonedFormatter(tz);
    for (let i = 0; i < ids.length; i += PAGE_MAX) {
      const rows = this.rowsOf([...ids.subarray(i, i + PAGE_MAX)], columns, null);
      for (const r of rows) {
        const line = columns.flatMap((c) => (c === 'ts' ? [zoned(r.ts), new Date(r.ts).toISOString()] : c === 'tags' ? [r.tags.join(' ')] : [r.cells[c] ?? null]));
        const p = w.write(csvLine(line, opts));
        if (p) await p;
      }
    }
    await w.close();
    return { rows: w.lines };
  }
}

/**
 * Every event id in (ts, id) order. The (ts, source_id) index is walked once in its own order and read as two JSON
 * arrays — one driver row per event, or the sort SQLite adds for `ORDER BY ts, id`, cost ~1.5× more at 1M — then
 * the ids of each run of equal times are put in order. SQLite does not promise an aggregate's input order: a read
 * that did not come out in time order is done the plain way.
 */
export function readTimeOrder(db: Db): Int32Array {
  const [ij, tj] = db
    .prepare('SELECT json_group_array(id), json_group_array(ts) FROM (SELECT id, ts FROM event_rows ORDER BY ts)')
    .raw()
    .get() as [string, string];
  const ids = Int32Array.from(JSON.parse(ij) as number[]);
  const ts = JSON.parse(tj) as number[];
  for (let i = 0; i < ids.length; ) {
    let j = i + 1;
    while (j < ids.length && ts[j] === ts[i]) j++;
    if (j < ids.length && ts[j] < ts[i]) return Int32Array.from(db.prepare('SELECT id FROM events ORDER BY ts, id').pluck().all() as number[]);
    if (j - i > 1) ids.subarray(i, j).sort();
    i = j;
  }
  return ids;
}

/** `2025-11-23 07:02:04` in the case zone (24 h), the format the grid shows. */
export function zonedFormatter(tz: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  return (ms) => {
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  };
}
