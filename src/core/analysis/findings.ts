// Multi-card and velocity rules (domain-notes §5.4, in the spirit of Stripe Radar / Adyen RevenueProtect), each
// finding with its window, evidence rows and an assessment that weighs a household sharing cards against card
// testing. A window of W hours holds attempts whose times differ by less than W (an attempt exactly W later
// starts a new window).
import type { Db } from '../casefile/caseFile';
import type { CardKeyKind, EventKind } from '../types';
import { networkOf } from '../enrich/accessNetwork';
import { parseIp } from '../enrich/ipAddress';
import { lookupParsedIp } from '../enrich/ipIndex';
import { assess, fmtGap, mailboxReader, type AddressFacts, type AssessContext, type Attempt } from './assessment';
import { msg, type Msg } from '../i18n/message';
import { english } from '../i18n/said';
import { caseLinks, normEmail, type CaseLinks } from './caseLinks';
import { declineClass, outcomeOf } from './outcome';
import { PATH_CAP } from './requestShape';
import { riskFacts, type RiskFacts } from './riskFacts';
import { readBusinessRows, type BusinessRows, type Extra } from './businessRows';
import { probeRuns, type ProbeRun } from './testingBursts';
import type { Finding, FindingRule, Severity, SubjectKind, Thresholds } from './types';
import { DEFAULT_THRESHOLDS } from '../vocabulary';

export type { Attempt } from './assessment';


const HOUR = 3_600_000;

export function loadAttempts(db: Db, links: CaseLinks = caseLinks(db), biz: BusinessRows = readBusinessRows(db)): Attempt[] {
  const out: Attempt[] = [];
  for (let i = 0; i < biz.length; i++) {
    const card = biz.card[i];
    const kind = biz.kind[i];
    if (card === null || kind === 'record') continue;
    const id = biz.id[i];
    const orderId = biz.orderId[i];
    const tx = biz.tx[i];
    const cid = biz.customerId[i];
    const email = biz.email[i];
    const addr = biz.addr[i];
    const ua = biz.ua[i];
    const name = biz.name[i];
    const decision = biz.decision[i];
    const reason = biz.reason[i];
    const link = orderId || tx ? links.order(orderId, tx) : undefined;
    out.push(new LoadedAttempt({
      id, ts: biz.ts[i], kind, card, cardKind: biz.cardKind[i], bin: biz.bin[i], last4: biz.last4[i], brand: biz.brand[i],
      email: normEmail(email),
      customer: links.customerOf(cid, email) ?? link?.customer ?? null,
      // payments often carry no IP or UA: the order they pay for does (join via order id / transaction id)
      ip: addr ?? link?.ip ?? null,
      ua: ua ?? link?.ua ?? null,
      name: name?.trim() || null,
      amount: biz.amount[i], outcome: outcomeOf(kind, decision, biz.status[i]),
      attemptKey: tx ? `tx:${tx}` : `e:${id}`,
      rule: biz.rule[i],
      reason: reason?.slice(0, 200) ?? null,
      decision: decision?.slice(0, 200) ?? null,
    }, biz.extra[i]));
  }
  // by time (the rows come in id order)
  return out.sort((a, b) => a.ts - b.ts || a.id - b.id);
}

/**
 * An attempt read from the case: its provider risk columns are parsed from the row's `extra` JSON when a rule first
 * asks (the declined attempts and those in a finding's window: a small part of a large case's payments), not for
 * every payment; a long `extra` is not even kept, but read again then.
 */
class LoadedAttempt implements Attempt {
  readonly id: number;
  readonly ts: number;
  readonly kind: EventKind;
  readonly card: string;
  readonly cardKind: CardKeyKind | null;
  readonly bin: string | null;
  readonly last4: string | null;
  readonly brand: string | null;
  readonly email: string | null;
  readonly customer: string | null;
  readonly ip: string | null;
  readonly ua: string | null;
  readonly name: string | null;
  readonly amount: number | null;
  readonly outcome: Attempt['outcome'];
  readonly attemptKey: string;
  readonly rule: string | null;
  readonly reason: string | null;
  readonly decision: string | null;
  #risk: RiskFacts | undefined;
  #extra: Extra;

