// IP roles: who is behind each client address of the case — a customer, the payment provider's servers, the
// shop's own infrastructure, a shared exit (CGNAT, office), a crawler — with a confidence and the signals in
// words. Analyses client_ip (the XFF-resolved client), falling back to the raw remote address.
import type { Db } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { AlibiError } from '../errors';
import type { EventKind } from '../types';
import { hostingOf } from '../enrich/hosting';
import { infraMatcher } from '../enrich/infraRegister';
import { isPrivateIp, parseIp } from '../enrich/ipAddress';
import { lookupParsedIp } from '../enrich/ipIndex';
import { classifyUserAgent, describeUserAgent } from '../enrich/userAgent';
import { caseLinks, IP_EVENT_COLUMNS, normEmail, type CaseLinks, type IpEventTuple } from './caseLinks';
import { API_PATH, outcomeOf } from './outcome';
import { IP_ROLES, type IpProfile, type IpRole, type UserAgentClass } from './types';

const EVIDENCE_CAP = 25;
const SET_CAP = 100_000; // distinct values kept per IP; counts above it are reported as "at least"

interface IpAcc {
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
}

/** Per-IP counts the role and block-impact logic both read. */
export interface IpAggregate extends IpAcc {}

function addCapped(s: Set<string>, v: string | null) {
  if (v !== null && s.size < SET_CAP) s.add(v);
}

