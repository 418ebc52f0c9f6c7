import { describe, expect, it } from 'vitest';
import { cidrContains, isPrivateIp, parseCidr, parseIp } from '../../../src/core/enrich/ipAddress';
import { dataDate, ipDataInfo, lookupIp } from '../../../src/core/enrich/ipIndex';
import { classifyUserAgent } from '../../../src/core/enrich/userAgent';
import { hostingOf } from '../../../src/core/enrich/hosting';
import { networkOf } from '../../../src/core/enrich/accessNetwork';
import { CHROME, GOOGLEBOT, IPHONE, WEBHOOK_UA } from '../../support/newCase';

describe('IP parsing', () => {
  it('parses IPv4, IPv6 (compressed, embedded IPv4, zone) and rejects junk', () => {
    expect(parseIp('90.14.207.118')).toEqual({ v: 4, n: ((90 * 256 + 14) * 256 + 207) * 256 + 118 });
    expect(parseIp('::ffff:90.14.207.118')).toEqual(parseIp('90.14.207.118'));
    const v6 = parseIp('2a01:cb00::1');
    expect(v6).toEqual({ v: 6, hi: 0x2a01cb0000000000n, lo: 1n });
    expect(parseIp('2a01:cb00:0:0:0:0:0:1')).toEqual(v6);
    expect(parseIp('fe80::1%eth0')).toEqual({ v: 6, hi: 0xfe80000000000000n, lo: 1n });
    for (const bad of ['256.1.1.1', '1.2.3', 'abc', '1::2::3', '1:2:3:4:5:6:7:8:9', '', '<script>', '10.0.0.1, 10.0.0.2']) {
      expect(parseIp(bad), bad).toBeNull();
    }
  });

  it('matches CIDR ranges at their edges, IPv4 and IPv6', () => {
    const c = parseCidr('51.91.102.128/28')!;
    expect(cidrContains(c, parseIp('51.91.102.128')!)).toBe(true);
    expect(cidrContains(c, parseIp('51.91.102.143')!)).toBe(true);
    expect(cidrContains(c, parseIp('51.91.102.144')!)).toBe(false);
    expect(cidrContains(c, parseIp('51.91.102.127')!)).toBe(false);
    const c6 = parseCidr('2001:db8::/32')!;
    expect(cidrContains(c6, parseIp('2001:db8:ffff::1')!)).toBe(true);
    expect(cidrContains(c6, parseIp('2001:db9::1')!)).toBe(false);
    expect(cidrContains(c6, parseIp('51.91.102.130')!)).toBe(false);
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('10.0.0.2')!.text).toBe('10.0.0.2/32');
    expect(isPrivateIp(parseIp('10.0.0.2')!)).toBe(true);
    expect(isPrivateIp(parseIp('100.64.1.1')!)).toBe(true);
    expect(isPrivateIp(parseIp('90.14.207.118')!)).toBe(false);
  });
});

