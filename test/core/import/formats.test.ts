// Unit behaviour of the declarations and parsing helpers, on each format's own sample lines.
import { describe, expect, it } from 'vitest';
import { accessLogFormat, splitRequest } from '../../../src/core/import/accessLogFormats';
import { jsonLogFormat } from '../../../src/core/import/jsonLines';
import { LOG_FORMATS, detectLogFormat, logFormat } from '../../../src/core/import/logFormats';
import { lineContext } from '../../../src/core/import/lineContext';
import type { ParsedEvent } from '../../../src/core/import/parsedEvent';
import { detectEncoding, parseCsvHeader, sniffDelimiter, sniffFormat } from '../../../src/core/import/sniff';
import { applyZoneText, localToUtc, parseClfTime, parseTimestampText } from '../../../src/core/import/timestamps';
import { TrustedProxies, ipToBytes } from '../../../src/core/import/trustedProxies';
import { binAndLast4, luhnValid, maskPans } from '../../../src/core/import/panMask';
import { cardKey, normaliseExpiry, parseAmount } from '../../../src/core/import/csvRecord';
import { CSV_PRESETS, detectPreset, isBreachListHeader } from '../../../src/core/import/presets';

const proxies = new TrustedProxies();

const ctx = () => lineContext(proxies, 'Europe/Paris');
const parserOf = (name: string) => logFormat(name)!.parser(ctx());

describe('log formats', () => {
  for (const f of LOG_FORMATS) {
    it(`${f.name}: every documented sample line is a request or a known non-request line, and detection picks ${f.name}`, () => {
      const parse = f.parser(ctx());
      const out = f.samples.map((l) => parse(l));
      for (const [i, e] of out.entries()) expect('reject' in e, f.samples[i]).toBe(false);
      const events = out.filter((e): e is ParsedEvent => !('reject' in e) && !('skip' in e));
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) {
        expect(e.kind).toBe('http_request');
        expect(Number.isFinite(e.ts)).toBe(true);
        expect(e.ip).toBeTruthy();
      }
      expect(detectLogFormat(f.samples)?.name).toBe(f.name);
    });
  }

  it('combined sample: exact fields', () => {
    const e = parserOf('combined')(accessLogFormat('combined')!.samples[1]);
    expect(e).toMatchObject({
      ip: '192.168.1.2', method: 'GET', path: '/favicon.ico', status: 404, bytes: 0, referer: null, user_agent: 'curl/8.5.0',
      ts: Date.UTC(2016, 1, 2, 9, 44, 13), ts_text: '02/Feb/2016:17:44:13 +0800', extra: '{"remote_user":"bob"}',
    });
  });

  it('keeps fields a site appended after the standard ones', () => {
    expect(parserOf('combined')(accessLogFormat('combined')!.samples[2])).toMatchObject({ user_agent: 'Mozilla/5.0', extra: '{"trailing":"0.004 shop.example"}' });
    expect(parserOf('nginx-main')(accessLogFormat('nginx-main')!.samples[2])).toMatchObject({
      xff: '90.12.34.56', client_ip: '90.12.34.56', extra: JSON.stringify({ trailing: 'rt=0.002 uct="0.000"' }),
    });
  });

  it('a line of another format is rejected with the format named', () => {
    expect(parserOf('common')('hello world')).toEqual({ reject: 'does not match the common format' });
  });

  it('splits request lines, absolute-form targets to their path, and leaves junk requests without method', () => {
    expect(splitRequest('GET /a b HTTP/1.1')).toEqual({ method: 'GET', path: '/a b' });
    expect(splitRequest('\\x16\\x03\\x01')).toEqual({ method: null, path: null });
    expect(splitRequest('OPTIONS *')).toEqual({ method: 'OPTIONS', path: '*' });
    expect(splitRequest('GET https://www.example.com:443/a?b=1 HTTP/1.1')).toEqual({ method: 'GET', path: '/a?b=1' });
    expect(splitRequest('GET http://www.example.com:80 HTTP/1.1')).toEqual({ method: 'GET', path: '/' });
  });

  it('caps parsed fields; the raw line keeps everything', () => {
    const ua = 'Mozilla/5.0 ' + 'A'.repeat(100_000);
    const e = parserOf('combined')(`1.2.3.4 - - [23/Nov/2025:06:41:02 +0100] "GET / HTTP/1.1" 200 1 "-" "${ua}"`) as ParsedEvent;
    expect(e.user_agent!.length).toBe(8 * 1024 + 1);
    expect(e.user_agent!.endsWith('…')).toBe(true);
  });
});

