// The timeline and graph queries on the real sample case (resources/sample, imported by the real importers):
// the story of the brief as the investigator sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase, type Db } from '../../../src/core/casefile/caseFile';
import { buildDemoCase } from '../../../src/core/sample/demoCase';
import { createTimelineHandlers, type TimelineHandlers } from '../../../src/core/timeline/timeline';
import { createGraphHandlers, type GraphHandlers } from '../../../src/core/graph/graph';
import { analyzeCase } from '../../../src/core/analysis/analyze';

const CUSTOMER_IP = '90.14.207.118';
const CUSTOMER_EMAIL = 'julien.moreau@example.net';
const PROVIDER_IP = '51.91.102.137';

let dir: string;
let db: Db;
let tl: TimelineHandlers;
let gr: GraphHandlers;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-sample-ui-'));
  const { casePath } = await buildDemoCase(dir);
  db = openCase(casePath);
  const ctx = { db: () => db, casePath: () => casePath };
  // As the API wires them: markers and IP colours from the one analysis (analyzeCase).
  const analysis = analyzeCase(db);
  tl = createTimelineHandlers(ctx, () => analysis.findings);
  gr = createGraphHandlers(ctx, () => analysis.ips);
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const n = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;

describe('timeline and graph on the sample case', () => {
  it('bucket counts over the whole morning sum to the events of the case', () => {
    const e = tl.timelineExtent();
    const r = tl.timelineBuckets({ from: e.first!, to: e.last! + 1, buckets: 120, groupBy: 'source' });
    expect(r.total).toBe(e.count);
    expect(r.buckets.reduce((s, b) => s + b.count, 0)).toBe(n('SELECT count(*) n FROM events'));
  });

  it('marks the Multi-CB block and the findings on the axis', () => {
    const m = tl.timelineMarkers();
    const block = m.find((x) => x.type === 'decision' && x.label.includes('Multi-CB'))!;
    expect(block.start).toBe(n("SELECT ts n FROM events WHERE kind = 'antifraud_decision' AND rule = 'Multi-CB' AND lower(decision) = 'block'"));
    expect(m.some((x) => x.type === 'finding')).toBe(true);
  });

  it('zoomed on the block, lists the individual events, the decision among them', () => {
    const block = tl.timelineMarkers().find((x) => x.label.includes('Multi-CB'))!;
    const w = tl.timelineWindow({ from: block.start - 5 * 60_000, to: block.start + 5 * 60_000, buckets: 100, groupBy: 'source' });
    expect(w.mode).toBe('events');
    if (w.mode === 'events') expect(w.events.some((e) => e.id === block.eventIds[0])).toBe(true);
  });

  it('filters the customer e-mail across sources', () => {
    const r = tl.timelineEvents({ from: 0, to: 9e15, groupBy: 'source', filters: { email: CUSTOMER_EMAIL }, limit: 5000 });
    expect(r.total).toBe(n('SELECT count(*) n FROM events WHERE lower(email) = ?', CUSTOMER_EMAIL));
    expect(new Set(r.events.map((e) => e.group)).size).toBeGreaterThanOrEqual(3);
  });

  it('graph: the customer e-mail links 2 cards', () => {
    const g = gr.graph({ focus: { kind: 'email', value: CUSTOMER_EMAIL }, depth: 1 });
    expect(g.nodes.filter((x) => x.kind === 'card')).toHaveLength(2);
    expect(gr.entityDetail({ kind: 'email', value: CUSTOMER_EMAIL }).linked.card).toBe(2);
  });

  it('graph: the provider IP links many orders and is coloured as provider; the customer IP as customer', () => {
    const g = gr.graph({ focus: { kind: 'ip', value: PROVIDER_IP }, depth: 1, limit: 5000 });
    const orders = g.nodes.filter((x) => x.kind === 'order').length;
    expect(orders).toBe(n("SELECT count(DISTINCT order_id) n FROM events WHERE client_ip = ? AND order_id IS NOT NULL", PROVIDER_IP));
    expect(orders).toBeGreaterThan(20);
    expect(g.nodes.find((x) => x.depth === 0)?.role).toBe('provider');
    const c = gr.graph({ focus: { kind: 'ip', value: CUSTOMER_IP }, depth: 2 });
    expect(c.nodes.find((x) => x.depth === 0)?.role).toBe('customer');
    expect(c.nodes.filter((x) => x.kind === 'email').map((x) => x.value)).toContain(CUSTOMER_EMAIL);
    expect(c.nodes.filter((x) => x.kind === 'card').length).toBeGreaterThanOrEqual(2);
  });
});
