// One pass over the case's events building, per client address, the counts the role, block-impact and
// neighbourhood logic read: identities and their outcomes as the shopper, request shapes (pages, logins,
// checkout calls, webhooks, probes), pace, user agents — each with a few evidence event ids. The pass reads string
// ids, not text, and classifies each distinct path and user agent once: a million-event case is mostly the same
// few thousand paths and agents.
import type { Db } from '../casefile/caseFile';
import { classifyUserAgent } from '../enrich/userAgent';
import type { BusinessRows } from './businessRows';
import { caseLinks, normEmail, type CaseLinks } from './caseLinks';
import { AddressTable } from './addressTable';
import { forEachScanRow, type Detail, type Key, type RowHandler, type ScanRow } from './eventScan';
import type { ScanThread } from './scanThread';
import { outcomeOf } from './outcome';
import { orderIdsInUrl, requestShape, type RequestShape } from './requestShape';
import type { UserAgentClass } from './types';

const EVIDENCE_CAP = 25;
const SIGNAL_EVIDENCE_CAP = 8;
const SET_CAP = 100_000; // distinct values kept per IP; counts above it are reported as "at least"
const TIMES_CAP = 2_000; // request times kept per IP for the pace
const UA_CAP_PER_IP = 1_000;

/**
 * Distinct strings of one address (its orders, cards, attempts…): an exact-size array while there are a few (most
 * addresses have one to three; a Set costs ~150 bytes even for one value, and a million-event case keeps well over a
 * hundred thousand of them through the whole per-address pass), a Set beyond. In insertion order either way.
 */
export type Values = readonly string[] | ReadonlySet<string>;

/** How many values. */
export const count = (v: Values): number => (Array.isArray(v) ? v.length : (v as ReadonlySet<string>).size);
/** Whether `x` is one of them. */
export const hasValue = (v: Values, x: string): boolean => (Array.isArray(v) ? v.includes(x) : (v as ReadonlySet<string>).has(x));

/** An identity's payment attempts from one address, as the shopper. */
export interface IdentityUse {
  declined: Values;
  first: number;
  firstDecline: number | null;
  email: string | null;
}

export interface IpAggregate {
  ip: string;
  events: number;
  first: number;
  last: number;
  customers: Values;
  emails: Values;
  cards: Values;
  orders: Values;
  providerCalls: number;
  pageViews: number; // http requests to non-API paths
  apiRequests: number; // http requests / provider calls to API or webhook paths
  httpRequests: number;
  uaClasses: Partial<Record<UserAgentClass, number>>;
  /** Requests by user agent text ("no user agent" is only counted in `uaClasses`, as `empty`). */
  uas: Map<string, number>;
  /** The same counts by scan key while the pass runs (see finishUaClasses): the first key apart (most addresses
   *  have one user agent), the others in a map made when a second one comes. */
  uaFirst: Key | undefined;
  uaFirstN: number;
  uaKeys: Map<Key, number> | undefined;
  successfulPayments: Values;
  evidence: number[];
  apiPathSample?: string;
  forwarded: number; // requests this address relayed for another client (X-Forwarded-For): a proxy
  /** Shopper side: attempts (order/payment/anti-fraud rows) made from this address, by attempt key. */
  attempts: Values;
  declined: Values;
  /** When this address's first declined/blocked attempt happened (the start of a testing burst, if any). */
  firstDecline: number | null;
  shopperOrders: Values;
  identities: Map<string, IdentityUse>;
  /** Request shapes and their counts; webhook-shaped = POST to a webhook path by a non-browser client. */
  shapes: Partial<Record<RequestShape, number>>;
  libraryCheckout: number; // checkout/payment API calls with a library or empty user agent
  webhookCalls: number; // POSTs to webhook paths by a non-browser client (the provider's shape)
  webhookTimes: number[];
  webhookOrderIds: Values; // order ids named in webhook/provider-call URLs
  /** Its first TIMES_CAP request times in the pass's order (filled when the pass ends, see TimeLog). */
  times: number[];
  /** While the pass runs: this address's number in the pass's time log, and how many times it has there. */
  slot: number;
  timesKept: number;
  /** Distinct clock hours with activity (from the kept times, counted when the pass ends). */
  hours: number;
  /** Evidence event ids per signal (login, checkout, probe, webhook, decline, page…). */
  ev: Record<string, number[]>;
}

