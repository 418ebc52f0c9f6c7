// One pass over the case's events building, per client address, the counts the role, block-impact and
// neighbourhood logic read: identities and their outcomes as the shopper, request shapes (pages, logins,
// checkout calls, webhooks, probes), pace, user agents — each with a few evidence event ids.
import type { Db } from '../casefile/caseFile';
import { classifyUserAgent } from '../enrich/userAgent';
import { caseLinks, IP_EVENT_COLUMNS, normEmail, type CaseLinks, type IpEventTuple } from './caseLinks';
import { outcomeOf } from './outcome';
import { orderIdsInUrl, requestShape, type RequestShape } from './requestShape';
import type { UserAgentClass } from './types';

const EVIDENCE_CAP = 25;
const SIGNAL_EVIDENCE_CAP = 8;
const SET_CAP = 100_000; // distinct values kept per IP; counts above it are reported as "at least"
const TIMES_CAP = 2_000; // request times kept per IP for the pace
const UA_CAP_PER_IP = 1_000;

/** An identity's payment attempts from one address, as the shopper. */
export interface IdentityUse {
  attempts: Set<string>;
  declined: Set<string>;
  authorised: Set<string>;
  first: number;
  firstDecline: number | null;
  email: string | null;
}

export interface IpAggregate {
  ip: string;
  events: number;
  first: number;
  last: number;
  customers: Set<string>;
  emails: Set<string>;
  cards: Set<string>;
  orders: Set<string>;
  providerCalls: number;
  pageViews: number; // http requests to non-API paths
  apiRequests: number; // http requests / provider calls to API or webhook paths
  httpRequests: number;
  uaClasses: Partial<Record<UserAgentClass, number>>;
  uas: Map<string, number>;
  successfulPayments: Set<string>;
  evidence: number[];
  apiPathSample?: string;
  forwarded: number; // requests this address relayed for another client (X-Forwarded-For): a proxy
  /** Shopper side: attempts (order/payment/anti-fraud rows) made from this address, by attempt key. */
  attempts: Set<string>;
  declined: Set<string>;
  authorised: Set<string>;
  /** When this address's first declined/blocked attempt happened (the start of a testing burst, if any). */
  firstDecline: number | null;
  shopperOrders: Set<string>;
  identities: Map<string, IdentityUse>;
  /** Request shapes and their counts; webhook-shaped = POST to a webhook path by a non-browser client. */
  shapes: Partial<Record<RequestShape, number>>;
  libraryCheckout: number; // checkout/payment API calls with a library or empty user agent
  webhookCalls: number; // POSTs to webhook paths by a non-browser client (the provider's shape)
  webhookTimes: number[];
  webhookOrderIds: Set<string>; // order ids named in webhook/provider-call URLs
  times: number[];
  /** Distinct clock hours with activity (from the kept times, counted when the pass ends). */
  hours: number;
  /** Evidence event ids per signal (login, checkout, probe, webhook, decline, page…). */
  ev: Record<string, number[]>;
}

function addCapped(s: Set<string>, v: string | null) {
  if (v !== null && s.size < SET_CAP) s.add(v);
}

export function noteEvidence(a: IpAggregate, key: string, id: number) {
  const l = (a.ev[key] ??= []);
  if (l.length < SIGNAL_EVIDENCE_CAP) l.push(id);
}

function newAcc(ip: string, ts: number): IpAggregate {
  return {
    ip, events: 0, first: ts, last: ts, customers: new Set(), emails: new Set(), cards: new Set(),
    orders: new Set(), providerCalls: 0, pageViews: 0, apiRequests: 0, httpRequests: 0, uaClasses: {},
    uas: new Map(), successfulPayments: new Set(), evidence: [], forwarded: 0,
    attempts: new Set(), declined: new Set(), authorised: new Set(), firstDecline: null, shopperOrders: new Set(), identities: new Map(),
    shapes: {}, libraryCheckout: 0, webhookCalls: 0, webhookTimes: [], webhookOrderIds: new Set(), times: [], hours: 0, ev: {},
  };
}

/** Whole-case facts about identities, to tell an established customer from a throwaway one. */
export interface IdentityFacts {
  /** Addresses each identity used as the shopper (up to 4). */
  ips: Map<string, Set<string>>;
  /** Earliest authorised payment of each identity. */
  firstAuthorised: Map<string, number>;
}

export interface PaymentMark {
  ts: number;
  order: string | null;
}

export interface Aggregation {
  ips: Map<string, IpAggregate>;
  identities: IdentityFacts;
  /** Every payment row's time and order, by time (webhook calls are matched to the payment just before). */
  payments: PaymentMark[];
}

const SHOPPER_KINDS = new Set(['order', 'payment', 'antifraud_decision']);

