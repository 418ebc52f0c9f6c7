// Links between identifiers across sources: which customer an e-mail belongs to, which customer, IP and user
// agent an order (or a payment transaction) belongs to. Built once per analysis from the order/payment rows only.
import type { Db } from '../casefile/caseFile';

export interface OrderLink {
  customer: string | null;
  ip: string | null;
  ua: string | null;
}

export interface CaseLinks {
  /** Canonical customer key of an event: customer_id, else the customer id known for its e-mail, else the e-mail. */
  customerOf(customerId: string | null, email: string | null): string | null;
  order(orderId: string | null, transactionId: string | null): OrderLink | undefined;
  orderIdOf(orderId: string | null, transactionId: string | null): string | null;
}

/** Shop exports write guest checkouts as customer 0 (WooCommerce) or "guest": that is no identity. */
export const normCustomerId = (c: string | null): string | null => {
  const t = c?.trim();
  return t && !/^(0+|-|guest|invit[ée]|null|none|n\/a|undefined)$/i.test(t) ? t : null;
};

export const normEmail = (e: string | null): string | null => {
  const t = e?.trim().toLowerCase();
  return t ? t : null;
};

export function buildCaseLinks(db: Db): CaseLinks {
  const emailToCustomer = new Map<string, string>();
  for (const [email, cid] of db
    .prepare(
      `SELECT lower(trim(email)), customer_id FROM events
       WHERE email IS NOT NULL AND customer_id IS NOT NULL AND kind IN ('order','payment','antifraud_decision','record')
       GROUP BY 1, 2 ORDER BY count(*) DESC`,
    )
    .raw()
    .iterate() as Iterable<[string, string]>) {
    if (!normCustomerId(cid)) continue;
    // the customer id most often seen with this e-mail wins (shop ids and PSP ids may differ)
    if (!emailToCustomer.has(email)) emailToCustomer.set(email, cid);
  }
  // PSP customer ids (cus_…) and shop ids (77) for one person: map each id to the first id seen for its e-mail
  const idAlias = new Map<string, string>();
  for (const [email, cid] of db
    .prepare(
      `SELECT lower(trim(email)), customer_id FROM events
       WHERE email IS NOT NULL AND customer_id IS NOT NULL GROUP BY 1, 2`,
    )
    .raw()
    .iterate() as Iterable<[string, string]>) {
    const main = emailToCustomer.get(email);
    if (!main || !normCustomerId(cid)) continue;
    if (cid !== main && !idAlias.has(cid)) idAlias.set(cid, main);
  }
  const customerOf = (rawId: string | null, email: string | null): string | null => {
    const customerId = normCustomerId(rawId);
    if (customerId) return idAlias.get(customerId) ?? customerId;
    const e = normEmail(email);
    if (!e) return null;
    return emailToCustomer.get(e) ?? e;
  };

  const orders = new Map<string, OrderLink>();
  const txToOrder = new Map<string, string>();
  for (const [tx, orderId] of db
    .prepare('SELECT transaction_id, order_id FROM events WHERE transaction_id IS NOT NULL AND order_id IS NOT NULL GROUP BY 1')
    .raw()
    .iterate() as Iterable<[string, string]>) {
    txToOrder.set(tx, orderId);
  }
  for (const [kind, orderId, tx, cid, email, addr, ua] of db
    .prepare(
      `SELECT kind, order_id, transaction_id, customer_id, email, COALESCE(client_ip, ip), user_agent FROM events
       WHERE kind IN ('order','payment','antifraud_decision') AND (order_id IS NOT NULL OR transaction_id IS NOT NULL)`,
    )
    .raw()
    .iterate() as Iterable<[string, string | null, string | null, string | null, string | null, string | null, string | null]>) {
    const oid = orderId ?? (tx ? txToOrder.get(tx) ?? null : null);
    const key = oid ?? (tx ? `tx:${tx}` : null);
    if (!key) continue;
    const link = orders.get(key) ?? { customer: null, ip: null, ua: null };
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
    customerOf,
    orderIdOf,
    order: (orderId, tx) => {
      const k = orderIdOf(orderId, tx);
      return k ? orders.get(k) ?? (tx ? orders.get(`tx:${tx}`) : undefined) : undefined;
    },
  };
}