/** No values: shared by every address until it adds a first one (most addresses never shop). */
const NONE: Values = Object.freeze([]);
/** The other per-address lists and maps most addresses never fill (tens of thousands of them), shared while empty. */
class NoEntries<K, V> extends Map<K, V> {
  override set(): this {
    throw new Error('the shared empty map is read-only');
  }
}
const NO_TIMES = Object.freeze([]) as unknown as number[];
const NO_IDENTITIES: Map<string, IdentityUse> = new NoEntries();
const NO_UAS: Map<string, number> = new NoEntries();

/** The empty set of values, shared and read-only (an address that notified no order, say). */
export const NO_VALUES: ReadonlySet<string> = new Set<string>();

/** Values kept in an exact-size array up to this many, in a Set beyond. */
const FEW = 8;

/** `s` with `v` added, up to SET_CAP values: `a.x = added(a.x, v)` (a few values are copied to a one-longer array). */
function added(s: Values, v: string | null): Values {
  if (v === null) return s;
  if (Array.isArray(s)) {
    if (s.includes(v)) return s;
    if (s.length < FEW) return s.concat(v); // exact size (a spread or a push leaves room for 16 more)
    return new Set(s).add(v);
  }
  const set = s as Set<string>;
  if (set.size < SET_CAP) set.add(v);
  return set;
}

export function noteEvidence(a: IpAggregate, key: string, id: number) {
  const l = a.ev[key];
  // exact-size one-longer copies up to the cap: a list grown by push holds room for 17 (tens of thousands of these)
  if (!l) a.ev[key] = [id];
  else if (l.length < SIGNAL_EVIDENCE_CAP) a.ev[key] = l.concat(id);
}

function newAcc(ip: string, ts: number, slot = -1): IpAggregate {
  return {
    ip, events: 0, first: ts, last: ts, customers: NONE, emails: NONE, cards: NONE,
    orders: NONE, providerCalls: 0, pageViews: 0, apiRequests: 0, httpRequests: 0, uaClasses: {},
    uas: NO_UAS, uaFirst: undefined, uaFirstN: 0, uaKeys: undefined, successfulPayments: NONE, evidence: [], forwarded: 0,
    attempts: NONE, declined: NONE, firstDecline: null, shopperOrders: NONE, identities: NO_IDENTITIES,
    shapes: {}, libraryCheckout: 0, webhookCalls: 0, webhookTimes: NO_TIMES, webhookOrderIds: NONE, times: NO_TIMES, slot, timesKept: 0, hours: 0, ev: {},
  };
}

/**
 * The request times of the pass, in the order it reads them, each with its address's slot: written in sequence
 * instead of pushed onto each address's own list (a row's address is a random one of tens of thousands: its list,
 * and the list's store, were two more cache misses per row, and lists grown by push are copied as they grow and
 * leave room unused). Dealt out to exact-size lists, in the same order, when the pass ends.
 */
class TimeLog {
  private slots = new Int32Array(1 << 16);
  private times = new Float64Array(1 << 16);
  private n = 0;

  add(slot: number, ts: number): void {
    if (this.n === this.slots.length) this.grow();
    this.slots[this.n] = slot;
    this.times[this.n++] = ts;
  }

