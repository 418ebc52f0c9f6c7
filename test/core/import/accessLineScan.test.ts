// The access-log scanner (the fast path of common, combined and nginx-main lines) against the reference it
// replaces: every line it accepts must give the event the format's regex gives, and the line shape, protocol and
// CLF offset accessLineShape and clfOffset work out from it; lines it cannot vouch for go to the regex. Checked on
// the real Apache log, the sample shop's nginx log, lnav's access logs, the bench's generated log and hostile
// variants of their lines.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessLineScanner, accessLineScanner } from '../../../src/core/import/accessLineScan';
import { accessLineShape, clfOffset, LINE_FORMAT } from '../../../src/core/casefile/eventLines';
import { logParser } from '../../../src/core/import/logLines';
import { DEFAULT_TRUSTED_PROXIES, TrustedProxies } from '../../../src/core/import/trustedProxies';
import { writeCombinedLog } from '../../../bench/combinedLog';
import { APACHE_LOG, LNAV_LOGS, samplePath } from '../../support/paths';
import { tmpDir } from '../../support/newCase';

const proxies = new TrustedProxies(DEFAULT_TRUSTED_PROXIES);
const FORMATS = ['common', 'combined', 'nginx-main'] as const;
const linesOf = (path: string) => readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');

/** The line read both ways; true when the scanner took it (and then both agree on everything). */
function agree(format: string, line: string, scanner: AccessLineScanner): boolean {
  const scanned = scanner.scan(line);
  if (!scanned) return false;
  const reference = logParser(format, proxies)(line);
  expect(reference, line).not.toHaveProperty('reject');
  expect({ ...scanned }, line).toEqual(reference);
  const e = reference as Exclude<typeof reference, { reject: string } | { skip: string }>;
  const shape = accessLineShape(line, e, LINE_FORMAT[format]);
  expect(shape, line).not.toBeNull();
  expect({ shape: scanner.shape, proto: scanner.proto }, line).toEqual(shape);
  expect(scanner.offset, line).toBe(clfOffset(e.ts, e.ts_text));
  return true;
}

