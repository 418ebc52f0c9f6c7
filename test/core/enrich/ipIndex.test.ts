// The IP range index reads the shipped CSVs a chunk at a time, straight from bytes: these tests hold its answers
// to the files themselves (every sampled range at its edges) and to the CSV forms the data can take.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const ipv4 = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const ipv6 = (n: bigint) => Array.from({ length: 8 }, (_, k) => ((n >> BigInt(112 - 16 * k)) & 0xffffn).toString(16)).join(':');

/** A fresh copy of the module (its tables load once per module instance). */
async function freshIndex() {
  vi.resetModules();
  return import('../../../src/core/enrich/ipIndex');
}

afterEach(() => {
  delete process.env.ALIBI_IPDB_DIR;
});

describe('IP range index load', () => {
  it('answers every sampled range of the shipped data at its first and last address, and nothing past a gap', async () => {
    const { lookupIp } = await freshIndex();
    const dir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
    const rows = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean);
    const v4 = rows('asn-ipv4-num.csv');
    for (let i = 0; i < v4.length - 1; i += 997) {
      const [s, e, asn] = v4[i].split(',');
      for (const n of [Number(s), Number(e)]) expect(lookupIp(ipv4(n)).asn, `${ipv4(n)} (${v4[i]})`).toBe(Number(asn));
      const next = Number(v4[i + 1].split(',')[0]);
      if (next > Number(e) + 1 && Number(e) + 1 < 0xe0000000) expect(lookupIp(ipv4(Number(e) + 1)).asn, ipv4(Number(e) + 1)).toBeNull();
    }
    const v6 = rows('asn-ipv6-num.csv');
    for (let i = 0; i < v6.length; i += 499) {
      const [s, e, asn] = v6[i].split(',');
      for (const n of [BigInt(s), BigInt(e)]) expect(lookupIp(ipv6(n)).asn, `${ipv6(n)} (${v6[i]})`).toBe(Number(asn));
    }
  });

  it('reads quoted names with commas and doubled quotes, CRLF line ends, blank lines and a last line without a break', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alibi-ipdb-'));
    try {
      mkdirSync(join(dir, '@ip-location-db/asn'), { recursive: true });
      mkdirSync(join(dir, '@ip-location-db/geo-whois-asn-country'), { recursive: true });
      const big = (ip: string) => {
        const [head, tail] = ip.split('::');
        const g = [...head.split(':'), ...Array(8 - head.split(':').length - (tail ? tail.split(':').length : 0)).fill('0'), ...(tail ? tail.split(':') : [])];
        return g.reduce((n, x) => (n << 16n) | BigInt(parseInt(x, 16)), 0n).toString();
      };
      writeFileSync(join(dir, '@ip-location-db/asn/asn-ipv4-num.csv'),
        '16777216,16777471,13335,"Cloudflare, Inc."\r\n\r\n16777472,16777727,64500,"Shop ""Édition"" SARL"\r\n16777728,16777983,64500,"Shop ""Édition"" SARL"\r\n3221225984,3221226239,64501,Example Net');
      writeFileSync(join(dir, '@ip-location-db/asn/asn-ipv6-num.csv'),
        `${big('2001:db8::')},${big('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')},64502,Doc Net\n${big('ffff:ff00::')},${big('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')},64503,"Top, of v6"\n`);
      writeFileSync(join(dir, '@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-ipv4-num.csv'), '16777216,16777983,AU\n3221225984,3221226239,FR');
      writeFileSync(join(dir, '@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-ipv6-num.csv'), `${big('2001:db8::')},${big('2001:db8::ffff')},DE\r\n`);
      process.env.ALIBI_IPDB_DIR = dir;
      const { lookupIp, preloadIpIndex } = await freshIndex();
      expect(lookupIp('1.0.0.1')).toEqual({ asn: 13335, asOrg: 'Cloudflare, Inc.', country: 'AU' });
      expect(lookupIp('1.0.1.0')).toEqual({ asn: 64500, asOrg: 'Shop "Édition" SARL', country: 'AU' });
      expect(lookupIp('1.0.2.255')).toEqual({ asn: 64500, asOrg: 'Shop "Édition" SARL', country: 'AU' });
      expect(lookupIp('1.0.3.0')).toEqual({ asn: null, asOrg: null, country: null });
      expect(lookupIp('192.0.2.1')).toEqual({ asn: 64501, asOrg: 'Example Net', country: 'FR' });
      expect(lookupIp('2001:db8::1')).toEqual({ asn: 64502, asOrg: 'Doc Net', country: 'DE' });
      expect(lookupIp('2001:db8:1::1')).toEqual({ asn: 64502, asOrg: 'Doc Net', country: null });
      expect(lookupIp('ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe')).toMatchObject({ asn: 64503, asOrg: 'Top, of v6' });
      expect(lookupIp('2001:db7:ffff::1').asn).toBeNull();
      expect(preloadIpIndex(true).map((l) => [l.table, l.rows])).toEqual([['asn-ipv4', 4], ['country-ipv4', 2], ['asn-ipv6', 2], ['country-ipv6', 1]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
