import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../src/core/casefile/caseFile';
import { createTimelineHandlers, OTHER_GROUP_ID, sumMinutes, type TimelineHandlers } from '../../../src/core/timeline/timeline';
import { buildSyntheticCase, STORY } from '../../support/syntheticCase';

let dir: string;
let db: Db;
let h: TimelineHandlers;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-tl-'));
  db = buildSyntheticCase(join(dir, 'case.alibi'), { events: 5000, otherCustomers: 40 });
  h = createTimelineHandlers({ db: () => db });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;

describe('timeline handlers', () => {
  it('reports the extent and the case time zone', () => {
    const e = h.timelineExtent();
    expect(e.count).toBe(count('SELECT count(*) n FROM events'));
    expect(e.first).toBe(count('SELECT min(ts) n FROM events'));
    expect(e.last).toBe(count('SELECT max(ts) n FROM events'));
    expect(e.tz).toBe('Europe/Paris');
  });

  it('counts the unfiltered lanes per source as SQL does (from the minute counts), folding beyond the cap', () => {
    const sql = db.prepare('SELECT source_id AS g, count(*) AS n FROM events GROUP BY g ORDER BY n DESC, g').all() as { g: number; n: number }[];
    for (const limit of [2, 40]) {
      const r = h.timelineGroups({ groupBy: 'source', limit });
      const shown = sql.slice(0, limit).sort((a, b) => a.g - b.g).map((x) => ({ id: String(x.g), count: x.n }));
      expect(r.groups.filter((g) => g.id !== OTHER_GROUP_ID).map((g) => ({ id: g.id, count: g.count }))).toEqual(shown);
      expect(r.otherCount).toBe(sql.slice(limit).reduce((t, x) => t + x.n, 0));
    }
    // a filtered request is counted by SQL on its subset
    const f = h.timelineGroups({ groupBy: 'source', filters: { kind: 'order' } });
    expect(f.groups.reduce((t, g) => t + g.count, 0)).toBe(count("SELECT count(*) n FROM events WHERE kind = 'order'"));
  });

  it('sums minutes read in time order, and refuses minutes out of order (then SQL sorts them)', () => {
    const c = sumMinutes([5, 5, 5, 7, 7, 9], [2, 1, 2, 1, 1, 3])!;
    expect([...c.minute]).toEqual([5, 5, 7, 9]);
    expect([...c.source]).toEqual([1, 2, 1, 3]);
    expect([...c.count]).toEqual([1, 2, 2, 1]);
    expect([...c.perSource]).toEqual([[2, 2], [1, 3], [3, 1]]);
    expect(c.total).toBe(6);
    expect(sumMinutes([5, 7, 6], [1, 1, 1])).toBeNull();
    expect(sumMinutes([], [])!.total).toBe(0);
  });

  it('lists one group per source with its file name and count', () => {
    const { groups } = h.timelineGroups({ groupBy: 'source' });
    expect(groups.map((g) => g.label)).toEqual(['access.log', 'orders.csv', 'transactions.csv', 'antifraud.csv', 'provider-api.log']);
    expect(groups.reduce((s, g) => s + g.count, 0)).toBe(count('SELECT count(*) n FROM events'));
  });

  it('caps IP groups and folds the rest into one "other" group', () => {
    const r = h.timelineGroups({ groupBy: 'ip', limit: 5 });
    expect(r.groups).toHaveLength(6);
    expect(r.groups[5].id).toBe(OTHER_GROUP_ID);
    // events with no address (payments, decisions) form their own group; the provider's 43 calls come next
    expect(r.groups.slice(0, 2).map((g) => [g.id, g.label])).toEqual([['~none', '(none)'], [STORY.providerIp, STORY.providerIp]]);
    expect(r.groups.reduce((s, g) => s + g.count, 0)).toBe(count('SELECT count(*) n FROM events'));
  });

  it('bucket counts sum to the number of events in the window, per group too', () => {
    const from = STORY.blockTs - 3 * 3600_000;
    const to = STORY.blockTs + 2 * 3600_000;
    const r = h.timelineBuckets({ from, to, buckets: 60, groupBy: 'source' });
    expect(r.total).toBe(count('SELECT count(*) n FROM events WHERE ts >= ? AND ts < ?', from, to));
    expect(r.buckets.reduce((s, b) => s + b.count, 0)).toBe(r.total);
    const accessInWindow = count('SELECT count(*) n FROM events WHERE source_id = 1 AND ts >= ? AND ts < ?', from, to);
    expect(r.buckets.filter((b) => b.group === '1').reduce((s, b) => s + b.count, 0)).toBe(accessInWindow);
    for (const b of r.buckets) {
      expect(b.start).toBeGreaterThanOrEqual(from);
      expect(b.end).toBeLessThanOrEqual(to);
      expect(count('SELECT count(*) n FROM events WHERE source_id = ? AND ts >= ? AND ts < ?', Number(b.group), b.start, b.end)).toBe(b.count);
    }
  });

  it('folds groups the view does not show into "other" when bucketing by IP', () => {
    const from = STORY.dayStart;
    const to = STORY.dayStart + 24 * 3600_000;
    const r = h.timelineBuckets({ from, to, buckets: 24, groupBy: 'ip', groups: [STORY.providerIp, STORY.customerIp] });
    const groups = new Set(r.buckets.map((b) => b.group));
    expect([...groups].sort()).toEqual([STORY.customerIp, STORY.providerIp, OTHER_GROUP_ID].sort());
    const provider = r.buckets.filter((b) => b.group === STORY.providerIp).reduce((s, b) => s + b.count, 0);
    expect(provider).toBe(count('SELECT count(*) n FROM events WHERE client_ip = ?', STORY.providerIp));
  });

  it('zoomed in, returns the individual events with plain-text labels', () => {
    const from = STORY.blockTs - 15 * 60_000;
    const to = STORY.blockTs + 60_000;
    const w = h.timelineWindow({ from, to, buckets: 100, groupBy: 'source' });
    expect(w.mode).toBe('events');
    if (w.mode !== 'events') return;
    expect(w.events.length).toBe(count('SELECT count(*) n FROM events WHERE ts >= ? AND ts < ?', from, to));
    const block = w.events.find((e) => e.kind === 'antifraud_decision');
    expect(block?.label).toBe('block Multi-CB O-1003');
    expect(block?.group).toBe('4');
    expect(w.events.map((e) => e.ts)).toEqual([...w.events.map((e) => e.ts)].sort((a, b) => a - b));
  });

  it('zoomed out, the same call returns buckets instead of thousands of items', () => {
    const e = h.timelineExtent();
    const w = h.timelineWindow({ from: e.first!, to: e.last! + 1, buckets: 100, groupBy: 'source' });
    expect(w.mode).toBe('buckets');
    if (w.mode === 'buckets') expect(w.total).toBe(e.count);
  });

  it('filters by IP, customer, e-mail, card, kind and status', () => {
    const from = STORY.dayStart;
    const to = STORY.dayStart + 24 * 3600_000;
    const q = (filters: Record<string, string>) => h.timelineEvents({ from, to, groupBy: 'source', filters, limit: 5000 });
    expect(q({ ip: STORY.customerIp }).total).toBe(count('SELECT count(*) n FROM events WHERE client_ip = ? OR ip = ?', STORY.customerIp, STORY.customerIp));
    expect(q({ customer: STORY.customerId }).total).toBe(7); // 3 orders, 3 payments, 1 decision
    expect(q({ email: STORY.customerEmail.toUpperCase() }).total).toBe(7);
    const partner = q({ card: STORY.cardPartner });
    expect(partner.total).toBe(1);
    expect(partner.events[0].label).toContain('mastercard …5454');
    expect(q({ card: '4242' }).total).toBe(2);
    expect(q({ kind: 'antifraud_decision' }).events.map((e) => e.label)).toEqual(['block Multi-CB O-1003']);
    expect(q({ status: 'declined' }).total).toBe(1);
    expect(q({ status: '404' }).total).toBe(count('SELECT count(*) n FROM events WHERE status = 404'));
    expect(q({ customer: STORY.customerId, kind: 'payment' }).total).toBe(3);
  });

  it('treats filter values as data, not SQL', () => {
    const r = h.timelineEvents({ from: 0, to: 9e15, groupBy: 'source', filters: { ip: "' OR 1=1 --" } });
    expect(r.total).toBe(0);
  });

  it('keeps the hostile user agent as plain data in the item', () => {
    const r = h.timelineEvents({ from: 0, to: 9e15, groupBy: 'ip', filters: { ip: STORY.hostileIp } });
    expect(r.events[0].userAgent).toBe(STORY.hostileUa);
    expect(r.events[0].group).toBe(STORY.hostileIp);
  });

  it('marks the Multi-CB block on the axis', () => {
    const m = h.timelineMarkers();
    const block = m.find((x) => x.type === 'decision');
    expect(block?.start).toBe(STORY.blockTs);
    expect(block?.label).toBe('BLOCK Multi-CB O-1003');
  });

  it('marks findings over the span of their evidence', () => {
    const ids = (db.prepare('SELECT id FROM events WHERE customer_id = ? ORDER BY ts').all(STORY.customerId) as { id: number }[]).map((r) => r.id);
    const withFindings = createTimelineHandlers({ db: () => db }, () => [
      { id: 'MC-1', title: '2 cards for one customer in 10 min', severity: 'high', evidenceEventIds: ids },
    ]);
    const f = withFindings.timelineMarkers().find((x) => x.type === 'finding')!;
    expect(f.start).toBe(count('SELECT min(ts) n FROM events WHERE customer_id = ?', STORY.customerId));
    expect(f.end).toBe(count('SELECT max(ts) n FROM events WHERE customer_id = ?', STORY.customerId));
    expect(f.eventIds).toEqual(ids);
  });

  it('gives an event with its raw line, source file, row number, tags and notes', () => {
    const id = (db.prepare("SELECT id FROM events WHERE kind = 'antifraud_decision'").get() as { id: number }).id;
    db.prepare("INSERT INTO tags (event_id, tag, at) VALUES (?, 'multi-cb', 'now')").run(id);
    db.prepare("INSERT INTO notes (at, target_kind, target_id, text) VALUES ('now', 'event', ?, 'called the customer')").run(String(id));
    const d = h.eventDetail({ id });
    expect(d.sourceFile).toBe('antifraud.csv');
    expect(d.event.row_no).toBe(1);
    expect(d.event.raw).toContain('Multi-CB');
    expect(d.tags).toEqual(['multi-cb']);
    expect(d.notes.map((n) => n.text)).toEqual(['called the customer']);
    expect(() => h.eventDetail({ id: 99_999_999 })).toThrow(/not found/);
  });

  it('refuses an inverted window with a clear error', () => {
    expect(() => h.timelineBuckets({ from: 10, to: 5, buckets: 10, groupBy: 'source' })).toThrow(/bad time window from=10 to=5/);
  });
});

