// Case builders for the adversaries of issue 8: each writes what ordinary exports would carry (access log
// lines, shop orders, PSP payments with their decline reasons and risk columns) for one attack or one honest
// pattern, on top of an ordinary shop day so the engine has something to tell them apart from.
import { expect } from 'vitest';
import type { BlockImpact, CaseAnalysis, Finding, IpProfile } from '../../src/core/analysis/types';
import { translator } from '../../src/core/i18n/translator';
import type { TestCase } from './newCase';
import { ANDROID, CHROME, IPHONE, MIN, T0 } from './newCase';

/**
 * One address as an analysis judged it: its profile, its block impact, the findings about it (the address, or a
 * device on it) and the block reasons in English, one line.
 */
export function addressVerdict(a: CaseAnalysis, ip: string): { p: IpProfile; b: BlockImpact; f: Finding[]; reasons: string } {
  const i = a.ips.findIndex((x) => x.ip === ip);
  expect(i, `${ip} analysed`).toBeGreaterThanOrEqual(0);
  const b = a.blocks[i];
  return {
    p: a.ips[i],
    b,
    f: a.findings.filter((x) => x.subject.value === ip || x.subject.value.startsWith(`${ip}|`)),
    reasons: translator('en').saidAll(b.reasonMsgs, b.reasons).join(' | '),
  };
}

export const PYTHON_UA = 'python-requests/2.32.3';
export const STRIPE_UA = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';
export const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';
export const GOOGLEBOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** Addresses whose networks the shipped IP data knows (checked by the tests that use them). */
export const NET = {
  hosting: '162.243.150.10', // AS14061 DigitalOcean
  hosting2: '51.38.0.10', // AS16276 OVH
  residential: '90.14.207.118', // AS3215 Orange
  residential2: '92.151.120.83', // AS3215 Orange
  mobile: '37.171.66.212', // AS51207 Free Mobile
  stripe: '54.187.174.169', // Stripe's published webhook address
  googlebot: '66.249.66.1', // Google's published crawler range
};

let seq = 0;
const next = () => ++seq;

export interface AttemptSpec {
  ts: number;
  ip: string | null;
  ua: string | null;
  email: string;
  cid?: string;
  card: string;
  bin?: string;
  ok: boolean;
  amount: number;
  reason?: string; // PSP decline reason / Seller Message
  name?: string;
  extra?: Record<string, string>; // provider risk columns (Card Issue Country, Card CVC Status…)
  path?: string; // the checkout call in the access log, when the attempt went through the shop's API
}

/** One payment attempt: the shop order (with the shopper IP/UA), the PSP payment (no IP), the checkout request. */
export function attempt(c: TestCase, a: AttemptSpec): { order: string; tx: string; ids: number[] } {
  const n = next();
  const order = `O${n}`;
  const tx = `ch_${n}`;
  const ids: number[] = [];
  if (a.path && a.ip) ids.push(c.add({ kind: 'http_request', ts: a.ts - 3000, ip: a.ip, method: 'POST', path: a.path, status: a.ok ? 200 : 402, user_agent: a.ua }));
  ids.push(c.add({ kind: 'order', ts: a.ts - 2000, order_id: order, transaction_id: tx, email: a.email, customer_id: a.cid ?? null, ip: a.ip, user_agent: a.ua, amount: a.amount, decision: a.ok ? 'processing' : 'failed' }));
  ids.push(c.add({
    kind: 'payment', ts: a.ts, order_id: order, transaction_id: tx, email: a.email, customer_id: a.cid ? `cus_${a.cid}` : null,
    card_key: a.card, card_bin: a.bin ?? null, amount: a.amount, decision: a.ok ? 'Paid' : 'Failed', reason: a.reason ?? (a.ok ? 'Payment complete.' : null),
    name: a.name ?? null, extra: a.extra ? JSON.stringify(a.extra) : null,
  }));
  return { order, tx, ids };
}

/** An ordinary morning: customers from their own homes and a mobile carrier, browsing then paying once. */
export function ordinaryDay(c: TestCase, from = T0): void {
  const people = [
    { ip: NET.residential2, ua: CHROME, email: 'claire.b@example.org', cid: '501' },
    { ip: '86.247.175.45', ua: IPHONE, email: 'marc.l@example.net', cid: '502' },
    { ip: NET.mobile, ua: IPHONE, email: 'ines.r@example.com', cid: '503' },
    { ip: NET.mobile, ua: ANDROID, email: 'paul.v@example.com', cid: '504' },
  ];
  people.forEach((p, i) => {
    const t = from + i * 40 * MIN;
    for (let k = 0; k < 4; k++) c.add({ kind: 'http_request', ts: t + k * 20_000, ip: p.ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: p.ua });
    attempt(c, { ts: t + 2 * MIN, ip: p.ip, ua: p.ua, email: p.email, cid: p.cid, card: `fp_ok_${i}`, ok: true, amount: 54, extra: { 'Card Issue Country': 'FR', 'Card CVC Status': 'pass' } });
  });
}

