// The assessment of a finding's attempts: a household sharing cards, card testing, an account takeover, or not
// enough either way — from weighed signals, each in words. What an attacker controls (a cardholder name, a user
// agent) weighs little; what they cannot control (the issuer's decline reason, the card's issuing country, the
// account's own history) weighs more. Every assessment says what would change it.
import type { NetworkKind } from './types';
import { declineClass, type DeclineClass, type Outcome } from './outcome';
import type { Finding, SubjectKind, Thresholds } from './types';
import type { CardKeyKind, EventKind } from '../types';
import { classifyUserAgent } from '../enrich/userAgent';
import { msg, type Msg, type MsgValue } from '../i18n/message';
import type { MessageId } from '../i18n/catalog';
import { english } from '../i18n/said';
import type { RiskFacts } from './riskFacts';
import { normaliseEmail } from '../breach/normalize';

/** One payment attempt as the rules see it (order/PSP/anti-fraud rows that carry a card). */
export interface Attempt {
  id: number;
  ts: number;
  kind: EventKind;
  card: string;
  cardKind: CardKeyKind | null;
  bin: string | null;
  last4: string | null;
  brand: string | null;
  email: string | null;
  customer: string | null;
  ip: string | null;
  ua: string | null;
  name: string | null;
  amount: number | null;
  outcome: Outcome;
  attemptKey: string; // transaction id (PSP row and anti-fraud row of one attempt count once)
  rule: string | null;
  reason: string | null;
  decision: string | null;
  risk: RiskFacts;
}

export interface AddressFacts {
  hosting: boolean;
  why?: string;
  whyMsg?: Msg;
  /** The access network of a non-hosting address, e.g. "ISP AS3215 Orange S.A." (a message: hosts word it). */
  residential?: Msg;
  country: string | null;
  network: NetworkKind;
  asn: number | null;
}

export interface AssessContext {
  t: Thresholds;
  ipFacts(ip: string): AddressFacts;
  /** Every attempt of a customer over the case, by time. */
  history(customer: string): Attempt[];
  /** Profile/account edits (address, e-mail, password, phone changes) from these addresses in [from, to]. */
  profileEdits(ips: string[], from: number, to: number): number[];
  /** A breach listing the customer, dated before `ts` (name and date), if any. */
  breachBefore(customer: string, ts: number): string | null;
  /** The mailbox of an e-mail (memoised by the caller). */
  mailbox?(email: string): string | null;
}

const HOUR = 3_600_000;
const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const fmtGap = (s: number) => (s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);

/**
 * Distinct cards of a group, at the weakest common key: keys joined by a shared transaction id are one card
 * (a fingerprint in one file, brand + last 4 in another); a brand + last-4 key that no transaction joins may
 * still be one of the fingerprinted cards with the same last 4 — so the count is a range.
 */
export function cardRange(items: Attempt[]): { min: number; max: number; text: string; msg: Msg } {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const byAttempt = new Map<string, string>();
  const last4Of = new Map<string, string>();
  const kindOf = new Map<string, CardKeyKind | null>();
  for (const a of items) {
    if (!parent.has(a.card)) parent.set(a.card, a.card);
    if (a.last4) last4Of.set(a.card, `${(a.brand ?? '').toLowerCase()}:${a.last4}`);
    kindOf.set(a.card, a.cardKind);
    if (a.attemptKey.startsWith('tx:')) {
      const other = byAttempt.get(a.attemptKey);
      if (other) union(other, a.card);
      else byAttempt.set(a.attemptKey, a.card);
    }
  }
  const roots = new Set([...parent.keys()].map(find));
  const max = roots.size;
  // lower bound: a weak-keyed card whose brand+last4 equals a strong-keyed card's may be that same card
  const strongLast4 = new Set<string>();
  const rootHasStrong = new Set<string>();
  for (const k of parent.keys()) {
    if (kindOf.get(k) === 'brand_last4') continue;
    rootHasStrong.add(find(k));
    if (last4Of.has(k)) strongLast4.add(last4Of.get(k)!.split(':')[1]);
  }
  let merged = 0;
  const weakRoots = new Set<string>();
  for (const k of parent.keys()) {
    const r = find(k);
    if (kindOf.get(k) === 'brand_last4' && !rootHasStrong.has(r) && !weakRoots.has(r) && last4Of.has(k) && strongLast4.has(last4Of.get(k)!.split(':')[1])) {
      weakRoots.add(r);
      merged++;
    }
  }
  const min = Math.max(1, max - merged);
  const m = msg('signal.cardCount', { min, max, exact: min === max ? 'yes' : 'no' });
  return { min, max, text: english(m), msg: m };
}

