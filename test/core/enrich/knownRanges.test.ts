// Published ranges are looked up by binary search over the ranges cut at their edges: the answer must be the one a
// scan of the shipped list in order gives (the first listed range holding the address), at every edge.
import { describe, expect, it } from 'vitest';
import list from '../../../resources/known-ranges.json';
import { parseCidr, parseIp } from '../../../src/core/enrich/ipAddress';
import { publishedRangeOf } from '../../../src/core/enrich/knownRanges';

const ipv4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

describe('published ranges look-up', () => {
  it('names, at every edge of every IPv4 range and around it, the operator a scan of the list in order names', () => {
    const ranges = (list as { operators: { id: string; ranges: string[] }[] }).operators.flatMap((o) =>
      o.ranges.map((r) => parseCidr(r)).filter((c) => c?.v === 4).map((c) => ({ start: Number(c!.start), end: Number(c!.end), id: o.id })),
    );
    expect(ranges.length).toBeGreaterThan(500);
    const scan = (n: number) => ranges.find((r) => r.start <= n && n <= r.end)?.id;
    let named = 0;
    for (const r of ranges) {
      for (const n of [r.start - 1, r.start, r.start + 1, (r.start + r.end) >>> 1, r.end - 1, r.end, r.end + 1]) {
        if (n < 0 || n > 0xffffffff) continue;
        const got = publishedRangeOf(parseIp(ipv4(n))!)?.op.id;
        expect(got, ipv4(n)).toBe(scan(n));
        if (got) named++;
      }
    }
    expect(named).toBeGreaterThan(ranges.length * 3);
    expect(publishedRangeOf(parseIp('66.249.66.1')!)?.op.operator).toMatch(/Google/);
    expect(publishedRangeOf(parseIp('90.14.207.118')!)).toBeUndefined();
  });
});
