// Block impact that tells the truth (issue 8): what blocking an address would cut of legitimate business, with the
// card tester's own throwaway identities — their orders, what they came to and what was paid — reported apart, and
// one test per trick a tester would use to make a block look costly.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { translator } from '../../../src/core/i18n/translator';
import { CHROME, HOUR, MIN, newCase, T0, type TestCase } from '../../support/newCase';
import { addressVerdict, attempt, cardTester, DECISION, decisionCase, NET, ordinaryDay, paidOrders, providerWebhooks, PYTHON_UA, STRIPE_UA } from '../../support/scenarios';

let c: TestCase;
afterEach(() => c?.close());

const en = translator('en');
const fr = translator('fr');

describe("block impact: the tester's throwaway identities are not the shop's business", () => {
  it('orders and payments of throwaway identities are reported apart (count, amount, paid), not counted as orders cut', () => {
    c = newCase();
    ordinaryDay(c);
    // 12 throwaway identities, amounts 1, 2, 3, 1, 2, 3… (24 in all); the 6th and 12th cards go through (3 + 3 paid)
    cardTester(c, { ip: NET.hosting, ua: PYTHON_UA, n: 12, gap: 20_000, viaApi: true, okEvery: 6 });
    const a = analyzeCase(c.db);
    const { p, b, reasons } = addressVerdict(a, NET.hosting);
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
    const claire = addressVerdict(a, NET.residential2).b;
    expect(claire).toMatchObject({ lockedOut: 1, orders: 1, successfulPayments: 1, throwawayOrders: 0 });
  });

  it('amounts are summed per currency', () => {
    c = newCase();
    ordinaryDay(c);
    cardTester(c, { ip: NET.hosting, ua: PYTHON_UA, n: 6, gap: 20_000, viaApi: true, okEvery: 3 });
    c.db.prepare(`UPDATE events SET currency = 'eur' WHERE kind IN ('order','payment') AND email LIKE 'buyer%'`).run();
    const { b, reasons } = addressVerdict(analyzeCase(c.db), NET.hosting);
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
    const { p, b, reasons } = addressVerdict(a, NET.hosting);
    expect(p.role).toBe('attacker');
    expect(b).toMatchObject({ verdict: 'safe', lockedOut: 0, orders: 0, successfulPayments: 0, throwawayOrders: 10, possibly: { customers: 1, orders: 1, payments: 1 } });
    expect(reasons).toContain("1 identity is possibly the tester's own (paid just before the declines, or had cards declined here during them: a warm-up order or a hijacked account — or a customer who shared the address); between 0 and 1 customer would be locked out (1 order and 1 payment not counted for sure); check them before blocking");
    expect(fr.msg(b.reasonMsgs!.find((m) => m.id === 'blockImpact.possibly')!).replace(/\u00a0/g, ' ')).toBe(
      '1 identité est peut-être celle du testeur (a payé juste avant les refus, ou a vu des cartes refusées ici pendant ceux-ci : commande d’amorçage ou compte détourné — ou client qui partageait l’adresse) ; le blocage exclurait entre 0 et 1 client (1 commande et 1 paiement non comptés avec certitude) ; à vérifier avant de bloquer',
    );
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
    const { b } = addressVerdict(analyzeCase(c.db), NET.hosting);
    expect(b).toMatchObject({ verdict: 'safe', orders: 0, throwawayIdentities: 9, throwawayOrders: 11, possibly: { customers: 0 } });
  });

  it('a patient tester warming up hours before (same day) is still only "possibly" a customer', () => {
    c = newCase();
    ordinaryDay(c);
    const from = T0 + 8 * HOUR;
    attempt(c, { ts: from - 5 * HOUR, ip: NET.hosting, ua: CHROME, email: 'marie.lambert@outlook.fr', card: 'fp_warm', ok: true, amount: 35 });
    cardTester(c, { ip: NET.hosting, ua: CHROME, n: 10, gap: 60_000, from, domain: 'gmail.com' });
    const { b } = addressVerdict(analyzeCase(c.db), NET.hosting);
    expect(b).toMatchObject({ verdict: 'safe', lockedOut: 0, orders: 0, possibly: { customers: 1, orders: 1, payments: 1 } });
  });

  it('warmed up from a clean address, then used to test cards on the attacking one → possibly, not a customer locked out', () => {
    c = newCase();
    ordinaryDay(c);
    const from = T0 + 2 * HOUR;
    const id = { ua: CHROME, email: 'jean.dupont1987@gmail.com' };
    attempt(c, { ts: from - 10 * MIN, ip: '86.247.10.20', ...id, card: 'fp_warm', ok: true, amount: 35 });
    attempt(c, { ts: from + 30_000, ip: NET.hosting, ...id, card: 'fp_w1', ok: false, amount: 1, reason: 'Your card number is incorrect.' });
    attempt(c, { ts: from + 50_000, ip: NET.hosting, ...id, card: 'fp_w2', ok: false, amount: 1, reason: 'Your card number is incorrect.' });
    cardTester(c, { ip: NET.hosting, ua: CHROME, n: 8, gap: 60_000, from: from + MIN, domain: 'gmail.com' });
    const { b } = addressVerdict(analyzeCase(c.db), NET.hosting);
    expect(b).toMatchObject({ verdict: 'safe', lockedOut: 0, orders: 0, throwawayOrders: 8, possibly: { customers: 1, orders: 2, payments: 0 } });
  });

  it("an account with a history at home, used by the tester here with cards declined under it → possibly: its owner does not use this address", () => {
    c = newCase();
    ordinaryDay(c);
    const from = T0 + 2 * HOUR;
    const id = { ua: CHROME, email: 'paul.girard@example.fr', cid: '950' };
    attempt(c, { ts: T0 - 30 * 24 * HOUR, ip: '86.247.10.20', ...id, card: 'fp_paul', ok: true, amount: 64 });
    for (const k of [1, 2, 3]) attempt(c, { ts: from + k * 20_000, ip: NET.hosting, ...id, card: `fp_p${k}`, ok: false, amount: 1, reason: 'Your card number is incorrect.' });
    cardTester(c, { ip: NET.hosting, ua: CHROME, n: 8, gap: 60_000, from: from + 2 * MIN, domain: 'gmail.com' });
    const { b } = addressVerdict(analyzeCase(c.db), NET.hosting);
    expect(b).toMatchObject({ verdict: 'safe', lockedOut: 0, orders: 0, throwawayOrders: 8, possibly: { customers: 1, orders: 3, payments: 0 } });
  });

  it('a real customer who shares the address (bought there days before the attack) is counted: caution, her orders cut, the throwaways apart', () => {
    c = newCase();
    ordinaryDay(c);
    const ip = '90.14.100.20';
    const anne = { ip, ua: CHROME, email: 'anne.leroy@example.fr', cid: '930' };
    attempt(c, { ts: T0 - 3 * 24 * HOUR, ...anne, card: 'fp_anne', ok: true, amount: 72 });
    attempt(c, { ts: T0 + 3 * HOUR, ...anne, card: 'fp_anne', ok: true, amount: 40 });
    cardTester(c, { ip, ua: PYTHON_UA, n: 8, gap: 30_000, viaApi: true, from: T0 + 2 * HOUR, domain: 'yopmail.com' });
    const { p, b, reasons } = addressVerdict(analyzeCase(c.db), ip);
    expect(p.role).toBe('attacker');
    expect(b).toMatchObject({ verdict: 'caution', lockedOut: 1, orders: 2, successfulPayments: 2, throwawayOrders: 8, possibly: { customers: 0 } });
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
    const { b } = addressVerdict(analyzeCase(c.db), ip);
    expect(b).toMatchObject({ verdict: 'caution', lockedOut: 1, orders: 1, possibly: { customers: 0 } });
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
      const { p, b } = addressVerdict(a, ip);
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
    const { b } = addressVerdict(analyzeCase(c.db), NET.residential);
    expect(b).toMatchObject({ verdict: 'caution', lockedOut: 1, orders: 4, successfulPayments: 2, throwawayOrders: 0, possibly: { customers: 0, orders: 0, payments: 0 } });
  });
});

