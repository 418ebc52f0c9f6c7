// The infrastructure switch is one field of the one event filter (excludeIps): the timeline in every lane mode,
// the grid (count, groups, "export what you see"), the events list and the `=` (empty) grid filter agree.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventFilterSchema, eventFilterSql } from '../../../src/core/eventFilter';
import { createTimelineHandlers } from '../../../src/core/timeline/timeline';
import { EventGrid } from '../../../src/core/events/eventGrid';
import { iterateEvents } from '../../../src/core/export/eventQuery';
import { MIN, T0, newCase, tmpDir } from '../../support/newCase';

function sampleCase() {
  const c = newCase();
  // A customer behind the shop's proxy (client_ip resolved), the provider's server, a crawler, an order with no IP.
  c.add({ ts: T0, kind: 'http_request', ip: '10.0.0.2', client_ip: '90.14.207.118', path: '/commande', customer_id: 'c1' });
  c.add({ ts: T0 + MIN, kind: 'http_request', ip: '10.0.0.2', client_ip: '66.249.66.1', path: '/faq' });
  c.add({ ts: T0 + 2 * MIN, kind: 'provider_call', ip: '51.91.102.137', path: '/api/pay', customer_id: 'c1' });
  c.add({ ts: T0 + 3 * MIN, kind: 'order', customer_id: 'c1', order_id: '48218' });
  c.add({ ts: T0 + 4 * MIN, kind: 'http_request', ip: '90.14.207.118', path: '/merci', customer_id: 'c1' });
  return c;
}
const INFRA = ['51.91.102.137', '66.249.66.1'];

describe('excludeIps: the infrastructure switch as part of the one event filter', () => {
  it('leaves out events whose address (client address, else the source address) is listed; events without one stay', () => {
    const { db } = sampleCase();
    const f = eventFilterSql({ excludeIps: INFRA });
    const rows = db.prepare(`SELECT path, order_id FROM events WHERE ${f.sql} ORDER BY ts`).all(...f.params) as { path: string | null; order_id: string | null }[];
    expect(rows.map((r) => r.path ?? r.order_id)).toEqual(['/commande', '48218', '/merci']);
    // The proxy's own address (10.0.0.2) hides nothing: the event's address is the resolved client's.
    const proxy = eventFilterSql({ excludeIps: ['10.0.0.2'] });
    expect((db.prepare(`SELECT count(*) AS n FROM events WHERE ${proxy.sql}`).get(...proxy.params) as { n: number }).n).toBe(5);
    expect(eventFilterSql({ excludeIps: [] }).sql).toBe('1');
  });

  it('is bounded at the boundary', () => {
    expect(eventFilterSchema.safeParse({ excludeIps: Array.from({ length: 5001 }, (_, i) => `10.0.${i >> 8}.${i & 255}`) }).success).toBe(false);
    expect(eventFilterSchema.safeParse({ excludeIps: ['x'.repeat(65)] }).success).toBe(false);
  });

  it('the timeline counts the same events in every lane mode, and no lane of a hidden address is left', () => {
    const { db } = sampleCase();
    const tl = createTimelineHandlers({ db: () => db });
    for (const groupBy of ['source', 'ip', 'customer'] as const) {
      const r = tl.timelineWindow({ from: T0 - MIN, to: T0 + 10 * MIN, buckets: 11, groupBy, filters: { excludeIps: INFRA } });
      const total = r.mode === 'events' ? r.events.length : r.total;
      expect(total, groupBy).toBe(3);
    }
    const lanes = tl.timelineGroups({ groupBy: 'ip', filters: { excludeIps: INFRA } }).groups.map((g) => g.id);
    expect(lanes.filter((id) => INFRA.includes(id))).toEqual([]);
  });

  it('the grid, its groups, its export and the events list hold exactly those events', async () => {
    const { db } = sampleCase();
    const grid = new EventGrid(db);
    const query = { filters: { excludeIps: INFRA } };
    expect(grid.count(query).total).toBe(3);
    const kinds = grid.groups(query, 'kind');
    expect(kinds.groups.map((g) => [g.value, g.count])).toEqual([['http_request', 2], ['order', 1]]);
    // The grouped grid's "(empty)" group: `=` alone matches an empty cell.
    expect(grid.count({ ...query, columns: { order_id: '=' } }).total).toBe(2);
    expect(grid.count({ ...query, columns: { ip: '=' } }).total).toBe(1);
    const out = join(tmpDir(), 'shown.csv');
    const r = await grid.exportCsv(query, ['ts', 'kind', 'client_ip', 'ip', 'order_id'], out, 'Europe/Paris');
    expect(r.rows).toBe(3);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.some((l) => INFRA.some((ip) => l.includes(ip)))).toBe(false);
    expect([...iterateEvents(db, { excludeIps: INFRA })].map((e) => e.kind)).toEqual(['http_request', 'order', 'http_request']);
  });
});
