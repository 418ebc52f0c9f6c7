// Clock checks between sources: a consistent ~1 h offset between orders and their payments is a time-zone
// mistake to warn about; local times without an offset in the repeated DST hour are flagged, not silently chosen.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { HOUR, MIN, newCase, T0, type TestCase } from '../../support/newCase';

let c: TestCase;
afterEach(() => c?.close());

function source(c: TestCase, name: string, tz: string | null): number {
  return Number(c.db.prepare(`INSERT INTO sources(file_name, size, sha256, format, parser_version, imported_at, tz) VALUES (?, 0, ?, 'test', 'test', '2025-11-23T00:00:00Z', ?)`).run(name, name, tz).lastInsertRowid);
}

describe('clock checks between sources', () => {
  it('payments consistently one hour after their orders → a warning naming both files and the offset', () => {
    c = newCase();
    const orders = source(c, 'shop-orders.csv', 'Europe/Paris');
    const psp = source(c, 'psp.csv', 'UTC');
    for (let i = 0; i < 6; i++) {
      const t = T0 + i * 20 * MIN;
      c.add({ kind: 'order', ts: t, source_id: orders, order_id: `O${i}`, transaction_id: `ch_${i}`, ip: '90.14.207.118' });
      // the PSP file was read with the wrong zone: every payment lands 1 h (and a few seconds) later
      c.add({ kind: 'payment', ts: t + HOUR + 4000 + i * 1000, source_id: psp, order_id: `O${i}`, transaction_id: `ch_${i}`, card_key: `c${i}`, decision: 'Paid' });
    }
    const checks = analyzeCase(c.db).timeChecks;
    const off = checks.find((x) => x.kind === 'clock-offset');
    expect(off).toBeDefined();
    expect(off!.offsetSeconds).toBeGreaterThan(3600);
    expect(off!.offsetSeconds).toBeLessThan(3620);
    expect(off!.sources).toEqual(['shop-orders.csv', 'psp.csv']);
    expect(off!.text).toMatch(/psp\.csv is consistently 1 h after shop-orders\.csv .*time zone is probably wrong/);
    expect(off!.evidenceEventIds.length).toBeGreaterThan(0);
  });

  it('payments seconds after their orders → no warning', () => {
    c = newCase();
    const orders = source(c, 'orders.csv', 'Europe/Paris');
    const psp = source(c, 'psp.csv', 'UTC');
    for (let i = 0; i < 6; i++) {
      c.add({ kind: 'order', ts: T0 + i * MIN, source_id: orders, order_id: `O${i}`, transaction_id: `ch_${i}` });
      c.add({ kind: 'payment', ts: T0 + i * MIN + 9000, source_id: psp, order_id: `O${i}`, transaction_id: `ch_${i}`, card_key: 'x', decision: 'Paid' });
    }
    expect(analyzeCase(c.db).timeChecks).toEqual([]);
  });

  it('local times without an offset in the hour repeated on 26 October 2025 (Paris) are flagged', () => {
    c = newCase();
    const orders = source(c, 'orders-local.csv', 'Europe/Paris');
    const fallBack = Date.UTC(2025, 9, 26, 1, 0, 0); // 03:00 CEST → 02:00 CET
    c.add({ kind: 'order', ts: fallBack - 30 * MIN, ts_text: '2025-10-26 02:30:00', source_id: orders, order_id: 'A' });
    c.add({ kind: 'order', ts: fallBack - 5 * HOUR, ts_text: '2025-10-25 22:00:00', source_id: orders, order_id: 'B' });
    const withOffset = source(c, 'api.csv', 'Europe/Paris');
    c.add({ kind: 'provider_call', ts: fallBack - 30 * MIN, ts_text: '2025-10-26T02:30:00+02:00', source_id: withOffset });
    const checks = analyzeCase(c.db).timeChecks.filter((x) => x.kind === 'dst-repeated-hour');
    expect(checks).toHaveLength(1);
    expect(checks[0].sources).toEqual(['orders-local.csv']);
    expect(checks[0].text).toMatch(/1 event .* repeated on 2025-10-26/);
  });
});
