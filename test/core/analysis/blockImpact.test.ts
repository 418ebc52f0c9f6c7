// Block impact that tells the truth (issue 8): what blocking an address would cut of legitimate business, with the
// card tester's own throwaway identities — their orders, what they came to and what was paid — reported apart, and
// one test per trick a tester would use to make a block look costly.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import type { BlockImpact, CaseAnalysis, IpProfile } from '../../../src/core/analysis/types';
import { translator } from '../../../src/core/i18n/translator';
import { CHROME, HOUR, MIN, newCase, T0, type TestCase } from '../../support/newCase';
import { attempt, cardTester, NET, ordinaryDay, paidOrders, providerWebhooks, PYTHON_UA, STRIPE_UA } from '../../support/scenarios';

let c: TestCase;
afterEach(() => c?.close());

const en = translator('en');
const fr = translator('fr');

function of(a: CaseAnalysis, ip: string): { p: IpProfile; b: BlockImpact; reasons: string } {
  const i = a.ips.findIndex((x) => x.ip === ip);
  expect(i, `${ip} analysed`).toBeGreaterThanOrEqual(0);
  const b = a.blocks[i];
  return { p: a.ips[i], b, reasons: en.saidAll(b.reasonMsgs, b.reasons).join(' | ') };
}

describe("block impact: the tester's throwaway identities are not the shop's business", () => {
  it('orders and payments of throwaway identities are reported apart (count, amount, paid), not counted as orders cut', () => {
    c = newCase();
    ordinaryDay(c);
    // 12 throwaway identities, amounts 1, 2, 3, 1, 2, 3… (24 in all); the 6th and 12th cards go through (3 + 3 paid)
    cardTester(c, { ip: NET.hosting, ua: PYTHON_UA, n: 12, gap: 20_000, viaApi: true, okEvery: 6 });
    const a = analyzeCase(c.db);
    const { p, b, reasons } = of(a, NET.hosting);
    expect(p.role).toBe('attacker');
    expect(b.verdict).toBe('safe');
    expect(b.orders).toBe(0);
    expect(b.successfulPayments).toBe(0);
    expect(b.lockedOut).toBe(0);
    expect(b.throwawayOrders).toBe(12);
    expect(b.throwawayPayments).toBe(2);
    expect(b.throwawayAmounts).toEqual([{ currency: null, ordered: 24, paid: 6 }]);
    expect(reasons).toContain("orders placed by the tester's throwaway identities: 12, amount 24.00, 2 paid (6.00) — not legitimate revenue, not counted as orders cut");
    const [address] = b.proposals;
    expect(address.impact).toMatchObject({ customers: 0, orders: 0, successfulPayments: 0, throwawayOrders: 12 });
    expect(en.msg(address.msg!)).toMatch(/would cut 0 customers, 0 orders, 0 legitimate payments, 0 provider calls; stops \d+ abusive events of \d+; not counted: 12 orders by the tester's throwaway identities$/);
    expect(fr.msg(address.msg!)).toMatch(/couperait 0 client, 0 commande, 0 paiement légitime, 0 appel du prestataire ; arrête \d+ événements abusifs sur \d+\u00a0; non comptées\u00a0: 12 commandes des identités jetables du testeur$/);
    expect(fr.msg(b.reasonMsgs!.find((m) => m.id === 'blockImpact.throwaway')!)).toContain('commandes passées par les identités jetables du testeur\u00a0: 12, pour 24,00, dont 2 payées (6,00)');
    // the real customers of the same day keep their orders
    const claire = of(a, NET.residential2).b;
    expect(claire).toMatchObject({ lockedOut: 1, orders: 1, successfulPayments: 1, throwawayOrders: 0 });
  });

  it('amounts are summed per currency', () => {
    c = newCase();
    ordinaryDay(c);
    cardTester(c, { ip: NET.hosting, ua: PYTHON_UA, n: 6, gap: 20_000, viaApi: true, okEvery: 3 });
    c.db.prepare(`UPDATE events SET currency = 'eur' WHERE kind IN ('order','payment') AND email LIKE 'buyer%'`).run();
    const { b, reasons } = of(analyzeCase(c.db), NET.hosting);
    expect(b.throwawayAmounts).toEqual([{ currency: 'EUR', ordered: 12, paid: 6 }]);
    expect(reasons).toContain('6, amount 12.00 EUR, 2 paid (6.00 EUR)');
  });

  it('a warm-up order with a real-looking gmail minutes before the declines → "possibly" the tester\'s: shown beside the counts, not a reason to spare the attacker', () => {
    c = newCase();
    ordinaryDay(c);
    const from = T0 + 2 * HOUR;
    attempt(c, { ts: from - 4 * MIN, ip: NET.hosting, ua: CHROME, email: 'jean.dupont1987@gmail.com', card: 'fp_warm', ok: true, amount: 35 });
    cardTester(c, { ip: NET.hosting, ua: CHROME, n: 10, gap: 60_000, from, domain: 'gmail.com' });
    const a = analyzeCase(c.db);
    const { p, b, reasons } = of(a, NET.hosting);
    expect(p.role).toBe('attacker');
    expect(b.verdict).toBe('safe');
    expect(b.lockedOut).toBe(0);
    expect(b.possibly).toEqual({ customers: 1, orders: 1, payments: 1 });
    expect(b.orders).toBe(0);
    expect(b.successfulPayments).toBe(0);
    expect(b.throwawayOrders).toBe(10);
    expect(reasons).toMatch(/1 identity is possibly the tester's own: paid shortly before the declines began, only from testing addresses .* between 0 and 1 customers would be locked out \(1 order and 1 payment not counted for sure\); check them before blocking/);
    expect(en.msg(b.proposals[0].msg!)).toContain('0 provider calls, possibly 1 more customer (1 order); stops');
  });

  it('a warm-up identity then used to test cards (declines under it) is one of the throwaway identities', () => {
    c = newCase();
    ordinaryDay(c);
    const from = T0 + 2 * HOUR;
    const warm = { ip: NET.hosting, ua: CHROME, email: 'jean.dupont1987@gmail.com' };
    attempt(c, { ts: from - 4 * MIN, ...warm, card: 'fp_warm', ok: true, amount: 35 });
    attempt(c, { ts: from + 30_000, ...warm, card: 'fp_w1', ok: false, amount: 1, reason: 'Your card number is incorrect.' });
    attempt(c, { ts: from + 50_000, ...warm, card: 'fp_w2', ok: false, amount: 1, reason: 'Your card number is incorrect.' });
    cardTester(c, { ip: NET.hosting, ua: CHROME, n: 8, gap: 60_000, from: from + MIN, domain: 'gmail.com' });
    const { b } = of(analyzeCase(c.db), NET.hosting);
    expect(b.verdict).toBe('safe');
    expect(b.possibly.customers).toBe(0);
    expect(b.throwawayIdentities).toBe(9);
    expect(b.throwawayOrders).toBe(11);
    expect(b.orders).toBe(0);
  });

  it('a real customer who shares the address (bought there days before the attack) is counted: caution, her orders cut, the throwaways apart', () => {
    c = newCase();
    ordinaryDay(c);
    const ip = '90.14.100.20';
    const anne = { ip, ua: CHROME, email: 'anne.leroy@example.fr', cid: '930' };
    attempt(c, { ts: T0 - 3 * 24 * HOUR, ...anne, card: 'fp_anne', ok: true, amount: 72 });
    attempt(c, { ts: T0 + 3 * HOUR, ...anne, card: 'fp_anne', ok: true, amount: 40 });
    cardTester(c, { ip, ua: PYTHON_UA, n: 8, gap: 30_000, viaApi: true, from: T0 + 2 * HOUR, domain: 'yopmail.com' });
    const { p, b, reasons } = of(analyzeCase(c.db), ip);
    expect(p.role).toBe('attacker');
    expect(b.verdict).toBe('caution');
    expect(b.lockedOut).toBe(1);
    expect(b.orders).toBe(2);
    expect(b.successfulPayments).toBe(2);
    expect(b.throwawayOrders).toBe(8);
    expect(b.possibly.customers).toBe(0);
    expect(reasons).toMatch(/1 customer with a history uses this address/);
  });

  it('a customer seen on her own home address too is counted, even with her only purchase just before the declines', () => {
    c = newCase();
    ordinaryDay(c);
    const ip = '90.14.100.20';
    const sofia = { ua: CHROME, email: 'sofia.n@example.org', cid: '931' };
    // browsing and an abandoned order from home the day before; her purchase from the shared address
    c.add({ kind: 'order', ts: T0 - 20 * HOUR, order_id: 'H1', email: sofia.email, customer_id: sofia.cid, ip: NET.residential, user_agent: CHROME, amount: 20, decision: 'pending' });
    attempt(c, { ts: T0 + 2 * HOUR - 5 * MIN, ip, ...sofia, card: 'fp_sofia', ok: true, amount: 40 });
    cardTester(c, { ip, ua: PYTHON_UA, n: 8, gap: 30_000, viaApi: true, from: T0 + 2 * HOUR, domain: 'yopmail.com' });
    const { b } = of(analyzeCase(c.db), ip);
    expect(b.lockedOut).toBe(1);
    expect(b.possibly.customers).toBe(0);
    expect(b.orders).toBe(1);
    expect(b.verdict).toBe('caution');
  });

  it('the same throwaway identities rotated over two of the tester\'s addresses are still throwaway at each', () => {
    c = newCase();
    ordinaryDay(c);
    const emails = cardTester(c, { ip: DUO[0], ua: PYTHON_UA, n: 8, gap: 20_000, viaApi: true, domain: 'gmail.com' });
    emails.forEach((email, i) =>
      attempt(c, { ts: T0 + 2 * HOUR + i * 20_000, ip: DUO[1], ua: PYTHON_UA, email, card: `fp_d${i}`, ok: false, amount: 1, reason: "Your card's security code is incorrect.", path: '/wp-json/wc/store/v1/checkout' }),
    );
    const a = analyzeCase(c.db);
    for (const ip of DUO) {
      const { p, b } = of(a, ip);
      expect(p.role, ip).toBe('attacker');
      expect(b.verdict, ip).toBe('safe');
      expect(b.lockedOut, ip).toBe(0);
      expect(b.orders, ip).toBe(0);
      expect(b.throwawayOrders, ip).toBe(8);
    }
  });

  it('a lone customer\'s own declines are not an attack with throwaways: the sample-like household keeps its orders counted', () => {
    c = newCase();
    ordinaryDay(c);
    const j = { ip: NET.residential, ua: CHROME, email: 'julien.moreau@example.net', cid: '1874' };
    attempt(c, { ts: T0, ...j, card: 'fpJ', ok: true, amount: 148 });
    attempt(c, { ts: T0 + 7 * MIN, ...j, card: 'fpJ', ok: false, amount: 210, reason: 'Your card has insufficient funds.' });
    attempt(c, { ts: T0 + 11 * MIN, ...j, card: 'fpC', ok: true, amount: 210 });
    attempt(c, { ts: T0 + 20 * MIN, ...j, card: 'fpJ', ok: false, amount: 54, reason: 'Blocked by anti-fraud rule' });
    const { b } = of(analyzeCase(c.db), NET.residential);
    expect(b).toMatchObject({ verdict: 'caution', lockedOut: 1, orders: 4, successfulPayments: 2, throwawayOrders: 0, possibly: { customers: 0, orders: 0, payments: 0 } });
  });
});

const DUO = ['162.243.150.10', '51.38.0.10'];

describe('block impact: ranges and the provider', () => {
  it('the /24 proposal sums what each address would cut: the testers\' orders stay apart', () => {
    c = newCase();
    ordinaryDay(c);
    cardTester(c, { ip: '162.243.150.10', ua: PYTHON_UA, n: 8, gap: 20_000, viaApi: true, from: T0 + 2 * HOUR, domain: 'guerrillamail.com' });
    cardTester(c, { ip: '162.243.150.11', ua: PYTHON_UA, n: 8, gap: 20_000, viaApi: true, from: T0 + 3 * HOUR, domain: 'yopmail.com' });
    const { b } = of(analyzeCase(c.db), '162.243.150.10');
    const wide = b.proposals.find((x) => x.scope === 'prefix')!;
    expect(wide).toMatchObject({ target: '162.243.150.0/24', hours: 24, verdict: 'safe' });
    expect(wide.impact).toMatchObject({ customers: 0, orders: 0, successfulPayments: 0, throwawayOrders: 16 });
  });

  it('an IPv6 tester rotating inside its /64: the /64 proposal counts its orders as the tester\'s', () => {
    c = newCase();
    ordinaryDay(c);
    for (let i = 0; i < 8; i++) {
      attempt(c, { ts: T0 + i * 40_000, ip: `2a01:cb00:1234:5600::${(i + 1).toString(16)}`, ua: CHROME, email: `r${i}@mailinator.com`, card: `fp_r${i}`, ok: false, amount: 1, reason: "Your card's security code is incorrect." });
    }
    const { b } = of(analyzeCase(c.db), '2a01:cb00:1234:5600::1');
    const wide = b.proposals.find((x) => x.scope === 'prefix')!;
    expect(wide.impact).toMatchObject({ customers: 0, orders: 0, successfulPayments: 0, throwawayOrders: 8 });
  });

  it("the provider's block impact names the customers of the orders it notifies (its webhooks carry none)", () => {
    c = newCase();
    const payments = paidOrders(c, 6);
    providerWebhooks(c, { ip: NET.stripe, ua: STRIPE_UA, path: () => '/?wc-api=wc_stripe', payments });
    const { b, reasons } = of(analyzeCase(c.db), NET.stripe);
    expect(b).toMatchObject({ role: 'provider', verdict: 'do-not-block', providerOrders: 6, orders: 6, customers: 6, lockedOut: 6 });
    expect(reasons).toMatch(/notifications for 6 orders of 6 customers \(6 provider calls\)/);
  });
});