interface Weighed {
  text: string;
  msg: Msg;
  w: number;
}

/** A signal as a catalogue message, with its English text for the plain-text fields. */
const weighed = (m: Msg, w: number): Weighed => ({ text: english(m), msg: m, w });

/** Household vs card testing vs account takeover, weighed, for a group of attempts. */
export function assess(items: Attempt[], subjectKind: SubjectKind, ctx: AssessContext): Finding['assessment'] {
  const { t } = ctx;
  const household: Weighed[] = [];
  const testing: Weighed[] = [];
  const takeover: Weighed[] = [];
  const weak: Msg[] = [];
  const H = (id: MessageId, w: number, params: Record<string, MsgValue> = {}) => household.push(weighed(msg(id, params), w));
  const C = (id: MessageId, w: number, params: Record<string, MsgValue> = {}) => testing.push(weighed(msg(id, params), w));
  const cards = cardRange(items);
  const ips = new Set(items.map((a) => a.ip).filter((x): x is string => !!x));
  const devices = new Set(items.filter((a) => a.ip && a.ua).map((a) => `${a.ip}|${a.ua}`));
  const attemptKeys = new Set(items.map((a) => a.attemptKey));
  const attempts = attemptKeys.size;
  const authorised = new Set(items.filter((a) => a.outcome === 'authorised' && a.kind === 'payment').map((a) => a.attemptKey)).size;
  const declinedKeys = new Set(items.filter((a) => a.outcome === 'declined' || a.outcome === 'blocked').map((a) => a.attemptKey));
  const declined = declinedKeys.size;
  const amounts = items.filter((a) => a.kind === 'payment' && a.amount !== null).map((a) => a.amount!);
  const times = [...new Set(items.map((a) => a.ts))].sort((a, b) => a - b);
  const gaps = times.slice(1).map((ts, i) => (ts - times[i]) / 1000);
  const medGap = median(gaps);
  const bins = new Set(items.map((a) => a.bin).filter(Boolean));
  const people = new Set(items.map((a) => a.customer ?? a.email).filter(Boolean)).size;

  // decline reasons by class (one per attempt)
  const classes: Partial<Record<DeclineClass, number>> = {};
  const perAttempt = new Map<string, DeclineClass>();
  for (const a of items) {
    if (a.outcome !== 'declined' && a.outcome !== 'blocked') continue;
    const c = a.outcome === 'blocked' && !a.reason && !a.risk.declineCode ? 'risk' : declineClass(a.risk.declineCode, a.reason, a.decision);
    // the PSP row's reason says more than the shop order's bare "failed": a specific class wins over generic
    if (c && (!perAttempt.has(a.attemptKey) || perAttempt.get(a.attemptKey) === 'generic')) perAttempt.set(a.attemptKey, c);
  }
  for (const c of perAttempt.values()) classes[c] = (classes[c] ?? 0) + 1;
  if (classes.funds) H('signal.funds', 1.5, { count: classes.funds });
  // one wrong CVC among many payments is a typo; several, or a large share, is someone checking card data
  const cd = classes['card-data'] ?? 0;
  if (cd) C('signal.cardData', cd >= 3 && cd >= 0.3 * attempts ? 2.5 : cd >= 2 ? 1.5 : 0.5, { count: cd });
  if (classes.stolen) C('signal.stolen', classes.stolen >= 2 ? 2.5 : 1.5, { count: classes.stolen });
  if (classes.authentication) C('signal.threeDsFailed', 1, { count: classes.authentication });

  // provider risk columns, when the export carries them
  const cvcFails = new Set(items.filter((a) => a.risk.cvc === 'fail').map((a) => a.attemptKey)).size;
  if (cvcFails) C('signal.cvc', 1.5, { count: cvcFails });
  const tdsOk = new Set(items.filter((a) => a.risk.threeDs === 'authenticated').map((a) => a.attemptKey)).size;
  if (tdsOk && tdsOk === attempts) H('signal.threeDsOk', 1);
  const prepaid = new Set(items.filter((a) => a.risk.funding === 'prepaid').map((a) => a.card)).size;
  if (prepaid >= 2) C('signal.prepaid', 1, { count: prepaid });
  // the payment's own risk score (an anti-fraud decision's score is about the very rule the finding restates)
  const scores = items.filter((a) => a.kind === 'payment').map((a) => a.risk.riskScore).filter((x): x is number => x !== null);
  if (scores.length && Math.max(...scores) >= 75) C('signal.riskScore', 1, { score: Math.max(...scores) });
  // card issue country vs the shopper address's country
  const mismatched = new Set<string>();
  const matched = new Set<string>();
  for (const a of items) {
    if (!a.risk.cardCountry || !a.ip) continue;
    const c = ctx.ipFacts(a.ip).country;
    if (!c) continue;
    (c === a.risk.cardCountry ? matched : mismatched).add(`${a.card}:${a.risk.cardCountry}:${c}`);
  }
  if (mismatched.size) {
    const ex = [...mismatched][0].split(':');
    C('signal.foreignCards', mismatched.size >= 2 ? 1.5 : 0.5, { count: mismatched.size, card: ex[1], address: ex[2] });
  } else if (matched.size) H('signal.localCards', 0.5);

  if (devices.size === 1) H('signal.oneDevice', 1);
  if (ips.size === 1 && subjectKind !== 'ip' && subjectKind !== 'device') {
    const ip = [...ips][0];
    const f = ctx.ipFacts(ip);
    if (!f.hosting) H('signal.oneIp', 0.5, { ip, hasNetwork: f.residential ? 'yes' : 'no', network: f.residential ?? '' });
  }
  if (cards.max <= 3) H('signal.fewCards', 0.5, { cards: cards.msg });
  if (authorised > 0) {
    // issuers authorise stolen cards too: only weak support
    H('signal.authorised', 0.5, { count: authorised });
  }
  // cardholder names are typed by the payer: weak evidence either way
  const names = [...new Set(items.map((a) => a.name?.slice(0, 100)).filter((n): n is string => !!n))];
  const families = new Set(names.map((n) => n.toLowerCase().split(/\s+/).pop()));
  if (names.length >= 2 && families.size === 1) weak.push(msg('signal.weak.family', { names: names.join(', ') }));
  else if (names.length === 1) weak.push(msg('signal.weak.oneName', { name: names[0] }));
  else if (names.length >= 3) weak.push(msg('signal.weak.names', { count: names.length }));
  if (amounts.length && median(amounts) > t.smallAmount) H('signal.ordinaryAmounts', 0.5, { median: median(amounts) });
  if (gaps.length && medGap >= t.testingMaxGapSeconds) H('signal.humanPace', 0.5, { gap: fmtGap(medGap) });

  if (cards.min >= 5) C('signal.manyCards', cards.min >= 10 ? 2 : 1.5, { cards: cards.msg });
  if (attempts >= 3 && declined / attempts > t.testingMinDeclineRatio) C('signal.declined', 1.5, { declined, attempts });
  const small = amounts.filter((x) => x <= t.smallAmount).length;
  if (small >= 2 && small >= amounts.length / 2) C('signal.smallAmounts', 1, { count: small, limit: t.smallAmount });
  for (const ip of ips) {
    const f = ctx.ipFacts(ip);
    if (f.hosting) C('signal.hostingIp', 1, { ip, why: f.whyMsg ?? f.why ?? '' });
  }
  const botUa = items.find((a) => a.ua && ['crawler', 'http-library'].includes(classifyUserAgent(a.ua).class));
  if (botUa) C('signal.botUa', 0.5, { ua: botUa.ua!.slice(0, 60) });
  if (gaps.length >= 2 && medGap < t.testingMaxGapSeconds) C('signal.fastPace', 1, { gap: fmtGap(medGap) });
  if (ips.size >= 3) C('signal.manyIps', 1, { count: ips.size });
  if (bins.size === 1 && cards.min >= 3 && items.length >= t.testingAttemptsPerBin6h) C('signal.oneBin', 1, { bin: String([...bins][0]) });
  // several spellings of one inbox (Gmail dots, +tags) look like different people to a per-e-mail rule, and reach
  // one person: someone making "new" identities without making new mailboxes
  const spellings = mailboxSpellings(items, ctx.mailbox ?? normaliseEmail);
  if (spellings.count >= 2) C('signal.mailboxSpellings', spellings.count >= 3 ? 1.5 : 0.5, spellings);

  // account takeover: a break from the account's own baseline
  const customer = subjectKind === 'customer' || subjectKind === 'email' ? items.find((a) => a.customer)?.customer ?? null : null;
  if (customer) takeoverSignals(customer, items, ctx, takeover);

  const hallmark =
    (attempts >= 3 && declined / attempts > t.testingMinDeclineRatio) || (small >= 2 && small >= amounts.length / 2) ||
    (gaps.length >= 2 && medGap < t.testingMaxGapSeconds) || (cd >= 3 && cd >= 0.3 * attempts) || (classes.stolen ?? 0) >= 2;
  const h = household.reduce((s, x) => s + x.w, 0);
  const c = testing.reduce((s, x) => s + x.w, 0);
  const k = takeover.reduce((s, x) => s + x.w, 0);
  const has = (...ids: MessageId[]) => takeover.some((x) => ids.includes(x.msg.id));
  // a new device is only a user agent (a hijacked session or a copied one keeps the owner's): profile edits from the
  // new network stand for it — what the thief needs to do and the owner would not do from elsewhere
  const coreTakeover = has('signal.takeover.newDevice', 'signal.takeover.profileEdits') && has('signal.takeover.newNetwork', 'signal.takeover.newHostingNetwork') && has('signal.takeover.newCards');
  let label: Finding['assessment']['label'];
  if (coreTakeover && k >= 4) label = 'account-takeover';
  // card testing needs one of its hallmarks — declines, tiny amounts, a machine pace, repeated card-data or
  // stolen-card declines; many cards and addresses alone (a reseller, a shared account) are only suspicious
  else if (c >= 4 && c > h + 1 && hallmark) label = 'likely-card-testing';
  else if (h >= 3 && c <= 1.5 && cards.max <= 3 && k < 2) label = 'likely-legitimate-shared-cards';
  else if (c >= 2 || k >= 3) label = 'suspicious';
  else label = 'inconclusive';
  const hs = household.map((x) => x.text);
  const cs = testing.map((x) => x.text);
  const ks = takeover.map((x) => x.text);
  const hm = household.map((x) => x.msg);
  const cm = testing.map((x) => x.msg);
  const km = takeover.map((x) => x.msg);
  // The assessment in words: one message whose parts (signals, notes) are messages too, so it reads whole in any language.
  const verdictMsg =
    label === 'likely-legitimate-shared-cards' ? msg('assessment.household', { signals: hm.slice(0, 3) })
    // spread over several addresses (residential proxies, an IPv6 range): blocking one address stops nothing
    : label === 'likely-card-testing' ? msg('assessment.cardTesting', { signals: cm.slice(0, 3), spread: ips.size >= 3 ? ips.size : 0 })
    : label === 'account-takeover' ? msg('assessment.takeover', { signals: km.slice(0, 4) })
    : label === 'suspicious' ? msg('assessment.suspicious', { signals: [...km, ...cm], hasBut: hm.length ? 'yes' : 'no', but: hm })
    : msg('assessment.inconclusive', { hasHousehold: hm.length ? 'yes' : 'no', household: hm, hasTesting: cm.length ? 'yes' : 'no', testing: cm });
  const textMsg = msg('assessment.full', {
    verdict: verdictMsg,
    people: people >= 3 ? people : 0,
    hasCardsNote: cards.min !== cards.max || items.some((a) => a.cardKind === 'brand_last4') ? 'yes' : 'no',
    cards: cards.msg,
    hasWeak: weak.length ? 'yes' : 'no',
    weak: weak[0] ?? '',
  });
  const wouldChangeMsgs = WOULD_CHANGE[label].map((id) => msg(id));
  return {
    label,
    householdSignals: hs,
    cardTestingSignals: cs,
    takeoverSignals: ks,
    takeoverSignalMsgs: km,
    weakSignals: weak.map(english),
    householdSignalMsgs: hm,
    cardTestingSignalMsgs: cm,
    textMsg,
    declineClasses: classes,
    cards: { min: cards.min, max: cards.max, text: cards.text },
    wouldChange: wouldChangeMsgs.map(english),
    wouldChangeMsgs,
    text: english(textMsg),
  };
}