/** One pass over the events (optionally of one IP) building per-IP aggregates. */
export function aggregateIps(db: Db, only?: string, links: CaseLinks = caseLinks(db)): Aggregation {
  const accs = new Map<string, IpAggregate>();
  const identityIps = new Map<string, Set<string>>();
  const firstAuthorised = new Map<string, number>();
  // client_ip is the XFF-resolved client; the raw remote address `ip` is read too, to count what proxies relayed.
  // One IP: two indexed look-ups (as client, as remote hop); all IPs: one table scan. PSP rows without any IP
  // come from the links (they are attributed to their order's IP).
  const rows: Iterable<IpEventTuple>[] = [];
  if (only) {
    rows.push(db.prepare(`SELECT ${IP_EVENT_COLUMNS} FROM events WHERE client_ip = ?`).raw().iterate(only) as Iterable<IpEventTuple>);
    rows.push(
      db.prepare(`SELECT ${IP_EVENT_COLUMNS} FROM events WHERE ip = ? AND (client_ip IS NULL OR client_ip != ?)`)
        .raw().iterate(only, only) as Iterable<IpEventTuple>,
    );
  } else {
    rows.push(db.prepare(`SELECT ${IP_EVENT_COLUMNS} FROM events WHERE (client_ip IS NOT NULL OR ip IS NOT NULL)`).raw().iterate() as Iterable<IpEventTuple>);
  }
  rows.push(links.paymentsWithoutIp);
  const proxies = new Map<string, { n: number; first: number; last: number; id: number }>();
  const authorisedOrders = new Set<string>();
  const payments: PaymentMark[] = [];
  const handle = (row: IpEventTuple) => {
    const [id, ts, kind, clientIp, remote, rawPath, ua, email, cid, orderId, tx, card, decision, status, method] = row;
    if (remote && clientIp && remote !== clientIp && (!only || remote === only)) {
      const p = proxies.get(remote);
      if (p) {
        p.n++;
        if (ts < p.first) p.first = ts;
        if (ts > p.last) p.last = ts;
      } else proxies.set(remote, { n: 1, first: ts, last: ts, id });
    }
    const link = orderId || tx ? links.order(orderId, tx) : undefined;
    // a PSP row without an IP is attributed to the IP of its order (blocking that IP would have stopped it)
    const addr = clientIp ?? remote ?? link?.ip ?? null;
    const outcome = SHOPPER_KINDS.has(kind) ? outcomeOf(kind, decision, status) : 'other';
    const order = links.orderIdOf(orderId, tx);
    const customer = links.customerOf(cid, email) ?? link?.customer ?? null;
    if (kind === 'payment' && (!only || addr === only)) payments.push({ ts, order });
    if (kind === 'payment' && outcome === 'authorised') {
      if (order) authorisedOrders.add(order);
      if (customer) {
        const f = firstAuthorised.get(customer);
        if (f === undefined || ts < f) firstAuthorised.set(customer, ts);
      }
    }
    if (addr === null || (only && addr !== only)) return;
    let a = accs.get(addr);
    if (!a) accs.set(addr, (a = newAcc(addr, ts)));
    a.events++;
    if (ts < a.first) a.first = ts;
    if (ts > a.last) a.last = ts;
    if (a.times.length < TIMES_CAP) a.times.push(ts);
    // user agents are counted per IP and classified once per distinct value at the end (see finishUaClasses)
    const key = ua ?? '';
    const seen = a.uas.get(key);
    if (seen !== undefined) a.uas.set(key, seen + 1);
    else if (a.uas.size < UA_CAP_PER_IP) a.uas.set(key, 1);
    else {
      const uaClass = classifyUserAgent(ua).class;
      a.uaClasses[uaClass] = (a.uaClasses[uaClass] ?? 0) + 1;
    }
    if (kind === 'provider_call' || kind === 'http_request') {
      const shape = requestShape(method, rawPath);
      if (kind === 'provider_call') {
        a.providerCalls++;
        a.apiRequests++;
        a.apiPathSample ??= rawPath?.slice(0, 120) ?? undefined;
        noteEvidence(a, 'provider-call', id);
        for (const o of orderIdsInUrl(rawPath)) addCapped(a.webhookOrderIds, o);
        if (a.webhookTimes.length < TIMES_CAP) a.webhookTimes.push(ts);
      } else {
        a.httpRequests++;
        a.shapes[shape] = (a.shapes[shape] ?? 0) + 1;
        if (shape === 'page') {
          a.pageViews++;
          noteEvidence(a, 'page', id);
        } else if (shape !== 'asset') {
          a.apiRequests++;
          if (shape === 'webhook' || shape === 'api') a.apiPathSample ??= rawPath?.slice(0, 120) ?? undefined;
          noteEvidence(a, shape, id);
        } else a.pageViews++;
        if (shape === 'webhook' || shape === 'checkout') {
          const cls = classifyUserAgent(ua).class;
          const machine = cls === 'http-library' || cls === 'empty';
          if (shape === 'checkout' && machine) {
            a.libraryCheckout++;
            noteEvidence(a, 'library-checkout', id);
          }
          if (shape === 'webhook' && cls !== 'browser') {
            a.webhookCalls++;
            if (a.webhookTimes.length < TIMES_CAP) a.webhookTimes.push(ts);
            for (const o of orderIdsInUrl(rawPath)) addCapped(a.webhookOrderIds, o);
          }
        }
      }
    }
    addCapped(a.orders, order);
    addCapped(a.customers, customer);
    addCapped(a.emails, normEmail(email));
    addCapped(a.cards, card);
    if (kind === 'payment' && outcome === 'authorised') addCapped(a.successfulPayments, order ?? `e${id}`);
    if (SHOPPER_KINDS.has(kind)) {
      // this address is the shopper of this attempt (the order's browser, the PSP's Shopper IP)
      const attempt = tx ? `tx:${tx}` : order ? `o:${order}` : `e:${id}`;
      addCapped(a.attempts, attempt);
      addCapped(a.shopperOrders, order);
      if (outcome === 'declined' || outcome === 'blocked') {
        addCapped(a.declined, attempt);
        if (a.firstDecline === null || ts < a.firstDecline) a.firstDecline = ts;
        noteEvidence(a, 'decline', id);
      } else if (outcome === 'authorised' && kind === 'payment') addCapped(a.authorised, attempt);
      if (customer) {
        let u = a.identities.get(customer);
        if (!u && a.identities.size < SET_CAP) {
          a.identities.set(customer, (u = { attempts: new Set(), declined: new Set(), authorised: new Set(), first: ts, firstDecline: null, email: normEmail(email) }));
        }
        if (u) {
          u.attempts.add(attempt);
          if (ts < u.first) u.first = ts;
          u.email ??= normEmail(email);
          if (outcome === 'declined' || outcome === 'blocked') {
            u.declined.add(attempt);
            if (u.firstDecline === null || ts < u.firstDecline) u.firstDecline = ts;
          } else if (outcome === 'authorised' && kind === 'payment') u.authorised.add(attempt);
        }
        let s = identityIps.get(customer);
        if (!s) identityIps.set(customer, (s = new Set()));
        if (s.size < 4) s.add(addr);
      }
    }
    if (a.evidence.length < EVIDENCE_CAP && (kind !== 'http_request' || a.evidence.length < 10)) a.evidence.push(id);
  };
  for (const r of rows) for (const row of r) handle(row);
  for (const a of accs.values()) {
    finishUaClasses(a);
    // Blocking an IP also stops the payments of the orders it carried (a provider's notifications confirm them).
    for (const o of a.orders) if (authorisedOrders.has(o)) addCapped(a.successfulPayments, o);
    a.times.sort((x, y) => x - y);
    let hour = -1;
    for (const t of a.times) {
      const h = Math.floor(t / 3_600_000);
      if (h !== hour) {
        a.hours++;
        hour = h;
      }
    }
    a.webhookTimes.sort((x, y) => x - y);
  }
  // Proxies: remote addresses that relayed requests for clients named in X-Forwarded-For.
  for (const [ip, p] of proxies) {
    let a = accs.get(ip);
    if (!a) {
      accs.set(ip, (a = newAcc(ip, p.first)));
      a.events = p.n;
      a.last = p.last;
      a.evidence.push(p.id);
    }
    a.forwarded = p.n;
  }
  payments.sort((x, y) => x.ts - y.ts);
  return { ips: accs, identities: { ips: identityIps, firstAuthorised }, payments };
}