/**
 * Card tester: `n` throwaway identities, `gap` ms apart, mostly declined for wrong CVC / number, from `ip` with `ua`;
 * `viaApi`: posts straight to the checkout API (no page views).
 */
export function cardTester(c: TestCase, o: { ip: string; ua: string; n: number; gap: number; from?: number; viaApi?: boolean; domain?: string; okEvery?: number; name?: string }): string[] {
  const from = o.from ?? T0 + 30 * MIN;
  const emails: string[] = [];
  for (let i = 0; i < o.n; i++) {
    const email = `buyer${i}x${(i * 7919) % 1000}@${o.domain ?? 'mailinator.com'}`;
    emails.push(email);
    const ok = o.okEvery ? i % o.okEvery === o.okEvery - 1 : false;
    attempt(c, {
      ts: from + i * o.gap, ip: o.ip, ua: o.ua, email, card: `fp_t${i}`, bin: '424242', ok, amount: 1 + (i % 3),
      reason: ok ? undefined : i % 2 ? "Your card's security code is incorrect." : 'Your card number is incorrect.',
      name: o.name, extra: { 'Card Issue Country': i % 2 ? 'US' : 'BR', 'Card CVC Status': ok ? 'pass' : 'fail', 'Card Funding': 'prepaid' },
      path: o.viaApi ? '/wp-json/wc/store/v1/checkout' : undefined,
    });
  }
  return emails;
}

/** A payment provider's webhooks: one POST a few seconds after each payment, from `ip`, with `ua`, to `path(order)`. */
export function providerWebhooks(c: TestCase, o: { ip: string; ua: string; path: (order: string) => string; payments: { order: string; ts: number }[] }): void {
  for (const p of o.payments) c.add({ kind: 'http_request', ts: p.ts + 4000, ip: o.ip, method: 'POST', path: o.path(p.order), status: 200, user_agent: o.ua });
}

/** Paid orders of distinct customers (for provider scenarios), returned with their payment times. */
export function paidOrders(c: TestCase, n: number, from = T0): { order: string; ts: number }[] {
  const out: { order: string; ts: number }[] = [];
  for (let i = 0; i < n; i++) {
    const ts = from + i * 9 * MIN;
    const ip = `90.14.${100 + i}.${20 + i}`;
    for (let k = 0; k < 3; k++) c.add({ kind: 'http_request', ts: ts - 60_000 + k * 5000, ip, method: 'GET', path: `/spectacle/${k}`, status: 200, user_agent: CHROME });
    const r = attempt(c, { ts, ip, ua: CHROME, email: `client${i}@example.net`, cid: `70${i}`, card: `fp_c${i}`, ok: true, amount: 80 });
    out.push({ order: r.order, ts });
  }
  return out;
}

/** Addresses of `decisionCase`: what an analyst must decide on. */
export const DECISION = { conflicted: NET.stripe, testerA: '162.243.150.10', testerB: '162.243.150.11' };

/**
 * A case with decisions to take: card testing from inside Stripe's published webhook range (the range says provider,
 * the declines say shopper: a conflict for the analyst), and two card testers in one hosting /24 (a block proposal
 * for the address, and one for the /24), on an ordinary shop day.
 */
export function decisionCase(c: TestCase): void {
  ordinaryDay(c);
  cardTester(c, { ip: DECISION.conflicted, ua: CHROME, n: 6, gap: 90_000 });
  cardTester(c, { ip: DECISION.testerA, ua: PYTHON_UA, n: 8, gap: 20_000, viaApi: true, from: T0 + 2 * 3_600_000, domain: 'guerrillamail.com' });
  cardTester(c, { ip: DECISION.testerB, ua: PYTHON_UA, n: 8, gap: 20_000, viaApi: true, from: T0 + 3 * 3_600_000, domain: 'yopmail.com' });
}

/** Unrelated residential addresses (Orange, Free, Bouygues, SFR, Comcast, Charter), each in its own /24. */
const PROXY_NETS = ['86.247', '82.64', '89.84', '93.23', '73.21', '98.14', '92.151', '78.192', '176.180', '77.205', '88.160', '5.49'];
export const proxyAddress = (i: number) => `${PROXY_NETS[i % PROXY_NETS.length]}.${10 + Math.floor(i / PROXY_NETS.length)}.${20 + i}`;

