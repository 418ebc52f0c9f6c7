// The per-address pass's request times (the pace and the active hours read them): each address's first 2,000 in
// the order the pass reads its rows, then sorted — however the addresses' rows interleave, with a payment without
// an address counted at its order's address.
import { afterEach, describe, expect, it } from 'vitest';
import { aggregateIps } from '../../../src/core/analysis/ipAggregate';
import { CHROME, HOUR, MIN, newCase, T0, type TestCase } from '../../support/newCase';

let c: TestCase;
afterEach(() => c?.close());

describe('per-address request times', () => {
  it('keeps the first 2,000 of each address in row order, sorted, and counts its active hours', () => {
    c = newCase();
    const busy = '203.0.113.7';
    const quiet = '90.14.207.118';
    const busyTimes: number[] = [];
    const quietTimes: number[] = [];
    for (let i = 0; i < 2_100; i++) {
      // rows not in time order: later rows of the busy address can be earlier in time
      const ts = T0 + ((i * 7_919) % 2_100) * 1_000;
      c.add({ kind: 'http_request', ts, ip: busy, method: 'GET', path: `/p/${i}`, status: 200, user_agent: CHROME });
      busyTimes.push(ts);
      if (i % 300 === 0) {
        const q = T0 + (i / 300) * HOUR;
        c.add({ kind: 'http_request', ts: q, ip: quiet, method: 'GET', path: '/', status: 200, user_agent: CHROME });
        quietTimes.push(q);
      }
    }
    c.add({ kind: 'order', ts: T0 + 9 * HOUR, order_id: 'O1', ip: quiet, user_agent: CHROME, email: 'a@example.org', amount: 10, decision: 'processing' });
    c.add({ kind: 'payment', ts: T0 + 9 * HOUR + MIN, order_id: 'O1', card_key: 'fp:1', amount: 10, decision: 'Paid' }); // no address: its order's
    quietTimes.push(T0 + 9 * HOUR, T0 + 9 * HOUR + MIN);

    const { ips } = aggregateIps(c.db);
    const b = ips.get(busy)!;
    expect(b.events).toBe(2_100);
    expect(b.times).toEqual(busyTimes.slice(0, 2_000).sort((x, y) => x - y));
    expect(b.times.length).toBe(2_000);
    const q = ips.get(quiet)!;
    expect(q.times).toEqual(quietTimes.sort((x, y) => x - y));
    expect(q.hours).toBe(8); // hours 0–6 and 9
    expect(b.hours).toBe(1);
  });
});
