// The sample case end to end (resources/sample, see its README for who is who), imported file by file with the
// real importer, then analysed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { blockImpact } from '../../../src/core/analysis/blockImpact';
import type { CaseAnalysis } from '../../../src/core/analysis/types';
import { translator } from '../../../src/core/i18n/translator';
import { importBreachFile } from '../../../src/core/import/importBreach';
import { addInfra } from '../../../src/core/enrich/infraRegister';
import { importFile } from '../../../src/core/import/importFile';
import { newCase, type TestCase } from '../../support/newCase';
import { SAMPLE_DIR } from '../../support/paths';

const SAMPLE = SAMPLE_DIR;
const JULIEN_IP = '90.14.207.118';
const PROVIDER_IP = '51.91.102.137';
const SHARED_IP = '37.171.66.212';

let c: TestCase;
let a: CaseAnalysis;

beforeAll(async () => {
  c = newCase('Europe/Paris');
  for (const f of ['shop-access.log', 'shop-orders.csv', 'provider-transactions.csv', 'provider-antifraud.csv', 'provider-api-calls.csv']) {
    await importFile(c.db, join(SAMPLE, f), { tz: 'Europe/Paris' });
  }
  await importBreachFile(c.db, join(SAMPLE, 'breach-telecom-2025-08.csv'), { breachName: 'Telecom operator leak (Aug 2025)', breachDate: '2025-08' });
  a = analyzeCase(c.db);
});
afterAll(() => c?.close());

describe('sample case: without the infrastructure register', () => {
  it('the provider server is provider and Julien\'s home IP is customer — never swapped', () => {
    const role = (ip: string) => a.ips.find((p) => p.ip === ip)?.role;
    expect(role(PROVIDER_IP)).toBe('provider');
    expect(role(JULIEN_IP)).toBe('customer');
    expect(role(SHARED_IP)).toBe('shared');
    expect(role('10.0.0.2')).toBe('own');
    const provider = a.ips.find((p) => p.ip === PROVIDER_IP)!;
    expect(provider.signals.join(' | ')).toMatch(/TicketPay-Webhooks\/2\.4/);
    expect(provider.infra).toBeUndefined();
    for (const p of a.ips.filter((x) => x.ip.startsWith('66.249.'))) {
      expect(p.role, p.ip).toBe('crawler');
      expect(p.verified?.operator).toBe('Google');
    }
    // the vulnerability scanner is abusive automation, safe to block; nothing in the sample is an attacker shopper
    const scanner = a.ips.findIndex((p) => p.ip === '162.243.144.27');
    expect(a.ips[scanner].role).toBe('attacker');
    expect(a.blocks[scanner].verdict).toBe('safe');
    expect(a.ips.filter((p) => p.role === 'attacker').map((p) => p.ip)).toEqual(['162.243.144.27']);
    // analyzeCase carries the block impact of every address, the same as blockImpact()
    expect(a.blocks.map((b) => b.ip)).toEqual(a.ips.map((p) => p.ip));
    for (const ip of [PROVIDER_IP, JULIEN_IP, SHARED_IP]) expect(blockImpact(c.db, ip)).toEqual(a.blocks[a.ips.findIndex((p) => p.ip === ip)]);
    expect(a.timeChecks).toEqual([]);
  });

  it('one multi-card finding family on Julien, assessed as a household sharing cards; no card testing anywhere', () => {
    const onJulien = a.findings.filter((f) => ['julien.moreau@example.net', '1874', JULIEN_IP].includes(f.subject.value));
    expect(onJulien.map((f) => f.rule)).toContain('MC-1');
    for (const f of onJulien) expect(f.assessment.label, f.id).toBe('likely-legitimate-shared-cards');
    const mc1 = onJulien.find((f) => f.rule === 'MC-1')!;
    expect(mc1.metric.value).toBe(2);
    expect(mc1.summary).toMatch(/Multi-CB/);
    expect(a.findings.filter((f) => f.rule === 'CT-1')).toEqual([]);
    expect(a.findings.filter((f) => f.assessment.label === 'likely-card-testing')).toEqual([]);
    // many cards behind the CGNAT address are many people: reported, but low and explained
    const onShared = a.findings.filter((x) => x.subject.value === SHARED_IP);
    expect(onShared.length).toBeGreaterThan(0);
    for (const f of onShared) {
      expect(f.severity).toBe('low');
      expect(f.assessment.text).toMatch(/The address is shared/);
      // the note on the address is part of the assessment's message: French reads it in French
      const fr = translator('fr').said(f.assessment.textMsg, f.assessment.text);
      expect(fr).toMatch(/L’adresse est partagée \(CGNAT, opérateur mobile, bureau\) \(.+\)\u00a0: les cartes peuvent appartenir à différentes personnes/);
      expect(fr).not.toMatch(/The address/);
    }
  });

  it('Julien is found in the August 2025 telecom breach by e-mail and by phone', () => {
    const julien = a.breach.filter((h) => h.customers.includes('1874'));
    expect(julien.map((h) => h.identifierKind).sort()).toEqual(expect.arrayContaining(['email', 'phone']));
    for (const h of julien) expect(h).toMatchObject({ breachName: 'Telecom operator leak (Aug 2025)', breachDate: '2025-08' });
    expect(julien.find((h) => h.identifierKind === 'phone')!.display).toBe('+33 6 ** ** ** 27');
    // his e-mail and phone sit on one row of the list: one corroborated hit
    expect(julien.find((h) => h.identifierKind === 'email')).toMatchObject({ corroborated: true, sameRowKinds: expect.arrayContaining(['phone']) });
    expect(a.dataSources[0].attribution).toMatch(/RouteViews and DB-IP, CC BY 4\.0/);
  });

  it('blocking the provider would cut every order; blocking Julien is caution', () => {
    const prov = blockImpact(c.db, PROVIDER_IP);
    const orders = (c.db.prepare("SELECT count(DISTINCT order_id) AS n FROM events WHERE kind = 'order'").get() as { n: number }).n;
    expect(prov.verdict).toBe('do-not-block');
    expect(prov.orders).toBe(orders);
    // its notifications confirm every authorised payment of those orders
    const paid = (c.db.prepare("SELECT count(DISTINCT transaction_id) AS n FROM events WHERE kind = 'payment' AND decision = 'Paid'").get() as { n: number }).n;
    expect(prov.successfulPayments).toBe(paid);
    expect(blockImpact(c.db, SHARED_IP).verdict).toBe('do-not-block');
    expect(blockImpact(c.db, JULIEN_IP).verdict).toBe('caution');
  });
});

describe('sample case: with the infrastructure register', () => {
  it('register entries are named in the signals and keep the roles', () => {
    for (const e of JSON.parse(readFileSync(join(SAMPLE, 'infra.json'), 'utf8')) as { cidr: string; role: string; label: string }[]) {
      addInfra(c.db, e.cidr, e.role, e.label);
    }
    const b = analyzeCase(c.db);
    const prov = b.ips.find((p) => p.ip === PROVIDER_IP)!;
    expect(prov.role).toBe('provider');
    expect(prov.signals[0]).toMatch(/^in register: provider TicketPay/);
    // the register decides, and the traffic's own evidence still explains it
    expect(prov.signals.join('\n')).toMatch(/server SDK user agent \(TicketPay-Webhooks/);
    expect(prov.signals.join('\n')).toMatch(/hosting\/cloud ASN AS16276 OVH/);
    expect(b.ips.find((p) => p.ip === JULIEN_IP)!.role).toBe('customer');
  });
});
