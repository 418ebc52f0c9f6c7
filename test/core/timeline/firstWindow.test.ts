// The first window of a newly opened timeline, planned by the engine from its extent (timelineFirstWindow): the page
// asks it with its first questions, so it must be exactly the answer to the question the view would ask itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Db } from '../../../src/core/casefile/caseFile';
import { createTimelineHandlers, timelineSchemas, type TimelineHandlers } from '../../../src/core/timeline/timeline';
import { initialWindow, windowArgs } from '../../../src/core/timeline/windowPlan';
import { buildSyntheticCase, STORY } from '../../support/syntheticCase';
import { newCase, tmpDir } from '../../support/newCase';

let db: Db;
let h: TimelineHandlers;

beforeAll(() => {
  db = buildSyntheticCase(join(tmpDir('alibi-tl-first-'), 'case.alibi'), { events: 5000, otherCustomers: 40 });
  h = createTimelineHandlers({ db: () => db });
});
afterAll(() => db.close());

const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;

describe('the first window of a newly opened timeline', () => {
  it("is the answer to the view's own question: the whole case with its margin, per source, as wide as the view", () => {
    for (const width of [640, 1187, 2400]) {
      for (const filters of [{}, { kind: 'order' }, { ip: STORY.providerIp }]) {
        const { extent, window } = h.timelineFirstWindow({ width, filters });
        expect(extent).toEqual(h.timelineExtent());
        const w = initialWindow({ first: extent.first!, last: extent.last! }, null);
        const args = windowArgs(w.from, w.to, width, { groupBy: 'source', filters }, []);
        expect(JSON.stringify(window)).toBe(JSON.stringify(h.timelineWindow(args)));
      }
    }
  });

  it('counts every event of the case (or of the filter) in it, the first and the last included', () => {
    const first = count('SELECT min(ts) n FROM events');
    const last = count('SELECT max(ts) n FROM events');
    const all = h.timelineFirstWindow({ width: 1187 }).window!;
    expect(all.mode).toBe('buckets');
    if (all.mode !== 'buckets') return;
    expect(all.total).toBe(count('SELECT count(*) n FROM events'));
    expect(all.buckets.reduce((t, b) => t + b.count, 0)).toBe(all.total);
    expect(Math.min(...all.buckets.map((b) => b.start))).toBeLessThanOrEqual(first);
    expect(Math.max(...all.buckets.map((b) => b.end))).toBeGreaterThan(last);
    const orders = h.timelineFirstWindow({ width: 1187, filters: { kind: 'order' } }).window!;
    const n = count("SELECT count(*) n FROM events WHERE kind = 'order'");
    expect(orders.mode === 'events' ? orders.events.length : orders.total).toBe(n);
  });

  it("is the window another pane asked for, when there is one (a finding's evidence)", () => {
    const wanted = { from: STORY.blockTs - 30 * 60_000, to: STORY.blockTs + 30 * 60_000 };
    const { window } = h.timelineFirstWindow({ width: 1187, wanted });
    const args = windowArgs(wanted.from, wanted.to, 1187, { groupBy: 'source', filters: {} }, []);
    expect(JSON.stringify(window)).toBe(JSON.stringify(h.timelineWindow(args)));
    expect(window!.mode).toBe('events');
    if (window!.mode === 'events') expect(window!.events.some((e) => e.ts === STORY.blockTs)).toBe(true);
  });

  it('has no window on an empty case, and its extent says so', () => {
    const c = newCase();
    const empty = createTimelineHandlers({ db: () => c.db });
    expect(empty.timelineFirstWindow({ width: 1187 })).toEqual({ extent: { first: null, last: null, count: 0, tz: 'Europe/Paris' }, window: null });
    c.close();
  });

  it('takes a width, the filter and a wanted window at the boundary, nothing else', () => {
    const s = timelineSchemas.timelineFirstWindow;
    expect(s.safeParse({ width: 1187, filters: { ip: '1.2.3.4' }, wanted: { from: 0, to: 1000 } }).success).toBe(true);
    expect(s.safeParse({ width: 1187, wanted: null }).success).toBe(true);
    expect(s.safeParse({ width: 0 }).success).toBe(false);
    expect(s.safeParse({ width: 1e9 }).success).toBe(false);
    expect(s.safeParse({ width: 1187, filters: { sql: '1=1' } }).success).toBe(false);
    expect(s.safeParse({ width: 1187, groupBy: 'ip' }).success).toBe(false);
    expect(s.safeParse({ width: 1187, wanted: { from: 'yesterday', to: 1000 } }).success).toBe(false);
  });
});