/** Variants of a real line an attacker or an odd server could write. */
function variants(line: string): string[] {
  const out = [
    line.replace(' - - [', ' - frank ['), // a remote user
    line.replace(' - - [', ' -  - ['),
    `${line} "extra"`, `${line} `, `${line}\t`, // appended fields, trailing blanks
    line.replace(/" (\d{3}) /, '" 0$1 '), line.replace(/" (\d{3}) /, '" 099 '), line.replace(/" (\d{3}) /, '" 000 '), line.replace(/" (\d{3}) /, '" - '),
    line.replace(/" (\d{3}) (\d+)/, '" $1 0$2'), line.replace(/" (\d{3}) (\d+)/, '" $1 -'), line.replace(/" (\d{3}) (\d+)/, '" $1 12345678901234567890'),
    line.replace(/" (\d{3}) (\d+)/, '" $1 0'), line.replace(/" (\d{3}) [\d-]+/, '" $1 '),
    line.replace(/"-"/, '""'), line.replace(/"-"/, '"\\"-"'), line.replace(/"([^"]*)"$/, '"$1\\""'), line.replace(/"([^"]*)"$/, '""'),
    line.replace(/"(GET|POST|HEAD) /, '"$1 http://shop.example'), line.replace(/"(GET|POST|HEAD) /, '"$1 https://shop.example:443'),
    line.replace(/"(GET|POST|HEAD) /, '"get '), line.replace(/"(GET|POST|HEAD) /, '"$1  '), line.replace(/"(GET|POST|HEAD) /, '"$1 /a b'),
    line.replace(/ HTTP\/1\.[01]"/, '"'), line.replace(/ HTTP\/1\.[01]"/, ' HTTP/1.1 "'), line.replace(/ HTTP\/1\.[01]"/, ' http/1.1"'),
    line.replace(/ HTTP\/1\.[01]"/, ' HTTP/1.1.1.1.1.1.1.1"'), line.replace(/ HTTP\/1\.[01]"/, ' HTTP/2.0"'), line.replace(/ HTTP\/1\.[01]"/, ' HTTP/1.1;x"'),
    line.replace(/\[(\d\d)\//, '[32/'), line.replace(/\[(\d\d)\//, '[1/'), line.replace(/ [+-]\d{4}\]/, ' +0530]'), line.replace(/ [+-]\d{4}\]/, ' -1200]'),
    line.replace(/ [+-]\d{4}\]/, ']'), line.replace(/:(\d\d) /, ':$1.123 '), line.replace(/:(\d\d):(\d\d) /, ':$1]$2 '), line.replace(/\/(\w{3})\//, '/may/'),
    line.replace(/^\S+/, '[2001:db8::1]'), line.replace(/^\S+/, '2001:db8::1'), line.replace(/^\S+/, 'hôte'), line.replace(/^\S+/, 'a\u00a0b'),
    line.replace(/"([^"]*)"$/, `"${'A'.repeat(9000)}"`), line.replace(/"([^"]*)"$/, '"Mozilla\u2028x"'), line.replace(/"([^"]*)"$/, '"\ud800"'),
    line.replace(/"([^"]*)"$/, '"nul\u0000"'), line.replace(/"([^"]*)"$/, '"tab\there"'), `${line} "90.12.34.56"`, `${line} "-"`, `${line} ""`,
    `${line} "unknown, 10.0.0.1"`, `${line} "90.12.34.56, 10.0.0.2"`, `${line} "evil.example"`, `${line} "1.2.3.4" rt=0.1`,
  ];
  return out.filter((v) => v !== line);
}

describe('access-log scanner', () => {
  it('reads the real Apache log as the combined regex does, nearly every line, and leaves the rest to it', () => {
    const scanner = accessLineScanner('combined', proxies)!;
    const lines = linesOf(APACHE_LOG);
    const taken = lines.filter((l) => agree('combined', l, scanner)).length;
    // The log's lines the scanner leaves (escaped quotes, appended fields…) still go through the regex.
    expect(taken).toBeGreaterThan(lines.length * 0.95);
    expect(taken).toBeLessThan(lines.length);
  });

  it('reads the sample nginx log (every request relayed by the shop proxy) as the nginx-main regex does', () => {
    const scanner = accessLineScanner('nginx-main', proxies)!;
    const lines = linesOf(samplePath('shop-access.log'));
    // All but the hostile line with backslash escapes, which the regex unescapes.
    expect(lines.filter((l) => !agree('nginx-main', l, scanner))).toEqual(lines.filter((l) => l.includes('\\')));
    expect(lines.filter((l) => l.includes('\\')).length).toBe(1);
    expect(scanner.event.client_ip).not.toBe(scanner.event.ip);
  });

  it("reads lnav's access logs and the bench's generated log as the regex does", async () => {
    const generated = join(tmpDir(), 'generated.log');
    await writeCombinedLog(generated, 20_000);
    for (const path of [join(LNAV_LOGS, 'logfile_access_log.0'), join(LNAV_LOGS, 'logfile_access_log.1'), generated]) {
      for (const format of FORMATS) {
        const scanner = accessLineScanner(format, proxies)!;
        for (const l of linesOf(path)) agree(format, l, scanner);
      }
    }
    const scanner = accessLineScanner('combined', proxies)!;
    expect(linesOf(generated).every((l) => agree('combined', l, scanner))).toBe(true);
  });

  it('takes a hostile variant only when the regex reads it the same, with the same rebuildable shape', () => {
    const base = [...linesOf(APACHE_LOG).slice(0, 40), ...linesOf(samplePath('shop-access.log')).slice(0, 40)];
    let taken = 0;
    let left = 0;
    for (const format of FORMATS) {
      const scanner = accessLineScanner(format, proxies)!;
      for (const line of base) {
        for (const v of variants(line)) {
          if (agree(format, v, scanner)) taken++;
          else left++;
        }
      }
    }
    expect(taken).toBeGreaterThan(100);
    expect(left).toBeGreaterThan(taken);
  });

  it('reads a time that differs from the last one only in its seconds as the regex does (leap second, offset and day changes included)', () => {
    const scanner = accessLineScanner('combined', proxies)!;
    const at = (time: string) => `10.0.0.1 - - [${time}] "GET /a HTTP/1.1" 200 5 "-" "ua"`;
    const times = [
      '23/Nov/2025:06:41:02 +0100', '23/Nov/2025:06:41:03 +0100', '23/Nov/2025:06:41:59 +0100', '23/Nov/2025:06:41:60 +0100',
      '23/Nov/2025:06:41:59 +0100', '23/Nov/2025:06:41:00 +0100', '23/Nov/2025:06:41:7 +0100', '23/Nov/2025:06:41:09 +0100',
      '23/Nov/2025:06:41:70 +0100', '23/Nov/2025:06:41:10 -0100', '23/Nov/2025:06:41:11 -0100', '23/Nov/2025:06:41:12 +0100',
      '23/Nov/2025:06:42:12 +0100', '31/Nov/2025:06:42:13 +0100', '31/Nov/2025:06:42:14 +0100', '30/Nov/2025:23:59:59 -0000',
      '30/Nov/2025:23:59:58 -0000', '30/Nov/2025:23:59:58 +0000',
    ];
    const taken = times.filter((t) => agree('combined', at(t), scanner));
    expect(taken).not.toContain('23/Nov/2025:06:41:60 +0100'); // not rebuilt: the view would write 06:42:00
    expect(taken).not.toContain('31/Nov/2025:06:42:14 +0100');
    expect(taken.length).toBeGreaterThan(10);
    // The last one read again: its instant, not the one before's.
    expect(scanner.scan(at('30/Nov/2025:23:59:58 +0000'))!.ts).toBe(Date.UTC(2025, 10, 30, 23, 59, 58));
  });

  it('has no scanner for formats whose lines are not rebuilt', () => {
    expect(accessLineScanner('haproxy-http', proxies)).toBeNull();
    expect(accessLineScanner('aws-alb', proxies)).toBeNull();
    expect(accessLineScanner('iis-w3c', proxies)).toBeNull();
  });
});
