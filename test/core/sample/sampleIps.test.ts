// Re-checks every public IP of the sample against the offline data shipped in @ip-location-db, so the demo's
// enrichment shows the intended operator: residential French ISPs for customers, a hosting ASN for the provider.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { CGNAT_IP, JULIEN_IP, PROVIDER_IP, PROXY_IP, readAccessLog, readCsv } from '../../support/sampleData';

const require = createRequire(__filename);
type Range = [start: number, end: number, value: string];

const ipNum = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);

function loadRanges(pkgFile: string): Range[] {
  const text = readFileSync(require.resolve(pkgFile), 'utf8');
  const out: Range[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const a = line.indexOf(','), b = line.indexOf(',', a + 1);
    out.push([ipNum(line.slice(0, a)), ipNum(line.slice(a + 1, b)), line.slice(b + 1)]);
  }
  return out;
}
function find(ranges: Range[], ip: string): string | null {
  const n = ipNum(ip);
  let lo = 0, hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] < n) lo = mid + 1;
    else if (ranges[mid][0] > n) hi = mid - 1;
    else return ranges[mid][2];
  }
  return null;
}

let asnTable: Range[];
let geoTable: Range[];
const asnOf = (ip: string) => {
  const v = find(asnTable, ip);
  return v === null ? null : { asn: Number(v.slice(0, v.indexOf(','))), org: v.slice(v.indexOf(',') + 1).replace(/^"|"$/g, '') };
};
const countryOf = (ip: string) => find(geoTable, ip);

const RESIDENTIAL_FR = new Set([3215, 12322, 15557, 5410, 51207]); // Orange, Free, SFR, Bouygues Telecom, Free Mobile

beforeAll(() => {
  asnTable = loadRanges('@ip-location-db/asn/asn-ipv4.csv');
  geoTable = loadRanges('@ip-location-db/geo-whois-asn-country/geo-whois-asn-country-ipv4.csv');
});

describe('sample IPs map to the intended operators in @ip-location-db', () => {
  it('the key actors', () => {
    expect(asnOf(JULIEN_IP)).toEqual({ asn: 3215, org: 'Orange S.A.' });
    expect(countryOf(JULIEN_IP)).toBe('FR');
    expect(asnOf(PROVIDER_IP)).toEqual({ asn: 16276, org: 'OVH SAS' });
    expect(countryOf(PROVIDER_IP)).toBe('FR');
    expect(asnOf(CGNAT_IP)?.asn).toBe(51207);
    expect(countryOf(CGNAT_IP)).toBe('FR');
    expect(asnOf(PROXY_IP)).toBeNull(); // private: the shop's own proxy is not on the Internet
  });

  it('every customer IP of the orders is a French residential or mobile ISP', () => {
    const { rows } = readCsv('shop-orders.csv', ';', 'windows-1252');
    const ips = new Set(rows.map((r) => r.customer_ip_address));
    expect(ips.size).toBeGreaterThan(30);
    for (const ip of ips) {
      expect(RESIDENTIAL_FR.has(asnOf(ip)?.asn ?? -1), `${ip} ${JSON.stringify(asnOf(ip))}`).toBe(true);
      expect(countryOf(ip), ip).toBe('FR');
    }
    // the four ISPs the story names all appear
    const seen = new Set([...ips].map((ip) => asnOf(ip)!.asn));
    for (const asn of [3215, 12322, 15557, 5410]) expect(seen.has(asn)).toBe(true);
  });

  it('every client address in the access log belongs to the operator its traffic claims', () => {
    const lines = readAccessLog();
    const checked = new Set<string>();
    for (const l of lines) {
      if (l.xff !== '-') expect(l.remote).toBe(PROXY_IP); // behind the proxy the connecting address is the proxy
      const key = `${l.client}|${l.ua}`;
      if (checked.has(key)) continue;
      checked.add(key);
      const a = asnOf(l.client);
      const where = `${l.client} (${l.ua}) → ${JSON.stringify(a)}`;
      if (l.client === PROVIDER_IP) expect(l.ua, where).toMatch(/^(TicketPay-Webhooks|Apache-HttpClient)\//);
      else if (/Googlebot/.test(l.ua)) expect(a?.asn, where).toBe(15169);
      else if (/bingbot/.test(l.ua)) expect(a?.asn, where).toBe(8075);
      else if (/CensysInspect/.test(l.ua)) expect(a?.asn, where).toBe(398324);
      else if (l.xff === '-') expect(a?.asn, where).toBe(14061); // the scanner hitting the origin directly
      else {
        expect(RESIDENTIAL_FR.has(a?.asn ?? -1), where).toBe(true);
        expect(countryOf(l.client), where).toBe('FR');
      }
    }
  });

  it('provider calls, anti-fraud alerts and infra.json agree with the data', () => {
    const calls = readCsv('provider-api-calls.csv', ',').rows;
    expect(new Set(calls.map((c) => c.source_ip))).toEqual(new Set([PROVIDER_IP]));
    for (const a of readCsv('provider-antifraud.csv', ',').rows) {
      expect(RESIDENTIAL_FR.has(asnOf(a.ip_address)?.asn ?? -1), a.ip_address).toBe(true);
    }
    const infra = JSON.parse(readFileSync(require.resolve('../../../resources/sample/infra.json'), 'utf8')) as { cidr: string; role: string }[];
    for (const e of infra.filter((x) => x.role === 'provider')) {
      const [base, bits] = e.cidr.split('/');
      const first = base, last = (() => {
        const n = ipNum(base) + 2 ** (32 - Number(bits)) - 1;
        return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
      })();
      for (const ip of [first, last]) {
        expect(asnOf(ip)?.asn, `${e.cidr} ${ip}`).toBe(16276);
        expect(countryOf(ip), `${e.cidr} ${ip}`).toBe('FR');
      }
    }
  });
});