const DUO = ['162.243.150.10', '51.38.0.10'];

describe('block impact: the reasons say what the counts say', () => {
  it('a customer whose order was never paid: the safe verdict names her, not "no real customer"', () => {
    c = newCase();
    ordinaryDay(c);
    c.add({ kind: 'order', ts: T0 + HOUR, order_id: 'P1', email: 'lea.p@example.fr', customer_id: '940', ip: NET.residential, user_agent: CHROME, amount: 30, decision: 'pending' });
    const { b, reasons } = addressVerdict(analyzeCase(c.db), NET.residential);
    expect(b).toMatchObject({ lockedOut: 1, orders: 1, successfulPayments: 0 });
    expect(reasons).not.toContain('no real customer');
    expect(reasons).toMatch(/1 customer without a successful payment from here: blocking cuts 1 event/);
  });
});

describe('block impact: ranges and the provider', () => {
  it('the /24 proposal sums what each address would cut: the testers\' orders stay apart', () => {
    c = newCase();
    ordinaryDay(c);
    cardTester(c, { ip: '162.243.150.10', ua: PYTHON_UA, n: 8, gap: 20_000, viaApi: true, from: T0 + 2 * HOUR, domain: 'guerrillamail.com' });
    cardTester(c, { ip: '162.243.150.11', ua: PYTHON_UA, n: 8, gap: 20_000, viaApi: true, from: T0 + 3 * HOUR, domain: 'yopmail.com' });
    const { b } = addressVerdict(analyzeCase(c.db), '162.243.150.10');
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
    const { b, reasons } = addressVerdict(analyzeCase(c.db), '2a01:cb00:1234:5600::1');
    const wide = b.proposals.find((x) => x.scope === 'prefix')!;
    expect(wide.impact).toMatchObject({ customers: 0, orders: 0, successfulPayments: 0, throwawayOrders: 8, abusiveEvents: 16, events: 16 });
    // the address alone says the same as its /64: its one identity is the tester's, not a customer it would lock out
    expect(b).toMatchObject({ verdict: 'safe', lockedOut: 0, orders: 0, throwawayIdentities: 1, throwawayOrders: 1 });
    expect(b.proposals[0].impact).toMatchObject({ customers: 0, orders: 0, abusiveEvents: 2 });
    expect(reasons).toContain('no real customer');
  });

  it("webhook URLs with the provider's own event ids (not the shop's order ids) fall back to the payments just before each call", () => {
    c = newCase();
    const payments = paidOrders(c, 5);
    providerWebhooks(c, { ip: NET.stripe, ua: STRIPE_UA, path: (o) => `/?wc-api=wc_stripe&id=evt_${o.toLowerCase()}x9`, payments });
    const { p, b } = addressVerdict(analyzeCase(c.db), NET.stripe);
    expect(b).toMatchObject({ role: 'provider', verdict: 'do-not-block', providerCalls: 5, providerOrders: 5, orders: 5 });
    // and the role's evidence says how they were linked: by the payments, not by the URLs
    expect(p.signals.join(' | ')).toContain('its webhook calls follow 5 payments by a few seconds');
    expect(p.signals.join(' | ')).not.toContain('its webhook URLs name');
  });

  it("card testing from inside the provider's published range (a conflict): do not block until the analyst decides, but the counts say it notified nothing and placed only throwaway orders", () => {
    c = newCase();
    decisionCase(c);
    const { p, b, reasons } = addressVerdict(analyzeCase(c.db), DECISION.conflicted);
    expect(p.role).toBe('provider');
    expect(p.conflict).toBeDefined();
    expect(b).toMatchObject({ verdict: 'do-not-block', providerOrders: 0, orders: 0, lockedOut: 0, successfulPayments: 0, throwawayOrders: 6, throwawayIdentities: 6 });
    expect(reasons).toContain('payment notifications for 0 orders of 0 customers (0 provider calls)');
    expect(reasons).toContain("orders placed by the tester's throwaway identities: 6");
  });

  it("an unlisted provider seen only once (one webhook after one payment) is not proven a provider, but blocking it is never called safe", () => {
    c = newCase();
    ordinaryDay(c);
    const payments = paidOrders(c, 1, T0 + 4 * HOUR);
    providerWebhooks(c, { ip: '51.91.102.137', ua: 'TicketPay-Webhooks/2.4', path: () => '/api/payment/notify', payments });
    const { p, b, reasons } = addressVerdict(analyzeCase(c.db), '51.91.102.137');
    expect(p.role).not.toBe('provider');
    expect(b).toMatchObject({ verdict: 'caution', providerCalls: 1 });
    expect(reasons).toContain("1 webhook-shaped call following 1 payment of the case: possibly the payment provider's notifications");
    expect(reasons).not.toContain('no provider traffic');
  });

  it('a shopper posting webhook-shaped calls after its own payments does not make its block look costly', () => {
    c = newCase();
    ordinaryDay(c);
    const ip = '90.14.100.20';
    const paid = [0, 1].map((i) => {
      const t = T0 + 4 * HOUR + i * 10 * MIN;
      attempt(c, { ts: t, ip, ua: CHROME, email: `lou${i}@example.fr`, card: `fp_l${i}`, ok: true, amount: 20 });
      return { order: `x${i}`, ts: t };
    });
    providerWebhooks(c, { ip, ua: 'TicketPay-Webhooks/2.4', path: () => '/api/payment/notify', payments: paid });
    const { p, b, reasons } = addressVerdict(analyzeCase(c.db), ip);
    expect(p.role).not.toBe('provider');
    expect(reasons).not.toContain('possibly the payment provider');
    expect(b.verdict).toBe('caution'); // for its two customers' payments, not for the calls
    expect(reasons).toContain('would have blocked 2 successful payments of real customers');
  });

  it("the provider's block impact names the customers of the orders it notifies (its webhooks carry none)", () => {
    c = newCase();
    const payments = paidOrders(c, 6);
    providerWebhooks(c, { ip: NET.stripe, ua: STRIPE_UA, path: () => '/?wc-api=wc_stripe', payments });
    const { b, reasons } = addressVerdict(analyzeCase(c.db), NET.stripe);
    expect(b).toMatchObject({ role: 'provider', verdict: 'do-not-block', providerOrders: 6, orders: 6, customers: 6, lockedOut: 6 });
    expect(reasons).toMatch(/notifications for 6 orders of 6 customers \(6 provider calls\)/);
  });
});