describe('offline IP index', () => {
  it('gives ASN, organisation and country for real IPv4 and IPv6 addresses', () => {
    expect(lookupIp('90.14.207.118')).toMatchObject({ asn: 3215, country: 'FR' });
    expect(lookupIp('90.14.207.118').asOrg).toMatch(/Orange/);
    expect(lookupIp('51.91.102.137')).toMatchObject({ asn: 16276, asOrg: 'OVH SAS', country: 'FR' });
    expect(lookupIp('66.249.73.135')).toMatchObject({ asn: 15169, asOrg: 'Google LLC' });
    expect(lookupIp('2001:4860:4860::8888')).toMatchObject({ asn: 15169 });
    expect(lookupIp('2a01:cb00::1').country).toBe('FR');
    expect(lookupIp('::ffff:51.91.102.137')).toEqual(lookupIp('51.91.102.137'));
  });

  it('says nothing about private or unparsable addresses (the data even has a country for 192.168/16)', () => {
    expect(lookupIp('192.168.1.1')).toEqual({ asn: null, asOrg: null, country: null });
    expect(lookupIp('10.0.0.2')).toEqual({ asn: null, asOrg: null, country: null });
    expect(lookupIp('not an ip')).toEqual({ asn: null, asOrg: null, country: null });
  });

  it('names the datasets with their version, data date and CC BY attribution', () => {
    const [asn, cc] = ipDataInfo();
    expect(asn.name).toBe('@ip-location-db/asn');
    expect(asn.licence).toBe('CC BY 4.0');
    expect(asn.attribution).toMatch(/^IP to ASN data: RouteViews and DB-IP, CC BY 4\.0 \(/);
    expect(asn.attribution).toContain(asn.version);
    expect(cc.licence).toMatch(/CC0/);
    expect(dataDate('2.3.2026061719')).toBe('2026-06-17');
  });
});

describe('hosting detection', () => {
  it('knows hosting ASNs, falls back on organisation names, and leaves residential ISPs alone', () => {
    expect(hostingOf(16276, 'OVH SAS')).toMatchObject({ hosting: true, strong: true });
    expect(hostingOf(16276, 'OVH SAS').why).toContain('AS16276 OVH SAS');
    expect(hostingOf(999999, 'Tiny Cloud Hosting Ltd')).toMatchObject({ hosting: true, strong: false });
    expect(hostingOf(3215, 'Orange S.A.').hosting).toBe(false);
    expect(hostingOf(51207, 'Free Mobile SAS').hosting).toBe(false);
  });
});

describe('network kinds', () => {
  it('are one per network for its addresses, and an address in private or carrier-grade NAT space is that first', () => {
    const a = networkOf(parseIp('198.51.100.7'), 64500, 'Example Fibre SAS');
    expect(a).toMatchObject({ kind: 'access', listed: false, why: expect.stringContaining('AS64500') });
    expect(networkOf(parseIp('198.51.100.8'), 64500, 'Example Fibre SAS')).toEqual(a);
    expect(networkOf(parseIp('100.64.3.4'), 64500, 'Example Fibre SAS').kind).toBe('cgnat');
    expect(networkOf(parseIp('192.168.1.20'), 64500, 'Example Fibre SAS').kind).toBe('private');
    expect(networkOf(parseIp('198.51.100.9'), 64500, 'Example Mobile Telecom').kind).toBe('mobile'); // another name, another answer
    expect(networkOf(parseIp('198.51.100.10'), 16276, 'OVH SAS')).toMatchObject({ kind: 'hosting', listed: true });
    expect(networkOf(parseIp('198.51.100.11'), null, null).kind).toBe('unknown');
  });
});

describe('user-agent classes', () => {
  it('separates browsers, crawlers, server SDKs / HTTP libraries and empty agents', () => {
    expect(classifyUserAgent(CHROME)).toMatchObject({ class: 'browser', family: 'Chrome', os: 'Windows', device: 'desktop' });
    expect(classifyUserAgent(IPHONE)).toMatchObject({ class: 'browser', os: 'iOS', device: 'mobile' });
    expect(classifyUserAgent(GOOGLEBOT)).toMatchObject({ class: 'crawler', family: 'Googlebot' });
    expect(classifyUserAgent('Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)')).toMatchObject({ class: 'crawler', family: 'CensysInspect' });
    expect(classifyUserAgent(WEBHOOK_UA)).toMatchObject({ class: 'http-library', family: 'TicketPay-Webhooks/2.4' });
    expect(classifyUserAgent('Apache-HttpClient/4.5.14 (Java/17.0.9)').class).toBe('http-library');
    expect(classifyUserAgent('python-requests/2.32.3').class).toBe('http-library');
    expect(classifyUserAgent('curl/8.5.0').class).toBe('http-library');
    expect(classifyUserAgent('-').class).toBe('empty');
    expect(classifyUserAgent(null).class).toBe('empty');
    expect(classifyUserAgent('<script>alert(1)</script>').class).not.toBe('browser');
  });
});
