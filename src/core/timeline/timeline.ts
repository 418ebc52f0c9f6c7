// Engine queries behind the timeline view: groups, per-bucket counts for the visible window, the individual
// events of a small window, the markers (anti-fraud decisions, findings) and one event's full detail.
// Everything is computed in SQLite for the window asked for, so a case of millions of events stays fluid.
// Plain TypeScript: runs in Electron main, in the test bridge, in the benches and in tests.
import { z } from 'zod';
import type { Db } from '../casefile/caseFile';
import { readMeta } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import type { EventRow } from '../types';
import { defineApi, type ApiContext } from '../apiContract';
import { eventFilterSql, viewFilterSchema, type ViewFilter } from '../eventFilter';
import { RULE_TITLE_MSG, termOr } from '../i18n/terms';
import { msg, type Msg } from '../i18n/message';
import { initialWindow, windowArgs } from './windowPlan';

export type TimelineGroupBy = 'source' | 'ip' | 'customer';

/** Narrow the events shown: the one event filter's fields except the time window, which the view sets. */
export type EventFilters = ViewFilter;

export interface TimelineGroup {
  id: string;
  label: string;
  count: number;
}

export interface TimelineGroupsResult {
  groups: TimelineGroup[];
  /** Groups beyond the cap are folded into one group with this id (only present when some were folded). */
  otherGroupId: string | null;
  otherCount: number;
}

export interface TimelineBucket {
  group: string;
  start: number; // ms UTC, inclusive
  end: number; // ms UTC, exclusive
  count: number;
}

export interface TimelineBucketsResult {
  from: number;
  to: number;
  bucketMs: number;
  buckets: TimelineBucket[];
  total: number;
}

/** One event as the timeline draws it: plain-text fields only (the view sets them as textContent). */
export interface TimelineEvent {
  id: number;
  ts: number;
  group: string;
  kind: string;
  label: string;
  ip: string | null;
  userAgent: string | null;
  status: number | null;
  decision: string | null;
}

export interface TimelineEventsResult {
  events: TimelineEvent[];
  total: number; // events in the window matching the filters
  truncated: boolean; // total > events.length
}

/** The window the view is about to draw: individual events when few enough, otherwise bucket counts. */
export type TimelineWindowResult =
  | ({ mode: 'events' } & TimelineEventsResult)
  | ({ mode: 'buckets' } & TimelineBucketsResult);

export interface TimelineMarker {
  id: string;
  type: 'decision' | 'finding';
  start: number;
  end: number | null; // null: an instant
  label: string;
  /** The same label as a catalogue message when the engine has one (a finding's rule in words), for hosts that speak the user's language. */
  labelMsg?: Msg;
  severity: string | null;
  eventIds: number[];
}

export interface TimelineExtent {
  first: number | null;
  last: number | null;
  count: number;
  tz: string;
}

/** The first window of a newly opened timeline (per source) and the extent it was planned from. */
export interface TimelineFirstWindow {
  extent: TimelineExtent;
  /** Null for an empty case. */
  window: TimelineWindowResult | null;
}

export interface EventDetail {
  event: EventRow;
  sourceFile: string | null;
  sourceFormat: string | null;
  tags: string[];
  notes: { id: number; at: string; text: string }[];
}

export interface TimelineQuery {
  from: number;
  to: number;
  groupBy: TimelineGroupBy;
  filters?: EventFilters;
  /** Group ids the view shows; events of other groups count in the "other" group. Default: top groups. */
  groups?: string[];
}

const MAX_BUCKETS_SCHEMA = 2000;

