// The story of the brief, checked on the files themselves: what every later feature is judged on.
import { describe, expect, it } from 'vitest';
import {
  CGNAT_IP, JULIEN_EMAIL, JULIEN_IP, PROVIDER_IP, localSecondsOf, readAccessLog, readCsv, utcToLocalSeconds,
} from '../../support/sampleData';

const orders = readCsv('shop-orders.csv', ';', 'windows-1252').rows;
const txs = readCsv('provider-transactions.csv', ',').rows;
const alerts = readCsv('provider-antifraud.csv', ',').rows;
const calls = readCsv('provider-api-calls.csv', ',').rows;
const breach = readCsv('breach-telecom-2025-08.csv', ';').rows;
const at = (h: number, m: number, s = 0) => h * 3600 + m * 60 + s;

describe('Julien Moreau: household cards, one decline, one Multi-CB block', () => {
  const his = txs.filter((t) => t['Customer Email'] === JULIEN_EMAIL).sort((a, b) => a['Created (UTC)'].localeCompare(b['Created (UTC)']));

  it('pays with exactly two distinct cards, his own and Claire\'s, from one customer account', () => {
    expect(his).toHaveLength(4);
    expect(new Set(his.map((t) => t['Card Fingerprint'])).size).toBe(2);
    expect(new Set(his.map((t) => t['Card Name']))).toEqual(new Set(['JULIEN MOREAU', 'CLAIRE MOREAU']));
    expect(new Set(his.map((t) => t['Customer ID'])).size).toBe(1);
  });

  it('own card paid, own card declined (insufficient funds), Claire\'s card paid, then blocked by Multi-CB', () => {
    expect(his.map((t) => t.Status)).toEqual(['Paid', 'Failed', 'Paid', 'Failed']);
    expect(his[0]['Card Name']).toBe('JULIEN MOREAU');
    expect(his[1]['Seller Message']).toMatch(/insufficient_funds/);
    expect(his[2]['Card Name']).toBe('CLAIRE MOREAU');
    expect(his[3]['Seller Message']).toMatch(/Multi-CB/);
    const first = utcToLocalSeconds(his[0]['Created (UTC)']);
    expect(first).toBeGreaterThanOrEqual(at(6, 40));
    expect(first).toBeLessThanOrEqual(at(7, 0));
  });

  it('exactly one block in the anti-fraud file: Multi-CB on Julien at about 07:02 local', () => {
    const blocks = alerts.filter((a) => a.decision === 'block');
    expect(blocks).toHaveLength(1);
    const b = blocks[0];
    expect(b.rule).toBe('Multi-CB');
    expect(b.customer_email).toBe(JULIEN_EMAIL);
    expect(b.ip_address).toBe(JULIEN_IP);
    expect(b.transaction_id).toBe(his[3].id);
    const t = localSecondsOf(b.created_at);
    expect(t).toBeGreaterThanOrEqual(at(7, 1));
    expect(t).toBeLessThanOrEqual(at(7, 3));
    expect(new Set(alerts.map((a) => a.decision))).toEqual(new Set(['allow', 'review', 'block']));
  });

  it('all his orders come from one IP, one browser, one address', () => {
    const mine = orders.filter((o) => o.customer_email === JULIEN_EMAIL);
    expect(mine).toHaveLength(4);
    expect(new Set(mine.map((o) => o.customer_ip_address))).toEqual(new Set([JULIEN_IP]));
    expect(new Set(mine.map((o) => o.customer_user_agent)).size).toBe(1);
    expect(new Set(mine.map((o) => `${o.billing_address_1}|${o.billing_postcode}`)).size).toBe(1);
  });

  it('is in the breach list by e-mail (other case) and phone (other spelling)', () => {
    const mine = orders.find((o) => o.customer_email === JULIEN_EMAIL)!;
    const digits = (p: string) => p.replace(/\D/g, '').replace(/^33/, '0');
    const hit = breach.filter((b) => b.email.toLowerCase() === JULIEN_EMAIL);
    expect(hit).toHaveLength(1);
    expect(hit[0].email).not.toBe(JULIEN_EMAIL);
    expect(hit[0].phone).toMatch(/^0\d( \d{2}){4}$/);
    expect(digits(hit[0].phone)).toBe(digits(mine.billing_phone));
    expect(breach.length).toBeGreaterThan(300);
  });
});