describe('timeline API schemas', () => {
  it('accept what the view sends and refuse anything else at the boundary', async () => {
    const { timelineSchemas } = await import('../../../src/core/timeline/timeline');
    const ok = { from: 0, to: 1000, buckets: 50, groupBy: 'source', filters: { ip: '1.2.3.4' }, maxEvents: 500 };
    expect(timelineSchemas.timelineWindow.safeParse(ok).success).toBe(true);
    expect(timelineSchemas.timelineWindow.safeParse({ ...ok, groupBy: 'source; DROP TABLE events' }).success).toBe(false);
    expect(timelineSchemas.timelineWindow.safeParse({ ...ok, filters: { sql: '1=1' } }).success).toBe(false);
    expect(timelineSchemas.timelineWindow.safeParse({ ...ok, buckets: 1e9 }).success).toBe(false);
    expect(timelineSchemas.eventDetail.safeParse({ id: '1' }).success).toBe(false);
  });
});

describe('zoomed out on a multi-day case', () => {
  it('per-minute counts kept in memory give the exact bucket counts SQL gives, and follow new events', () => {
    const d = mkdtempSync(join(tmpdir(), 'alibi-tl-days-'));
    const big = buildSyntheticCase(join(d, 'days.alibi'), { events: 20_000, otherCustomers: 5, spanMs: 5 * 86_400_000 });
    try {
      const hh = createTimelineHandlers({ db: () => big });
      const e = hh.timelineExtent();
      const bucketMs = 3_600_000;
      const from = Math.floor(e.first! / bucketMs) * bucketMs;
      const n = Math.ceil((e.last! + 1 - from) / bucketMs);
      const r = hh.timelineBuckets({ from, to: from + n * bucketMs, buckets: n, groupBy: 'source' });
      expect(r.bucketMs).toBe(bucketMs);
      expect(r.total).toBe(e.count);
      const q = big.prepare('SELECT count(*) AS n FROM events WHERE source_id = ? AND ts >= ? AND ts < ?');
      for (const b of r.buckets) expect((q.get(Number(b.group), b.start, b.end) as { n: number }).n).toBe(b.count);
      const count = (rr: typeof r) => rr.buckets.reduce((s, b) => s + b.count, 0);
      // a filtered query goes to SQL and agrees on its own subset
      const f = hh.timelineBuckets({ from, to: from + n * bucketMs, buckets: n, groupBy: 'source', filters: { kind: 'http_request' } });
      expect(count(f)).toBe((big.prepare("SELECT count(*) AS n FROM events WHERE kind = 'http_request'").get() as { n: number }).n);
      // an import adds events: the cache is rebuilt
      big.prepare("INSERT INTO events (ts, ts_text, source_id, row_no, raw, kind) VALUES (?, 'x', 1, 999999, 'x', 'record')").run(e.first! + 1);
      expect(count(hh.timelineBuckets({ from, to: from + n * bucketMs, buckets: n, groupBy: 'source' }))).toBe(e.count + 1);
      expect(hh.timelineExtent().count).toBe(e.count + 1);
      expect(hh.timelineGroups({ groupBy: 'source' }).groups.find((g) => g.id === '1')!.count).toBe(
        (big.prepare('SELECT count(*) AS n FROM events WHERE source_id = 1').get() as { n: number }).n,
      );
    } finally {
      big.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