/** One pass over the events (optionally of one IP) building per-IP aggregates. */
export function aggregateIps(db: Db, only?: string, links: CaseLinks = caseLinks(db)): Map<string, IpAggregate> {
  const accs = new Map<string, IpAcc>();
  // client_ip is the XFF-resolved client; the raw remote address `ip` is read too, to count what proxies relayed.
  // One IP: two indexed look-ups (as client, as remote hop); all IPs: one table scan. PSP rows without any IP
  // come from the links (they are attributed to their order's IP).
  const rows: Iterable<IpEventTuple>[] = [];
  if (only) {
    rows.push(db.prepare(`SELECT ${IP_EVENT_COLUMNS} FROM events WHERE client_ip = ? AND kind != 'breach_record'`).raw().iterate(only) as Iterable<IpEventTuple>);
    rows.push(
      db.prepare(`SELECT ${IP_EVENT_COLUMNS} FROM events WHERE ip = ? AND (client_ip IS NULL OR client_ip != ?) AND kind != 'breach_record'`)
        .raw().iterate(only, only) as Iterable<IpEventTuple>,
    );
  } else {
    rows.push(db.prepare(`SELECT ${IP_EVENT_COLUMNS} FROM events WHERE (client_ip IS NOT NULL OR ip IS NOT NULL) AND kind != 'breach_record'`).raw().iterate() as Iterable<IpEventTuple>);
  }
  rows.push(links.paymentsWithoutIp);
  const newAcc = (ip: string, ts: number): IpAcc => ({
    ip, events: 0, first: ts, last: ts, customers: new Set(), emails: new Set(), cards: new Set(),
    orders: new Set(), providerCalls: 0, pageViews: 0, apiRequests: 0, httpRequests: 0, uaClasses: {},
    uas: new Map(), successfulPayments: new Set(), evidence: [], forwarded: 0,
  });
  const proxies = new Map<string, { n: number; first: number; last: number; id: number }>();
  const authorisedOrders = new Set<string>();
  const handle = (row: IpEventTuple) => {
    const [id, ts, kind, clientIp, remote, path, ua, email, cid, orderId, tx, card, decision, status] = row;
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
    if (kind === 'payment' && outcomeOf(kind, decision, status) === 'authorised') {
      const paid = links.orderIdOf(orderId, tx);
      if (paid) authorisedOrders.add(paid);
    }
    if (addr === null || (only && addr !== only)) return;
    let a = accs.get(addr);
    if (!a) accs.set(addr, (a = newAcc(addr, ts)));
    a.events++;
    if (ts < a.first) a.first = ts;
    if (ts > a.last) a.last = ts;
    // user agents are counted per IP and classified once per distinct value at the end (see finishUaClasses)
    const key = ua ?? '';
    const seen = a.uas.get(key);
    if (seen !== undefined) a.uas.set(key, seen + 1);
    else if (a.uas.size < 1000) a.uas.set(key, 1);
    else {
      const uaClass = classifyUserAgent(ua).class;
      a.uaClasses[uaClass] = (a.uaClasses[uaClass] ?? 0) + 1;
    }
    const isApi = path !== null && API_PATH.test(path);
    if (kind === 'provider_call') {
      a.providerCalls++;
      if (isApi) a.apiRequests++;
      a.apiPathSample ??= path ?? undefined;
    } else if (kind === 'http_request') {
      a.httpRequests++;
      if (isApi) {
        a.apiRequests++;
        a.apiPathSample ??= path ?? undefined;
      } else a.pageViews++;
    }
    const order = links.orderIdOf(orderId, tx);
    addCapped(a.orders, order);
    addCapped(a.customers, links.customerOf(cid, email) ?? link?.customer ?? null);
    addCapped(a.emails, normEmail(email));
    addCapped(a.cards, card);
    if (kind === 'payment' && outcomeOf(kind, decision, status) === 'authorised') addCapped(a.successfulPayments, order ?? `e${id}`);
    if (a.evidence.length < EVIDENCE_CAP && (kind !== 'http_request' || a.evidence.length < 10)) a.evidence.push(id);
  };
  for (const r of rows) for (const row of r) handle(row);
  for (const a of accs.values()) {
    finishUaClasses(a);
    // Blocking an IP also stops the payments of the orders it carried (a provider's notifications confirm them).
    for (const o of a.orders) if (authorisedOrders.has(o)) addCapped(a.successfulPayments, o);
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
  return accs;
}

function finishUaClasses(a: IpAcc): void {
  for (const [ua, n] of a.uas) {
    const cls = classifyUserAgent(ua || null).class;
    a.uaClasses[cls] = (a.uaClasses[cls] ?? 0) + n;
  }
  a.uas.delete(''); // "no user agent" is counted as the class `empty`, not as a distinct agent
}

const iso = (ms: number) => new Date(ms).toISOString();
const pct = (n: number, d: number) => (d ? Math.round((100 * n) / d) : 0);

function topUa(a: IpAcc, cls: UserAgentClass): string | undefined {
  let best: string | undefined;
  let bestN = 0;
  for (const [ua, n] of a.uas) {
    if (n > bestN && classifyUserAgent(ua).class === cls) {
      best = ua;
      bestN = n;
    }
  }
  return best;
}

interface Scored {
  role: IpRole;
  confidence: number;
  signals: string[];
}

/** Evidence that an IP is a provider's server calling the shop server-to-server, with its score. */
function providerEvidence(a: IpAcc, ctx: { hosting: ReturnType<typeof hostingOf> }, uaTotal: number): { score: number; signals: string[] } {
  const browser = a.uaClasses.browser ?? 0;
  const library = a.uaClasses['http-library'] ?? 0;
  const browserShare = browser / uaTotal;
  const customers = a.customers.size;
  let provider = 0;
  const p: string[] = [];
  if (a.providerCalls > 0) {
    provider += 2;
    p.push(`source of ${a.providerCalls} provider API/webhook call${a.providerCalls > 1 ? 's' : ''}${a.apiPathSample ? ` (${a.apiPathSample})` : ''}`);
  }
  const requests = a.httpRequests + a.providerCalls;
  if (a.apiRequests > 0 && a.apiRequests >= 0.8 * Math.max(1, requests)) {
    provider += 2;
    const lib = topUa(a, 'http-library');
    p.push(`calls ${a.apiPathSample ?? 'API paths'}${lib ? ` with a server SDK user agent (${lib.slice(0, 60)})` : ''} — ${pct(a.apiRequests, requests)}% API/webhook requests`);
  }
  if (library > 0 && library / uaTotal >= 0.8) {
    provider += 2;
    if (!p.some((s) => s.includes('SDK'))) p.push(`${pct(library, uaTotal)}% of requests from ${describeUserAgent(topUa(a, 'http-library') ?? '', { class: 'http-library' })}`);
  }
  if (ctx.hosting.hosting) {
    provider += ctx.hosting.strong ? 1 : 0.5;
    p.push(ctx.hosting.why!);
  }
  if (customers >= 3 && browser === 0) {
    provider += 1;
    p.push(`linked to ${customers} different customers' orders, yet never browses pages`);
  }
  if (a.pageViews > 0 && browserShare > 0.2) provider -= 3;
  return { score: provider, signals: p };
}

/** The role decision: evidence for each role is weighed; the strongest explainable one wins. */
function decideRole(
  a: IpAcc,
  ctx: { hosting: ReturnType<typeof hostingOf>; infra?: { role: string; label: string; cidr: string }; privateAddr: boolean; asn: number | null; asOrg: string | null },
): Scored {
  const signals: string[] = [];
  const uaTotal = Object.values(a.uaClasses).reduce((s, n) => s + (n ?? 0), 0) || 1;
  const browser = a.uaClasses.browser ?? 0;
  const crawler = a.uaClasses.crawler ?? 0;
  const library = a.uaClasses['http-library'] ?? 0;
  const customers = a.customers.size;

  if (ctx.infra) {
    const label = `in register: ${ctx.infra.role} ${ctx.infra.label} (${ctx.infra.cidr})`;
    if (a.forwarded) signals.push(`relayed ${a.forwarded} requests for clients named in X-Forwarded-For`);
    // The register decides, but the traffic's own evidence is shown too, so the role stays explainable.
    if (ctx.infra.role === 'provider') return { role: 'provider', confidence: 0.97, signals: [label, ...providerEvidence(a, ctx, uaTotal).signals, ...describeCounts(a)] };
    return { role: 'own', confidence: 0.95, signals: [label, ...signals, ...describeCounts(a)] };
  }

  // Crawler: the user agents are crawlers (isbot), not people.
  if (crawler > 0 && crawler / uaTotal >= 0.5 && customers === 0) {
    const ua = topUa(a, 'crawler');
    const fam = ua ? classifyUserAgent(ua).family : undefined;
    signals.push(`${pct(crawler, uaTotal)}% of requests carry a crawler user agent (${fam ?? 'bot'})`);
    if (ctx.hosting.hosting && ctx.hosting.why) signals.push(ctx.hosting.why);
    else if (ctx.asn) signals.push(`network AS${ctx.asn} ${ctx.asOrg ?? ''}`.trim());
    signals.push(...describeCounts(a));
    return { role: 'crawler', confidence: Math.min(0.95, 0.6 + 0.35 * (crawler / uaTotal)), signals };
  }

  if (a.forwarded > 0 && a.forwarded >= a.events / 2) {
    signals.push(`reverse proxy: relayed ${a.forwarded} request${a.forwarded > 1 ? 's' : ''} for clients named in X-Forwarded-For (the client is analysed, not this hop)`);
    if (ctx.privateAddr) signals.push('private address range');
    signals.push(...describeCounts(a));
    return { role: 'own', confidence: ctx.privateAddr ? 0.85 : 0.7, signals };
  }

  if (ctx.privateAddr) {
    signals.push('private address range: the shop\'s own network, proxy or load balancer');
    signals.push(...describeCounts(a));
    return { role: 'own', confidence: 0.6, signals };
  }

  // Provider: server-to-server — API/webhook paths, SDK/library user agent, hosting network, many customers'
  // orders, and no page browsing.
  const { score: provider, signals: p } = providerEvidence(a, ctx, uaTotal);

  if (provider >= 4) {
    if (a.pageViews === 0) p.push('no page views (server-to-server only)');
    return { role: 'provider', confidence: Math.min(0.97, 0.45 + 0.1 * provider), signals: [...p, ...describeCounts(a)] };
  }

  // Shared exit: several unrelated customers browsing from one address.
  if (customers >= 3 && browser > 0) {
    signals.push(`${customers} different customers with browser user agents from this one address (carrier-grade NAT, office or proxy)`);
    signals.push(`${a.uas.size} distinct user agents`);
    if (ctx.hosting.hosting) signals.push(ctx.hosting.why!);
    else if (ctx.asn) signals.push(`network AS${ctx.asn} ${ctx.asOrg ?? ''}`.trim());
    signals.push(...describeCounts(a));
    return { role: 'shared', confidence: Math.min(0.9, 0.5 + 0.1 * customers), signals };
  }

  if (customers >= 1) {
    let conf = 0.55;
    if (customers === 1) {
      signals.push(`one customer${a.uas.size <= 1 ? ', one device' : `, ${a.uas.size} user agents`}`);
      conf += 0.15;
    } else signals.push(`${customers} customers (a household or shared device?)`);
    if (browser > 0) {
      const b = topUa(a, 'browser');
      signals.push(`browses with ${describeUserAgent(b ?? '', classifyUserAgent(b))}`);
      conf += 0.1;
    }
    if (!ctx.hosting.hosting && ctx.asn) {
      signals.push(`residential/access ISP AS${ctx.asn} ${ctx.asOrg ?? ''}`.trim());
      conf += 0.1;
    } else if (ctx.hosting.hosting) {
      signals.push(`${ctx.hosting.why} — unusual for a customer (VPN or server?)`);
      conf -= 0.2;
    }
    if (provider > 0) signals.push(...p.map((s) => `but: ${s}`));
    signals.push(...describeCounts(a));
    return { role: 'customer', confidence: Math.max(0.3, Math.min(0.95, conf)), signals };
  }

  // Nothing ties the address to an identity.
  if (provider > 0) signals.push(...p);
  if (browser > 0) signals.push(`anonymous browsing (${a.pageViews} page views), no order or customer linked`);
  else if (library > 0) signals.push('HTTP library traffic, no order or customer linked');
  if (ctx.hosting.hosting) signals.push(ctx.hosting.why!);
  else if (ctx.asn) signals.push(`network AS${ctx.asn} ${ctx.asOrg ?? ''}`.trim());
  signals.push(...describeCounts(a));
  return { role: 'unknown', confidence: 0.3, signals };
}

function describeCounts(a: IpAcc): string[] {
  const out: string[] = [];
  const parts: string[] = [];
  if (a.orders.size) parts.push(`${a.orders.size} order${a.orders.size > 1 ? 's' : ''}`);
  if (a.cards.size) parts.push(`${a.cards.size} card${a.cards.size > 1 ? 's' : ''}`);
  if (a.emails.size) parts.push(`${a.emails.size} e-mail${a.emails.size > 1 ? 's' : ''}`);
  if (parts.length) out.push(`linked to ${parts.join(', ')}`);
  out.push(`${a.events} event${a.events > 1 ? 's' : ''} from ${iso(a.first)} to ${iso(a.last)}`);
  return out;
}

interface Override {
  ip: string;
  role: IpRole;
  reason: string;
  at: string;
}

function profileOf(a: IpAcc, match: ReturnType<typeof infraMatcher>, overrides: Map<string, Override>): IpProfile {
  const parsed = parseIp(a.ip);
  const info = parsed ? lookupParsedIp(parsed) : { asn: null, asOrg: null, country: null };
  const infra = parsed ? match(parsed) : undefined;
  const hosting = hostingOf(info.asn, info.asOrg);
  const decided = decideRole(a, {
    hosting,
    infra: infra && { role: infra.role, label: infra.label, cidr: infra.cidr },
    privateAddr: parsed ? isPrivateIp(parsed) : false,
    asn: info.asn,
    asOrg: info.asOrg,
  });
  if (!parsed) decided.signals.unshift('not a valid IP address as written in the source');
  const o = overrides.get(a.ip);
  const profile: IpProfile = {
    ip: a.ip,
    role: o ? o.role : decided.role,
    confidence: o ? 1 : Math.round(decided.confidence * 100) / 100,
    asn: info.asn,
    asOrg: info.asOrg,
    country: info.country,
    hosting: hosting.hosting,
    ...(infra ? { infra: { role: infra.role, label: infra.label, cidr: infra.cidr } } : {}),
    ...(o ? { override: { role: o.role, reason: o.reason, at: o.at }, computedRole: decided.role } : {}),
    events: a.events,
    firstSeen: iso(a.first),
    lastSeen: iso(a.last),
    customers: a.customers.size,
    emails: a.emails.size,
    cards: a.cards.size,
    orders: a.orders.size,
    providerCalls: a.providerCalls,
    pageViews: a.pageViews,
    userAgentClasses: a.uaClasses,
    userAgents: a.uas.size,
    signals: o
      ? [`analyst override to ${o.role} on ${o.at}: ${o.reason}`, `signals alone said ${decided.role}:`, ...decided.signals]
      : decided.signals,
    evidenceEventIds: a.evidence,
  };
  return profile;
}

function loadOverrides(db: Db): Map<string, Override> {
  const rows = db.prepare('SELECT ip, role, reason, at FROM ip_overrides').all() as Override[];
  return new Map(rows.map((r) => [r.ip, r]));
}

const ROLE_ORDER: Record<IpRole, number> = { provider: 0, own: 1, shared: 2, customer: 3, crawler: 4, unknown: 5 };

/** Every client IP of the case with its role, sorted by role then by events. */
export function classifyIps(db: Db, links?: CaseLinks): IpProfile[] {
  const accs = aggregateIps(db, undefined, links);
  const match = infraMatcher(db);
  const overrides = loadOverrides(db);
  return [...accs.values()]
    .map((a) => profileOf(a, match, overrides))
    .sort((x, y) => ROLE_ORDER[x.role] - ROLE_ORDER[y.role] || y.events - x.events || x.ip.localeCompare(y.ip));
}

/** One IP's profile, or undefined when the case never saw it. */
export function ipProfile(db: Db, ip: string, links?: CaseLinks): IpProfile | undefined {
  return ipProfileWithAggregate(db, ip, links)?.profile;
}

/** The profile and the raw per-IP counts behind it (block impact reads both), from one pass. */
export function ipProfileWithAggregate(db: Db, ip: string, links?: CaseLinks): { profile: IpProfile; agg: IpAggregate } | undefined {
  const a = aggregateIps(db, ip.trim(), links).get(ip.trim());
  return a ? { profile: profileOf(a, infraMatcher(db), loadOverrides(db)), agg: a } : undefined;
}

/** Sets (or with role null, clears) the analyst's role for an IP; audited. */
export function setIpRoleOverride(db: Db, ip: string, role: IpRole | null, reason: string): void {
  const addr = ip.trim();
  if (!parseIp(addr)) throw new AlibiError(`"${ip}" is not an IP address`, { cli: 'give the address as it appears in `alibi ips`', app: 'pick an IP from the IP list' }, 2);
  if (role !== null && !IP_ROLES.includes(role)) {
    throw new AlibiError(`unknown role "${role}"`, `use one of: ${IP_ROLES.join(', ')}`, 2);
  }
  if (!reason.trim()) throw new AlibiError('an IP role override needs a reason', { cli: 'add --reason "why you know better"', app: 'say why you know better in the reason field' }, 2);
  const at = new Date().toISOString();
  db.transaction(() => {
    const before = db.prepare('SELECT role, reason FROM ip_overrides WHERE ip = ?').get(addr) as { role: string } | undefined;
    if (role === null) db.prepare('DELETE FROM ip_overrides WHERE ip = ?').run(addr);
    else db.prepare('INSERT OR REPLACE INTO ip_overrides(ip, role, reason, at) VALUES (?, ?, ?, ?)').run(addr, role, reason.trim(), at);
    appendAudit(db, {
      action: role === null ? 'ip.role.clear' : 'ip.role.override',
      target: addr,
      details: { role, reason: reason.trim(), previous: before?.role ?? null },
    });
  })();
}