  /** Sets each address's `times` (the one at index `slot` of `accs`) to its own, in the order they were added. */
  dealOut(accs: IpAggregate[]): void {
    for (const a of accs) if (a.timesKept) a.times = new Array<number>(a.timesKept);
    const filled = new Int32Array(accs.length);
    for (let k = 0; k < this.n; k++) {
      const s = this.slots[k];
      accs[s].times[filled[s]++] = this.times[k];
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    slots.set(this.slots);
    this.slots = slots;
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
  }
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
const NO_DETAIL: Detail = ['', null, null, null, null, null, null, null];

/**
 * A payment row that carries no address at all (its order's address is its shopper's), as the pass reads it: its
 * user agent's text, identifiers and outcome (a payment's method and path are not read).
 */
export type AddresslessPayment = [
  id: number, ts: number, ua: string | null, email: string | null, customerId: string | null, orderId: string | null, tx: string | null,
  card: string | null, decision: string | null, status: number | null,
];

/** The addressless payments among the business rows, in id order (the rows analyzeCase has read already). */
export function addresslessPayments(b: BusinessRows): AddresslessPayment[] {
  const out: AddresslessPayment[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b.kind[i] !== 'payment' || b.addr[i] !== null) continue;
    out.push([b.id[i], b.ts[i], b.ua[i], b.email[i], b.customerId[i], b.orderId[i], b.tx[i], b.card[i], b.decision[i], b.status[i]]);
  }
  return out;
}

/** The same read again (by the links' query) when the business rows are not at hand. */
function* addresslessOfLinks(links: CaseLinks): Iterable<AddresslessPayment> {
  for (const r of links.paymentsWithoutIp()) yield [r[0], r[1], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13]];
}

/** The scan's row shape of an addressless payment (text keys; its address comes from its order). */
const scanRowOf = (r: AddresslessPayment): [ScanRow, Detail] => [
  [r[0], r[1], 0, null, null, null, null, null, r[2]],
  ['payment', r[3], r[4], r[5], r[6], r[7], r[8], r[9]],
];

/** Text of a scan key: an interned string id is looked up once, text is itself. */
function stringResolver(db: Db): (key: number | string | null) => string | null {
  const byId = new Map<number, string | null>();
  let lookup: ((id: number) => { value: string } | undefined) | undefined;
  return (key) => {
    if (key === null || typeof key === 'string') return key;
    let v = byId.get(key);
    if (v === undefined) {
      lookup ??= ((st) => (id: number) => st.get(id) as { value: string } | undefined)(db.prepare('SELECT value FROM strings WHERE id = ?'));
      v = lookup(key)?.value ?? null;
      byId.set(key, v);
    }
    return v;
  };
}

/** Per-key memo of a function of a scan key (its request shape, its user agent class). */
function memoByKey<T>(f: (key: number | string | null) => T): (key: number | string | null) => T {
  const m = new Map<number | string | null, T>();
  return (key) => {
    let v = m.get(key);
    if (v === undefined && !m.has(key)) {
      v = f(key);
      if (m.size > 200_000) m.clear(); // a hostile log can carry millions of distinct values
      m.set(key, v);
    }
    return v as T;
  };
}

/**
 * One pass over the events building per-IP aggregates (identities judged against the whole case). `addressless`:
 * the case's payments without an address, when the caller has them (else read again here); the list is consumed
 * (emptied once read). `scan`: a thread reading the rows since the analysis began (scanThread.ts), else they are
 * read here; the aggregates are the same.
 */
export function aggregateIps(db: Db, links: CaseLinks = caseLinks(db), addressless?: AddresslessPayment[], scan?: ScanThread | null): Aggregation {
  const here: RowSource = (handle) => forEachScanRow(db, handle);
  let out = scan ? aggregateFrom(db, links, addressless, (handle) => scan.forEachRow(handle) || here(handle)) : undefined;
  // another connection changed the case while the thread read it: the rows are read again here, as without a thread
  if (!out || !scan!.unchanged()) out = aggregateFrom(db, links, addressless, here);
  if (addressless) addressless.length = 0; // handed over: garbage from here on, not kept by the caller's frames
  return out;
}

/** Hands every row of the scan to a handler (see eventScan.ts). */
type RowSource = (handle: RowHandler) => unknown;

