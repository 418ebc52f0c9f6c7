// Web-log formats end to end: each format's documented sample lines and lnav's real-world samples (read in place)
// import with exact counts and UTC instants; a malformed line keeps its number and reason; detection never
// confuses two formats; behind a CDN the client is the CDN's header, believed only from the CDN's own ranges.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importFile } from '../../../src/core/import/importFile';
import { LOG_FORMATS, detectLogFormat, logFormat } from '../../../src/core/import/logFormats';
import { sniffFormat } from '../../../src/core/import/sniff';
import { LNAV_LOGS, REPO } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { events } from '../../support/caseState';

const LNAV = LNAV_LOGS;

function write(name: string, lines: string[]): string {
  const file = join(tmpDir(), name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const iso = (ms: unknown) => new Date(ms as number).toISOString();

describe('documented samples import with exact counts and UTC instants', () => {
  const expected: Record<string, { accepted: number; skipped?: number; first: string; tz?: string }> = {
    'nginx-main': { accepted: 3, first: '2025-11-23T05:41:02.000Z' },
    combined: { accepted: 3, first: '2000-10-10T20:55:36.000Z' },
    common: { accepted: 2, first: '2000-10-10T20:55:36.000Z' },
    'aws-alb': { accepted: 3, first: '2018-07-02T22:23:00.186Z' },
    // HAProxy writes its accept date in the server's local time: the case zone (Europe/Paris) is assumed, and recorded.
    'haproxy-http': { accepted: 2, first: '2009-02-06T11:14:14.655Z', tz: 'Europe/Paris' },
    'iis-w3c': { accepted: 2, skipped: 4, first: '2025-11-23T05:41:02.000Z' },
    'cloudflare-logpush': { accepted: 2, first: '2017-09-29T16:28:24.433Z' },
    caddy: { accepted: 1, skipped: 1, first: '2022-03-09T21:30:01.524Z' },
    jsonl: { accepted: 4, first: '2015-05-17T08:05:32.000Z' },
  };
  for (const f of LOG_FORMATS) {
    it(`${f.name}`, async () => {
      const { db } = newCase('Europe/Paris');
      const r = await importFile(db, write(`${f.name}.log`, f.samples));
      const want = expected[f.name];
      expect(want, `expectations for ${f.name}`).toBeDefined();
      expect(r).toMatchObject({ format: f.name, accepted: want.accepted, rejected: 0, first: want.first });
      expect(r.skipped ?? 0).toBe(want.skipped ?? 0);
      const src = db.prepare('SELECT tz, tz_assumed FROM sources').get();
      expect(src).toEqual(want.tz ? { tz: want.tz, tz_assumed: 1 } : { tz: null, tz_assumed: 0 });
    });
  }

  it('field by field: ALB, HAProxy, IIS, Cloudflare, Caddy', async () => {
    const { db } = newCase('Europe/Paris');
    for (const name of ['aws-alb', 'haproxy-http', 'iis-w3c', 'cloudflare-logpush', 'caddy']) {
      await importFile(db, write(`${name}.log`, logFormat(name)!.samples));
    }
    const ev = events(db);
    const bySource = (id: number) => ev.filter((e) => e.source_id === id);
    expect(bySource(1)[1]).toMatchObject({ ip: '192.168.131.39', method: 'GET', path: '/', status: 200, bytes: 57, user_agent: 'curl/7.46.0' });
    expect(JSON.parse(bySource(1)[1].extra as string)).toMatchObject({ port: '2817', domain_name: 'www.example.com', trace_id: 'Root=1-58337281-1d84f3d73c47ec4e58577259' });
    expect(bySource(2)[1]).toMatchObject({ ip: '10.0.1.2', method: 'GET', path: '/missing', status: 404, bytes: 172, user_agent: 'curl/8.5.0' });
    expect(bySource(2)[0].user_agent).toBeNull(); // {1wt.eu} is a captured Host, not a user agent
    expect(bySource(3)[0]).toMatchObject({
      ip: '90.12.34.56', method: 'GET', path: '/checkout?step=2', status: 200, user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      referer: 'https://shop.example/cart', ts_text: '2025-11-23 05:41:02',
    });
    expect(bySource(4)[1]).toMatchObject({
      ip: '2a01:cb00:1:2::7', client_ip: '2a01:cb00:1:2::7', method: 'POST', path: '/checkout?step=pay', status: 302, bytes: 2310,
      ts: Date.UTC(2025, 10, 23, 5, 41, 2),
    });
    expect(JSON.parse(bySource(4)[1].extra as string)).toMatchObject({ RayID: '8e7f6a5b4c3d2e1f', ClientCountry: 'fr', ClientASN: 3215 });
    expect(bySource(5)[0]).toMatchObject({ ip: '127.0.0.1', method: 'GET', path: '/', status: 200, bytes: 10900, user_agent: 'curl/7.82.0' });
  });
});

describe("lnav's real-world samples, read in place", () => {
  const cases: [string, string, { accepted: number; skipped: number; first: string; last: string }][] = [
    ['logfile_w3c_big.0', 'iis-w3c', { accepted: 210, skipped: 44, first: '2015-01-13T00:32:17.000Z', last: '2015-01-13T23:15:41.000Z' }],
    ['logfile_w3c.0', 'iis-w3c', { accepted: 1, skipped: 4, first: '2002-05-02T17:42:15.000Z', last: '2002-05-02T17:42:15.000Z' }],
    // 13 HTTP requests; 3 start-up messages and 1 TLS handshake failure are the proxy's own lines, not requests.
    ['logfile_haproxy.0', 'haproxy-http', { accepted: 13, skipped: 4, first: '2019-02-25T16:19:48.143Z', last: '2019-02-25T16:20:14.317Z' }],
    ['logfile_caddy_log.0', 'caddy', { accepted: 4, skipped: 35, first: '2025-10-21T04:10:28.615Z', last: '2025-10-21T04:12:37.925Z' }],
    ['logfile_access_log.0', 'combined', { accepted: 3, skipped: 0, first: '2009-07-20T22:59:26.000Z', last: '2009-07-20T22:59:29.000Z' }],
  ];
  for (const [file, format, want] of cases) {
    it(`${file} → ${format}`, async () => {
      const { db } = newCase('UTC');
      const r = await importFile(db, join(LNAV, file));
      expect(r).toMatchObject({ format, accepted: want.accepted, rejected: 0, first: want.first, last: want.last });
      expect(r.skipped ?? 0).toBe(want.skipped);
    });
  }

  it('IIS: the user agent has its + back to spaces, the server address stays in extra', async () => {
    const { db } = newCase('UTC');
    await importFile(db, join(LNAV, 'logfile_w3c_big.0'));
    const first = events(db)[0];
    expect(first).toMatchObject({ ip: '157.55.39.146', path: '/robots.txt', status: 404, bytes: 1405, user_agent: 'Mozilla/5.0 (compatible; bingbot/2.0;  http://www.bing.com/bingbot.htm)' });
    expect(JSON.parse(first.extra as string)).toMatchObject({ 's-ip': '100.79.192.81', 'time-taken': '283' });
  });
});

describe('a malformed line keeps its line number and reason, in every format', () => {
  const broken: Record<string, string> = {
    'nginx-main': '10.0.0.5 - - [99/Nov/2025:06:41:02 +0100] "GET / HTTP/1.1" 200 1 "-" "x" "-"',
    combined: '1.2.3.4 - - [23/Nov/2025:06:41:02 +0100] "GET / HTTP/1.1" 2000 1 "-" "x"',
    common: '1.2.3.4 - - [garbage] "GET / HTTP/1.1" 200 1',
    'aws-alb': 'http 2018-07-02T22:23:00.186641Z app/lb/1 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34',
    'haproxy-http': '10.0.1.2:33317 [31/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"',
    'iis-w3c': '2025-11-23 05:41:03 10.0.0.4 GET /short',
    'cloudflare-logpush': '{"ClientIP":"1.2.3.4","RayID":"x","EdgeStartTimestamp":"yesterday"}',
    caddy: '{"level":"info","ts":1646861401.5,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"127.0.0.1"',
    jsonl: '{"remote_addr":"1.2.3.4","request":"GET / HTTP/1.1"}',
  };
  for (const f of LOG_FORMATS) {
    it(f.name, async () => {
      const { db } = newCase('UTC');
      const lines = [...f.samples];
      lines.splice(f.samples.length - 1, 0, broken[f.name]);
      const brokenLine = f.samples.length; // 1-based number of the inserted line
      const r = await importFile(db, write(`${f.name}-broken.log`, lines));
      expect(r).toMatchObject({ format: f.name, rejected: 1 });
      const rej = db.prepare('SELECT row_no, reason, raw FROM rejects').all() as { row_no: number; reason: string; raw: string }[];
      expect(rej).toHaveLength(1);
      expect(rej[0].row_no).toBe(brokenLine);
      expect(rej[0].reason).toMatch(new RegExp(`^line ${brokenLine}: \\S`));
      expect(rej[0].raw).toBe(broken[f.name]);
    });
  }
});

describe('detection never confuses two formats', () => {
  // Known superset: an nginx-main line is also a valid combined line with an appended field; the more specific
  // declaration comes first, and detection takes it.
  const supersets = new Set(['nginx-main→combined']);
  for (const f of LOG_FORMATS) {
    it(`${f.name} samples are ${f.name}, and no other format claims them`, () => {
      expect(detectLogFormat(f.samples)?.name).toBe(f.name);
      expect(sniffFormat(f.samples)).toMatchObject({ type: 'log', format: { name: f.name } });
      for (const g of LOG_FORMATS) {
        if (g === f || supersets.has(`${f.name}→${g.name}`)) continue;
        expect(detectLogFormat(f.samples, [g])?.name, `${g.name} on ${f.name} samples`).toBeUndefined();
      }
    });
  }
});

describe('behind a CDN', () => {
  it("takes CF-Connecting-IP only from Cloudflare's own ranges; anyone else's header is not believed", async () => {
    const { db } = newCase('UTC');
    const line = (remote: string, cf: string) =>
      JSON.stringify({
        level: 'info', ts: 1763876462.5, logger: 'http.log.access.log0', msg: 'handled request', status: 200, size: 10,
        request: { remote_ip: remote, remote_port: '5555', client_ip: remote, method: 'GET', host: 'shop.example', uri: '/', headers: { 'User-Agent': ['Mozilla/5.0'], 'Cf-Connecting-Ip': [cf] } },
      });
    await importFile(db, write('caddy-cf.log', [line('172.70.1.2', '90.12.34.56'), line('2a06:98c0:3600::103', '2a01:cb00:1:2::7'), line('198.51.100.9', '6.6.6.6')]));
    expect(events(db).map((e) => [e.ip, e.client_ip])).toEqual([
      ['172.70.1.2', '90.12.34.56'],
      ['2a06:98c0:3600::103', '2a01:cb00:1:2::7'],
      ['198.51.100.9', '198.51.100.9'], // a forged header sent straight to the shop
    ]);
  });

  it('nginx JSON logs with $http_cf_connecting_ip and IIS with a cs(True-Client-IP) field resolve the same way', async () => {
    const { db } = newCase('UTC');
    await importFile(db, write('nginx-cf.log', [
      '{"time_iso8601":"2025-11-23T06:41:02+01:00","remote_addr":"162.158.4.5","request":"GET / HTTP/1.1","status":200,"http_cf_connecting_ip":"90.12.34.56","http_x_forwarded_for":"6.6.6.6, 90.12.34.56"}',
    ]));
    await importFile(db, write('iis-cdn.log', [
      '#Fields: date time c-ip cs-method cs-uri-stem sc-status cs(True-Client-IP)',
      '2025-11-23 05:41:02 104.16.1.1 GET / 200 90.12.34.56',
      '2025-11-23 05:41:03 203.0.113.7 GET / 200 6.6.6.6',
    ]));
    expect(events(db).map((e) => e.client_ip)).toEqual(['90.12.34.56', '90.12.34.56', '203.0.113.7']);
  });
});

describe('sniffing reads the whole first line', () => {
  it('a valid log whose first line is longer than the 64 KiB sniffing window is detected, not refused', async () => {
    const { db } = newCase('UTC');
    const good = '90.12.34.56 - - [23/Nov/2025:06:41:02 +0100] "GET /cart HTTP/1.1" 200 512 "-" "Mozilla/5.0"';
    const long = good.replace('/cart', '/search?q=' + 'a'.repeat(300 * 1024));
    const r = await importFile(db, write('long-first.log', [long, good, good]));
    expect(r).toMatchObject({ format: 'combined', accepted: 3, rejected: 0 });
  });

  it('the same in a gzipped file', async () => {
    const { gzipSync } = await import('node:zlib');
    const { db } = newCase('UTC');
    const good = '90.12.34.56 - - [23/Nov/2025:06:41:02 +0100] "GET /cart HTTP/1.1" 200 512 "-" "Mozilla/5.0"';
    const file = join(tmpDir(), 'long-first.log.gz');
    writeFileSync(file, gzipSync([good.replace('/cart', '/?q=' + 'b'.repeat(200 * 1024)), good].join('\n')));
    expect(await importFile(db, file)).toMatchObject({ format: 'combined', accepted: 2 });
  });
});

describe('large files go through the parse thread with the same rules', () => {
  it('a 9 MB IIS log with header blocks repeated: every request imported, every directive skipped', async () => {
    const { db } = newCase('UTC');
    const f = logFormat('iis-w3c')!;
    const block = [...f.samples.slice(0, 4), ...Array.from({ length: 500 }, (_, i) => f.samples[4].replace('05:41:02', `05:41:${String(i % 60).padStart(2, '0')}`))];
    const lines: string[] = [];
    while (lines.join('\n').length < 9 * 1024 * 1024 && lines.length < 200_000) lines.push(...block);
    const blocks = lines.length / block.length;
    const r = await importFile(db, write('big-iis.log', lines));
    expect(r).toMatchObject({ format: 'iis-w3c', accepted: blocks * 500, rejected: 0, skipped: blocks * 4 });
  });

  it('a 9 MB HAProxy log: local times in the case zone, recorded as assumed', async () => {
    const { db } = newCase('America/New_York');
    const line = logFormat('haproxy-http')!.samples[0];
    const n = Math.ceil((9 * 1024 * 1024) / line.length);
    const r = await importFile(db, write('big-haproxy.log', Array.from({ length: n }, () => line)));
    expect(r).toMatchObject({ accepted: n, first: '2009-02-06T17:14:14.655Z' });
    expect(db.prepare('SELECT tz, tz_assumed FROM sources').get()).toEqual({ tz: 'America/New_York', tz_assumed: 1 });
  });
});
