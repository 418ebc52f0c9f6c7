// One test per adversary of issue 8: each builds the attack (or the honest pattern that used to be mistaken for
// one) from ordinary exports and asserts the role, the block verdict and the assessment analyzeCase gives.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { addInfra } from '../../../src/core/enrich/infraRegister';
import { lookupIp } from '../../../src/core/enrich/ipIndex';
import type { Attempt } from '../../../src/core/analysis/findings';
import { probeRuns } from '../../../src/core/analysis/testingBursts';
import { DEFAULT_THRESHOLDS } from '../../../src/core/vocabulary';
import { translator } from '../../../src/core/i18n/translator';
import { CHROME, HOUR, IPHONE, MIN, newCase, T0, type TestCase } from '../../support/newCase';
import { accountTakeover, addressVerdict, attempt, cardTester, cardTestingWave, distributedTester, proxyAddress, FIREFOX_LINUX, GOOGLEBOT_UA, NET, ordinaryDay, paidOrders, providerWebhooks, PYTHON_UA, STRIPE_UA } from '../../support/scenarios';

let c: TestCase;
afterEach(() => c?.close());

describe('adversaries: roles, block verdicts and assessments hold', () => {
  it('card tester with an HTTP library on a hosting server, posting to the checkout API with throwaway identities → attacker, safe to block, card testing', () => {
    c = newCase();
    ordinaryDay(c);
    cardTester(c, { ip: NET.hosting, ua: PYTHON_UA, n: 12, gap: 20_000, viaApi: true, okEvery: 6 });
    const a = analyzeCase(c.db);
    const { p, b, f } = addressVerdict(a, NET.hosting);
    expect(p.role).toBe('attacker');
    expect(p.scores.provider).toBeLessThan(0); // the shopper of declined payments is never the provider
    expect(p.evidence.some((e) => e.role === 'provider' && e.stance === 'against' && /shopper address/.test(e.text))).toBe(true);
    expect(p.throwawayIdentities).toBe(12);
    expect(b.verdict).toBe('safe');
    expect(b.lockedOut).toBe(0);
    expect(b.throwawayPayments).toBe(2); // their successes are not legitimate revenue
    expect(b.successfulPayments).toBe(0);
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.assessment.label, x.id).toBe('likely-card-testing');
    for (const x of f) expect(x.assessment.text, x.id).toMatch(/Block the source and review every card involved/);
    // the note on the address is part of the assessment, in each language
    for (const x of f) expect(translator('fr').said(x.assessment.textMsg, x.assessment.text), x.id).toMatch(/Bloquer la source.*L’adresse elle-même ressemble à une automatisation abusive \(/);
    expect(Math.max(...f.map((x) => x.assessment.declineClasses?.['card-data'] ?? 0))).toBeGreaterThanOrEqual(5);
    // every signal is tied to evidence events and the verdict says what would change it
    const forAttacker = p.evidence.filter((e) => e.role === 'attacker' && e.stance === 'for' && !e.cheap);
    expect(forAttacker.length).toBeGreaterThanOrEqual(2);
    for (const e of forAttacker) expect(e.eventIds.length, e.text).toBeGreaterThan(0);
    expect(p.wouldChange.length).toBeGreaterThan(0);
    expect(p.attackerWouldFake.join(' ')).toMatch(/decline rate/);
  });

  it('card tester with one browser user agent on a cloud address, ten throwaway e-mails minutes apart → attacker (not shared), finding not lowered', () => {
    c = newCase();
    ordinaryDay(c);
    cardTester(c, { ip: NET.hosting2, ua: CHROME, n: 10, gap: 90_000, domain: 'gmail.com' });
    const a = analyzeCase(c.db);
    const { p, b, f } = addressVerdict(a, NET.hosting2);
    expect(p.role).toBe('attacker');
    expect(p.scores.shared).toBeLessThan(0);
    expect(b.verdict).toBe('safe');
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) {
      expect(x.assessment.label).toBe('likely-card-testing');
      expect(x.severity).toBe('high');
      expect(x.assessment.text).not.toMatch(/belong to different people/);
    }
  });

  it('a Googlebot user agent from a Google Cloud VM (a network Google announces under its own AS15169) is a spoofed crawler, not Google', () => {
    c = newCase();
    ordinaryDay(c);
    const vm = '35.209.40.17'; // Google Cloud Compute, announced by AS15169, outside Google's published crawler ranges
    expect(lookupIp(vm).asn).toBe(15169);
    for (let k = 0; k < 40; k++) c.add({ kind: 'http_request', ts: T0 + k * 1500, ip: vm, method: 'GET', path: `/billet/${k}?sort=${k % 7}`, status: 200, user_agent: GOOGLEBOT_UA });
    const { p, b } = addressVerdict(analyzeCase(c.db), vm);
    expect(p.verified).toBeUndefined();
    expect(p.role).not.toBe('crawler');
    expect(p.spoofed?.operator).toBe('Google');
    expect(b.verdict).toBe('safe');
  });

  it('a search-engine user agent from a hosting server that probes the login page → spoofed crawler, attacker, safe to block', () => {
    c = newCase();
    ordinaryDay(c);
    for (let k = 0; k < 20; k++) c.add({ kind: 'http_request', ts: T0 + k * 2000, ip: NET.hosting, method: 'GET', path: `/p/${k}`, status: 200, user_agent: GOOGLEBOT_UA });
    for (let k = 0; k < 12; k++) c.add({ kind: 'http_request', ts: T0 + 60_000 + k * 1500, ip: NET.hosting, method: 'POST', path: '/wp-login.php', status: 200, user_agent: GOOGLEBOT_UA });
    // the real Googlebot, from Google's published range, only reads pages
    for (let k = 0; k < 5; k++) c.add({ kind: 'http_request', ts: T0 + k * MIN, ip: NET.googlebot, method: 'GET', path: `/p/${k}`, status: 200, user_agent: GOOGLEBOT_UA });
    const a = analyzeCase(c.db);
    const fake = addressVerdict(a, NET.hosting);
    expect(fake.p.role).toBe('attacker');
    expect(fake.p.spoofed?.operator).toBe('Google');
    expect(fake.b.verdict).toBe('safe');
    expect(fake.b.reasons.join(' ')).toMatch(/spoofed crawler, safe to block/);
    const real = addressVerdict(a, NET.googlebot);
    expect(real.p.role).toBe('crawler');
    expect(real.p.verified).toMatchObject({ operator: 'Google', by: 'published-range', snapshot: '2026-05-05' });
    expect(real.b.verdict).toBe('caution');
  });

  it("Stripe's webhook user agent from a cloud server outside Stripe's published addresses, notifying declined orders → forged notifications: attacker, safe to block; the real Stripe stays provider", () => {
    c = newCase();
    ordinaryDay(c);
    const paid = paidOrders(c, 4);
    providerWebhooks(c, { ip: NET.stripe, ua: STRIPE_UA, path: (o) => `/api/payment/notify?order_id=${o}`, payments: paid });
    // "payment succeeded" calls for orders whose payment the PSP declined: what a forged webhook is for
    const unpaid = [0, 1, 2, 3, 4].map((i) => attempt(c, { ts: T0 + 200 * MIN + i * 5 * MIN, ip: NET.residential2, ua: CHROME, email: `buyer${i}@example.com`, card: `fp_u${i}`, ok: false, amount: 300, reason: 'Your card was declined.' }));
    providerWebhooks(c, { ip: NET.hosting, ua: STRIPE_UA, path: (o) => `/api/payment/notify?order_id=${o}`, payments: unpaid.map((u, i) => ({ order: u.order, ts: T0 + 200 * MIN + i * 5 * MIN })) });
    const a = analyzeCase(c.db);
    const forged = addressVerdict(a, NET.hosting);
    expect(forged.p.role).toBe('attacker');
    expect(forged.p.spoofed?.operator).toBe('Stripe');
    expect(forged.p.scores.provider).toBeLessThan(0);
    expect(forged.p.evidence.some((x) => x.role === 'provider' && x.stance === 'against' && /outside the webhook addresses Stripe publishes/.test(x.text))).toBe(true);
    expect(forged.b.verdict).toBe('safe');
    const real = addressVerdict(a, NET.stripe);
    expect(real.p.role).toBe('provider');
    expect(real.p.verified).toMatchObject({ operator: 'Stripe', by: 'published-range' });
    expect(real.b.verdict).toBe('do-not-block');
  });

  it("a payment provider's webhooks from its published addresses, without order ids in the URL → provider, do not block, orders linked by the payments just before", () => {
    c = newCase();
    const payments = paidOrders(c, 6);
    providerWebhooks(c, { ip: NET.stripe, ua: STRIPE_UA, path: () => '/?wc-api=wc_stripe', payments });
    const a = analyzeCase(c.db);
    const { p, b } = addressVerdict(a, NET.stripe);
    expect(p.role).toBe('provider');
    expect(p.verified).toMatchObject({ operator: 'Stripe', by: 'published-range' });
    expect(b.verdict).toBe('do-not-block');
    expect(b.providerCalls).toBe(6);
    expect(b.providerOrders).toBe(6);
    expect(b.reasons[0]).toMatch(/notifications for 6 orders/);
  });

  it("a provider's webhook URLs that carry the order id → the orders it notifies are counted (not 0)", () => {
    c = newCase();
    const payments = paidOrders(c, 5);
    // an unlisted provider on OVH: webhook-shaped traffic alone (POST to the notify path, SDK user agent, no browsing)
    providerWebhooks(c, { ip: '51.91.102.137', ua: 'TicketPay-Webhooks/2.4', path: (o) => `/api/payment/notify?order_id=${o}`, payments });
    const a = analyzeCase(c.db);
    const { p, b } = addressVerdict(a, '51.91.102.137');
    expect(p.role).toBe('provider');
    // nothing outside the traffic proves the sender: a loud "check before blocking", not "safe" and not "do not block"
    expect(b.verdict).toBe('caution');
    expect(b.reasons[0]).toMatch(/^CHECK BEFORE BLOCKING: .*5 orders/);
    expect(b.providerOrders).toBe(5);
    expect(b.orders).toBeGreaterThanOrEqual(5);
    // once the analyst has checked it and entered it in the register, it is the provider: do not block
    addInfra(c.db, '51.91.102.137/32', 'provider', 'TicketPay webhooks');
    const registered = addressVerdict(analyzeCase(c.db), '51.91.102.137');
    expect(registered.b.verdict).toBe('do-not-block');
    expect(registered.b.reasons[0]).toMatch(/^DO NOT BLOCK: .*5 orders/);
  });

  it('forged payment notifications (a PayPal IPN user agent from a rented server, naming the forger\'s own unpaid orders) are not "do not block"', () => {
    c = newCase();
    ordinaryDay(c);
    const forger = NET.hosting2;
    for (let i = 0; i < 4; i++) {
      const ts = T0 + 3 * HOUR + i * 20 * MIN;
      const shopper = `90.14.207.${50 + i}`;
      for (let k = 0; k < 3; k++) c.add({ kind: 'http_request', ts: ts - 3 * MIN + k * 20_000, ip: shopper, method: 'GET', path: `/billet/${k}`, status: 200, user_agent: CHROME });
      c.add({ kind: 'order', ts, order_id: `X${i}`, transaction_id: null, email: `buyer${i}@gmail.com`, customer_id: null, ip: shopper, user_agent: CHROME, amount: 480, decision: 'on-hold' });
      c.add({ kind: 'http_request', ts: ts + 8000, ip: forger, method: 'POST', path: `/?wc-api=WC_Gateway_Paypal&order_id=X${i}`, status: 200, user_agent: 'PayPal IPN ( https://www.paypal.com/ipn )' });
    }
    const { p, b } = addressVerdict(analyzeCase(c.db), forger);
    expect(b.verdict).not.toBe('do-not-block');
    expect(b.reasons.join(' ')).toMatch(/a forged sender can make unpaid orders look paid/);
    expect(translator('fr').said(b.reasonMsgs![0], b.reasons[0])).toMatch(/^À VÉRIFIER AVANT DE BLOQUER/);
    expect(p.attackerWouldFake.join(' ')).toMatch(/cheap/);
  });

  it('a card tester whose throwaway customers exist only on its own (residential) address → safe, throwaways reported apart, not counted as locked out', () => {
    c = newCase();
    ordinaryDay(c);
    cardTester(c, { ip: '90.14.100.20', ua: CHROME, n: 8, gap: 45_000, domain: 'yopmail.com', okEvery: 4 });
    const a = analyzeCase(c.db);
    const { p, b } = addressVerdict(a, '90.14.100.20');
    expect(p.role).toBe('attacker');
    expect(b.verdict).toBe('safe');
    expect(b.customers).toBe(8);
    expect(b.lockedOut).toBe(0);
    expect(b.throwawayIdentities).toBe(8);
    expect(b.throwawayPayments).toBe(2);
    expect(b.reasons.join(' ')).toMatch(/8 throwaway identities .* not counted as customers locked out/);
    expect(b.reasons.join(' ')).not.toMatch(/customers use this address/);
  });

  it('account takeover: home purchase, then hours later a VPN exit, a new device, profile edits and new foreign cards → account-takeover, block caution', () => {
    c = newCase();
    ordinaryDay(c);
    const { id, vpn } = accountTakeover(c, FIREFOX_LINUX);
    const a = analyzeCase(c.db);
    const ato = a.findings.filter((f) => f.subject.value === '880' || f.subject.value === id.email);
    expect(ato.length).toBeGreaterThan(0);
    const best = ato.find((f) => f.assessment.label === 'account-takeover');
    expect(best, ato.map((f) => `${f.rule} ${f.assessment.label} ${f.assessment.takeoverSignals}`).join('\n')).toBeDefined();
    expect(best!.severity).toBe('high');
    const sig = best!.assessment.takeoverSignals!.join(' | ');
    expect(sig).toMatch(/new device/);
    expect(sig).toMatch(/new network: hosting\/VPN/);
    expect(sig).toMatch(/new cards: 3/);
    expect(sig).toMatch(/profile edits/);
    expect(sig).toMatch(/cards issued in .*US/);
    // "authorised by the issuers" and the name are not counted for legitimacy
    expect(best!.assessment.householdSignals.join(' ')).not.toMatch(/cardholder/);
    const { p, b } = addressVerdict(a, vpn);
    expect(['customer', 'attacker', 'unknown']).toContain(p.role);
    expect(b.verdict).not.toBe('do-not-block');
  });

  it('household sharing cards keeps its answer: insufficient funds then the partner\'s card on one device → legitimate, customer, caution', () => {
    c = newCase();
    ordinaryDay(c);
    const j = { ip: NET.residential, ua: CHROME, email: 'julien.moreau@example.net', cid: '1874' };
    attempt(c, { ts: T0, ...j, card: 'fpJ', ok: true, amount: 148, extra: { 'Card Issue Country': 'FR' } });
    attempt(c, { ts: T0 + 7 * MIN, ...j, card: 'fpJ', ok: false, amount: 210, reason: 'Your card has insufficient funds.', extra: { 'Card Issue Country': 'FR' } });
    attempt(c, { ts: T0 + 11 * MIN, ...j, card: 'fpC', ok: true, amount: 210, extra: { 'Card Issue Country': 'FR' } });
    const a = analyzeCase(c.db);
    const mc1 = a.findings.find((f) => f.rule === 'MC-1' && f.subject.value === j.email)!;
    expect(mc1.assessment.label).toBe('likely-legitimate-shared-cards');
    expect(mc1.assessment.declineClasses).toEqual({ funds: 1 });
    const { p, b } = addressVerdict(a, NET.residential);
    expect(p.role).toBe('customer');
    expect(b.verdict).toBe('caution');
  });

  it('a real shared mobile exit (several devices, spread over hours, normal declines, carrier ASN) stays shared / do-not-block', () => {
    c = newCase();
    const uas = [CHROME, FIREFOX_LINUX, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Mozilla/5.0 (Linux; Android 15; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36'];
    for (let i = 0; i < 6; i++) {
      const email = `person${i}@example.com`;
      // each has bought before from home
      attempt(c, { ts: T0 - 20 * 24 * HOUR + i * HOUR, ip: `90.14.${50 + i}.${9 + i}`, ua: uas[i % 4], email, cid: `60${i}`, card: `fp_m${i}`, ok: true, amount: 40 });
      attempt(c, { ts: T0 + i * 50 * MIN, ip: NET.mobile, ua: uas[i % 4], email, cid: `60${i}`, card: `fp_m${i}`, ok: i !== 3, amount: 40, reason: i === 3 ? 'Your card has insufficient funds.' : undefined });
    }
    const a = analyzeCase(c.db);
    const { p, b } = addressVerdict(a, NET.mobile);
    expect(p.role).toBe('shared');
    expect(p.network.kind).toBe('mobile');
    expect(b.verdict).toBe('do-not-block');
    expect(b.lockedOut).toBe(6);
  });
});

describe('IPv6 rotation inside one /64', () => {
  it('a card tester rotating addresses inside its /64 is caught on the /64, and the block proposal names the /64', () => {
    c = newCase();
    ordinaryDay(c);
    for (let i = 0; i < 8; i++) {
      attempt(c, { ts: T0 + i * 40_000, ip: `2a01:cb00:1234:5600::${(i + 1).toString(16)}`, ua: CHROME, email: `r${i}@mailinator.com`, card: `fp_r${i}`, ok: false, amount: 1, reason: "Your card's security code is incorrect." });
    }
    const a = analyzeCase(c.db);
    const f = a.findings.find((x) => x.subject.value === '2a01:cb00:1234:5600::/64');
    expect(f?.metric.value).toBe(8);
    expect(f?.assessment.label).toBe('likely-card-testing');
    // the advice fits an attack spread over addresses: blocking them one by one stops nothing
    expect(f?.assessment.text).toMatch(/come from 8 different addresses: blocking addresses one by one will not stop it/);
    // each address alone made one attempt; the /64 is what to block
    const b = a.blocks.find((x) => x.ip === '2a01:cb00:1234:5600::1')!;
    expect(b.neighbours).toMatchObject({ prefix: '2a01:cb00:1234:5600::/64', addresses: 7 });
    const wide = b.proposals.find((x) => x.scope === 'prefix');
    expect(wide).toMatchObject({ target: '2a01:cb00:1234:5600::/64', verdict: 'safe' });
    expect(wide!.why).toMatch(/8 of 8 payment attempts declined over 8 addresses/);
    expect(wide!.impact.customers).toBe(0);
  });
});

describe('distributed card testing over unrelated addresses (residential proxies)', () => {
  const BIN = '497010';
  const burst = (pages?: number) => {
    c = newCase();
    ordinaryDay(c);
    return distributedTester(c, { n: 16, gap: 20_000, okEvery: 5, bin: BIN, pages });
  };

  it('each proxy address is a participant of the case-level burst: attacker, its throwaway identity not a customer locked out, the advice names what stops it', () => {
    const { ips } = burst();
    const a = analyzeCase(c.db);
    const ct = a.findings.find((f) => f.rule === 'CT-1' && f.subject.value === BIN)!;
    expect(ct.assessment.label).toBe('likely-card-testing');
    expect(ct.assessment.text).toMatch(/come from 16 different addresses: blocking addresses one by one will not stop it/);
    for (const ip of ips) {
      const { p, b, reasons } = addressVerdict(a, ip);
      expect(p.network.kind, ip).toBe('access');
      expect(p.role, ip).toBe('attacker');
      expect(p.testingBurst, ip).toMatchObject({ finding: ct.id, subject: { kind: 'bin', value: BIN }, addresses: 16, attempts: 16, identities: 1 });
      const burstEvidence = p.evidence.find((e) => e.role === 'attacker' && e.msg?.id === 'ipEvidence.distributedTesting')!;
      expect(burstEvidence.eventIds.length, ip).toBeGreaterThan(0);
      expect(b).toMatchObject({ verdict: 'safe', lockedOut: 0, orders: 0, successfulPayments: 0, throwawayIdentities: 1, throwawayOrders: 1 });
      expect(reasons, ip).toContain(`one of 16 addresses of a card-testing burst on BIN ${BIN}`);
      expect(reasons, ip).toMatch(/will not stop it.*velocity rule on BIN 497010 at the payment provider.*rate limit and a CAPTCHA on checkout/);
      expect(reasons, ip).not.toMatch(/customers? with a history uses? this address/);
      expect(reasons, ip).not.toMatch(/linked to \d+ order/); // reasons are acts, not the address's counts
      // a proxy exit is someone's home: blocked briefly, if at all
      expect(b.proposals[0]).toMatchObject({ scope: 'address', hours: 24 });
    }
    const { b } = addressVerdict(a, ips[0]);
    const fr = translator('fr').msg(b.reasonMsgs!.find((m) => m.id === 'blockImpact.distributed')!);
    expect(fr).toContain('une des 16 adresses d’une rafale de tests de cartes sur le BIN 497010');
    expect(fr).toContain('règle de vélocité sur le BIN 497010 chez le prestataire de paiement');
  });

  it('a headless browser loading a few pages from each proxy before testing is still a participant', () => {
    const { ips } = burst(3);
    const a = analyzeCase(c.db);
    for (const ip of ips) {
      const { p, b } = addressVerdict(a, ip);
      expect(p.role, ip).toBe('attacker');
      expect(b, ip).toMatchObject({ verdict: 'safe', lockedOut: 0 });
    }
  });

  it('real shoppers who pay with a card of the same BIN during the burst are not swept in', () => {
    burst();
    const t = T0 + 33 * MIN; // inside the burst
    // Anne bought weeks ago from home and buys again, same bank
    const anne = { ip: NET.residential, ua: CHROME, email: 'anne.roux@example.fr', cid: '771' };
    attempt(c, { ts: T0 - 20 * 24 * HOUR, ...anne, card: 'fp_anne', bin: BIN, ok: true, amount: 62 });
    attempt(c, { ts: t, ...anne, card: 'fp_anne', bin: BIN, ok: true, amount: 62 });
    // Bruno's first order: he browses the shop for minutes, then his card goes through
    const bruno = { ip: '86.247.175.90', ua: CHROME, email: 'bruno.petit@example.net' };
    for (let k = 0; k < 5; k++) c.add({ kind: 'http_request', ts: t - 6 * MIN + k * MIN, ip: bruno.ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: CHROME });
    attempt(c, { ts: t + 30_000, ...bruno, card: 'fp_bruno', bin: BIN, ok: true, amount: 95 });
    // Chloé's first order: she browses, her card is refused for insufficient funds, she gives up
    const chloe = { ip: '82.64.99.14', ua: CHROME, email: 'chloe.m@example.org' };
    for (let k = 0; k < 4; k++) c.add({ kind: 'http_request', ts: t - 4 * MIN + k * 50_000, ip: chloe.ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: CHROME });
    attempt(c, { ts: t + 50_000, ...chloe, card: 'fp_chloe', bin: BIN, ok: false, amount: 120, reason: 'Your card has insufficient funds.' });
    const a = analyzeCase(c.db);
    expect(a.findings.find((f) => f.rule === 'CT-1')!.evidenceEventIds.length).toBeGreaterThan(16);
    for (const ip of [anne.ip, bruno.ip, chloe.ip]) {
      const { p, b, reasons } = addressVerdict(a, ip);
      expect(p.role, ip).toBe('customer');
      expect(p.testingBurst, ip).toBeUndefined();
      expect(b.throwawayIdentities, ip).toBe(0);
      expect(b.lockedOut, ip).toBe(1);
      expect(reasons, ip).not.toContain('card-testing burst');
    }
    expect(addressVerdict(a, anne.ip).b.verdict).toBe('caution'); // her payments are real revenue
  });

  it('a shopper who browsed for minutes and mistyped her CVC at a real price is not swept in; a proxy that browses slowly and then probes at 1 € is', () => {
    const { ips } = burst();
    const t = T0 + 36 * MIN;
    const dana = { ip: '92.151.40.7', ua: CHROME, email: 'dana.k@example.fr' };
    for (let k = 0; k < 4; k++) c.add({ kind: 'http_request', ts: t - 5 * MIN + k * MIN, ip: dana.ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: CHROME });
    attempt(c, { ts: t, ...dana, card: 'fp_dana', bin: BIN, ok: false, amount: 85, reason: "Your card's security code is incorrect." });
    const slow = '77.205.90.3';
    for (let k = 0; k < 4; k++) c.add({ kind: 'http_request', ts: t - 4 * MIN + k * MIN, ip: slow, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: CHROME });
    attempt(c, { ts: t + 10_000, ip: slow, ua: CHROME, email: 'qx81@gmail.com', card: 'fp_slow', bin: BIN, ok: false, amount: 1, reason: "Your card's security code is incorrect." });
    const a = analyzeCase(c.db);
    const d = addressVerdict(a, dana.ip);
    expect(d.p.testingBurst).toBeUndefined();
    expect(d.b).toMatchObject({ lockedOut: 1, throwawayIdentities: 0 });
    const s = addressVerdict(a, slow);
    expect(s.p.role).toBe('attacker');
    expect(s.b).toMatchObject({ verdict: 'safe', lockedOut: 0, throwawayIdentities: 1 });
    expect(addressVerdict(a, ips[0]).p.testingBurst?.addresses).toBe(18);
  });
});

describe('patterns that look alike and are not', () => {
  it('a household buying for the first time, refused for insufficient funds three times before a card goes through → customer, caution, never attacker', () => {
    c = newCase();
    ordinaryDay(c);
    const ip = '82.64.50.60';
    for (let k = 0; k < 6; k++) c.add({ kind: 'http_request', ts: T0 + 50 * MIN + k * 40_000, ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: CHROME });
    const marc = { ip, ua: CHROME, email: 'marc.girard@orange.fr' };
    const julie = { ip, ua: FIREFOX_LINUX, email: 'julie.girard@orange.fr' };
    attempt(c, { ts: T0 + HOUR, ...marc, card: 'fpA', ok: false, amount: 240, reason: 'Your card has insufficient funds.' });
    attempt(c, { ts: T0 + HOUR + 3 * MIN, ...marc, card: 'fpB', ok: false, amount: 240, reason: 'Your card has insufficient funds.' });
    attempt(c, { ts: T0 + HOUR + 8 * MIN, ...julie, card: 'fpC', ok: false, amount: 240, reason: 'Insufficient funds' });
    attempt(c, { ts: T0 + HOUR + 12 * MIN, ...julie, card: 'fpD', ok: true, amount: 240 });
    const a = analyzeCase(c.db);
    const { p, b, f } = addressVerdict(a, ip);
    expect(p.role).toBe('customer');
    expect(p.throwawayIdentities).toBe(0);
    expect(p.evidence.some((e) => e.msg?.id === 'ipEvidence.fundsDeclines' && e.stance === 'against' && e.role === 'attacker')).toBe(true);
    expect(b).toMatchObject({ verdict: 'caution', lockedOut: 2, successfulPayments: 1, throwawayOrders: 0 });
    for (const x of f) expect(x.assessment.label, x.id).not.toBe('likely-card-testing');
    expect(a.findings.find((x) => x.rule === 'MC-1' && x.subject.value === marc.email)?.assessment.label).toBe('likely-legitimate-shared-cards');
  });

  it('spellings of one Gmail mailbox as throwaway identities over unrelated addresses → one mailbox found testing cards, each address a participant', () => {
    c = newCase();
    ordinaryDay(c);
    const spellings = ['jeandupont', 'j.eandupont', 'je.andupont', 'jea.ndupont', 'jean.dupont', 'jeand.upont', 'jeandu.pont', 'j.e.andupont'];
    const ips = spellings.map((_, i) => proxyAddress(i));
    // minutes apart, cards of different banks: no BIN burst, and per spelling one card (no per-e-mail rule fires)
    spellings.forEach((v, i) =>
      attempt(c, { ts: T0 + HOUR + i * 4 * MIN, ip: ips[i], ua: CHROME, email: `${v}@gmail.com`, card: `fp_v${i}`, bin: `4${i}1111`, ok: i % 4 === 3, amount: 2, reason: i % 4 === 3 ? undefined : "Your card's security code is incorrect." }),
    );
    const a = analyzeCase(c.db);
    const mc1 = a.findings.find((x) => x.rule === 'MC-1')!;
    expect(mc1.subject.value).toBe('jeandupont@gmail.com');
    expect(mc1.metric.value).toBe(8);
    expect(mc1.assessment.label).toBe('likely-card-testing');
    expect(mc1.assessment.cardTestingSignals.join(' | ')).toContain('8 spellings of one mailbox (jeandupont@gmail.com');
    for (const ip of ips) {
      const { p, b, reasons } = addressVerdict(a, ip);
      expect(p.role, ip).toBe('attacker');
      expect(p.testingBurst, ip).toMatchObject({ finding: mc1.id, subject: { kind: 'email', value: 'jeandupont@gmail.com' }, addresses: 8 });
      expect(b, ip).toMatchObject({ verdict: 'safe', lockedOut: 0, throwawayIdentities: 1 });
      expect(reasons, ip).toContain('limit on distinct cards per e-mail and per customer at the payment provider');
    }
  });

  it('account takeover from the owner\'s own user agent (a hijacked session) on a new hosting network, with profile edits and new cards → account-takeover', () => {
    c = newCase();
    ordinaryDay(c);
    const { id, vpn } = accountTakeover(c, CHROME); // the owner's own user agent
    const a = analyzeCase(c.db);
    const ato = a.findings.find((f) => f.subject.value === '880' && f.assessment.label === 'account-takeover');
    expect(ato, a.findings.map((f) => `${f.rule} ${f.subject.value} ${f.assessment.label}`).join('\n')).toBeDefined();
    expect(ato!.severity).toBe('high');
    const sig = ato!.assessment.takeoverSignals!.join(' | ');
    expect(sig).not.toMatch(/new device/);
    expect(sig).toMatch(/new network: hosting\/VPN/);
    expect(sig).toMatch(/profile edits/);
    // the address the thief used: the account's owner does not live there, what was paid there is not hers
    const { p, b, reasons } = addressVerdict(a, vpn);
    expect(p.role).toBe('attacker');
    expect(p.signals.join(' | ')).toContain('1 account taken over from here');
    expect(b).toMatchObject({ verdict: 'safe', lockedOut: 0, successfulPayments: 0, possibly: { customers: 1, payments: 2 } });
    expect(reasons).toContain('a hijacked account');
    // her home address keeps her: a customer
    expect(addressVerdict(a, NET.residential).p.role).toBe('customer');
  });

  it('a tester warming up with a real browser on a home ISP, pages first, then one card after another → attacker, safe, not a customer', () => {
    c = newCase();
    ordinaryDay(c);
    const ip = '86.247.33.44';
    for (let k = 0; k < 8; k++) c.add({ kind: 'http_request', ts: T0 + 25 * MIN + k * 25_000, ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: CHROME });
    cardTester(c, { ip, ua: CHROME, n: 10, gap: 40_000, from: T0 + 30 * MIN, domain: 'gmail.com', okEvery: 5 });
    const { p, b, f } = addressVerdict(analyzeCase(c.db), ip);
    expect(p.network.kind).toBe('access');
    expect(p.role).toBe('attacker');
    expect(b).toMatchObject({ verdict: 'safe', lockedOut: 0, successfulPayments: 0 });
    for (const x of f) expect(x.assessment.label, x.id).toBe('likely-card-testing');
  });

  it('a traveller who breaks her own baseline from a hotel network (new device, new card, address edit) is not a takeover, and the hotel is no attacker', () => {
    c = newCase();
    ordinaryDay(c);
    const id = { email: 'lucie.b@example.fr', cid: '881' };
    attempt(c, { ts: T0 - 10 * 24 * HOUR, ip: NET.residential, ua: CHROME, ...id, card: 'fp_lucie', ok: true, amount: 70 });
    const hotel = '89.84.70.7';
    const t = T0 + 5 * HOUR;
    c.add({ kind: 'http_request', ts: t, ip: hotel, method: 'POST', path: '/my-account/edit-address/shipping/', status: 302, user_agent: IPHONE });
    attempt(c, { ts: t + 5 * MIN, ip: hotel, ua: IPHONE, ...id, card: 'fp_lucie2', ok: true, amount: 90 });
    attempt(c, { ts: t + 9 * MIN, ip: hotel, ua: IPHONE, ...id, card: 'fp_lucie3', ok: true, amount: 90 });
    const a = analyzeCase(c.db);
    // the break is shown (new device, network, cards, an edit), but nothing a thief leaves: not called a takeover
    const mine = a.findings.filter((f) => f.subject.value === '881' || f.subject.value === id.email);
    expect(mine.length).toBeGreaterThan(0);
    for (const f of mine) {
      expect(f.assessment.label, f.id).not.toBe('account-takeover');
      expect(f.assessment.takeoverSignals!.join(' | ')).toMatch(/new device.*new network.*new card/);
    }
    const { p } = addressVerdict(a, hotel);
    expect(p.role).not.toBe('attacker');
  });

  it("a Googlebot user agent from Google's published ranges that also checks out with throwaway identities → the conflict is shown, not \"do not block because search\"", () => {
    c = newCase();
    ordinaryDay(c);
    const ip = NET.googlebot;
    for (let k = 0; k < 5; k++) c.add({ kind: 'http_request', ts: T0 + k * MIN, ip, method: 'GET', path: `/p/${k}`, status: 200, user_agent: GOOGLEBOT_UA });
    for (let i = 0; i < 4; i++) attempt(c, { ts: T0 + HOUR + i * 2 * MIN, ip, ua: GOOGLEBOT_UA, email: `g${i}@gmail.com`, card: `fp_g${i}`, ok: i === 0, amount: 30, reason: i ? 'Your card was declined.' : undefined, path: '/checkout' });
    const { p, b, reasons } = addressVerdict(analyzeCase(c.db), ip);
    expect(p.verified?.operator).toBe('Google');
    expect(p.conflict).toBeDefined();
    expect(b.verdict).toBe('caution');
    expect(reasons).toContain("inside Google's published crawler ranges, yet it acts as a shopper");
    expect(reasons).not.toContain('blocking it removes the shop from its search results');
    expect(translator('fr').msg(b.reasonMsgs!.find((m) => m.id === 'blockImpact.crawlerShops')!)).toContain('le référencement n’est pas une raison de l’épargner');
  });

  it("Stripe's webhooks from its published addresses about declined payments are still the provider: a failed payment is notified too", () => {
    c = newCase();
    ordinaryDay(c);
    const declined = [0, 1, 2, 3].map((i) => attempt(c, { ts: T0 + 3 * HOUR + i * 7 * MIN, ip: `90.14.${60 + i}.7`, ua: CHROME, email: `dd${i}@example.fr`, card: `fp_dd${i}`, ok: false, amount: 50, reason: 'Your card was declined.' }));
    providerWebhooks(c, { ip: NET.stripe, ua: STRIPE_UA, path: (o) => `/api/payment/notify?order_id=${o}`, payments: declined.map((d, i) => ({ order: d.order, ts: T0 + 3 * HOUR + i * 7 * MIN })) });
    const { p, b } = addressVerdict(analyzeCase(c.db), NET.stripe);
    expect(p.role).toBe('provider');
    expect(p.conflict).toBeUndefined();
    expect(b).toMatchObject({ verdict: 'do-not-block', providerOrders: 4 });
  });
});

describe('a ticket sale rush is not distributed card testing', () => {
  it('first-time buyers of one big bank refused for funds or 3-D Secure at real prices, minutes after the sale opens, with no access log → customers, not participants', () => {
    c = newCase();
    const BIN = '497010';
    const reasons = ['Your card has insufficient funds.', 'Your card was declined.', 'The card requires 3-D Secure authentication, which failed.'];
    const ips: string[] = [];
    for (let i = 0; i < 14; i++) {
      const ip = proxyAddress(i);
      ips.push(ip);
      const ok = i % 3 === 2;
      attempt(c, { ts: T0 + i * 25_000, ip, ua: CHROME, email: `fan${i}@example.fr`, card: `fp_fan${i}`, bin: BIN, ok, amount: 65 + (i % 4) * 10, reason: ok ? undefined : reasons[i % 3] });
    }
    const a = analyzeCase(c.db);
    expect(a.findings.some((f) => f.rule === 'CT-1' && f.subject.value === BIN)).toBe(true); // the rule fires on the rush
    for (const ip of ips) {
      const { p, b } = addressVerdict(a, ip);
      expect(p.testingBurst, ip).toBeUndefined();
      expect(p.role, ip).toBe('customer');
      expect(b.throwawayIdentities, ip).toBe(0);
      expect(b.lockedOut, ip).toBe(1);
    }
  });
});

describe('card testing spread over BINs, identities and addresses (one attempt per residential proxy)', () => {
  const BINS = ['497010', '513691', '455673', '535522', '476173', '402400', '521234', '414720'];

  it('forty cards of eight banks, a new webmail identity and a new proxy each, mostly refused for card data → CT-2 on the whole shop, each proxy attacker, safe', () => {
    c = newCase();
    ordinaryDay(c);
    const ips = cardTestingWave(c);
    const a = analyzeCase(c.db);
    const wave = a.findings.filter((f) => f.rule === 'CT-2');
    expect(wave).toHaveLength(1);
    expect(wave[0].severity).toBe('high');
    expect(wave[0].subject.kind).toBe('shop');
    expect(wave[0].metric.value).toBe(40); // 32 refused for card data, 8 probes that went through
    expect(wave[0].assessment.label).toBe('likely-card-testing');
    expect(translator('fr').said(wave[0].summaryMsg!, wave[0].summary)).toMatch(/^40 tentatives refusées pour données de carte ou débitées d’un petit montant pour toute la boutique : 40 IP · 8 BIN en 1 h/);
    for (const ip of ips) {
      const { p, b } = addressVerdict(a, ip);
      expect(p.role, ip).toBe('attacker');
      expect(b.verdict, ip).toBe('safe');
      expect(b.lockedOut, ip).toBe(0);
    }
    expect(addressVerdict(a, ips[0]).reasons).toMatch(/a rule on declines for card data across the shop/);
    expect(addressVerdict(a, ips[0]).p.testingBurst).toMatchObject({ addresses: 40, attempts: 40, declined: 32 }); // the morning's buyers are not counted in
    // the morning's customers are untouched
    expect(addressVerdict(a, NET.residential2).p.role).toBe('customer');
  });

  it("one stolen card's security code guessed from twenty proxies: the proxy whose guess went through is the thief's too, not a customer whose payment a block would cut; the card's owner paying from home is a customer", () => {
    c = newCase();
    ordinaryDay(c);
    const home = NET.residential;
    // the owner: a customer of the shop for months, paying from home with the card
    attempt(c, { ts: T0 - 40 * 24 * HOUR, ip: home, ua: IPHONE, email: 'anne.m@example.fr', cid: '777', card: 'fp_victim', bin: '497010', ok: true, amount: 62 });
    const ips: string[] = [];
    for (let i = 0; i < 20; i++) {
      const ip = proxyAddress(i);
      ips.push(ip);
      const ok = i === 19;
      attempt(c, { ts: T0 + 30 * MIN + i * 45_000, ip, ua: CHROME, email: `m${i}x@gmail.com`, card: 'fp_victim', bin: '497010', ok, amount: 89, reason: ok ? undefined : "Your card's security code is incorrect." });
    }
    for (let k = 0; k < 4; k++) c.add({ kind: 'http_request', ts: T0 + 40 * MIN + k * 40_000, ip: home, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: IPHONE });
    attempt(c, { ts: T0 + 44 * MIN, ip: home, ua: IPHONE, email: 'anne.m@example.fr', cid: '777', card: 'fp_victim', bin: '497010', ok: true, amount: 62 });
    const a = analyzeCase(c.db);
    const thief = addressVerdict(a, ips[19]);
    expect(thief.p.role).toBe('attacker');
    expect(thief.b.verdict).toBe('safe');
    expect(thief.b.successfulPayments).toBe(0);
    const owner = addressVerdict(a, home);
    expect(owner.p.role).toBe('customer');
    expect(owner.b.lockedOut).toBe(1);
  });

  it('thirty cards of eight banks charged 1 € through thirty proxies, nearly all authorised (no card-data refusals) → CT-2, each proxy attacker, safe', () => {
    c = newCase();
    ordinaryDay(c);
    const ips: string[] = [];
    for (let i = 0; i < 30; i++) {
      ips.push(proxyAddress(i));
      attempt(c, { ts: T0 + 30 * MIN + i * 50_000, ip: proxyAddress(i), ua: CHROME, email: `d${i}@gmail.com`, card: `fp_p${i}`, bin: BINS[i % 8], ok: i % 6 !== 5, amount: 1, reason: i % 6 === 5 ? 'Your card was declined.' : undefined });
    }
    const a = analyzeCase(c.db);
    const wave = a.findings.filter((f) => f.rule === 'CT-2');
    expect(wave).toHaveLength(1);
    expect(wave[0].summary).toMatch(/^30 attempts refused for card data or charged a small amount for the whole shop: 30 IP · 8 BIN/);
    for (const ip of ips) {
      const { p, b } = addressVerdict(a, ip);
      expect(p.role, ip).toBe('attacker');
      expect(b.verdict, ip).toBe('safe');
      expect(b.successfulPayments, ip).toBe(0);
    }
  });

  it('a shop that sells at 2 € (a rush of forty buyers in an hour, its other sales of the day, a few bigger orders), or charges its 2 € fee as a payment of its own, has no probe wave', () => {
    for (const feeShop of [false, true]) {
      c = newCase();
      ordinaryDay(c, T0 + 6 * HOUR); // a few bigger orders later in the day, no fee
      const ips: string[] = [];
      for (let i = 0; i < 70; i++) {
        const ip = proxyAddress(i);
        ips.push(ip);
        const ts = i < 40 ? T0 + i * 80_000 : T0 - 10 * HOUR + (i - 40) * 15 * MIN; // the rush, and the morning's sales
        for (let k = 0; k < 3; k++) c.add({ kind: 'http_request', ts: ts - 3 * MIN + k * 40_000, ip, method: 'GET', path: `/article/${k}`, status: 200, user_agent: IPHONE });
        const email = `acheteur${i}@example.fr`;
        if (feeShop) attempt(c, { ts: ts - 20_000, ip, ua: IPHONE, email, card: `fp_s${i}`, bin: BINS[i % 8], ok: true, amount: 45 });
        attempt(c, { ts, ip, ua: IPHONE, email, card: `fp_s${i}`, bin: BINS[i % 8], ok: true, amount: 2 });
      }
      const a = analyzeCase(c.db);
      expect(a.findings.filter((f) => f.rule === 'CT-2'), `fee shop ${feeShop}`).toHaveLength(0);
      for (const ip of ips.slice(0, 10)) expect(addressVerdict(a, ip).p.role, ip).not.toBe('attacker');
    }
  });

  it('a sale rush — two hundred buyers in an hour, refusals for funds and 3-D Secure, a few mistyped security codes — is no card-testing wave', () => {
    c = newCase();
    const ips: string[] = [];
    for (let i = 0; i < 200; i++) {
      const ip = proxyAddress(i);
      ips.push(ip);
      const ts = T0 + i * 17_000;
      for (let k = 0; k < 3; k++) c.add({ kind: 'http_request', ts: ts - 90_000 + k * 25_000, ip, method: 'GET', path: `/concert/${k}`, status: 200, user_agent: i % 2 ? CHROME : IPHONE });
      const typo = i % 15 === 7; // 13 mistyped codes, each then paid with the same card
      const funds = i % 9 === 3;
      const email = `fan${i}@example.fr`;
      if (typo) attempt(c, { ts: ts - 30_000, ip, ua: CHROME, email, card: `fp_r${i}`, bin: BINS[i % 8], ok: false, amount: 65, reason: "Your card's security code is incorrect." });
      attempt(c, { ts, ip, ua: CHROME, email, card: `fp_r${i}`, bin: BINS[i % 8], ok: !funds, amount: 65, reason: funds ? 'Your card has insufficient funds.' : undefined });
    }
    const a = analyzeCase(c.db);
    expect(a.findings.filter((f) => f.rule === 'CT-2')).toHaveLength(0);
    for (const ip of ips.slice(0, 40)) expect(addressVerdict(a, ip).p.role, ip).not.toBe('attacker');
  });

  it('a broken payment form — thirty shoppers each refused twice for the security code on their own card — is no card-testing wave, and nobody an attacker', () => {
    c = newCase();
    const ips: string[] = [];
    for (let i = 0; i < 30; i++) {
      const ip = proxyAddress(i);
      ips.push(ip);
      const ts = T0 + i * 100_000;
      for (let k = 0; k < 4; k++) c.add({ kind: 'http_request', ts: ts - 4 * MIN + k * 50_000, ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: IPHONE });
      for (let r = 0; r < 2; r++) attempt(c, { ts: ts + r * 90_000, ip, ua: IPHONE, email: `client${i}@example.fr`, card: `fp_f${i}`, bin: BINS[i % 8], ok: false, amount: 48, reason: "Your card's security code is incorrect." });
    }
    const a = analyzeCase(c.db);
    expect(a.findings.filter((f) => f.rule === 'CT-2')).toHaveLength(0);
    for (const ip of ips) expect(addressVerdict(a, ip).p.role, ip).not.toBe('attacker');
  });
});

describe('card testing without declines, and password guessing from a home address', () => {
  it('a list of good cards checked at 1–3 € from a cloud server, every payment authorised → attacker, safe, the payments not legitimate revenue', () => {
    c = newCase();
    ordinaryDay(c);
    cardTester(c, { ip: NET.hosting, ua: CHROME, n: 12, gap: 30_000, okEvery: 1 });
    const { p, b, f } = addressVerdict(analyzeCase(c.db), NET.hosting);
    expect(p.role).toBe('attacker');
    expect(p.throwawayIdentities).toBe(12);
    expect(b.verdict).toBe('safe');
    expect(b.lockedOut).toBe(0);
    expect(b.successfulPayments).toBe(0);
    expect(b.throwawayPayments).toBe(12);
    const probe = p.evidence.find((e) => e.role === 'attacker' && e.stance === 'for' && /cards charged small amounts/.test(e.text));
    expect(probe?.eventIds.length).toBeGreaterThan(0);
    expect(translator('fr').said(probe!.msg, probe!.text)).toMatch(/12 cartes débitées de petits montants \(au plus 5\) en 6 minutes/);
    for (const x of f) expect(x.assessment.label).toBe('likely-card-testing');
  });

  it('the same list split over three cloud servers is still three probe runs (the testers do not make each other ordinary)', () => {
    c = newCase();
    ordinaryDay(c);
    const testers = [NET.hosting, NET.hosting2, '162.243.150.11'];
    testers.forEach((ip, i) => cardTester(c, { ip, ua: CHROME, n: 12, gap: 30_000, okEvery: 1, from: T0 + 30 * MIN + i * 7 * MIN, domain: `t${i}.example` }));
    const a = analyzeCase(c.db);
    for (const ip of testers) {
      const { p, b } = addressVerdict(a, ip);
      expect(p.role, ip).toBe('attacker');
      expect(b.verdict, ip).toBe('safe');
      expect(b.throwawayPayments, ip).toBe(12);
    }
  });

  it('a case of thousands of probe-run addresses is judged in linear time', () => {
    const attempts: Attempt[] = [];
    let id = 0;
    for (let k = 0; k < 4000; k++) {
      for (let i = 0; i < 6; i++) attempts.push({ id: ++id, ts: T0 + i * MIN, ip: `10.${k >> 8}.${k & 255}.1`, card: `c${k}_${i}`, attemptKey: `a${id}`, amount: 1 } as Attempt);
    }
    for (let k = 0; k < 50; k++) attempts.push({ id: ++id, ts: T0, ip: `11.0.0.${k}`, card: `h${k}`, attemptKey: `b${id}`, amount: 60 } as Attempt);
    const t0 = performance.now();
    const runs = probeRuns(attempts, DEFAULT_THRESHOLDS);
    expect(runs.size).toBe(4000);
    expect(performance.now() - t0).toBeLessThan(2000); // a median over all other addresses per address took ~18 s here
  });

  it('in a shop that sells at 3 €, five colleagues behind one office address each paying once with their own card are customers, not a probe run', () => {
    c = newCase();
    const uas = [CHROME, IPHONE, FIREFOX_LINUX, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', CHROME];
    for (let i = 0; i < 8; i++) attempt(c, { ts: T0 - 2 * HOUR + i * 7 * MIN, ip: proxyAddress(i), ua: IPHONE, email: `client${i}@example.fr`, card: `fp_home${i}`, ok: true, amount: 3 });
    const office = '193.248.60.10';
    uas.forEach((ua, i) => {
      for (let k = 0; k < 3; k++) c.add({ kind: 'http_request', ts: T0 + i * 9 * MIN + k * 20_000, ip: office, method: 'GET', path: `/cafe/${k}`, status: 200, user_agent: ua });
      attempt(c, { ts: T0 + i * 9 * MIN + 2 * MIN, ip: office, ua, email: `emp${i}@acme-corp.fr`, card: `fp_off${i}`, ok: true, amount: 3 });
    });
    const { p, b } = addressVerdict(analyzeCase(c.db), office);
    expect(p.role).not.toBe('attacker');
    expect(p.throwawayIdentities).toBe(0);
    expect(b.verdict).not.toBe('safe');
    expect(b.lockedOut).toBe(5);
  });

  it('eighty password guesses on the login page from one device on a home address (a residential proxy) → attacker, safe to block', () => {
    c = newCase();
    ordinaryDay(c);
    for (let k = 0; k < 80; k++) c.add({ kind: 'http_request', ts: T0 + k * 5000, ip: NET.residential, method: 'POST', path: '/wp-login.php', status: 401, user_agent: CHROME });
    const { p, b } = addressVerdict(analyzeCase(c.db), NET.residential);
    expect(p.role).toBe('attacker');
    expect(p.evidence.some((e) => e.role === 'attacker' && e.weight >= 4 && /login probing: 80 login attempts/.test(e.text))).toBe(true);
    expect(b.verdict).toBe('safe');
  });

  it('as many logins from twenty devices behind a mobile carrier address (its subscribers) is not password guessing', () => {
    c = newCase();
    ordinaryDay(c);
    for (let k = 0; k < 80; k++) {
      const ua = `Mozilla/5.0 (Linux; Android 14; SM-S91${k % 20}B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36`;
      c.add({ kind: 'http_request', ts: T0 + k * 4 * MIN, ip: NET.mobile, method: 'POST', path: '/my-account/', status: k % 4 ? 302 : 200, user_agent: ua });
    }
    const { p, b } = addressVerdict(analyzeCase(c.db), NET.mobile);
    expect(p.role).not.toBe('attacker');
    expect(b.verdict).not.toBe('safe');
  });
});