/** Every method takes one argument object (the IPC/bridge message); these schemas validate it at the boundary. */
const msInstant = z.number().finite().min(-8.64e15).max(8.64e15);
export const eventFiltersSchema = viewFilterSchema;
const groupBy = z.enum(['source', 'ip', 'customer']);
const timelineQuery = {
  from: msInstant,
  to: msInstant,
  groupBy,
  filters: eventFiltersSchema.optional(),
  groups: z.array(z.string().max(256)).max(500).optional(),
};
export const timelineSchemas = {
  timelineExtent: z.object({}).strict().optional(),
  timelineGroups: z.object({ groupBy, filters: eventFiltersSchema.optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  timelineBuckets: z.object({ ...timelineQuery, buckets: z.number().int().min(1).max(MAX_BUCKETS_SCHEMA) }).strict(),
  timelineEvents: z.object({ ...timelineQuery, limit: z.number().int().min(1).max(5000).optional() }).strict(),
  timelineWindow: z
    .object({ ...timelineQuery, buckets: z.number().int().min(1).max(MAX_BUCKETS_SCHEMA), maxEvents: z.number().int().min(1).max(5000).optional() })
    .strict(),
  timelineMarkers: z.object({}).strict().optional(),
  timelineFirstWindow: z
    .object({ width: z.number().int().min(1).max(100_000), filters: eventFiltersSchema.optional(), wanted: z.object({ from: msInstant, to: msInstant }).strict().nullable().optional() })
    .strict(),
  eventDetail: z.object({ id: z.number().int().positive() }).strict(),
} as const;

export interface TimelineHandlers {
  timelineExtent(args?: Record<string, never>): TimelineExtent;
  timelineGroups(q: { groupBy: TimelineGroupBy; filters?: EventFilters; limit?: number }): TimelineGroupsResult;
  timelineBuckets(q: TimelineQuery & { buckets: number }): TimelineBucketsResult;
  timelineEvents(q: TimelineQuery & { limit?: number }): TimelineEventsResult;
  timelineWindow(q: TimelineQuery & { buckets: number; maxEvents?: number }): TimelineWindowResult;
  timelineMarkers(args?: Record<string, never>): TimelineMarker[];
  /**
   * The window a newly opened timeline of per-source lanes shows, `width` px wide (the whole case with its margin, or
   * `wanted`), planned from the extent here: the page can ask it with its first questions, not after the extent came.
   */
  timelineFirstWindow(q: { width: number; filters?: EventFilters; wanted?: { from: number; to: number } | null }): TimelineFirstWindow;
  eventDetail(args: { id: number }): EventDetail;
}

export const OTHER_GROUP_ID = '~other';
export const NONE_GROUP_ID = '~none';
const DEFAULT_GROUP_LIMIT = 40;
const DEFAULT_MAX_EVENTS = 500;
const MAX_BUCKETS = MAX_BUCKETS_SCHEMA;
const LABEL_MAX = 160;
const UA_MAX = 300;

/** SQL expression of the group key per grouping; never built from user input. */
const GROUP_EXPR: Record<TimelineGroupBy, string> = {
  source: 'source_id', // an integer: index-only scans on (ts, source_id); the id is stringified in JS
  ip: `COALESCE(client_ip, ip, '${NONE_GROUP_ID}')`,
  customer: `COALESCE(customer_id, lower(email), '${NONE_GROUP_ID}')`,
};

/** The timeline narrows with the one event filter; its window (from/to) is set by the view, not the filter. */
export function filterSql(f: EventFilters | undefined): { sql: string; params: unknown[] } {
  return eventFilterSql(f);
}

function assertWindow(from: unknown, to: unknown): void {
  if (!Number.isFinite(from) || !Number.isFinite(to) || (to as number) <= (from as number)) {
    throw new AlibiError(`bad time window from=${String(from)} to=${String(to)}`, 'ask for a window with from < to (ms UTC)');
  }
}

function groupExpr(groupBy: TimelineGroupBy): string {
  const e = GROUP_EXPR[groupBy];
  if (!e) throw new AlibiError(`unknown grouping "${String(groupBy)}"`, 'group by source, ip or customer');
  return e;
}

/** Cut a field to a display length; case data can hold megabyte values. */
function clip(s: string | null | undefined, max: number): string | null {
  if (s == null) return null;
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

interface LabelFields {
  kind: string;
  method: string | null;
  path: string | null;
  status: number | null;
  order_id: string | null;
  amount: number | null;
  currency: string | null;
  card_brand: string | null;
  card_last4: string | null;
  decision: string | null;
  rule: string | null;
  email: string | null;
}

/** A one-line plain-text summary of an event for the timeline item. */
export function eventLabel(e: LabelFields): string {
  const money = e.amount != null ? `${e.amount}${e.currency ? ` ${e.currency}` : ''}` : '';
  const card = e.card_last4 ? `${e.card_brand ?? 'card'} …${e.card_last4}` : '';
  let parts: (string | null | number)[];
  switch (e.kind) {
    case 'http_request':
    case 'provider_call':
      parts = [e.method, e.path, e.status];
      break;
    case 'order':
      parts = ['order', e.order_id, money, e.email];
      break;
    case 'payment':
      parts = ['payment', money, card, e.decision ?? e.status];
      break;
    case 'antifraud_decision':
      parts = [e.decision ?? 'decision', e.rule, e.order_id];
      break;
    default:
      parts = [e.kind, e.email, e.order_id];
  }
  const text = parts.filter((p) => p !== null && p !== undefined && p !== '').join(' ');
  return clip(text || e.kind, LABEL_MAX)!;
}

/** Decisions worth a marker on the axis: anything that stopped or held a payment. */
const MARKED_DECISION = `lower(decision) IN ('block','blocked','deny','denied','refuse','refused','reject','rejected','review','challenge','hold','decline','declined','fraud')`;

/** Findings come from the analysis module when it is present; loaded lazily so the timeline never depends on it. */
export type FindingsProvider = (db: Db) => {
  id: string; title: string; rule?: string; metric?: { windowHours: number }; severity?: string; evidenceEventIds: number[];
}[];

/** Windows this long or longer, unfiltered and per source, are counted from the in-memory minute counts. */
const MINUTE_CACHE_MIN_SPAN = 2 * 86_400_000;

/** Events per (minute, source), sorted by minute: one index-only pass per case state, then any zoom is a sum. */
export interface MinuteCounts {
  minute: Float64Array;
  source: Int32Array;
  count: Int32Array;
  /** Events per source id, and in the whole case: the lanes and the extent of the unfiltered view, for free. */
  perSource: Map<number, number>;
  total: number;
}
const minuteCache = new WeakMap<Db, { key: number; counts: MinuteCounts }>();
/** The case state the minute counts follow: imports only ever add events. */
const minuteKey = (db: Db) => (db.prepare('SELECT max(id) AS k FROM events').get() as { k: number | null }).k ?? 0;
/** The minute counts of the case as it is, when already read. */
function freshMinuteCounts(db: Db): MinuteCounts | null {
  const hit = minuteCache.get(db);
  return hit && hit.key === minuteKey(db) ? hit.counts : null;
}
function minuteCounts(db: Db): MinuteCounts {
  const fresh = freshMinuteCounts(db);
  if (fresh) return fresh;
  const key = minuteKey(db);
  // The (ts, source_id) index read once in time order, as two JSON arrays: a GROUP BY would sort a million rows
  // (250 ms on the 1M bench case) and a row per event through the driver costs more still (1 s); this is ~150 ms.
  const [mj, sj] = db
    .prepare('SELECT json_group_array(ts / 60000), json_group_array(source_id) FROM (SELECT ts, source_id FROM event_rows ORDER BY ts)')
    .raw()
    .get() as [string, string];
  // SQLite does not promise an aggregate's input order: a scan that came out of order is counted by sorting.
  const counts = sumMinutes(JSON.parse(mj) as number[], JSON.parse(sj) as number[]) ?? groupedMinuteCounts(db);
  minuteCache.set(db, { key, counts });
  return counts;
}

/**
 * Events per (minute, source) from each event's minute and source, in time order: each minute is summed in a small
 * per-source map and written when the next one begins. Null when the minutes are not in order.
 */
export function sumMinutes(mins: readonly number[], srcs: readonly number[]): MinuteCounts | null {
  const minute: number[] = [];
  const source: number[] = [];
  const count: number[] = [];
  const perSource = new Map<number, number>();
  const open = new Map<number, number>();
  const flush = (m: number) => {
    for (const [s, n] of [...open].sort((a, b) => a[0] - b[0])) (minute.push(m), source.push(s), count.push(n));
    open.clear();
  };
  for (let i = 0; i < mins.length; i++) {
    if (i > 0 && mins[i] !== mins[i - 1]) {
      if (mins[i] < mins[i - 1]) return null;
      flush(mins[i - 1]);
    }
    const s = srcs[i];
    open.set(s, (open.get(s) ?? 0) + 1);
    perSource.set(s, (perSource.get(s) ?? 0) + 1);
  }
  if (mins.length) flush(mins[mins.length - 1]);
  return { minute: Float64Array.from(minute), source: Int32Array.from(source), count: Int32Array.from(count), perSource, total: mins.length };
}

/** The same counts by a GROUP BY (sorts every row): only when the ordered read did not come out in order. */
function groupedMinuteCounts(db: Db): MinuteCounts {
  const rows = db
    .prepare('SELECT ts / 60000 AS m, source_id AS s, count(*) AS n FROM events GROUP BY m, s ORDER BY m, s')
    .raw()
    .all() as [number, number, number][];
  const perSource = new Map<number, number>();
  for (const [, src, n] of rows) perSource.set(src, (perSource.get(src) ?? 0) + n);
  return {
    minute: Float64Array.from(rows, (r) => r[0]),
    source: Int32Array.from(rows, (r) => r[1]),
    count: Int32Array.from(rows, (r) => r[2]),
    perSource,
    total: rows.reduce((t, r) => t + r[2], 0),
  };
}

function bucketsFromMinutes(c: MinuteCounts, from: number, to: number, bucketMs: number): TimelineBucketsResult {
  const m0 = from / 60_000;
  const m1 = to / 60_000;
  let lo = 0;
  let hi = c.minute.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.minute[mid] < m0) lo = mid + 1;
    else hi = mid;
  }
  const sums = new Map<string, number>();
  let total = 0;
  for (let i = lo; i < c.minute.length && c.minute[i] < m1; i++) {
    const b = Math.floor((c.minute[i] * 60_000 - from) / bucketMs);
    const k = `${c.source[i]}\u0000${b}`;
    sums.set(k, (sums.get(k) ?? 0) + c.count[i]);
    total += c.count[i];
  }
  const buckets: TimelineBucket[] = [];
  for (const [k, count] of sums) {
    const [group, b] = k.split('\u0000');
    const start = from + Number(b) * bucketMs;
    buckets.push({ group, start, end: Math.min(start + bucketMs, to), count });
  }
  buckets.sort((a, b) => a.start - b.start || Number(a.group) - Number(b.group));
  return { from, to, bucketMs, buckets, total };
}

export function createTimelineHandlers(ctx: Pick<ApiContext, 'db'>, findings?: FindingsProvider): TimelineHandlers {
  const caseDb = (): Db => {
    const db = ctx.db();
    return db;
  };
  const groupLabels = (db: Db, groupBy: TimelineGroupBy, ids: string[]): Map<string, string> => {
    const m = new Map<string, string>();
    if (groupBy === 'source') {
      const rows = db.prepare('SELECT id, file_name FROM sources').all() as { id: number; file_name: string }[];
      for (const r of rows) m.set(String(r.id), r.file_name);
    }
    for (const id of ids) if (!m.has(id)) m.set(id, id === NONE_GROUP_ID ? '(none)' : id === OTHER_GROUP_ID ? '(other)' : id);
    return m;
  };

  const timelineGroups: TimelineHandlers['timelineGroups'] = ({ groupBy, filters, limit }) => {
    const db = caseDb();
    const cap = Math.max(1, Math.min(500, Math.floor(limit ?? DEFAULT_GROUP_LIMIT)));
    const f = filterSql(filters);
    // The unfiltered lanes per source are the per-source sums of the minute counts the first window needs anyway.
    const rows =
      groupBy === 'source' && f.sql === '1'
        ? [...minuteCounts(db).perSource].map(([g, n]) => ({ g, n })).sort((a, b) => b.n - a.n || a.g - b.g)
        : (db
            .prepare(`SELECT ${groupExpr(groupBy)} AS g, count(*) AS n FROM events WHERE ${f.sql} GROUP BY g ORDER BY n DESC, g`)
            .all(...f.params) as { g: string | number; n: number }[]);
    const named = rows.map((r) => ({ g: String(r.g), n: r.n }));
    const shown = named.slice(0, cap);
    const folded = named.slice(cap);
    const labels = groupLabels(db, groupBy, shown.map((r) => r.g));
    const groups = shown.map((r) => ({ id: r.g, label: clip(labels.get(r.g) ?? r.g, LABEL_MAX)!, count: r.n }));
    if (groupBy === 'source') groups.sort((a, b) => Number(a.id) - Number(b.id));
    const otherCount = folded.reduce((s, r) => s + r.n, 0);
    if (folded.length) groups.push({ id: OTHER_GROUP_ID, label: `(${folded.length} more)`, count: otherCount });
    return { groups, otherGroupId: folded.length ? OTHER_GROUP_ID : null, otherCount };
  };

  /** The group expression, folding groups not shown into OTHER_GROUP_ID when the view lists its groups. */
  const shownGroupExpr = (groupBy: TimelineGroupBy, groups: string[] | undefined): { sql: string; params: unknown[] } => {
    const e = groupExpr(groupBy);
    // A case has a handful of sources: every one gets its lane, nothing to fold.
    if (!groups || groups.length === 0 || groupBy === 'source') return { sql: e, params: [] };
    return {
      sql: `CASE WHEN ${e} IN (SELECT value FROM json_each(?)) THEN ${e} ELSE '${OTHER_GROUP_ID}' END`,
      params: [JSON.stringify(groups.filter((g) => g !== OTHER_GROUP_ID))],
    };
  };

  const timelineBuckets: TimelineHandlers['timelineBuckets'] = (q) => {
    assertWindow(q.from, q.to);
    const db = caseDb();
    const n = Math.max(1, Math.min(MAX_BUCKETS, Math.floor(q.buckets || 100)));
    const from = Math.floor(q.from);
    const to = Math.ceil(q.to);
    const bucketMs = Math.max(1, Math.ceil((to - from) / n));
    // Zoomed out on the whole case, unfiltered, per source: sum per-minute counts kept in memory (exact when
    // the buckets fall on minute boundaries, which the view's round bucket widths do).
    const unfiltered = filterSql(q.filters).params.length === 0;
    if (q.groupBy === 'source' && unfiltered && to - from >= MINUTE_CACHE_MIN_SPAN && bucketMs % 60_000 === 0 && from % 60_000 === 0) {
      return bucketsFromMinutes(minuteCounts(db), from, to, bucketMs);
    }
    const g = shownGroupExpr(q.groupBy, q.groups);
    const f = filterSql(q.filters);
    const rows = db
      .prepare(
        // Integer division: better-sqlite3 binds JS numbers as REAL, so cast them for whole bucket numbers.
        `SELECT ${g.sql} AS g, (ts - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS b, count(*) AS n FROM events
         WHERE ts >= ? AND ts < ? AND ${f.sql} GROUP BY g, b ORDER BY b`,
      )
      .all(...g.params, from, bucketMs, from, to, ...f.params) as { g: string; b: number; n: number }[];
    let total = 0;
    const buckets = rows.map((r) => {
      total += r.n;
      const start = from + r.b * bucketMs;
      return { group: String(r.g), start, end: Math.min(start + bucketMs, to), count: r.n };
    });
    return { from, to, bucketMs, buckets, total };
  };

  const countInWindow = (db: Db, from: number, to: number, filters: EventFilters | undefined, stopAt: number): number => {
    const f = filterSql(filters);
    // Counting stops just past the threshold: a window of a million events must not be counted to decide "too many".
    const row = db
      .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE ts >= ? AND ts < ? AND ${f.sql} LIMIT ?)`)
      .get(from, to, ...f.params, stopAt) as { n: number };
    return row.n;
  };

  const timelineEvents: TimelineHandlers['timelineEvents'] = (q) => {
    assertWindow(q.from, q.to);
    const db = caseDb();
    const limit = Math.max(1, Math.min(5000, Math.floor(q.limit ?? DEFAULT_MAX_EVENTS)));
    const g = shownGroupExpr(q.groupBy, q.groups);
    const f = filterSql(q.filters);
    const rows = db
      .prepare(
        `SELECT id, ts, ${g.sql} AS g, kind, method, substr(path, 1, 300) AS path, status, order_id, amount, currency,
                card_brand, card_last4, decision, rule, substr(email, 1, 300) AS email,
                COALESCE(client_ip, ip) AS ip, substr(user_agent, 1, ${UA_MAX + 1}) AS ua
         FROM events WHERE ts >= ? AND ts < ? AND ${f.sql} ORDER BY ts, id LIMIT ?`,
      )
      .all(...g.params, Math.floor(q.from), Math.ceil(q.to), ...f.params, limit) as (LabelFields & {
      id: number;
      ts: number;
      g: string;
      ip: string | null;
      ua: string | null;
    })[];
    const total = rows.length < limit ? rows.length : countInWindow(db, q.from, q.to, q.filters, 10_000_000);
    return {
      events: rows.map((r) => ({
        id: r.id,
        ts: r.ts,
        group: String(r.g),
        kind: r.kind,
        label: eventLabel(r),
        ip: clip(r.ip, 64),
        userAgent: clip(r.ua, UA_MAX),
        status: r.status,
        decision: clip(r.decision, 64),
      })),
      total,
      truncated: total > rows.length,
    };
  };

  const timelineWindow: TimelineHandlers['timelineWindow'] = (q) => {
    assertWindow(q.from, q.to);
    const max = Math.max(1, Math.min(5000, Math.floor(q.maxEvents ?? DEFAULT_MAX_EVENTS)));
    const n = countInWindow(caseDb(), q.from, q.to, q.filters, max + 1);
    if (n <= max) return { mode: 'events', ...timelineEvents({ ...q, limit: max }) };
    return { mode: 'buckets', ...timelineBuckets(q) };
  };

  // Markers change only with imports (events) and analyst actions (audit): cache them on both counters.
  const markerCache = new WeakMap<Db, { key: string; markers: TimelineMarker[] }>();
  const timelineMarkers: TimelineHandlers['timelineMarkers'] = () => {
    const db = caseDb();
    const k = db.prepare('SELECT (SELECT max(id) FROM events) AS e, (SELECT max(id) FROM audit) AS a').get() as { e: number; a: number };
    const key = `${k.e}|${k.a}`;
    const hit = markerCache.get(db);
    if (hit && hit.key === key) return hit.markers;
    const markers = computeMarkers(db);
    markerCache.set(db, { key, markers });
    return markers;
  };

  const computeMarkers = (db: Db): TimelineMarker[] => {
    const decisions = db
      .prepare(
        `SELECT id, ts, decision, rule, reason, order_id FROM events
         WHERE kind = 'antifraud_decision' AND ${MARKED_DECISION} ORDER BY ts LIMIT 200`,
      )
      .all() as { id: number; ts: number; decision: string; rule: string | null; reason: string | null; order_id: string | null }[];
    const markers: TimelineMarker[] = decisions.map((d) => ({
      id: `decision:${d.id}`,
      type: 'decision',
      start: d.ts,
      end: null,
      label: clip([d.decision.toUpperCase(), d.rule, d.order_id].filter(Boolean).join(' '), LABEL_MAX)!,
      severity: d.decision.toLowerCase().startsWith('review') ? 'medium' : 'high',
      eventIds: [d.id],
    }));
    if (findings) {
      let list: ReturnType<FindingsProvider> = [];
      try {
        list = findings(db);
      } catch {
        list = []; // analysis failing must not blank the timeline; the findings pane reports its own errors
      }
      const span = db.prepare(
        'SELECT min(ts) AS a, max(ts) AS b FROM events WHERE id IN (SELECT value FROM json_each(?))',
      );
      for (const fd of list.slice(0, 200)) {
        const ids = fd.evidenceEventIds.slice(0, 10_000);
        if (!ids.length) continue;
        const s = span.get(JSON.stringify(ids)) as { a: number | null; b: number | null };
        if (s.a == null || s.b == null) continue;
        const titleId = fd.rule ? termOr(RULE_TITLE_MSG, fd.rule) : null;
        markers.push({
          id: `finding:${fd.id}`,
          type: 'finding',
          start: s.a,
          end: s.b > s.a ? s.b : null,
          label: clip(fd.title, LABEL_MAX)!,
          ...(titleId ? { labelMsg: msg(titleId, { hours: fd.metric?.windowHours ?? 24 }) } : {}),
          severity: fd.severity ?? null,
          eventIds: ids,
        });
      }
    }
    return markers;
  };

  const timelineExtent: TimelineHandlers['timelineExtent'] = () => {
    const db = caseDb();
    // min and max as two sub-queries: each one index seek (together in one SELECT they scan the index: 70 ms at 1M);
    // the count is the minute counts' total when they are read already, else count(*) over the smallest index.
    const r = db.prepare('SELECT (SELECT min(ts) FROM events) AS a, (SELECT max(ts) FROM events) AS b').get() as { a: number | null; b: number | null };
    const n = freshMinuteCounts(db)?.total ?? (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    return { first: r.a, last: r.b, count: n, tz: readMeta(db).tz };
  };

  const timelineFirstWindow: TimelineHandlers['timelineFirstWindow'] = ({ width, filters, wanted }) => {
    const extent = timelineExtent();
    if (extent.first == null || extent.last == null) return { extent, window: null };
    const w = initialWindow({ first: extent.first, last: extent.last }, wanted ?? null);
    return { extent, window: timelineWindow(windowArgs(w.from, w.to, width, { groupBy: 'source', filters: filters ?? {} }, [])) };
  };

  const eventDetail: TimelineHandlers['eventDetail'] = ({ id }) => {
    if (!Number.isInteger(id)) throw new AlibiError(`bad event id ${String(id)}`, 'pass the integer id of an event');
    const db = caseDb();
    const event = db.prepare('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    if (!event) throw new AlibiError(`event ${id} not found in this case`, 'pick an event from the timeline or a finding');
    const src = db.prepare('SELECT file_name, format FROM sources WHERE id = ?').get(event.source_id) as
      | { file_name: string; format: string }
      | undefined;
    const tags = (db.prepare('SELECT tag FROM tags WHERE event_id = ? ORDER BY tag').all(id) as { tag: string }[]).map((t) => t.tag);
    const notes = db
      .prepare("SELECT id, at, text FROM notes WHERE target_kind = 'event' AND target_id = ? ORDER BY id")
      .all(String(id)) as { id: number; at: string; text: string }[];
    return { event, sourceFile: src?.file_name ?? null, sourceFormat: src?.format ?? null, tags, notes };
  };

  return { timelineExtent, timelineGroups, timelineBuckets, timelineEvents, timelineWindow, timelineMarkers, timelineFirstWindow, eventDetail };
}

/** The timeline's API: its markers show the findings of the case's one analysis snapshot. */
export const timelineApi = defineApi(timelineSchemas, (ctx: ApiContext) => createTimelineHandlers(ctx, () => ctx.analysis().findings));