/** The mailbox an e-mail reaches (Gmail dots and +tags ignored), memoised for one run: one group per inbox. */
export function mailboxReader(): (email: string | null) => string | null {
  const memo = new Map<string, string>();
  return (email) => {
    if (!email) return null;
    let m = memo.get(email);
    if (m === undefined) {
      if (memo.size > 100_000) memo.clear();
      m = normaliseEmail(email) ?? email;
      memo.set(email, m);
    }
    return m;
  };
}

/** The most spellings one mailbox has among the attempts' e-mails, and that mailbox. */
function mailboxSpellings(items: Attempt[], mailboxOf: (email: string) => string | null): { count: number; mailbox: string } {
  const by = new Map<string, Set<string>>();
  for (const a of items) {
    if (!a.email) continue;
    const m = mailboxOf(a.email);
    if (!m) continue;
    const set = by.get(m) ?? new Set<string>();
    set.add(a.email);
    by.set(m, set);
  }
  let best = { count: 0, mailbox: '' };
  for (const [m, set] of by) if (set.size > best.count) best = { count: set.size, mailbox: m };
  return best;
}

/** What would change each assessment (catalogue ids `assessmentWouldChange.<label>.<n>`). */
const WOULD_CHANGE: Record<Finding['assessment']['label'], MessageId[]> = {
  'likely-legitimate-shared-cards': ['assessmentWouldChange.household.1', 'assessmentWouldChange.household.2', 'assessmentWouldChange.household.3', 'assessmentWouldChange.household.4'],
  'likely-card-testing': ['assessmentWouldChange.cardTesting.1', 'assessmentWouldChange.cardTesting.2', 'assessmentWouldChange.cardTesting.3'],
  'account-takeover': ['assessmentWouldChange.takeover.1', 'assessmentWouldChange.takeover.2'],
  suspicious: ['assessmentWouldChange.other.1', 'assessmentWouldChange.other.2'],
  inconclusive: ['assessmentWouldChange.other.1', 'assessmentWouldChange.other.2'],
};