  constructor(f: Omit<Attempt, 'risk'>, extra: Extra) {
    this.id = f.id;
    this.ts = f.ts;
    this.kind = f.kind;
    this.card = f.card;
    this.cardKind = f.cardKind;
    this.bin = f.bin;
    this.last4 = f.last4;
    this.brand = f.brand;
    this.email = f.email;
    this.customer = f.customer;
    this.ip = f.ip;
    this.ua = f.ua;
    this.name = f.name;
    this.amount = f.amount;
    this.outcome = f.outcome;
    this.attemptKey = f.attemptKey;
    this.rule = f.rule;
    this.reason = f.reason;
    this.decision = f.decision;
    this.#extra = extra;
  }

  get risk(): RiskFacts {
    if (this.#risk === undefined) {
      this.#risk = riskFacts(typeof this.#extra === 'function' ? this.#extra(this.id) : this.#extra);
      this.#extra = null;
    }
    return this.#risk;
  }
}

/**
 * The window (attempts sorted by time, ts - start < hours) holding the most distinct keys; ties keep the earliest.
 * Linear: a two-pointer sweep with a count per key.
 */
export function worstWindow(list: Attempt[], hours: number, keyOf: (a: Attempt) => string | null): { value: number; items: Attempt[] } {
  const span = hours * HOUR;
  const counts = new Map<string, number>();
  let best = { value: 0, i: 0, j: -1 };
  let j = -1;
  for (let i = 0; i < list.length; i++) {
    while (j + 1 < list.length && list[j + 1].ts - list[i].ts < span) {
      j++;
      const k = keyOf(list[j]);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    if (counts.size > best.value) best = { value: counts.size, i, j };
    const k = keyOf(list[i]);
    if (k !== null) {
      const n = counts.get(k)! - 1;
      if (n) counts.set(k, n);
      else counts.delete(k);
    }
  }
  return { value: best.value, items: list.slice(best.i, best.j + 1) };
}

const cardKey = (a: Attempt) => a.card;
const ipKey = (a: Attempt) => a.ip;
const declineKey = (a: Attempt) => (a.outcome === 'declined' || a.outcome === 'blocked' ? a.attemptKey : null);
const attemptKeyOf = (a: Attempt) => a.attemptKey;
const distinctCards = (w: Attempt[]) => new Set(w.map(cardKey)).size;
const declines = (w: Attempt[]) => new Set(w.map(declineKey).filter((k) => k !== null)).size;

function groupBy(list: Attempt[], key: (a: Attempt) => string | null): Map<string, Attempt[]> {
  const m = new Map<string, Attempt[]>();
  for (const a of list) {
    const k = key(a);
    if (k === null) continue;
    const g = m.get(k);
    if (g) g.push(a);
    else m.set(k, [a]);
  }
  return m;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** What a rule counts (a select in the summary message). */
type Unit = 'cards' | 'declines' | 'customers' | 'attempts' | 'cardData' | 'testingActs';

/** The window of a finding in the case zone, with UTC beside it; each host writes the dates its language's way. */
function windowMsg(from: number, to: number, tz: string): Msg {
  const utc = /^(UTC|Etc\/UTC|GMT|Etc\/GMT)$/i.test(tz);
  return msg('finding.window', { isUtc: utc ? 'yes' : 'no', from: { ts: from, tz }, to: { ts: to, tz }, zone: { zone: tz }, fromUtc: { ts: from, tz: 'UTC' }, toUtc: { ts: to, tz: 'UTC' } });
}
const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function severityFor(value: number, threshold: number, label: Finding['assessment']['label']): Severity {
  let s: Severity = value >= threshold + 3 ? 'high' : value >= threshold + 1 ? 'medium' : 'low';
  if (label === 'likely-card-testing' || label === 'account-takeover') s = 'high';
  else if (label === 'suspicious' && s === 'low') s = 'medium';
  return s;
}

/** Runs every rule over the case; one finding per rule and subject (its worst window). */
/** Context the assessments read beyond the attempts themselves (the breach exposure dates, for account takeover). */
export interface FindingsContext {
  /** Customer key → breach name and date (YYYY or YYYY-MM[-DD]) of each breach listing them. */
  breaches?: Map<string, { name: string; date: string | null }[]>;
  /** Told, once the rules have run, what the roles read from the attempts (see CaseAttemptFacts). */
  onCaseFacts?: (facts: CaseAttemptFacts) => void;
  /** The case's payment attempts when the caller has read them already (see loadAttempts). */
  attempts?: Attempt[];
}

const PROFILE_PATH = /(edit-account|edit-address|account\/edit|profile|change-?password|change-?email|update-?email|customer\/address|mon-compte\/(modifier|adresse)|account\/(address|settings|security))/i;

/** Runs every rule over the case; one finding per rule and subject (its worst window). */
export function runFindings(db: Db, thresholds: Partial<Thresholds> = {}, links?: CaseLinks, context: FindingsContext = {}): Finding[] {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const attempts = context.attempts ?? loadAttempts(db, links);
  const tz = (db.prepare(`SELECT value FROM meta WHERE key = 'tz'`).get() as { value: string } | undefined)?.value ?? 'UTC';
  return findingsFromAttempts(attempts, t, tz, {
    onCaseFacts: context.onCaseFacts,
    profileEdits: profileEditsReader(db),
    breachBefore: (customer, ts) => {
      for (const b of context.breaches?.get(customer) ?? []) {
        const d = b.date ? Date.parse(b.date.length === 4 ? `${b.date}-12-31` : b.date.length === 7 ? `${b.date}-28` : b.date) : NaN;
        if (Number.isFinite(d) && d < ts) return `${b.name} (${b.date})`;
      }
      return null;
    },
  });
}

/** Requests of one window an edit is looked for in, at most (per address). */
const EDIT_WINDOW_CAP = 500;

/**
 * Profile edits (requests writing to an account or address page) from some addresses in a time window. Each
 * address's writing requests are read once, in id order, and each window cut from them: a shared address is asked
 * about by the finding of every customer behind it, and each query read all of that address's requests again.
 */
function profileEditsReader(db: Db): AssessContext['profileEdits'] {
  const writes = db.prepare(`SELECT id, ts, path FROM events WHERE kind = 'http_request' AND client_ip = ? AND method IN ('POST','PUT','PATCH') ORDER BY id`).raw();
  const byIp = new Map<string, { ids: number[]; ts: unknown[]; edit: boolean[] }>();
  return (ips, from, to) => {
    const out: number[] = [];
    for (const ip of ips.slice(0, 10)) {
      let w = byIp.get(ip);
      if (!w) {
        w = { ids: [], ts: [], edit: [] };
        for (const [id, ts, path] of writes.iterate(ip) as Iterable<[number, unknown, string | null]>) {
          w.ids.push(id);
          w.ts.push(ts);
          w.edit.push(PROFILE_PATH.test((path ?? '').slice(0, PATH_CAP)));
        }
        byIp.set(ip, w);
      }
      // the window's first requests, as SQL's `ts BETWEEN from AND to` takes them (a time that is not a number is in no window)
      for (let i = 0, n = 0; i < w.ids.length && n < EDIT_WINDOW_CAP; i++) {
        const ts = w.ts[i];
        if (typeof ts !== 'number' || ts < from || ts > to) continue;
        n++;
        if (w.edit[i]) out.push(w.ids[i]);
      }
    }
    return out;
  };
}

export function findingsFromAttempts(
  attempts: Attempt[], t: Thresholds, tz = 'UTC',
  extra: Partial<Pick<AssessContext, 'profileEdits' | 'breachBefore'>> & Pick<FindingsContext, 'onCaseFacts'> = {},
): Finding[] {
  const findings: Finding[] = [];
  const bursts: TestingBurst[] = [];
  const takeovers: Takeover[] = [];
  const ipCache = new Map<string, AddressFacts>();
  const ipFacts = (ip: string): AddressFacts => {
    let f = ipCache.get(ip);
    if (!f) {
      const p = parseIp(ip);
      const info = p ? lookupParsedIp(p) : { asn: null, asOrg: null, country: null };
      const n = networkOf(p, info.asn, info.asOrg);
      f = n.kind === 'hosting'
        ? { hosting: true, why: n.why, whyMsg: n.whyMsg, country: info.country, network: n.kind, asn: info.asn }
        : { hosting: false, residential: info.asn ? msg('network.isp', { asn: info.asn, org: info.asOrg ?? '' }) : undefined, country: info.country, network: n.kind, asn: info.asn };
      ipCache.set(ip, f);
    }
    return f;
  };
  const byCustomer = groupBy(attempts, (a) => a.customer);
  const mailboxOf = mailboxReader();
  const ctx: AssessContext = {
    mailbox: mailboxOf,
    t,
    ipFacts,
    history: (c) => byCustomer.get(c) ?? [],
    profileEdits: extra.profileEdits ?? (() => []),
    breachBefore: extra.breachBefore ?? (() => null),
  };

  // several rules group by address, two by card: grouped once each
  const grouped = new Map<(a: Attempt) => string | null, Map<string, Attempt[]>>();
  const groupsBy = (key: (a: Attempt) => string | null) => {
    if (key !== ipKey && key !== cardKey) return groupBy(attempts, key);
    let g = grouped.get(key);
    if (!g) grouped.set(key, (g = groupBy(attempts, key)));
    return g;
  };
  const windowRule = (
    rule: FindingRule,
    title: string,
    kind: SubjectKind,
    key: (a: Attempt) => string | null,
    hours: number,
    threshold: number,
    measure: (a: Attempt) => string | null,
    unit: Unit,
  ) => {
    for (const [group, list] of groupsBy(key)) {
      // a window counts at most one key per attempt: a group with fewer attempts than the threshold cannot reach it
      // (most groups are one shopper's one or two attempts)
      if (list.length < threshold) continue;
      const best = worstWindow(list, hours, measure);
      if (best.value < threshold) continue;
      // an e-mail group is one mailbox (Gmail dots, +tags): shown under the spelling it was first used with
      const subject = kind === 'email' ? best.items[0].email ?? group : group;
      const f = makeFinding(rule, title, kind, subject, best.items, best.value, threshold, hours, unit);
      findings.push(f);
      // one identity testing cards over several addresses: a burst the addresses alone do not show
      if ((kind === 'email' || kind === 'customer') && f.assessment.label === 'likely-card-testing') bursts.push({ finding: f.id, subject: { kind, value: subject }, attempts: best.items });
      if ((kind === 'email' || kind === 'customer') && f.assessment.label === 'account-takeover') takeovers.push(takeoverOf(f.id, best.items, ctx));
    }
  };

  const makeFinding = (
    rule: FindingRule, title: string, kind: SubjectKind, subject: string, items: Attempt[], value: number, threshold: number, hours: number, unit: Unit,
    testing?: Msg,
  ): Finding => {
    const assessment = assess(items, kind, ctx);
    const from = items[0].ts;
    const to = items[items.length - 1].ts;
    const blocks = items.filter((a) => a.outcome === 'blocked' && a.rule);
    const shown = kind === 'device' ? subject.replace('|', ' + ') : subject;
    const summaryMsg = msg('finding.summary', {
      value, unit, kind, subject: shown.slice(0, 120), hours, window: windowMsg(from, to, tz), threshold,
      hasBlock: blocks.length ? 'yes' : 'no', rules: [...new Set(blocks.map((b) => b.rule))].join(', '),
      hasTesting: testing ? 'yes' : 'no', testing: testing ?? '',
    });
    return {
      id: `${rule}:${kind}:${subject}:${from}`,
      rule,
      title,
      severity: severityFor(value, threshold, assessment.label),
      subject: { kind, value: subject },
      window: { from: iso(from), to: iso(to) },
      metric: { value, threshold, windowHours: hours },
      evidenceEventIds: [...new Set(items.map((a) => a.id))].slice(0, 200),
      summary: english(summaryMsg),
      summaryMsg,
      weakCardKey: items.some((a) => a.cardKind === 'brand_last4'),
      assessment,
    };
  };

  windowRule('MC-1', 'distinct cards per e-mail in 24 h', 'email', (a) => mailboxOf(a.email), 24, t.cardsPerEmail24h, cardKey, 'cards');
  // per customer: only when the customer key is an id (an e-mail-keyed customer is MC-1 already)
  windowRule('MC-1c', 'distinct cards per customer in 24 h', 'customer', (a) => (a.customer && !a.customer.includes('@') ? a.customer : null), 24, t.cardsPerCustomer24h, cardKey, 'cards');
  windowRule('MC-2', 'distinct cards per IP in 1 h', 'ip', ipKey, 1, t.cardsPerIp1h, cardKey, 'cards');
  windowRule('MC-2', 'distinct cards per IP in 24 h', 'ip', ipKey, 24, t.cardsPerIp24h, cardKey, 'cards');
  // an IPv6 subscriber holds a whole /64 and can rotate addresses inside it: judge the /64 too, when it spans
  // several addresses (one address is the rule above)
  const v6Prefix = (a: Attempt) => (a.ip && a.ip.includes(':') ? prefix64(a.ip) : null);
  const multi = new Set([...groupBy(attempts, v6Prefix)].filter(([, l]) => new Set(l.map((a) => a.ip)).size >= 2).map(([k]) => k));
  windowRule('MC-2', 'distinct cards per IPv6 /64 in 1 h', 'ip', (a) => { const k = v6Prefix(a); return k && multi.has(k) ? k : null; }, 1, t.cardsPerIp1h, cardKey, 'cards');
  windowRule('MC-2d', 'distinct cards per device (IP + user agent) in 24 h', 'device', (a) => (a.ip && a.ua ? `${a.ip}|${a.ua}` : null), 24, t.cardsPerDevice24h, cardKey, 'cards');
  windowRule('MC-4', 'declines per card in 24 h', 'card', cardKey, 24, t.declinesPerCard24h, declineKey, 'declines');
  windowRule('MC-4ip', 'declined or blocked attempts per IP in 1 h', 'ip', ipKey, 1, t.declinesPerIp1h, declineKey, 'declines');

  // MC-3: one card used by several e-mails/customers over the whole case
  for (const [card, list] of groupsBy(cardKey)) {
    if (list.length < t.emailsPerCard) continue; // at most one owner an attempt
    const owners = new Set(list.map((a) => a.customer ?? a.email).filter(Boolean));
    if (owners.size < t.emailsPerCard) continue;
    findings.push(makeFinding('MC-3', 'card used by several customers', 'card', card, list, owners.size, t.emailsPerCard, 0, 'customers'));
  }

  // CT-1: card-testing burst on one BIN: many attempts, high decline ratio, seconds apart
  for (const b of binBursts(attempts, t)) {
    const testing = msg('finding.testingBurst', { share: Math.round(b.ratio * 100), gap: fmtGap(b.gap), cards: distinctCards(b.items) });
    const f = makeFinding('CT-1', 'card-testing burst on one BIN in 6 h', 'bin', b.bin, b.items, b.attempts, t.testingAttemptsPerBin6h, 6, 'attempts', testing);
    f.severity = 'high';
    findings.push(f);
    bursts.push({ finding: f.id, subject: { kind: 'bin', value: b.bin }, attempts: b.items });
  }

  // CT-2: card testing spread over BINs, identities and addresses (residential proxies, one attempt each): no
  // BIN, identity or address carries it, only the checkout as a whole does
  const ct1 = new Set(bursts.filter((b) => b.subject.kind === 'bin').flatMap((b) => b.attempts.map(attemptKeyOf)));
  for (const w of testingWaves(attempts, ct1, t.smallAmount)) {
    const testing = msg('finding.testingBurst', { share: Math.round((declines(w.items) / w.attempts) * 100), gap: fmtGap(w.gap), cards: w.cards });
    const f = makeFinding('CT-2', 'card-testing wave across the shop in 1 h', 'shop', `${w.ips} IP · ${w.bins} BIN`, w.items, w.acts, WAVE_ACTS, 1, w.probes ? 'testingActs' : 'cardData', testing);
    f.severity = 'high';
    findings.push(f);
    bursts.push({ finding: f.id, subject: { kind: 'shop', value: f.subject.value }, attempts: w.around });
  }

  if (extra.onCaseFacts) extra.onCaseFacts({ bursts, takeovers: takeovers.filter((x) => x.customer && x.ips.length), fundsDeclines: fundsDeclines(attempts), probes: probeRuns(attempts, t) });
  return sortFindings(findings);
}

/**
 * What the IP roles read from the payment attempts, beyond each address's own traffic: the card-testing bursts the
 * case shows (CT-1 on a BIN, and an identity's cards tested over several addresses), the accounts taken over and the
 * new addresses they were used from, and per address the declined attempts whose issuer said "insufficient funds"
 * (a real card at its limit: a household, not a guess) and its run of small-amount payments on many cards.
 */
export interface CaseAttemptFacts {
  bursts: TestingBurst[];
  takeovers: Takeover[];
  fundsDeclines: Map<string, number>;
  /** Per address, its run of small-amount payments on many cards (card testing without declines). */
  probes: Map<string, ProbeRun>;
}

/** An account-takeover finding: the account (customer key) and the addresses new to it that the thief used. */
export interface Takeover {
  finding: string;
  customer: string;
  ips: string[];
}

function takeoverOf(finding: string, items: Attempt[], ctx: AssessContext): Takeover {
  const customer = items.find((a) => a.customer)?.customer ?? '';
  const before = new Set(ctx.history(customer).filter((a) => a.ts < items[0].ts - HOUR).map((a) => a.ip));
  return { finding, customer, ips: [...new Set(items.map((a) => a.ip).filter((ip): ip is string => !!ip && !before.has(ip)))] };
}

/** Declined attempts per shopper address that the issuer refused for insufficient funds (one per attempt). */
function fundsDeclines(attempts: Attempt[]): Map<string, number> {
  const cls = new Map<string, { ip: string; funds: boolean; specific: boolean }>();
  for (const a of attempts) {
    if (!a.ip || (a.outcome !== 'declined' && a.outcome !== 'blocked')) continue;
    const c = declineClass(a.risk.declineCode, a.reason, a.decision);
    const x = cls.get(a.attemptKey);
    // the PSP row's reason says more than the shop order's bare "failed": a specific class wins over generic
    if (!x || (!x.specific && c !== 'generic' && c !== null)) cls.set(a.attemptKey, { ip: a.ip, funds: c === 'funds', specific: c !== 'generic' && c !== null });
  }
  const out = new Map<string, number>();
  for (const x of cls.values()) if (x.funds) out.set(x.ip, (out.get(x.ip) ?? 0) + 1);
  return out;
}


/** A card-testing burst a case-level rule found (CT-1 on a BIN, MC-1 on an identity), with its attempts: fed back
 *  to the addresses it used. */
export interface TestingBurst {
  /** The finding's id. */
  finding: string;
  subject: { kind: 'bin' | 'email' | 'customer' | 'shop'; value: string };
  attempts: Attempt[];
}

/** CT-1's windows: on one BIN, at least `testingAttemptsPerBin6h` attempts in 6 h, mostly declined, seconds apart. */
function binBursts(attempts: Attempt[], t: Thresholds): { bin: string; items: Attempt[]; attempts: number; ratio: number; gap: number }[] {
  const out: { bin: string; items: Attempt[]; attempts: number; ratio: number; gap: number }[] = [];
  for (const [bin, list] of groupBy(attempts, (a) => a.bin)) {
    const best = worstWindow(list, 6, attemptKeyOf);
    if (best.value < t.testingAttemptsPerBin6h) continue;
    const w = best.items;
    const ratio = declines(w) / best.value;
    const times = [...new Set(w.map((a) => a.ts))].sort((a, b) => a - b);
    const gap = median(times.slice(1).map((ts, i) => (ts - times[i]) / 1000));
    if (ratio < t.testingMinDeclineRatio || !(gap < t.testingMaxGapSeconds)) continue;
    out.push({ bin, items: w, attempts: best.value, ratio, gap });
  }
  return out;
}

const WAVE_ACTS = 10; // a tester's acts within the hour: refusals for card data, small-amount probes
const WAVE_CARDS = 8; // on as many distinct cards, at least
const WAVE_ADDRESSES = 3; // from several addresses (one address is MC-2 / MC-4ip's, or a probe run)
const WAVE_SHARE = 0.3; // a share of all the checkout's attempts in that hour
const WAVE_NEW_CARDS = 0.7; // mostly a new card per act: shoppers retry their own card, a tester moves on

/** Refused for what a guess or a stolen list gets, rarely a shopper: wrong number/CVC/expiry, lost or stolen. */
function refusedForCardData(a: Attempt): boolean {
  if (a.outcome !== 'declined' && a.outcome !== 'blocked') return false;
  const c = declineClass(a.risk.declineCode, a.reason, a.decision);
  return c === 'card-data' || c === 'stolen' || a.risk.cvc === 'fail';
}

/**
 * What only a tester does at a shop's checkout: a refusal for card data, or (`probes`) a probe — a small amount
 * (≤ `small`) by an identity that never pays a real price here.
 */
function testerActs(attempts: Attempt[], small: number): (a: Attempt, probes: boolean) => boolean {
  const idOf = (a: Attempt) => a.customer ?? a.email ?? '';
  const paysRealPrice = new Set<string>();
  for (const a of attempts) if (a.amount !== null && a.amount > small && a.outcome === 'authorised') paysRealPrice.add(idOf(a));
  return (a, probes) => refusedForCardData(a) || (probes && a.amount !== null && a.amount <= small && !paysRealPrice.has(idOf(a)));
}

/**
 * CT-2's windows: within an hour, at least WAVE_ACTS tester's acts (see testerActs) on WAVE_CARDS distinct cards from
 * WAVE_ADDRESSES addresses, mostly a new card per act, ≥ WAVE_SHARE of the checkout's attempts, mostly not a CT-1
 * burst already. Small amounts are probes only where the shop's ordinary price — the median attempt outside the wave
 * and the hour around it, which the tester does not make — is more than twice the limit (a shop that sells at a few
 * euros has none; a case holding nothing else has none either). The honest look-alikes: a sale rush (its refusals
 * are for funds and 3-D Secure, its card-data refusals a few typos among hundreds of attempts), a broken payment form
 * (every shopper refused, each retrying their own card; and the addresses' history, browsing and real prices keep
 * them out of the burst's feedback, see testingBursts.ts), a shop of cheap items, a fee charged as its own payment.
 * `attempts` is in time order.
 */
function testingWaves(attempts: Attempt[], inCt1: Set<string>, smallAmount: number): { items: Attempt[]; around: Attempt[]; attempts: number; acts: number; probes: boolean; cards: number; ips: number; bins: number; gap: number }[] {
  const isAct = testerActs(attempts, smallAmount);
  const windowOf = (probes: boolean) => {
    const acts = attempts.filter((a) => isAct(a, probes));
    return new Set(acts.map(attemptKeyOf)).size < WAVE_ACTS ? null : worstWindow(acts, 1, attemptKeyOf);
  };
  let probes = true;
  let best = windowOf(true);
  if (best && best.value >= WAVE_ACTS) {
    const from = best.items[0].ts - HOUR;
    const to = best.items[best.items.length - 1].ts + HOUR;
    const outside = Float64Array.from(attempts.filter((a) => a.amount !== null && (a.ts < from || a.ts > to)), (a) => a.amount!).sort();
    probes = outside.length > 0 && outside[outside.length >> 1] > 2 * smallAmount;
  }
  if (!probes) best = windowOf(false);
  if (!best || best.value < WAVE_ACTS) return [];
  const w = best.items;
  const cards = distinctCards(w);
  const ips = new Set(w.map(ipKey).filter((x) => x !== null)).size;
  if (cards < WAVE_CARDS || ips < WAVE_ADDRESSES || cards < best.value * WAVE_NEW_CARDS) return [];
  if (w.filter((a) => inCt1.has(a.attemptKey)).length * 2 >= w.length) return [];
  // every attempt of the checkout in that hour (the window of acts, its first to its last)
  const from = w[0].ts;
  const to = w[w.length - 1].ts;
  let lo = 0;
  while (lo < attempts.length && attempts[lo].ts < from) lo++;
  let hi = lo;
  while (hi < attempts.length && attempts[hi].ts <= to) hi++;
  const items = attempts.slice(lo, hi);
  const total = new Set(items.map(attemptKeyOf)).size;
  if (best.value < total * WAVE_SHARE) return [];
  const times = [...new Set(w.map((a) => a.ts))].sort((a, b) => a - b);
  const gap = median(times.slice(1).map((ts, i) => (ts - times[i]) / 1000));
  // What is fed back to the addresses: the identities with a tester's act within an hour of the wave, with all their
  // attempts then; a shopper among them keeps its history, browsing and real purchases (testingBursts.ts).
  const near = attempts.filter((a) => a.ts >= to - HOUR && a.ts <= from + HOUR);
  const who = new Set(near.filter((a) => a.customer && (isAct(a, probes) || (a.amount !== null && a.amount <= smallAmount))).map((a) => a.customer));
  const around = near.filter((a) => a.customer && who.has(a.customer));
  const wave = around.length ? around : w;
  return [{
    items, around, attempts: total, acts: best.value, probes: probes && w.some((a) => !refusedForCardData(a)), cards,
    ips: new Set(wave.map(ipKey).filter((x) => x !== null)).size, bins: new Set(wave.map((a) => a.bin).filter(Boolean)).size, gap,
  }];
}

/** The case facts the roles read (see CaseAttemptFacts), for hosts that ask for roles without the findings. */
export function caseAttemptFacts(db: Db, thresholds: Partial<Thresholds> = {}, links?: CaseLinks): CaseAttemptFacts {
  let facts: CaseAttemptFacts = { bursts: [], takeovers: [], fundsDeclines: new Map(), probes: new Map() };
  runFindings(db, thresholds, links, { onCaseFacts: (x) => (facts = x) });
  return facts;
}

/** "2a01:cb00:1:2::/64" for an IPv6 address, null otherwise. */
function prefix64(ip: string): string | null {
  const p = parseIp(ip);
  if (!p || p.v !== 6) return null;
  return `${[48n, 32n, 16n, 0n].map((s) => ((p.hi >> s) & 0xffffn).toString(16)).join(':')}::/64`;
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
/** Most severe first, then by time. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.window.from.localeCompare(b.window.from) || a.id.localeCompare(b.id));
}