describe('JSON lines', () => {
  const jsonl = jsonLogFormat('jsonl')!;
  it('parses every sample through the alias lists, including nginx \\xXX escapes and msec', () => {
    const parse = parserOf('jsonl');
    const out = jsonl.samples.map((l) => parse(l));
    for (const e of out) expect('reject' in e).toBe(false);
    expect(out[0]).toMatchObject({ ip: '10.0.0.5', xff: '90.12.34.56', client_ip: '90.12.34.56', method: 'GET', path: '/checkout', status: 200, bytes: 5120 });
    expect(out[1]).toMatchObject({ ip: '93.180.71.3', status: 304, bytes: 0, user_agent: 'Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)', ts: Date.UTC(2015, 4, 17, 8, 5, 32) });
    expect(out[2]).toMatchObject({ ip: '2001:db8::7', method: 'POST', path: '/api/orders?id="x"', status: 201, ts: Date.UTC(2025, 10, 23, 5, 41, 20) });
    expect(out[3]).toMatchObject({ ts: 1763876480125, method: 'GET', path: '/' });
    expect(sniffFormat(jsonl.samples)).toMatchObject({ type: 'log', format: { name: 'jsonl' } });
  });

  it('rejects a line without time, and a non-object', () => {
    const parse = parserOf('jsonl');
    expect(parse('{"remote_addr":"1.2.3.4"}')).toMatchObject({ reject: expect.stringContaining('no time field') });
    expect(parse('[1,2]')).toEqual({ reject: 'not a JSON object' });
  });
});

describe('timestamps', () => {
  it('parses CLF by hand, with offsets, and refuses broken ones', () => {
    expect(parseClfTime('17/May/2015:10:05:03 +0000')).toBe(Date.UTC(2015, 4, 17, 10, 5, 3));
    expect(parseClfTime('23/Nov/2025:06:41:02 +0100')).toBe(Date.UTC(2025, 10, 23, 5, 41, 2));
    expect(parseClfTime('01/Jan/2020:00:30:00 -0930')).toBe(Date.UTC(2020, 0, 1, 10, 0, 0));
    expect(parseClfTime('17/Mai/2015:10:05:03 +0000')).toBeNaN();
    expect(parseClfTime('17/May/2015:25:05:03 +0000')).toBeNaN();
    expect(parseClfTime('17/May/2015:10:05:03')).toBeNaN();
  });

  it('ISO with offset is an instant; zoneless is local and gets the zone (DST-aware)', () => {
    expect(parseTimestampText('2025-11-23T07:02:11+01:00')).toEqual({ kind: 'instant', ms: Date.UTC(2025, 10, 23, 6, 2, 11) });
    expect(parseTimestampText('2026-05-01 10:00:00 +0200')).toEqual({ kind: 'instant', ms: Date.UTC(2026, 4, 1, 8) });
    expect(parseTimestampText('2025-11-23T06:05:00Z')).toEqual({ kind: 'instant', ms: Date.UTC(2025, 10, 23, 6, 5) });
    const winter = parseTimestampText('2025-11-23 06:41:12');
    const summer = parseTimestampText('14/07/2025 08:00');
    expect(winter?.kind).toBe('local');
    expect(summer?.kind).toBe('local');
    if (winter?.kind === 'local') expect(localToUtc(winter.parts, 'Europe/Paris')).toBe(Date.UTC(2025, 10, 23, 5, 41, 12));
    if (summer?.kind === 'local') {
      expect(localToUtc(summer.parts, 'Europe/Paris')).toBe(Date.UTC(2025, 6, 14, 6, 0));
      expect(applyZoneText(summer.parts, 'CEST')).toBe(Date.UTC(2025, 6, 14, 6, 0));
      expect(applyZoneText(summer.parts, 'UTC+02:00')).toBe(Date.UTC(2025, 6, 14, 6, 0));
      expect(applyZoneText(summer.parts, 'Nowhere/Else')).toBeNull();
    }
    const gap = parseTimestampText('2025-03-30 02:30:00');
    if (gap?.kind === 'local') expect(localToUtc(gap.parts, 'Europe/Paris')).toBeNull();
    expect(parseTimestampText('yesterday')).toBeNull();
    expect(parseTimestampText('2025-13-01 00:00')).toBeNull();
  });
});