function takeoverSignals(customer: string, items: Attempt[], ctx: AssessContext, out: Weighed[]) {
  const windowStart = items[0].ts;
  const windowEnd = items[items.length - 1].ts;
  // the baseline: the account's own activity at least an hour before the window
  const history = ctx.history(customer).filter((a) => a.ts < windowStart - HOUR);
  if (!history.length) return;
  const baseDevices = new Set(history.map((a) => a.ua).filter(Boolean));
  const baseIps = new Set(history.map((a) => a.ip).filter(Boolean));
  const baseAsns = new Set<number | null>(history.map((a) => (a.ip ? ctx.ipFacts(a.ip).asn : null)).filter((x) => x !== null));
  const baseCards = new Set(history.map((a) => a.card));
  const baseCountries = new Set(history.map((a) => a.risk.cardCountry).filter(Boolean));
  const baseAmounts = history.filter((a) => a.amount !== null).map((a) => a.amount!);
  const newUas = new Set(items.map((a) => a.ua).filter((u) => u && !baseDevices.has(u)));
  const newIps = [...new Set(items.map((a) => a.ip).filter((ip): ip is string => !!ip && !baseIps.has(ip)))];
  const newAsnIps = newIps.filter((ip) => !baseAsns.has(ctx.ipFacts(ip).asn));
  const newCards = new Set(items.map((a) => a.card).filter((c) => !baseCards.has(c)));
  const ago = (windowStart - history[history.length - 1].ts) / HOUR;
  if (newUas.size && baseDevices.size) out.push(weighed(msg('signal.takeover.newDevice', { count: newUas.size }), 1));
  if (newAsnIps.length) {
    const hosting = newAsnIps.find((ip) => ctx.ipFacts(ip).hosting);
    const before = [...baseIps].slice(0, 2).join(', ');
    out.push(weighed(hosting
      ? msg('signal.takeover.newHostingNetwork', { ip: hosting, why: ctx.ipFacts(hosting).whyMsg ?? '', before })
      : msg('signal.takeover.newNetwork', { ip: newAsnIps[0], before }), hosting ? 2 : 1));
  }
  if (newCards.size) out.push(weighed(msg('signal.takeover.newCards', { count: newCards.size, unit: ago < 48 ? 'h' : 'days', after: ago < 48 ? Math.round(ago * 10) / 10 : Math.round(ago / 24) }), newCards.size >= 2 ? 1.5 : 1));
  const foreign = new Set(items.map((a) => a.risk.cardCountry).filter((c) => c && !baseCountries.has(c)));
  if (foreign.size && baseCountries.size) out.push(weighed(msg('signal.takeover.foreignCards', { now: [...foreign].join(', '), before: [...baseCountries].join(', ') }), 1));
  const amounts = items.filter((a) => a.amount !== null && a.kind === 'payment').map((a) => a.amount!);
  if (amounts.length && baseAmounts.length && median(amounts) > 2 * median(baseAmounts)) {
    out.push(weighed(msg('signal.takeover.amounts', { now: median(amounts), before: median(baseAmounts) }), 0.5));
  }
  const edits = ctx.profileEdits(newIps.length ? newIps : [...new Set(items.map((a) => a.ip).filter((x): x is string => !!x))], windowStart - 6 * HOUR, windowEnd);
  if (edits.length) out.push(weighed(msg('signal.takeover.profileEdits', { count: edits.length }), 1.5));
  const breach = ctx.breachBefore(customer, windowStart);
  if (breach) out.push(weighed(msg('signal.takeover.breach', { breach }), 0.5));
}
