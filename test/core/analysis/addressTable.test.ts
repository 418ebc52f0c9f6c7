// The per-address pass finds each row's address through AddressTable: it must answer exactly as a Map keyed by the
// address text would — texts that name the same IPv4 number in another spelling are other addresses, IPv6 and
// unparsable texts are found by text, and nothing is lost when the table grows.
import { describe, expect, it } from 'vitest';
import { AddressTable, canonicalIpv4 } from '../../../src/core/analysis/addressTable';

describe('address table', () => {
  it('reads only canonical dotted quads as numbers', () => {
    expect(canonicalIpv4('0.0.0.0')).toBe(0);
    expect(canonicalIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(canonicalIpv4('203.0.113.7')).toBe(((203 << 24) >>> 0) + (113 << 8) + 7);
    expect(canonicalIpv4('10.20.30.40')).toBe(0x0a141e28);
    for (const s of ['01.2.3.4', '1.2.3.04', '1.2.3.00', '1.2.3', '1.2.3.4.5', '1.2.3.256', '1..3.4', '.1.2.3', '1.2.3.', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4\n', '１.2.3.4', '2001:db8::1', '::ffff:1.2.3.4', '', 'unknown', '1.2.3.-4', '1.2.3.4a', '1.2.3.1000']) {
      expect(canonicalIpv4(s), s).toBe(-1);
    }
  });

  it('answers as a Map by text, through growth, for IPv4, IPv6 and odd texts alike', () => {
    const table = new AddressTable<number>();
    const byText = new Map<string, number>();
    const texts: string[] = [];
    // 20,000 addresses (the table starts with 4,096 slots), their look-alikes, IPv6 and texts that are no address
    for (let i = 0; i < 20_000; i++) texts.push(`${(i * 7919) % 256}.${(i >> 8) & 255}.${i & 255}.${(i * 31) % 256}`);
    texts.push('01.2.3.4', '1.2.3.4', '1.2.3.04', '2001:db8::1', '2001:DB8::1', 'unknown', '', '0.0.0.0', '255.255.255.255');
    for (const t of texts) {
      if (byText.has(t)) continue;
      const n = byText.size;
      byText.set(t, n);
      expect(table.get(t), t).toBeUndefined();
      table.add(t, n);
    }
    for (const [t, n] of byText) expect(table.get(t), t).toBe(n);
    // look-ups by a new string of the same text (as SQLite gives each row) find the same item
    for (const t of ['1.2.3.4', '2001:db8::1']) expect(table.get([...t].join(''))).toBe(byText.get(t));
    expect(table.get('1.2.3.5')).toBeUndefined();
    expect(table.get('2001:db8::2')).toBeUndefined();
  });
});