describe('client address behind trusted proxies', () => {
  it('takes the right-most untrusted hop only when the connecting address is trusted', () => {
    expect(proxies.clientIp('10.0.0.2', '90.12.34.56')).toBe('90.12.34.56');
    expect(proxies.clientIp('10.0.0.2', '6.6.6.6, 90.12.34.56, 10.0.0.9')).toBe('90.12.34.56');
    expect(proxies.clientIp('203.0.113.50', '198.51.100.7')).toBe('203.0.113.50');
    expect(proxies.clientIp('::1', '2a01:cb00::1')).toBe('2a01:cb00::1');
    expect(proxies.clientIp('fd00::5', '192.168.1.1, 10.1.1.1')).toBe('192.168.1.1');
    expect(proxies.clientIp('127.0.0.1', '-')).toBe('127.0.0.1');
    const custom = new TrustedProxies(['203.0.113.0/24']);
    expect(custom.clientIp('203.0.113.50', '198.51.100.7:4431')).toBe('198.51.100.7');
    expect(custom.clientIp('10.0.0.2', '198.51.100.7')).toBe('10.0.0.2');
    expect(() => new TrustedProxies(['10.0.0.0/33'])).toThrow(/10.0.0.0\/33/);
  });

  it('reads IPv4, IPv6 and IPv4-mapped forms', () => {
    expect(ipToBytes('::ffff:10.1.2.3')).toEqual(ipToBytes('10.1.2.3'));
    expect(ipToBytes('2001:db8::1')?.[15]).toBe(1);
    expect(ipToBytes('1.2.3.256')).toBeNull();
    expect(ipToBytes('not-an-ip')).toBeNull();
  });
});

describe('card numbers', () => {
  it('masks Luhn-valid PANs anywhere (spaces, dashes), leaves other numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(maskPans('pan=4111111111111111&x=1')).toBe('pan=411111******1111&x=1');
    expect(maskPans('card 5555-5555-5555-4444 ok')).toBe('card 555555******4444 ok');
    expect(maskPans('amex 3782 822463 10005')).toBe('amex 378282*****0005');
    expect(maskPans('order 4111111111111112')).toBe('order 4111111111111112'); // not Luhn-valid
    expect(maskPans('phone 06 12 34 56 78, ts 1763876480125')).toBe('phone 06 12 34 56 78, ts 1763876480125');
    expect(maskPans('id 41111111111111111111111')).toBe('id 41111111111111111111111'); // 23-digit run
  });

  it('derives BIN/last4 and the strongest card key', () => {
    expect(binAndLast4('411111******1111')).toEqual({ bin: '411111', last4: '1111' });
    expect(binAndLast4('4111 11** **** 1111')).toEqual({ bin: '411111', last4: '1111' });
    expect(binAndLast4('**** 1111')).toEqual({ bin: null, last4: '1111' });
    const base = { card_fingerprint: null, card_bin: null, card_last4: null, card_expiry: null, card_brand: null };
    expect(cardKey({ ...base, card_fingerprint: 'Xt5', card_last4: '4242' })).toEqual({ key: 'fp:Xt5', kind: 'fingerprint' });
    expect(cardKey({ ...base, card_bin: '411111', card_last4: '1111', card_expiry: '04/27' })).toEqual({ key: 'bin:411111:1111:04/27', kind: 'bin_last4_exp' });
    expect(cardKey({ ...base, card_brand: 'Visa', card_last4: '4242' })).toEqual({ key: 'brand:visa:4242', kind: 'brand_last4' });
    expect(cardKey({ ...base, card_last4: '4242' })).toBeNull();
    expect(normaliseExpiry('4', '2027', null)).toBe('04/27');
    expect(normaliseExpiry(null, null, '12/2027')).toBe('12/27');
    expect(normaliseExpiry(null, null, '2027-12')).toBe('12/27');
  });

  it('reads amounts with decimal comma or dot', () => {
    expect(parseAmount('129,90')).toBe(129.9);
    expect(parseAmount('1 234,50')).toBe(1234.5);
    expect(parseAmount('1.234,50')).toBe(1234.5);
    expect(parseAmount('1,234.50')).toBe(1234.5);
    expect(parseAmount('€12.50')).toBe(12.5);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('abc')).toBeNaN();
  });
});

describe('CSV sniffing', () => {
  it('detects each preset from its own sample header, and no preset from an unrelated one', () => {
    for (const p of CSV_PRESETS) {
      const header = parseCsvHeader([p.sample.header], p.sample.delimiter);
      expect(sniffDelimiter(p.sample.header)).toBe(p.sample.delimiter);
      const hit = detectPreset(header.map((h) => ` ${h.toUpperCase()} `));
      expect([hit?.name, hit?.variant]).toEqual([p.name, p.variant]);
    }
    expect(detectPreset(['When', 'Client address', 'Mail'])).toBeNull();
    expect(isBreachListHeader(['email', 'phone', 'first_name', 'last_name'])).toBe(true);
    expect(isBreachListHeader(['email', 'order_id'])).toBe(false);
  });

  it('chooses UTF-8 unless the bytes are not UTF-8 (then Windows-1252)', () => {
    expect(detectEncoding(Buffer.from('café;x', 'utf8'), false)).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x63, 0x61, 0x66, 0xe9]), false)).toBe('windows-1252');
    // A head cut in the middle of "é" is still UTF-8.
    expect(detectEncoding(Buffer.from('café', 'utf8').subarray(0, 4), true)).toBe('utf-8');
  });
});
