// The analysis CLI commands, run as a user would (built bundle, real process, JSON out, exit codes).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOf } from '../support/cli';
import { CHROME, MIN, newCase, T0, tmpDir, type TestCase, WEBHOOK_UA } from '../support/newCase';
import { recordSyntheticImports } from '../support/syntheticImports';
import { REPO } from '../support/paths';

/** The CLI's own per-user folder (trusted cases) for this test file. */
const alibi = cliOf(tmpDir('alibi-cli-home-'));
let c: TestCase;

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, encoding: 'utf8' });
  expect(b.status, b.stderr).toBe(0);
  c = newCase();
  for (let i = 0; i < 4; i++) {
    c.add({ kind: 'order', ts: T0 + i * MIN, order_id: `O${i}`, customer_id: `c${i}`, email: `c${i}@example.org`, ip: `90.14.207.${10 + i}`, user_agent: CHROME, decision: 'completed' });
    c.add({ kind: 'provider_call', ts: T0 + i * MIN + 1000, ip: '51.91.102.137', path: '/api/payment/notify', user_agent: WEBHOOK_UA, order_id: `O${i}` });
  }
  recordSyntheticImports(c.db);
  c.db.close();
});
afterAll(() => c?.close());

describe('alibi analysis commands', () => {
  it('ips --json and block-impact --json', () => {
    const ips = alibi('ips', c.path, '--json');
    expect(ips.code, ips.err).toBe(0);
    const list = JSON.parse(ips.out) as { ip: string; role: string }[];
    expect(list.find((p) => p.ip === '51.91.102.137')?.role).toBe('provider');
    const b = alibi('block-impact', c.path, '51.91.102.137', '--json');
    expect(JSON.parse(b.out)).toMatchObject({ verdict: 'do-not-block', orders: 4, customers: 4 });
    expect(alibi('block-impact', c.path, 'nonsense').code).toBe(2);
  });

  it('infra add/list/rm and role overrides are audited; bad input is a usage error', () => {
    // The case was built by the test, not by this user's alibi: the first write needs their consent.
    expect(alibi('infra', c.path, 'add', '203.0.113.0/24', '--role', 'cdn', '--label', 'CDN').code).toBe(1);
    expect(alibi('infra', c.path, 'add', '203.0.113.0/24', '--role', 'cdn', '--label', 'CDN', '--accept').code).toBe(0);
    const list = JSON.parse(alibi('infra', c.path, 'list', '--json').out) as { id: number; cidr: string }[];
    expect(list.map((e) => e.cidr)).toEqual(['203.0.113.0/24']);
    expect(alibi('infra', c.path, 'rm', String(list[0].id)).code).toBe(0);
    expect(alibi('infra', c.path, 'add', '203.0.113.0/24', '--role', 'enemy', '--label', 'x').code).toBe(2);
    expect(alibi('role', c.path, '90.14.207.10', 'shared', '--reason', 'office').code).toBe(0);
    const ips = JSON.parse(alibi('ips', c.path, '--json').out) as { ip: string; role: string; override?: unknown }[];
    expect(ips.find((p) => p.ip === '90.14.207.10')).toMatchObject({ role: 'shared', override: { reason: 'office' } });
    expect(alibi('verify', c.path).code).toBe(0);
  });

  it('analyze --json carries every part and the data attribution; findings accepts thresholds', () => {
    const a = JSON.parse(alibi('analyze', c.path, '--json').out);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['ips', 'findings', 'breach', 'dataSources', 'thresholds']));
    expect(a.dataSources[0].attribution).toMatch(/RouteViews and DB-IP, CC BY 4\.0/);
    expect(alibi('findings', c.path, '--threshold', 'cardsPerEmail24h=3', '--json').code).toBe(0);
    expect(alibi('findings', c.path, '--threshold', 'bogus=1').code).toBe(2);
  });

  it('human output of analyze and verify never prints control characters from a (received) case', () => {
    const h = newCase();
    try {
      const ESC = '\u001b';
      h.add({ kind: 'order', ts: T0, order_id: 'O1', customer_id: `${ESC}[2Jc1`, email: `${ESC}j@example.net`, ip: '90.14.207.10', user_agent: CHROME });
      h.add({ kind: 'provider_call', ts: T0 + MIN, ip: `51.91.102.137${ESC}[31m`, path: '/api/payment/notify', user_agent: WEBHOOK_UA });
      h.db.prepare(`UPDATE sources SET file_name = ?`).run(`orders${ESC}]0;pwned\u0007\nsource 9 fake.csv: ok.csv`);
      h.db.close();
      const list = join(h.dir, 'breach.csv');
      writeFileSync(list, `email,name\n${ESC}j@example.net,JULIEN\n`);
      expect(alibi('import', h.path, list, '--breach', 'Leak', '--accept').code).toBe(0);
      const a = alibi('analyze', h.path);
      expect(a.code, a.err).toBe(0);
      expect(a.out).toMatch(/email +\?\*\*\*@example\.net +Leak +\?\[2Jc1/);
      expect(a.out).not.toContain(ESC);
      const ips = alibi('ips', h.path);
      expect(ips.out).toContain('51.91.102.137?[31m');
      expect(ips.out).not.toContain(ESC);
      const v = alibi('verify', h.path);
      expect(v.out).toContain('source 1 orders?]0;pwned??source 9 fake.csv: ok.csv: ');
      expect(v.out).not.toContain(ESC);
      expect(v.out).not.toContain('\u0007');
    } finally {
      h.close();
    }
  });

  it('file-system refusals (missing folder, a folder as --out or as a case) are clean messages, no stack trace (review R1)', () => {
    for (const args of [
      ['report', c.path, '--out', join(c.dir, 'no-such-folder', 'r.html')],
      ['export', c.path, 'events', '--out', c.dir],
      ['open-check', c.dir],
    ]) {
      const r = alibi(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toMatch(/^alibi: .+\n  what to do: /);
      expect(r.err, args.join(' ')).not.toMatch(/unexpected error|\n +at /);
    }
    for (const t of ['cardsPerIp1h=-1', 'cardsPerIp1h=', 'toString=1']) expect(alibi('findings', c.path, '--threshold', t).code, t).toBe(2);
    const bad = alibi('rejects', c.path, '--source', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--source: "abc" is not a source id/);
  });
});