function aggregateFrom(db: Db, links: CaseLinks, addressless: AddresslessPayment[] | undefined, rows: RowSource): Aggregation {
  const accs = new Map<string, IpAggregate>();
  const byAddress = new AddressTable<IpAggregate>(); // the same, found without hashing each row's new address text
  const bySlot: IpAggregate[] = []; // the same again, by slot in the time log
  const byRef: (IpAggregate | undefined)[] = []; // the same by the scan thread's number for the address text
  const timeLog = new TimeLog();
  const identityIps = new Map<string, Set<string>>();
  const firstAuthorised = new Map<string, number>();
  const text = stringResolver(db);
  const uaClassOf = memoByKey((k) => classifyUserAgent(text(k)).class);
  // the path without its query: memoised per (method, path) key; with a query, the full text (memoised by requestShape)
  const shapeByPath = new Map<number | string | null, (method: number | string | null) => RequestShape>();
  const shapeOf = (method: number | string | null, path: number | string | null, query: string | null): RequestShape => {
    if (query !== null) return requestShape(text(method), (text(path) ?? '') + query);
    let byMethod = shapeByPath.get(path);
    if (!byMethod) {
      if (shapeByPath.size > 200_000) shapeByPath.clear();
      shapeByPath.set(path, (byMethod = memoByKey((m) => requestShape(text(m), text(path)))));
    }
    return byMethod(method);
  };
  const fullPath = (path: number | string | null, query: string | null): string | null => {
    const p = text(path);
    return query === null ? p : (p ?? '') + query;
  };
  // client_ip is the XFF-resolved client; the raw remote address `ip` is read too, to count what proxies relayed.
  // PSP rows without any IP come from the links (they are attributed to their order's IP).
  const proxies = new Map<string, { n: number; first: number; last: number; id: number }>();
  const authorisedOrders = new Set<string>();
  const payments: PaymentMark[] = [];
  let lastAddr: string | null = null;
  let lastAcc: IpAggregate | undefined;
  const handle = (row: ScanRow, d: Detail | null) => {
    const [id, ts, provider, rowAddr, relay, methodKey, pathKey, query, uaKey, addrRef] = row;
    if (relay !== null) {
      const p = proxies.get(relay);
      if (p) {
        p.n++;
        if (ts < p.first) p.first = ts;
        if (ts > p.last) p.last = ts;
      } else proxies.set(relay, { n: 1, first: ts, last: ts, id });
    }
    const kind = d ? d[0] : provider ? 'provider_call' : 'http_request';
    const [, email, cid, orderId, tx, card, decision, status] = d ?? NO_DETAIL;
    // web requests without identifiers (most of a case) skip the identity links
    const bare = orderId === null && tx === null && email === null && cid === null;
    const link = bare ? undefined : orderId || tx ? links.order(orderId, tx) : undefined;
    // a PSP row without an IP is attributed to the IP of its order (blocking that IP would have stopped it)
    const addr = rowAddr ?? link?.ip ?? null;
    const shopperKind = d !== null && SHOPPER_KINDS.has(kind);
    const outcome = shopperKind ? outcomeOf(kind, decision, status) : 'other';
    const order = bare ? null : links.orderIdOf(orderId, tx);
    const customer = bare ? null : links.customerOf(cid, email) ?? link?.customer ?? null;
    if (kind === 'payment') payments.push({ ts, order });
    if (kind === 'payment' && outcome === 'authorised') {
      if (order) authorisedOrders.add(order);
      if (customer) {
        const f = firstAuthorised.get(customer);
        if (f === undefined || ts < f) firstAuthorised.set(customer, ts);
      }
    }
    if (addr === null) return;
    // a client's requests come in bursts (a page and its assets): the previous row's address is checked first
    // then the address's number from the scan thread, when it sent one (one array read instead of a table probe)
    const ref = addrRef !== undefined && addrRef >= 0 && addr === rowAddr ? addrRef : -1;
    let a = addr === lastAddr ? lastAcc : ref >= 0 ? byRef[ref] : byAddress.get(addr);
    if (!a && ref >= 0 && (a = byAddress.get(addr))) byRef[ref] = a;
    if (!a) {
      accs.set(addr, (a = newAcc(addr, ts, bySlot.length)));
      byAddress.add(addr, a);
      bySlot.push(a);
      if (ref >= 0) byRef[ref] = a;
    }
    lastAddr = addr;
    lastAcc = a;
    a.events++;
    if (ts < a.first) a.first = ts;
    if (ts > a.last) a.last = ts;
    if (a.timesKept < TIMES_CAP) {
      timeLog.add(a.slot, ts);
      a.timesKept++;
    }
    // user agents are counted per IP by key and classified once per distinct value at the end (see finishUaClasses)
    let seen: number | undefined;
    if (uaKey === a.uaFirst) a.uaFirstN++;
    else if (a.uaFirst === undefined) {
      a.uaFirst = uaKey;
      a.uaFirstN = 1;
    } else if ((seen = (a.uaKeys ??= new Map()).get(uaKey)) !== undefined) a.uaKeys.set(uaKey, seen + 1);
    else if (a.uaKeys.size + 1 < UA_CAP_PER_IP) a.uaKeys.set(uaKey, 1);
    else {
      const uaClass = uaClassOf(uaKey);
      a.uaClasses[uaClass] = (a.uaClasses[uaClass] ?? 0) + 1;
    }
    if (kind === 'provider_call') {
      const rawPath = fullPath(pathKey, query);
      a.providerCalls++;
      a.apiRequests++;
      a.apiPathSample ??= rawPath?.slice(0, 120) ?? undefined;
      noteEvidence(a, 'provider-call', id);
      for (const o of orderIdsInUrl(rawPath)) a.webhookOrderIds = added(a.webhookOrderIds, o);
      if (a.webhookTimes.length < TIMES_CAP) (a.webhookTimes === NO_TIMES ? (a.webhookTimes = []) : a.webhookTimes).push(ts);
    } else if (kind === 'http_request') {
      const shape = shapeOf(methodKey, pathKey, query);
      a.httpRequests++;
      a.shapes[shape] = (a.shapes[shape] ?? 0) + 1;
      if (shape === 'page') {
        a.pageViews++;
        noteEvidence(a, 'page', id);
      } else if (shape !== 'asset') {
        a.apiRequests++;
        if (shape === 'webhook' || shape === 'api') a.apiPathSample ??= fullPath(pathKey, query)?.slice(0, 120) ?? undefined;
        noteEvidence(a, shape, id);
      } else a.pageViews++;
      if (shape === 'webhook' || shape === 'checkout') {
        const cls = uaClassOf(uaKey);
        const machine = cls === 'http-library' || cls === 'empty';
        if (shape === 'checkout' && machine) {
          a.libraryCheckout++;
          noteEvidence(a, 'library-checkout', id);
        }
        if (shape === 'webhook' && cls !== 'browser') {
          a.webhookCalls++;
          if (a.webhookTimes.length < TIMES_CAP) (a.webhookTimes === NO_TIMES ? (a.webhookTimes = []) : a.webhookTimes).push(ts);
          for (const o of orderIdsInUrl(fullPath(pathKey, query))) a.webhookOrderIds = added(a.webhookOrderIds, o);
        }
      }
    }
    if (!bare || card !== null) {
      a.orders = added(a.orders, order);
      a.customers = added(a.customers, customer);
      a.emails = added(a.emails, normEmail(email));
      a.cards = added(a.cards, card);
    }
    if (kind === 'payment' && outcome === 'authorised') a.successfulPayments = added(a.successfulPayments, order ?? `e${id}`);
    if (shopperKind) {
      // this address is the shopper of this attempt (the order's browser, the PSP's Shopper IP)
      const attempt = tx ? `tx:${tx}` : order ? `o:${order}` : `e:${id}`;
      a.attempts = added(a.attempts, attempt);
      a.shopperOrders = added(a.shopperOrders, order);
      if (outcome === 'declined' || outcome === 'blocked') {
        a.declined = added(a.declined, attempt);
        if (a.firstDecline === null || ts < a.firstDecline) a.firstDecline = ts;
        noteEvidence(a, 'decline', id);
      }
      if (customer) {
        let u = a.identities.get(customer);
        if (!u && a.identities.size < SET_CAP) {
          (a.identities === NO_IDENTITIES ? (a.identities = new Map()) : a.identities).set(customer, (u = { declined: NONE, first: ts, firstDecline: null, email: normEmail(email) }));
        }
        if (u) {
          if (ts < u.first) u.first = ts;
          u.email ??= normEmail(email);
          if (outcome === 'declined' || outcome === 'blocked') {
            u.declined = added(u.declined, attempt);
            if (u.firstDecline === null || ts < u.firstDecline) u.firstDecline = ts;
          }
        }
        let s = identityIps.get(customer);
        if (!s) identityIps.set(customer, (s = new Set()));
        if (s.size < 4) s.add(addr);
      }
    }
    if (a.evidence.length < EVIDENCE_CAP && (kind !== 'http_request' || a.evidence.length < 10)) a.evidence.push(id);
  };
  rows(handle);
  // handled last, in id order, as they always were: what they add to an address follows its own rows
  for (const r of addressless ?? addresslessOfLinks(links)) handle(...scanRowOf(r));
  timeLog.dealOut(bySlot);
  for (const a of accs.values()) {
    finishUaClasses(a, text, uaClassOf);
    a.evidence = a.evidence.slice(); // kept by the profile and the block impact: exact-size, not push-grown
    // Blocking an IP also stops the payments of the orders it carried (a provider's notifications confirm them).
    for (const o of a.orders) if (authorisedOrders.has(o)) a.successfulPayments = added(a.successfulPayments, o);
    if (!ascending(a.times)) a.times.sort((x, y) => x - y);
    let hour = -1;
    for (const t of a.times) {
      const h = Math.floor(t / 3_600_000);
      if (h !== hour) {
        a.hours++;
        hour = h;
      }
    }
    if (!ascending(a.webhookTimes)) a.webhookTimes.sort((x, y) => x - y);
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

/** Counts by user agent text (keys of the same text merged) and by class; "no user agent" is the class `empty`. */
function finishUaClasses(a: IpAggregate, text: (key: number | string | null) => string | null, uaClassOf: (key: number | string | null) => UserAgentClass): void {
  const keys: [Key, number][] = a.uaFirst === undefined ? [] : [[a.uaFirst, a.uaFirstN]];
  for (const [key, n] of [...keys, ...(a.uaKeys ?? [])]) {
    const cls = uaClassOf(key);
    a.uaClasses[cls] = (a.uaClasses[cls] ?? 0) + n;
    const ua = text(key) ?? '';
    if (ua !== '') (a.uas === NO_UAS ? (a.uas = new Map()) : a.uas).set(ua, (a.uas.get(ua) ?? 0) + n);
  }
  a.uaKeys = undefined;
  a.uaFirst = undefined;
}

/** Whether the times are already in order (rows are read in id order, which is mostly time order): no sort then. */
function ascending(times: number[]): boolean {
  for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) return false;
  return true;
}

/** Median gap in seconds between consecutive events (the pace), NaN with fewer than 2. */
export function medianGapSeconds(times: number[]): number {
  if (times.length < 2) return NaN;
  // a typed array sorts numbers without a comparator call per step
  const gaps = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) gaps[i - 1] = (times[i] - times[i - 1]) / 1000;
  gaps.sort();
  const m = gaps.length >> 1;
  return gaps.length % 2 ? gaps[m] : (gaps[m - 1] + gaps[m]) / 2;
}

/** A webhook call this many ms after a payment is taken as that payment's notification. */
const NOTIFY_WINDOW_MS = 15_000;

/**
 * Orders an address notified as a provider: its own log's order ids, order ids named in its webhook URLs that
 * the case knows, else (URLs without ids the case knows) the payment a few seconds before each webhook call.
 */
export function notifiedOrders(a: IpAggregate, payments: PaymentMark[], known: (orderId: string) => string | null): Set<string> {
  const out = new Set<string>(a.providerCalls ? a.orders : []);
  let named = 0;
  for (const id of a.webhookOrderIds) {
    const k = known(id);
    if (k) {
      out.add(k);
      named++;
    }
  }
  // ids the case does not know (the provider's own event ids, `?id=evt_…`) name no order: the payments do
  if (named === 0) {
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
