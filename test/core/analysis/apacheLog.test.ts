// The real Apache combined log (elastic/examples, 10,000 lines): crawlers such as Googlebot come out `crawler`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyIps } from '../../../src/core/analysis/ipRoles';
import type { IpProfile } from '../../../src/core/analysis/types';
import { importFile } from '../../../src/core/import/importFile';
import { newCase, type TestCase } from '../../support/newCase';
import { APACHE_LOG } from '../../support/paths';

const LOG = APACHE_LOG;
let c: TestCase;
let ips: IpProfile[];

beforeAll(async () => {
  c = newCase('UTC');
  await importFile(c.db, LOG);
  ips = classifyIps(c.db);
});
afterAll(() => c?.close());

describe('real Apache log', () => {
  it('Googlebot addresses (AS15169) are crawlers, with the reason in words', () => {
    for (const ip of ['66.249.73.135', '66.249.73.185']) {
      const p = ips.find((x) => x.ip === ip)!;
      expect(p.role, ip).toBe('crawler');
      expect(p.asn).toBe(15169);
      expect(p.signals[0]).toMatch(/crawler user agent \(Googlebot/);
    }
  });

  it('no address of a log without orders is called customer or provider, and every event is accounted for', () => {
    expect(ips.filter((p) => p.role === 'customer' || p.role === 'shared')).toEqual([]);
    const total = (c.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    expect(ips.reduce((s, p) => s + p.events, 0)).toBe(total);
    expect(ips.filter((p) => p.role === 'crawler').length).toBeGreaterThan(5);
  });
});