describe('joins and provenance across files', () => {
  it('every shop order has one provider transaction (transaction_id = id) with consistent status and time', () => {
    const byId = new Map(txs.map((t) => [t.id, t]));
    expect(byId.size).toBe(txs.length);
    expect(orders.length).toBe(txs.length);
    for (const o of orders) {
      const t = byId.get(o.transaction_id);
      expect(t, o.order_id).toBeDefined();
      expect(t!['order_id (metadata)']).toBe(o.order_id);
      expect(t!.Status).toBe(o.status === 'completed' ? 'Paid' : 'Failed');
      expect(Number(t!.Amount)).toBe(Number(o.order_total.replace(',', '.')));
      const lag = utcToLocalSeconds(t!['Created (UTC)']) - localSecondsOf(o.order_date); // UTC vs local, one hour apart
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(30);
    }
  });

  it('order ids and numbers grow with time', () => {
    const sorted = [...orders].sort((a, b) => Number(a.order_id) - Number(b.order_id));
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i].order_date >= sorted[i - 1].order_date).toBe(true);
      expect(sorted[i].order_number > sorted[i - 1].order_number).toBe(true);
    }
  });

  it('the provider IP calls the shop for every order, in its own log and in the access log', () => {
    const log = readAccessLog();
    const providerLines = log.filter((l) => l.client === PROVIDER_IP);
    expect(providerLines.every((l) => l.xff === PROVIDER_IP)).toBe(true); // through the reverse proxy
    for (const o of orders) {
      const own = calls.filter((c) => c.order_id === o.order_id && c.source_ip === PROVIDER_IP);
      expect(own.some((c) => c.method === 'POST' && c.endpoint === '/api/payment/notify' && c.http_status === '200'), o.order_id).toBe(true);
      expect(own.some((c) => c.method === 'GET' && c.endpoint === `/api/orders/${o.order_id}`), o.order_id).toBe(true);
      expect(providerLines.some((l) => l.path === `/api/orders/${o.order_id}`), o.order_id).toBe(true);
      expect(own.every((c) => c.transaction_id === o.transaction_id)).toBe(true);
    }
    // same number of provider requests on both sides
    expect(providerLines.length).toBe(calls.length);
    // the provider never places an order itself
    expect(orders.some((o) => o.customer_ip_address === PROVIDER_IP)).toBe(false);
  });

  it('the customer checkout is in the access log before each of its orders', () => {
    const log = readAccessLog();
    for (const o of orders) {
      const t = localSecondsOf(o.order_date);
      const pay = log.find((l) => l.client === o.customer_ip_address && l.method === 'POST' && l.path === '/commande/paiement' && Math.abs(l.localSeconds - t) < 20);
      expect(pay, o.order_id).toBeDefined();
    }
  });
});

describe('noise that must not look like fraud', () => {
  it('one shared mobile IP with several unrelated customers and cards', () => {
    const shared = orders.filter((o) => o.customer_ip_address === CGNAT_IP);
    expect(new Set(shared.map((o) => o.customer_email)).size).toBeGreaterThanOrEqual(3);
    const fps = txs.filter((t) => shared.some((o) => o.transaction_id === t.id)).map((t) => t['Card Fingerprint']);
    expect(new Set(fps).size).toBe(new Set(shared.map((o) => o.customer_email)).size);
  });

  it('other customers: their own IP, one card each, only a few ordinary declines', () => {
    const others = txs.filter((t) => t['Customer Email'] !== JULIEN_EMAIL);
    const cardsPerEmail = new Map<string, Set<string>>();
    for (const t of others) {
      if (!cardsPerEmail.has(t['Customer Email'])) cardsPerEmail.set(t['Customer Email'], new Set());
      cardsPerEmail.get(t['Customer Email'])!.add(t['Card Fingerprint']);
    }
    expect([...cardsPerEmail.values()].every((s) => s.size === 1)).toBe(true);
    const declines = others.filter((t) => t.Status === 'Failed');
    expect(declines.length).toBeGreaterThan(0);
    expect(declines.length).toBeLessThanOrEqual(5);
    const ipOfEmail = new Map<string, Set<string>>();
    for (const o of orders.filter((x) => x.customer_email !== JULIEN_EMAIL)) {
      if (!ipOfEmail.has(o.customer_email)) ipOfEmail.set(o.customer_email, new Set());
      ipOfEmail.get(o.customer_email)!.add(o.customer_ip_address);
    }
    expect([...ipOfEmail.values()].every((s) => s.size === 1)).toBe(true);
  });

  it('no card-testing pattern: no card, IP or card brand+last4 with 6 attempts in 6 h, no burst of declines, no tiny amounts', () => {
    const maxInWindow = (key: (t: Record<string, string>) => string, windowS: number) => {
      const byKey = new Map<string, number[]>();
      for (const t of txs) {
        const k = key(t);
        if (!byKey.has(k)) byKey.set(k, []);
        byKey.get(k)!.push(utcToLocalSeconds(t['Created (UTC)']));
      }
      let max = 0;
      for (const times of byKey.values()) {
        times.sort((a, b) => a - b);
        for (let i = 0, j = 0; i < times.length; i++) {
          while (times[i] - times[j] > windowS) j++;
          max = Math.max(max, i - j + 1);
        }
      }
      return max;
    };
    const ipOfTx = new Map(orders.map((o) => [o.transaction_id, o.customer_ip_address]));
    expect(maxInWindow((t) => t['Card Fingerprint'], 6 * 3600)).toBeLessThan(6);
    expect(maxInWindow((t) => `${t['Card Brand']}|${t['Card Last4']}`, 6 * 3600)).toBeLessThan(6);
    expect(maxInWindow((t) => ipOfTx.get(t.id)!, 6 * 3600)).toBeLessThan(6);
    const failed = txs.filter((t) => t.Status === 'Failed').map((t) => utcToLocalSeconds(t['Created (UTC)'])).sort((a, b) => a - b);
    for (let i = 2; i < failed.length; i++) expect(failed[i] - failed[i - 2]).toBeGreaterThan(600); // never 3 declines in 10 min
    expect(Math.min(...txs.map((t) => Number(t.Amount)))).toBeGreaterThanOrEqual(10);
  });

  it('crawlers, static assets, 404s and scanners are in the access log', () => {
    const log = readAccessLog();
    expect(log.filter((l) => /Googlebot/.test(l.ua)).length).toBeGreaterThan(50);
    expect(log.filter((l) => /bingbot/.test(l.ua)).length).toBeGreaterThan(20);
    expect(log.filter((l) => l.path.startsWith('/assets/')).length).toBeGreaterThan(500);
    expect(log.filter((l) => l.status === 404).length).toBeGreaterThan(10);
    expect(log.some((l) => l.path === '/.env' && l.xff === '-')).toBe(true);
    expect(log.some((l) => l.ua.includes('<script>'))).toBe(true); // hostile input on purpose
    expect(new Set(log.map((l) => l.client)).size).toBeGreaterThan(250); // a few hundred visitors
  });
});
