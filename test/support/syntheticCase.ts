// A case built by direct inserts, telling the brief's story at any scale: one customer who pays with his own card
// then his partner's and is blocked by the Multi-CB rule, a provider server IP that calls the shop for every
// order, other customers, HTTP noise, and one request with a hostile user agent. Used by the timeline/graph
// handler tests, the e2e tests and bench/ui.bench.ts (1,000,000 events).
import { createCase, type Db } from '../../src/core/casefile/caseFile';

export const STORY = {
  customerIp: '90.12.34.56',
  customerId: 'C1042',
  customerEmail: 'jean.dupont@example.fr',
  cardOwn: 'fp_OWN4242',
  cardPartner: 'fp_PARTNER5454',
  providerIp: '185.20.1.10',
  hostileIp: '203.0.113.66',
  hostileUa: '<img src=x onerror=alert(1)>',
  blockedOrder: 'O-1003',
  /** Sunday 2025-11-23 07:02:10 Europe/Paris = 06:02:10 UTC. */
  blockTs: Date.UTC(2025, 10, 23, 6, 2, 10),
  dayStart: Date.UTC(2025, 10, 22, 23, 0, 0),
} as const;

export interface SyntheticOptions {
  /** Total events wanted (approximate: the story events come on top of the noise). */
  events?: number;
  /** Other customers, each with one order paid by one card, called back by the provider. */
  otherCustomers?: number;
  /** Time span of the HTTP noise, ms. */
  spanMs?: number;
}

type Row = Record<string, string | number | null>;

const COLS = [
  'ts', 'ts_text', 'source_id', 'row_no', 'raw', 'kind', 'ip', 'client_ip', 'xff', 'method', 'path', 'status',
  'user_agent', 'email', 'customer_id', 'order_id', 'transaction_id', 'card_key', 'card_key_kind',
  'card_fingerprint', 'card_brand', 'card_last4', 'amount', 'currency', 'decision', 'rule', 'reason',
] as const;

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0';

