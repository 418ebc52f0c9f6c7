// Nginx main with X-Forwarded-For and JSON lines, imported end to end from fixture files.
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/core/import/importFile';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { events } from '../../support/caseState';

describe('nginx main with X-Forwarded-For', () => {
  it('keeps the whole chain and names the client per the default trusted proxies', async () => {
    const { db } = newCase();
    const r = await importFile(db, fixture('nginx-main.log'));
    expect(r).toMatchObject({ format: 'nginx-main', accepted: 5, rejected: 0, first: '2025-11-23T05:41:02.000Z', last: '2025-11-23T05:41:23.000Z' });
    const ev = events(db);
    expect(ev.map((e) => [e.ip, e.xff, e.client_ip])).toEqual([
      ['10.0.0.2', '90.12.34.56', '90.12.34.56'],
      ['10.0.0.2', '6.6.6.6, 90.12.34.56, 10.0.0.9', '90.12.34.56'], // the left-most hop is forgeable
      ['52.18.7.9', null, '52.18.7.9'],
      ['203.0.113.50', '198.51.100.7', '203.0.113.50'], // an untrusted peer's XFF is not believed
      ['10.0.0.2', '10.0.0.8, 127.0.0.1', '10.0.0.8'],
    ]);
    // Hostile text is stored as text, unescaped from the log's \" quoting.
    expect(ev[3]).toMatchObject({ path: '/?q="<b>x</b>"', user_agent: "=cmd|' /C calc'!A0", status: 404 });
  });

  it('uses the configured trusted proxies instead', async () => {
    const { db } = newCase();
    await importFile(db, fixture('nginx-main.log'), { trustedProxies: ['203.0.113.0/24'] });
    expect(events(db).map((e) => e.client_ip)).toEqual(['10.0.0.2', '10.0.0.2', '52.18.7.9', '198.51.100.7', '10.0.0.2']);
    const src = db.prepare('SELECT mapping_json FROM sources').get() as { mapping_json: string };
    expect(JSON.parse(src.mapping_json)).toEqual({ trusted_proxies: ['203.0.113.0/24'] });
  });

  it('a forced format parses the file as that format: as combined, the XFF field is only trailing text', async () => {
    const { db } = newCase();
    const r = await importFile(db, fixture('nginx-main.log'), { format: 'combined' });
    expect(r).toMatchObject({ format: 'combined', accepted: 5 });
    const first = events(db)[0];
    expect([first.xff, first.client_ip, JSON.parse(first.extra as string)]).toEqual([null, '10.0.0.2', { trailing: '"90.12.34.56"' }]);
    const { db: db2 } = newCase();
    await expect(importFile(db2, fixture('nginx-main.log'), { format: 'common' })).rejects.toThrow(/5 of 5 rows rejected/);
  });

  it('a combined log with a quoted Host after the User-Agent is combined, not nginx-main', async () => {
    const { db } = newCase();
    const file = join(tmpDir(), 'vhost.log');
    writeFileSync(file, '203.0.113.9 - - [23/Nov/2025:06:41:02 +0100] "GET / HTTP/1.1" 200 10 "-" "Mozilla/5.0" "shop.example"\n');
    const r = await importFile(db, file);
    expect(r.format).toBe('combined');
    expect(events(db)[0]).toMatchObject({ xff: null, extra: '{"trailing":"\\"shop.example\\""}' });
  });
});

describe('JSON lines', () => {
  it('detects jsonl, maps aliases, decodes \\xXX escapes as UTF-8, keeps unknown keys in extra, rejects the bad line', async () => {
    const { db } = newCase();
    const r = await importFile(db, fixture('nginx-json.log'));
    expect(r).toMatchObject({ format: 'jsonl', accepted: 3, rejected: 1 });
    const ev = events(db);
    expect(ev[0]).toMatchObject({ ip: '93.180.71.3', status: 304, path: '/downloads/product_1', ts: Date.UTC(2015, 4, 17, 8, 5, 32) });
    expect(ev[1]).toMatchObject({ ip: '10.0.0.2', client_ip: '90.12.34.56', path: '/search?q="café"', ts: Date.UTC(2025, 10, 23, 5, 41, 2) });
    expect(ev[2]).toMatchObject({ ts: 1763876480125, method: 'POST', status: 201 });
    expect(JSON.parse(ev[2].extra as string)).toEqual({ upstream_addr: '127.0.0.1:9000' });
    expect(db.prepare('SELECT row_no, reason FROM rejects').all()).toEqual([{ row_no: 4, reason: 'line 4: not a JSON object' }]);
  });
});