function finishUaClasses(a: IpAggregate): void {
  for (const [ua, n] of a.uas) {
    const cls = classifyUserAgent(ua || null).class;
    a.uaClasses[cls] = (a.uaClasses[cls] ?? 0) + n;
  }
  a.uas.delete(''); // "no user agent" is counted as the class `empty`, not as a distinct agent
}

/** Median gap in seconds between consecutive events (the pace), NaN with fewer than 2. */
export function medianGapSeconds(times: number[]): number {
  if (times.length < 2) return NaN;
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push((times[i] - times[i - 1]) / 1000);
  gaps.sort((x, y) => x - y);
  const m = gaps.length >> 1;
  return gaps.length % 2 ? gaps[m] : (gaps[m - 1] + gaps[m]) / 2;
}

/** A webhook call this many ms after a payment is taken as that payment's notification. */
const NOTIFY_WINDOW_MS = 15_000;

/**
 * Orders an address notified as a provider: its own log's order ids, order ids named in its webhook URLs that
 * the case knows, else (URLs without ids) the payment a few seconds before each webhook call.
 */
export function notifiedOrders(a: IpAggregate, payments: PaymentMark[], known: (orderId: string) => string | null): Set<string> {
  const out = new Set<string>(a.providerCalls ? a.orders : []);
  for (const id of a.webhookOrderIds) {
    const k = known(id);
    if (k) out.add(k);
  }
  if (a.webhookOrderIds.size === 0) {
    let j = 0;
    for (const t of a.webhookTimes) {
      while (j < payments.length && payments[j].ts < t - NOTIFY_WINDOW_MS) j++;
      let best: PaymentMark | undefined;
      for (let k = j; k < payments.length && payments[k].ts <= t; k++) best = payments[k];
      if (best?.order) out.add(best.order);
    }
  }
  return out;
}