export function buildSyntheticCase(path: string, opts: SyntheticOptions = {}): Db {
  const db = createCase(path, { title: 'Multi-CB alert — synthetic', tz: 'Europe/Paris' });
  const sources = ['access.log', 'orders.csv', 'transactions.csv', 'antifraud.csv', 'provider-api.log'];
  const addSource = db.prepare(
    `INSERT INTO sources (id, file_name, size, sha256, format, parser_version, rows_accepted, imported_at)
     VALUES (?, ?, 0, ?, ?, 'synthetic', 0, ?)`,
  );
  sources.forEach((f, i) => addSource.run(i + 1, f, String(i).repeat(64), f.endsWith('.csv') ? 'csv' : 'access-log', new Date().toISOString()));
  const insert = db.prepare(
    `INSERT INTO events (${COLS.join(',')}) VALUES (${COLS.map((c) => '@' + c).join(',')})`,
  );
  const rowNo = [0, 0, 0, 0, 0, 0];
  const add = (sourceId: number, r: Row) => {
    const full: Row = {};
    for (const c of COLS) full[c] = r[c] ?? null;
    full.source_id = sourceId;
    full.row_no = ++rowNo[sourceId];
    full.ts_text = new Date(r.ts as number).toISOString();
    full.raw = (r.raw as string | undefined) ?? `${full.ts_text} ${sourceId} ${JSON.stringify(r).slice(0, 200)}`;
    insert.run(full);
  };
  const others = opts.otherCustomers ?? 40;
  const totalWanted = opts.events ?? 2000;
  const span = opts.spanMs ?? 6 * 3600_000;
  const t0 = STORY.dayStart + 6 * 3600_000 - span; // noise ends at 06:00 UTC, just before the alert

  db.transaction(() => {
    // The customer: browses, orders three times, pays with his card then his partner's, is blocked.
    const c = STORY;
    const order = (i: number, ts: number, card: string, brand: string, last4: string, ok: boolean) => {
      const oid = `O-100${i}`;
      add(1, { ts: ts - 60_000, kind: 'http_request', ip: '10.0.0.5', client_ip: c.customerIp, xff: c.customerIp, method: 'POST', path: `/checkout?order=${oid}`, status: 200, user_agent: FIREFOX, raw: `10.0.0.5 - - [23/Nov/2025:07:0${i}:00 +0100] "POST /checkout?order=${oid} HTTP/1.1" 200 512 "-" "${FIREFOX}" "${c.customerIp}"` });
      add(2, { ts, kind: 'order', ip: c.customerIp, client_ip: c.customerIp, email: c.customerEmail, customer_id: c.customerId, order_id: oid, amount: 89.5, currency: 'EUR', user_agent: FIREFOX });
      add(3, { ts: ts + 5_000, kind: 'payment', email: c.customerEmail, customer_id: c.customerId, order_id: oid, transaction_id: `ch_${i}`, card_key: card, card_key_kind: 'fingerprint', card_fingerprint: card, card_brand: brand, card_last4: last4, amount: 89.5, currency: 'EUR', decision: ok ? 'succeeded' : 'declined' });
      add(5, { ts: ts + 8_000, kind: 'provider_call', ip: c.providerIp, client_ip: c.providerIp, method: 'POST', path: `/webhooks/payment?order=${oid}`, status: 200, order_id: oid, user_agent: 'Provider-Webhooks/2.1' });
    };
    order(1, c.blockTs - 9 * 60_000, c.cardOwn, 'visa', '4242', true);
    order(2, c.blockTs - 6 * 60_000, c.cardOwn, 'visa', '4242', false);
    order(3, c.blockTs - 20_000, c.cardPartner, 'mastercard', '5454', true);
    add(4, { ts: c.blockTs, kind: 'antifraud_decision', email: c.customerEmail, customer_id: c.customerId, order_id: c.blockedOrder, decision: 'block', rule: 'Multi-CB', reason: '2 cards in 10 minutes for one customer', raw: `${new Date(c.blockTs).toISOString()};${c.blockedOrder};${c.customerEmail};block;Multi-CB;2 cards in 10 minutes for one customer` });

    // Other customers: one order, one card each; the provider calls back for every one.
    for (let k = 0; k < others; k++) {
      const ts = STORY.dayStart + 7 * 3600_000 + k * 37_000;
      const ip = `86.${200 + (k % 50)}.${Math.floor(k / 50) % 250}.${1 + (k % 200)}`;
      const oid = `O-${2000 + k}`;
      const email = `client${k}@example.org`;
      add(2, { ts, kind: 'order', ip, client_ip: ip, email, customer_id: `C${5000 + k}`, order_id: oid, amount: 20 + (k % 7), currency: 'EUR' });
      add(3, { ts: ts + 4_000, kind: 'payment', email, customer_id: `C${5000 + k}`, order_id: oid, transaction_id: `ch_o${k}`, card_key: `fp_C${k}`, card_key_kind: 'fingerprint', card_fingerprint: `fp_C${k}`, card_brand: 'visa', card_last4: String(1000 + (k % 9000)), amount: 20 + (k % 7), currency: 'EUR', decision: 'succeeded' });
      add(5, { ts: ts + 7_000, kind: 'provider_call', ip: STORY.providerIp, client_ip: STORY.providerIp, method: 'POST', path: `/webhooks/payment?order=${oid}`, status: 200, order_id: oid, user_agent: 'Provider-Webhooks/2.1' });
    }
    // The hostile request: its user agent must show as text everywhere.
    add(1, { ts: c.blockTs - 30 * 60_000, kind: 'http_request', ip: c.hostileIp, client_ip: c.hostileIp, method: 'GET', path: '/search?q=<script>alert(2)</script>', status: 404, user_agent: c.hostileUa, raw: `${c.hostileIp} - - [23/Nov/2025:06:32:10 +0100] "GET /search?q=<script>alert(2)</script> HTTP/1.1" 404 0 "-" "${c.hostileUa}"` });

    // HTTP noise up to the requested size, spread evenly over the span.
    const story = rowNo.reduce((a, b) => a + b, 0);
    const noise = Math.max(0, totalWanted - story);
    const step = noise > 0 ? span / noise : 0;
    const paths = ['/', '/events/concert-42', '/events/theatre-7', '/cart', '/static/app.js', '/login'];
    for (let i = 0; i < noise; i++) {
      const ts = Math.floor(t0 + i * step);
      const ip = `78.${(i >> 16) & 255}.${(i >> 8) & 255}.${i % 251}`;
      add(1, { ts, kind: 'http_request', ip, client_ip: ip, method: 'GET', path: paths[i % paths.length], status: i % 97 === 0 ? 404 : 200, user_agent: FIREFOX, raw: `${ip} - - [noise ${i}] "GET ${paths[i % paths.length]} HTTP/1.1" 200 1024 "-" "${FIREFOX}"` });
    }
    const upd = db.prepare('UPDATE sources SET rows_accepted = ?, first_ts = (SELECT min(ts) FROM events WHERE source_id = ?), last_ts = (SELECT max(ts) FROM events WHERE source_id = ?) WHERE id = ?');
    for (let s = 1; s <= 5; s++) upd.run(rowNo[s], s, s, s);
  })();
  return db;
}
