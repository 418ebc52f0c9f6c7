// Links between identifiers across sources: which customer an e-mail belongs to, which customer, IP and user
// agent an order (or a payment transaction) belongs to. Built once per analysis from the order/payment rows only.
import type { Db } from '../casefile/caseFile';
import { readBusinessRows, type BusinessRows } from './businessRows';
import type { EventKind } from '../types';

export interface OrderLink {
  customer: string | null;
  ip: string | null;
  ua: string | null;
}

/** An event as the per-IP aggregation reads it. */
export type IpEventTuple = [
  id: number, ts: number, kind: EventKind, clientIp: string | null, remote: string | null, path: string | null,
  ua: string | null, email: string | null, customerId: string | null, orderId: string | null, tx: string | null,
  card: string | null, decision: string | null, status: number | null, method: string | null,
];
export const IP_EVENT_COLUMNS =
  'id, ts, kind, client_ip, ip, path, user_agent, email, customer_id, order_id, transaction_id, card_key, decision, status, method';

export interface CaseLinks {
  /** PSP rows that carry no IP at all, in id order: attributed to their order's IP by the IP analysis. Read when
   *  asked, not kept: on a large case they are most payment rows, and the links stay cached for the case. */
  paymentsWithoutIp(): Iterable<IpEventTuple>;
  /** Canonical customer key of an event: customer_id, else the customer id known for its e-mail, else the e-mail. */
  customerOf(customerId: string | null, email: string | null): string | null;
  order(orderId: string | null, transactionId: string | null): OrderLink | undefined;
  orderIdOf(orderId: string | null, transactionId: string | null): string | null;
}

/** Shop exports write guest checkouts as customer 0 (WooCommerce) or "guest": that is no identity. */
export const normCustomerId = (c: string | null): string | null => {
  const t = c?.slice(0, 200).trim();
  return t && !/^(0+|-|guest|invit[ée]|null|none|n\/a|undefined)$/i.test(t) ? t : null;
};

export const normEmail = (e: string | null): string | null => {
  const t = e?.slice(0, 320).trim().toLowerCase();
  return t ? t : null;
};

const cache = new WeakMap<Db, { key: string; links: CaseLinks }>();

/** buildCaseLinks, reused while the case's events and sources are unchanged (the UI asks per IP). */
export function caseLinks(db: Db, biz?: BusinessRows): CaseLinks {
  const k = db.prepare('SELECT (SELECT max(id) FROM events) AS e, (SELECT max(id) FROM sources) AS s, (SELECT count(*) FROM sources) AS n').get() as Record<string, number | null>;
  const key = `${k.e}:${k.s}:${k.n}`;
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.links;
  const links = buildCaseLinks(db, biz);
  cache.set(db, { key, links });
  return links;
}

/** The rows the links read: orders, payments, anti-fraud decisions and records that name an order, a transaction,
 *  an e-mail or a customer (every payment: its transaction may be named by its order only). */
const linkRow = (b: BusinessRows, i: number) =>
  b.orderId[i] !== null || b.tx[i] !== null || b.email[i] !== null || b.customerId[i] !== null || b.kind[i] === 'payment';

export function buildCaseLinks(db: Db, biz: BusinessRows = readBusinessRows(db)): CaseLinks {
  // the identity-bearing rows in id order: the first row naming an order or a transaction wins
  const emails = biz.email.map((e, i) => (linkRow(biz, i) ? normEmail(e) : null));
  const withoutIp = db.prepare(`SELECT ${IP_EVENT_COLUMNS} FROM events WHERE kind = 'payment' AND client_ip IS NULL AND ip IS NULL ORDER BY id`).raw();
  const paymentsWithoutIp = () => withoutIp.iterate() as Iterable<IpEventTuple>;

  // e-mail → the customer id most often seen with it (shop ids and PSP ids may differ for one person)
  const pairCounts = new Map<string, Map<string, number>>();
  const txToOrder = new Map<string, string>();
  for (let i = 0; i < biz.length; i++) {
    if (!linkRow(biz, i)) continue;
    const orderId = biz.orderId[i];
    const tx = biz.tx[i];
    const email = emails[i];
    const cid = normCustomerId(biz.customerId[i]);
    if (email && cid) {
      let m = pairCounts.get(email);
      if (!m) pairCounts.set(email, (m = new Map()));
      m.set(cid, (m.get(cid) ?? 0) + 1);
    }
    if (tx && orderId && !txToOrder.has(tx)) txToOrder.set(tx, orderId);
  }
  const emailToCustomer = new Map<string, string>();
  const idAlias = new Map<string, string>(); // every other id seen with that e-mail → the main id
  for (const [email, ids] of pairCounts) {
    const main = [...ids].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    emailToCustomer.set(email, main);
    for (const id of ids.keys()) if (id !== main && !idAlias.has(id)) idAlias.set(id, main);
  }
  const customerOf = (rawId: string | null, email: string | null): string | null => {
    const customerId = normCustomerId(rawId);
    if (customerId) return idAlias.get(customerId) ?? customerId;
    const e = normEmail(email);
    if (!e) return null;
    return emailToCustomer.get(e) ?? e;
  };

  const orders = new Map<string, OrderLink>();
  // each row reads its address and user agent as a new string: the links keep one per distinct value (a case has
  // a few thousand user agents for tens of thousands of orders, and the links stay cached with the case)
  const distinct = new Map<string, string>();
  const one = (v: string | null) => {
    if (v === null) return null;
    const seen = distinct.get(v);
    if (seen !== undefined) return seen;
    distinct.set(v, v);
    return v;
  };
  for (let i = 0; i < biz.length; i++) {
    const kind = biz.kind[i];
    const orderId = biz.orderId[i];
    const tx = biz.tx[i];
    if (kind === 'record' || (!orderId && !tx)) continue;
    const cid = biz.customerId[i];
    const email = emails[i];
    const rowAddr = biz.addr[i];
    const rowUa = biz.ua[i];
    const oid = orderId ?? (tx ? txToOrder.get(tx) ?? null : null);
    const key = oid ?? `tx:${tx}`;
    const link = orders.get(key) ?? { customer: null, ip: null, ua: null };
    const addr = one(rowAddr);
    const ua = one(rowUa);
    link.customer ??= customerOf(cid, email);
    // the shop's order row names the customer's browser; a PSP row's IP is the shopper's too (Adyen Shopper IP)
    if (kind === 'order' && addr) link.ip = addr;
    else link.ip ??= addr;
    if (kind === 'order' && ua) link.ua = ua;
    else link.ua ??= ua;
    orders.set(key, link);
  }
  const orderIdOf = (orderId: string | null, tx: string | null) => orderId ?? (tx ? txToOrder.get(tx) ?? `tx:${tx}` : null);
  return {
    paymentsWithoutIp,
    customerOf,
    orderIdOf,
    order: (orderId, tx) => {
      const k = orderIdOf(orderId, tx);
      return k ? orders.get(k) : undefined;
    },
  };
}