/**
 * Distributed card testing through residential proxies: `n` throwaway identities, each from its own unrelated
 * access-network address (one or, with `perAddress` 2, two attempts each), `gap` ms apart, cards of one BIN, mostly
 * declined for wrong card data; `pages`: a headless browser loads that many pages from each address first.
 */
export function distributedTester(
  c: TestCase,
  o: { n: number; gap: number; from?: number; bin?: string; perAddress?: 1 | 2; okEvery?: number; pages?: number; ua?: string; domain?: string },
): { ips: string[]; emails: string[] } {
  const from = o.from ?? T0 + 30 * MIN;
  const per = o.perAddress ?? 1;
  const ips: string[] = [];
  const emails: string[] = [];
  for (let i = 0; i < o.n; i++) {
    const ip = proxyAddress(Math.floor(i / per));
    if (!ips.includes(ip)) ips.push(ip);
    const email = `${['lea', 'tom', 'zoe', 'max', 'eva', 'leo'][i % 6]}${(i * 7919) % 10000}@${o.domain ?? 'gmail.com'}`;
    emails.push(email);
    const ts = from + i * o.gap;
    const ua = o.ua ?? CHROME;
    for (let k = 0; k < (o.pages ?? 0); k++) c.add({ kind: 'http_request', ts: ts - 20_000 + k * 3000, ip, method: 'GET', path: k ? `/spectacle/${k}` : '/', status: 200, user_agent: ua });
    const ok = o.okEvery ? i % o.okEvery === o.okEvery - 1 : false;
    attempt(c, {
      ts, ip, ua, email, card: `fp_dt${i}`, bin: o.bin ?? '497010', ok, amount: 1 + (i % 2),
      reason: ok ? undefined : i % 2 ? "Your card's security code is incorrect." : 'Your card number is incorrect.',
      extra: { 'Card Issue Country': 'FR', 'Card CVC Status': ok ? 'pass' : 'fail' },
    });
  }
  return { ips, emails };
}

/**
 * Card testing spread over banks too: forty cards of eight BINs, each from its own residential proxy with a new webmail
 * identity, at 1–2 €, 40 s apart; four in five refused for the card number or security code.
 */
export function cardTestingWave(c: TestCase, from = T0 + 30 * MIN): string[] {
  const bins = ['497010', '513691', '455673', '535522', '476173', '402400', '521234', '414720'];
  const ips: string[] = [];
  for (let i = 0; i < 40; i++) {
    const ip = proxyAddress(i);
    ips.push(ip);
    const ok = i % 5 === 4;
    attempt(c, {
      ts: from + i * 40_000, ip, ua: CHROME, email: `u${(i * 7919) % 10000}@gmail.com`, card: `fp_m${i}`, bin: bins[i % bins.length], ok, amount: 1 + (i % 2),
      reason: ok ? undefined : i % 2 ? "Your card's security code is incorrect." : 'Your card number is incorrect.',
    });
  }
  return ips;
}

/**
 * Account takeover: Sophie's usual purchases from home (Chrome), then hours later, from a VPN exit on a hosting
 * network, profile edits and three new cards from foreign issuers at high amounts (one declined), with `ua`.
 */
export function accountTakeover(c: TestCase, ua: string): { id: { email: string; cid: string }; vpn: string } {
  const id = { email: 'sophie.martin@example.fr', cid: '880' };
  attempt(c, { ts: T0 - 3 * 24 * 3_600_000, ip: NET.residential, ua: CHROME, ...id, card: 'fp_sophie', ok: true, amount: 60, extra: { 'Card Issue Country': 'FR' } });
  attempt(c, { ts: T0, ip: NET.residential, ua: CHROME, ...id, card: 'fp_sophie', ok: true, amount: 48, extra: { 'Card Issue Country': 'FR' } });
  const vpn = NET.hosting;
  const t = T0 + 5 * 3_600_000;
  c.add({ kind: 'http_request', ts: t, ip: vpn, method: 'POST', path: '/my-account/edit-account/', status: 302, user_agent: ua });
  c.add({ kind: 'http_request', ts: t + MIN, ip: vpn, method: 'POST', path: '/my-account/edit-address/billing/', status: 302, user_agent: ua });
  ['US', 'NG', 'BR'].forEach((cc, i) =>
    attempt(c, { ts: t + (5 + i * 6) * MIN, ip: vpn, ua, ...id, card: `fp_new${i}`, ok: i !== 1, amount: 450 + 150 * i, reason: i === 1 ? 'Your card was declined.' : undefined, extra: { 'Card Issue Country': cc } }),
  );
  return { id, vpn };
}
