// IP roles: who is behind each client address of the case — a customer, the payment provider's servers, the
// shop's own infrastructure, a shared exit (CGNAT, mobile carrier), a crawler, an attacker (abusive automation) —
// from weighed evidence, not votes. Each role names what speaks for it and against it, the events behind each
// signal, what would change the verdict and what an attacker would have to fake to obtain it.
//
// The adversary's view, role by role:
// - provider: a user agent, a webhook path and a hosting ASN cost nothing. What cannot be faked: sending from the
//   provider's published ranges (or the register), and *not* being the shopper of orders that get declined. So
//   provider needs positive proof and is ruled out by any shopper role or decline.
// - shared: several user agents are free; several identities with purchase history elsewhere, activity spread
//   over hours, a normal decline rate and an access/mobile network are not what card testing looks like.
// - crawler: a user agent is a claim; the operator's published ranges or own ASN are facts. A claim from
//   elsewhere is a spoofed crawler (and impersonation is itself a signal of intent).
// - attacker: rests on acts the attack cannot avoid (declines, throwaway identities, many cards, login
//   probing, vulnerability probes); cheap signals (hosting ASN, library UA) only add weight.
import type { Db } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { AlibiError } from '../errors';
import { networkOf, type NetworkInfo } from '../enrich/accessNetwork';
import { isDisposableDomain } from '../enrich/disposableEmail';
import { infraMatcher } from '../enrich/infraRegister';
import { parseIp, type ParsedIp } from '../enrich/ipAddress';
import { lookupParsedIp } from '../enrich/ipIndex';
import { claimedOperator, knownRangesInfo, publishedRangeOf, type Operator, type RangeMatch } from '../enrich/knownRanges';
import { classifyUserAgent, describeUserAgentMsg } from '../enrich/userAgent';
import type { MessageId } from '../i18n/catalog';
import { msg, type Msg } from '../i18n/message';
import { english, englishOnce, sharedEnglish } from '../i18n/said';
import { ROLE_MSG } from '../i18n/terms';
import { caseLinks, type CaseLinks } from './caseLinks';
import type { ScanThread } from './scanThread';
import { aggregateIps, count, type AddresslessPayment, hasValue, medianGapSeconds, NO_VALUES, notifiedOrders, type Aggregation, type IdentityFacts, type IpAggregate, type PaymentMark } from './ipAggregate';
import { burstIndex, burstParticipants, type BurstIndex, type BurstPart, type ProbeRun } from './testingBursts';
import { caseAttemptFacts, type CaseAttemptFacts } from './findings';
import { DEFAULT_THRESHOLDS } from '../vocabulary';
import { IP_ROLES, type Thresholds, type InfraEntry, type IpInfo, type IpProfile, type IpRole, type RoleConflict, type RoleEvidence, type UserAgentClass } from './types';

export type { IpAggregate } from './ipAggregate';

const iso = (ms: number) => new Date(ms).toISOString();
const pct = (n: number, d: number) => (d ? Math.round((100 * n) / d) : 0);

/** Score a role needs to be chosen. */
const THRESHOLD: Record<IpRole, number> = { provider: 4, own: 4, shared: 4, crawler: 3, attacker: 3.5, customer: 2, unknown: 0 };
const RULED_OUT = -100;

function topUa(a: IpAggregate, cls: UserAgentClass): string | undefined {
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

/** The per-address facts the decision reads, derived once. */
export interface IpFacts {
  a: IpAggregate;
  parsed: ParsedIp | null;
  info: IpInfo;
  network: NetworkInfo;
  infra?: InfraEntry;
  range?: RangeMatch;
  claim?: { op: Operator; requests: number };
  browserDevices: number;
  uaTotal: number;
  /** Declined attempts that were not for insufficient funds, over all attempts. */
  declineRatio: number;
  /** Declined attempts the issuer refused for insufficient funds. */
  fundsDeclined: number;
  throwaway: string[];
  established: string[];
  disposable: number;
  testingPattern: boolean;
  /** Orders this address notified as a provider would (see notifiedOrders), and their customers. */
  notified: Set<string>;
  notifiedCustomers: number;
  /** A case-level card-testing burst (CT-1) this address took part in, and how many of its identities were the tester's. */
  burst?: { part: BurstPart; participants: number };
  /** Accounts taken over from this address (an account-takeover finding on them, this address new to them): their
   *  owners do not use it — not real people here, and what was paid under them is not the owner's doing. */
  takenOver: string[];
  takeoverFinding?: string;
  /** A run of small-amount payments on many cards from this address (see ProbeRun). */
  probe?: ProbeRun;
}

const earliest = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.min(x, y));

/**
 * Identities seen only on this address in a testing pattern, or made for a case-level testing burst it took part in
 * (`inBurst`), and those with a history (earlier success or other addresses).
 */
function identityFacts(a: IpAggregate, ids: IdentityFacts, testingPattern: boolean, probeFrom: number | null, inBurst: ReadonlySet<string>, takenOver: ReadonlySet<string>) {
  const throwaway: string[] = [];
  const established: string[] = [];
  let disposable = 0;
  for (const [c, u] of a.identities) {
    const isDisposable = isDisposableDomain(u.email ?? (c.includes('@') ? c : null));
    if (isDisposable) disposable++;
    if (inBurst.has(c)) {
      throwaway.push(c);
      continue;
    }
    if (takenOver.has(c)) continue; // its history is its owner's, elsewhere
    const onlyHere = (ids.ips.get(c)?.size ?? 1) <= 1;
    const firstOk = ids.firstAuthorised.get(c);
    // an earlier success: an authorised payment before the declines began here (an account that paid before the
    // burst); a success inside a testing burst proves nothing (testers' cards sometimes go through)
    const burstStart = testingPattern ? earliest(a.firstDecline, probeFrom) : u.firstDecline;
    const earlierSuccess = firstOk !== undefined && (burstStart === null || firstOk < burstStart);
    if (onlyHere && testingPattern && (!earlierSuccess || isDisposable)) throwaway.push(c);
    else if (earlierSuccess || !onlyHere) established.push(c);
  }
  return { throwaway, established, disposable };
}

export function ipFacts(
  a: IpAggregate, match: (ip: ParsedIp) => InfraEntry | undefined, ids: IdentityFacts, payments: PaymentMark[], links: CaseLinks,
  bursts: BurstIndex = new Map(), fundsDeclined = 0, takeovers: { finding: string; customer: string }[] = [], probe?: ProbeRun,
): IpFacts {
  const parsed = parseIp(a.ip);
  const info = parsed ? lookupParsedIp(parsed) : { asn: null, asOrg: null, country: null };
  const uaTotal = Object.values(a.uaClasses).reduce((s, n) => s + (n ?? 0), 0) || 1;
  let browserDevices = 0;
  const claims = new Map<string, { op: Operator; requests: number }>();
  for (const [ua, n] of a.uas) {
    const cls = classifyUserAgent(ua).class;
    if (cls === 'browser') browserDevices++;
    const op = claimedOperator(ua);
    if (op && (cls === 'crawler' || op.role !== 'crawler')) {
      const c = claims.get(op.id) ?? { op, requests: 0 };
      c.requests += n;
      claims.set(op.id, c);
    }
  }
  const claim = [...claims.values()].sort((x, y) => y.requests - x.requests)[0];
  const attempts = count(a.attempts);
  // an issuer's "insufficient funds" says the card is real and at its limit (a household, rarely a guess): such
  // declines do not make a testing pattern, the declines a tester cannot avoid (wrong card data, stolen, generic) do
  const funds = Math.min(fundsDeclined, count(a.declined));
  const declineRatio = attempts ? (count(a.declined) - funds) / attempts : 0;
  // card testing shows as declines, or (a list of good cards checked on a cheap item) as a run of small payments
  const testingPattern = (attempts >= 3 && declineRatio >= 0.5) || probe !== undefined;
  const notified = a.webhookCalls || a.providerCalls ? notifiedOrders(a, payments, (id) => (links.order(id, null) ? links.orderIdOf(id, null) : null)) : (NO_VALUES as Set<string>);
  const notifiedCustomers = new Set([...notified].map((o) => links.order(o, null)?.customer).filter(Boolean)).size;
  const burst = burstParticipants(a, bursts.get(a.ip), ids);
  const takenOver = takeovers.filter((x) => a.identities.has(x.customer));
  return {
    takenOver: [...new Set(takenOver.map((x) => x.customer))],
    ...(takenOver.length ? { takeoverFinding: takenOver[0].finding } : {}),
    ...(burst ? { burst: { part: burst.part, participants: burst.who.size } } : {}),
    notified, notifiedCustomers,
    a, parsed, info,
    network: networkOf(parsed, info.asn, info.asOrg),
    infra: parsed ? match(parsed) : undefined,
    range: parsed ? publishedRangeOf(parsed) : undefined,
    claim, browserDevices, uaTotal, declineRatio, testingPattern, fundsDeclined: funds,
    ...(probe ? { probe } : {}),
    ...identityFacts(a, ids, testingPattern, probe?.from ?? null, burst?.who ?? NO_VALUES, new Set(takenOver.map((x) => x.customer))),
  };
}

interface Decision {
  role: IpRole;
  confidence: number;
  evidence: RoleEvidence[];
  scores: Partial<Record<IpRole, number>>;
  conflict?: RoleConflict;
  verified?: IpProfile['verified'];
  spoofed?: IpProfile['spoofed'];
}

/** The role decision: every signal is weighed for or against each role; the best-supported role wins. */
/**
 * Evidence items that cite no event and say the same (an access network, "no earlier success"…) are one object
 * across the addresses of one analysis: by the shared message, the items made with it so far.
 */
export type SharedEvidence = Map<Msg, RoleEvidence[]>;

export function decideRole(f: IpFacts, shared: SharedEvidence = new Map()): Decision {
  const { a, network } = f;
  const ev: RoleEvidence[] = [];
  // the address's signals cite the same few events (its pages, its declines): one array per distinct list
  const cited = new Map<string, number[]>();
  const cite = (ids: number[]) => {
    const cut = ids.slice(0, 8);
    const k = cut.join(',');
    const seen = cited.get(k);
    if (seen) return seen;
    cited.set(k, cut);
    return cut;
  };
  const add = (role: IpRole, stance: 'for' | 'against', weight: number, said: Msg, eventIds: number[] = [], opts: { cheap?: boolean; anchor?: boolean } = {}) => {
    const { msg: m, text } = sharedEnglish(said);
    const ids = cite(eventIds);
    const cheap = !!opts.cheap;
    let same = ids.length ? undefined : shared.get(m);
    const seen = same?.find((x) => x.role === role && x.stance === stance && x.weight === weight && x.cheap === cheap && !!x.anchor === !!opts.anchor);
    if (seen) return void ev.push(seen);
    const item: RoleEvidence = { role, stance, weight, text, msg: m, eventIds: ids, cheap, ...(opts.anchor ? { anchor: true } : {}) };
    if (!ids.length) {
      if (!same) shared.set(m, (same = []));
      same.push(item);
    }
    ev.push(item);
  };
  const e = (k: string) => a.ev[k] ?? [];
  const browser = a.uaClasses.browser ?? 0;
  const crawlerUa = a.uaClasses.crawler ?? 0;
  const library = (a.uaClasses['http-library'] ?? 0) + (a.uaClasses.empty ?? 0);
  const attempts = count(a.attempts);
  const declined = count(a.declined);
  const shopper = attempts > 0 || count(a.shopperOrders) > 0;
  const logins = a.shapes.login ?? 0;
  const probes = a.shapes.probe ?? 0;
  const checkout = a.shapes.checkout ?? 0;
  const requests = a.httpRequests + a.providerCalls;
  const webhookShare = requests ? (a.webhookCalls + a.providerCalls + (a.shapes.api ?? 0)) / requests : 0;
  const people = a.identities.size || count(a.customers);
  const realPeople = Math.max(0, people - f.throwaway.length - f.takenOver.length);
  let verified: Decision['verified'];
  let spoofed: Decision['spoofed'];

  // ---- own: the register, the shop's CDN edge, private space, a relaying proxy
  if (f.infra && f.infra.role !== 'provider') add('own', 'for', 10, msg('ipEvidence.register', { role: f.infra.role, label: f.infra.label, cidr: f.infra.cidr }), [], { anchor: true });
  if (f.range?.op.role === 'cdn') add('own', 'for', 6, msg('ipEvidence.cdnEdge', { operator: f.range.op.operator, publisher: f.range.op.publisher, snapshot: f.range.snapshot }), [], { anchor: true });
  if (a.forwarded > 0 && a.forwarded >= a.events / 2) {
    add('own', 'for', 5, msg('ipEvidence.reverseProxy', { count: a.forwarded }), a.evidence.slice(0, 3));
  }
  if (network.kind === 'private') add('own', 'for', 4, msg('ipEvidence.privateRange'), [], { anchor: true });

  // ---- provider: positive proof only
  if (f.infra?.role === 'provider') add('provider', 'for', 10, msg('ipEvidence.registerProvider', { label: f.infra.label, cidr: f.infra.cidr }), [], { anchor: true });
  if (f.range?.op.role === 'provider') {
    add('provider', 'for', 8, msg('ipEvidence.providerRange', { operator: f.range.op.operator, publisher: f.range.op.publisher, snapshot: f.range.snapshot }), e('webhook'), { anchor: true });
    verified = { operator: f.range.op.operator, publisher: f.range.op.publisher, by: 'published-range', snapshot: f.range.snapshot };
  }
  if (a.providerCalls > 0) {
    add('provider', 'for', 5, msg('ipEvidence.providerLog', { count: a.providerCalls, hasPath: a.apiPathSample ? 'yes' : 'no', path: a.apiPathSample ?? '' }), e('provider-call'), { anchor: true });
  }
  if (a.webhookCalls > 0 && webhookShare >= 0.8 && a.pageViews <= a.webhookCalls) {
    const lib = topUa(a, 'http-library');
    add('provider', 'for', 3, msg('ipEvidence.webhookShaped', { count: a.webhookCalls, hasPath: a.apiPathSample ? 'yes' : 'no', path: a.apiPathSample ?? '', hasSdk: lib ? 'yes' : 'no', sdk: lib ? lib.slice(0, 60) : '', share: pct(a.webhookCalls + (a.shapes.api ?? 0), a.httpRequests) }), e('webhook'));
  }
  // The provider's published webhook addresses are its own statement of where notifications come from: its user
  // agent from anywhere else (and not in the register) is a forged notification sender, like a spoofed crawler.
  const forgedProvider = f.claim?.op.role === 'provider' && f.range?.op.id !== f.claim.op.id && f.infra?.role !== 'provider' ? f.claim.op : undefined;
  if (forgedProvider) {
    const m = msg('ipEvidence.spoofedProvider', { operator: forgedProvider.operator, publisher: forgedProvider.publisher, snapshot: knownRangesInfo().version });
    spoofed = { operator: forgedProvider.operator, text: english(m), msg: m };
    add('provider', 'against', RULED_OUT, m, e('webhook'));
    add('attacker', 'for', 4, msg('ipEvidence.impersonatesProvider', { operator: forgedProvider.operator }), e('webhook'));
  } else if (f.claim && f.claim.op.role === 'provider') add('provider', 'for', 0.5, msg('ipEvidence.providerUa', { operator: f.claim.op.operator }), e('webhook'), { cheap: true });
  if (network.kind === 'hosting' && (a.providerCalls > 0 || a.webhookCalls > 0)) add('provider', 'for', 0.5, network.whyMsg, [], { cheap: true });
  const notifiedPeople = Math.max(count(a.customers), f.notifiedCustomers);
  if ((a.providerCalls > 0 || a.webhookCalls > 0) && notifiedPeople >= 3) {
    add('provider', 'for', 1, msg('ipEvidence.manyCustomersNoBrowsing', { count: notifiedPeople }), e('provider-call').concat(e('webhook')));
  }
  if (a.webhookCalls > 0 && f.notified.size >= 2 && !a.providerCalls) {
    add('provider', 'for', 1, msg([...f.notified].some((o) => hasValue(a.webhookOrderIds, o)) ? 'ipEvidence.webhookOrders' : 'ipEvidence.webhookFollows', { count: f.notified.size }), e('webhook'));
  }
  if (shopper) {
    add('provider', 'against', RULED_OUT, msg('ipEvidence.shopperNotProvider', { count: Math.max(attempts, count(a.shopperOrders)), declined }), e('decline').length ? e('decline') : a.evidence.slice(0, 4));
  }
  if (browser / f.uaTotal > 0.2 && a.pageViews > 0) add('provider', 'against', -3, msg('ipEvidence.browsers', { share: pct(browser, f.uaTotal), pages: a.pageViews }), e('page'), { cheap: true });
  if (logins + probes > 0) add('provider', 'against', RULED_OUT, msg('ipEvidence.loginsProbes', { logins, probes }), e('login').concat(e('probe')));

  // ---- crawler: verified by the operator's ranges or own ASN; a claim from elsewhere is spoofed
  const crawlerShare = crawlerUa / f.uaTotal;
  const rangeCrawler = f.range && (f.range.op.role === 'crawler' || f.range.op.role === 'monitor') ? f.range : undefined;
  const crawlerFamily = crawlerUa ? (classifyUserAgent(topUa(a, 'crawler')).family ?? 'bot') : undefined;
  if (rangeCrawler) {
    add('crawler', 'for', 6, msg('ipEvidence.crawlerRange', { hasFamily: crawlerFamily ? 'yes' : 'no', family: crawlerFamily ?? '', operator: rangeCrawler.op.operator, kind: rangeCrawler.op.role, publisher: rangeCrawler.op.publisher, snapshot: rangeCrawler.snapshot }), e('page'), { anchor: true });
    verified = { operator: rangeCrawler.op.operator, publisher: rangeCrawler.op.publisher, by: 'published-range', snapshot: rangeCrawler.snapshot };
  } else if (f.claim && (f.claim.op.role === 'crawler' || f.claim.op.role === 'monitor')) {
    if (f.info.asn !== null && f.claim.op.asns.includes(f.info.asn)) {
      add('crawler', 'for', 4, msg('ipEvidence.crawlerAsn', { family: crawlerFamily ?? f.claim.op.operator, operator: f.claim.op.operator, asn: f.info.asn, org: f.info.asOrg ?? '' }), e('page'), { anchor: true });
      verified = { operator: f.claim.op.operator, publisher: `AS${f.info.asn}`, by: 'operator-asn' };
    } else {
      const m = msg('ipEvidence.spoofedCrawler', { operator: f.claim.op.operator, publisher: f.claim.op.publisher, hasNetwork: f.info.asn ? 'yes' : 'no', network: f.info.asn ? `AS${f.info.asn} ${f.info.asOrg ?? ''}`.trim() : '' });
      spoofed = { operator: f.claim.op.operator, text: english(m), msg: m };
      add('crawler', 'against', RULED_OUT, m, e('page'));
      add('attacker', 'for', 2, msg('ipEvidence.impersonates', { operator: f.claim.op.operator }), e('page').concat(e('login')));
    }
  }
  if (crawlerShare >= 0.5) {
    const ua = topUa(a, 'crawler');
    add('crawler', 'for', 3, msg('ipEvidence.crawlerUa', { share: pct(crawlerUa, f.uaTotal), family: (ua && classifyUserAgent(ua).family) ?? 'bot' }), e('page'), { cheap: true });
  }
  if (shopper) add('crawler', 'against', RULED_OUT, msg('ipEvidence.crawlerPays'), e('decline'));
  if (logins + probes + checkout > 0) add('crawler', 'against', -4, msg('ipEvidence.notIndexer', { logins, probes, checkout }), e('login').concat(e('probe'), e('checkout')));

  // ---- attacker: acts the attack cannot avoid, plus cheap signals that only add weight
  if (attempts >= 3 && f.declineRatio >= 0.5) {
    const w = 1 + 4 * (f.declineRatio - 0.5) + (attempts >= 10 ? 1 : 0);
    add('attacker', 'for', w, msg('ipEvidence.declined', { declined, attempts, share: pct(declined, attempts) }), e('decline'));
  }
  if (f.throwaway.length >= 2) {
    add('attacker', 'for', Math.min(3.5, 1 + f.throwaway.length / 3), msg('ipEvidence.throwaway', { count: f.throwaway.length, sample: f.throwaway.slice(0, 3).join(', '), more: f.throwaway.length > 3 ? 'yes' : 'no' }), e('decline'));
  }
  if (f.burst) {
    // one or two attempts here, but part of a burst the whole case shows: what a residential proxy of a tester looks like
    const b = f.burst.part.burst;
    add('attacker', 'for', 4, msg('ipEvidence.distributedTesting', { count: f.burst.participants, kind: b.subject.kind, subject: b.subject.value, attempts: b.attempts, declined: b.declined, addresses: b.ips.size }), f.burst.part.eventIds);
  }
  if (f.probe) {
    const minutes = Math.max(1, Math.round((f.probe.to - f.probe.from) / 60_000));
    add('attacker', 'for', 2, msg('ipEvidence.probeRun', { cards: f.probe.cards, limit: f.probe.limit, minutes }), f.probe.eventIds);
  }
  if (f.fundsDeclined > 0 && f.fundsDeclined * 2 >= declined) add('attacker', 'against', -1, msg('ipEvidence.fundsDeclines', { count: f.fundsDeclined, declined }), e('decline'));
  if (f.takenOver.length) {
    // the account's own history says this address is not its owner's: new network, new cards, profile edits. Alone
    // it does not make an attacker (a traveller's hotel network breaks a baseline too): with a hosting/VPN exit it does
    add('attacker', 'for', 3, msg('ipEvidence.takeover', { count: f.takenOver.length, sample: f.takenOver.slice(0, 3).join(', ') }), e('decline').length ? e('decline') : a.evidence.slice(0, 4));
  }
  if (f.disposable > 0) add('attacker', 'for', 0.5, msg('ipEvidence.disposable', { count: f.disposable }), [], { cheap: true });
  const shopperCards = count(a.cards);
  if (shopper && shopperCards >= 4 && (f.declineRatio >= 0.34 || f.throwaway.length >= 2)) {
    add('attacker', 'for', shopperCards >= 8 ? 2.5 : 1.5, msg('ipEvidence.manyCards', { count: shopperCards }), e('decline'));
  }
  if (a.libraryCheckout > 0) add('attacker', 'for', 2, msg('ipEvidence.scriptCheckout', { count: a.libraryCheckout }), e('library-checkout'));
  // dozens of logins from one or two devices: password guessing or credential stuffing, whatever the network (a
  // residential proxy too); many devices behind one address (an office, a carrier) log in more, each a few times
  const loginsPerDevice = logins / Math.max(1, a.uas.size);
  if (logins >= 5) add('attacker', 'for', logins >= 30 && loginsPerDevice >= 20 ? 4 : logins >= 10 ? 3 : 2, msg('ipEvidence.loginProbing', { count: logins }), e('login'));
  if (probes >= 2) add('attacker', 'for', 2, msg('ipEvidence.vulnProbing', { count: probes }), e('probe'));
  // the pace (a sort of up to 2,000 gaps) only where it can count: a shopper's or a prober's ten requests or more
  const pace = a.times.length >= 10 && (shopper || logins + probes + checkout > 0) ? medianGapSeconds(a.times) : NaN;
  if (pace < 3) add('attacker', 'for', 1, msg('ipEvidence.machinePace', { seconds: Math.round(pace * 10) / 10 }), a.evidence.slice(0, 4), { cheap: true });
  if (network.kind === 'hosting' && (shopper || logins > 0)) add('attacker', 'for', 1, msg('ipEvidence.hostingShopper', { network: network.whyMsg }), [], { cheap: true });
  if (f.established.length > 0) add('attacker', 'against', -Math.min(3, f.established.length), msg('ipEvidence.established', { count: f.established.length, sample: f.established.slice(0, 3).join(', ') }), e('decline'));

  // ---- shared: several devices, spread activity, normal decline rate, access/mobile network; never one device
  if (realPeople >= 3) add('shared', 'for', realPeople >= 5 ? 2.5 : 2, msg('ipEvidence.manyCustomers', { count: realPeople }), a.evidence.slice(0, 4));
  if (f.browserDevices >= 2) add('shared', 'for', 1, msg('ipEvidence.devices', { count: f.browserDevices }), e('page'), { cheap: true });
  else if (realPeople >= 2) add('shared', 'against', RULED_OUT, msg('ipEvidence.oneDevice'), e('page'));
  const spanMin = identitySpanMinutes(a);
  if (realPeople >= 3 && (spanMin >= 20 || a.hours >= 3)) add('shared', 'for', 1, msg('ipEvidence.spread', spanMin >= 120 ? { unit: 'h', span: Math.round(spanMin / 6) / 10 } : { unit: 'min', span: Math.round(spanMin) }));
  else if (realPeople >= 3) add('shared', 'against', -2, msg('ipEvidence.burst', { minutes: Math.round(spanMin) }));
  if (network.kind === 'mobile' || network.kind === 'cgnat') add('shared', 'for', network.listed ? 2 : 1, network.whyMsg, [], { anchor: network.listed, cheap: !network.listed });
  else if (network.kind === 'access') add('shared', 'for', 0.5, network.whyMsg, [], { cheap: true });
  else if (network.kind === 'hosting') add('shared', 'against', RULED_OUT, msg('ipEvidence.hostingNotShared', { network: network.whyMsg }));
  if (attempts >= 3 && f.declineRatio >= 0.34) add('shared', 'against', RULED_OUT, msg('ipEvidence.declineRate', { share: pct(declined, attempts) }), e('decline'));
  if (f.throwaway.length >= 2) add('shared', 'against', RULED_OUT, msg('ipEvidence.throwawayNotCoUsers', { count: f.throwaway.length }), e('decline'));

  // ---- customer: one or two identities with a history, a browser, an access network
  if (realPeople >= 1 && realPeople <= 2) add('customer', 'for', 2, realPeople === 1 ? msg('ipEvidence.oneCustomer', { agents: a.uas.size }) : msg('ipEvidence.twoCustomers'), a.evidence.slice(0, 4));
  if (f.established.length > 0 && realPeople <= 2) add('customer', 'for', 1, msg('ipEvidence.withHistory', { count: f.established.length }), []);
  if (browser > 0 && realPeople > 0) {
    const b = topUa(a, 'browser');
    add('customer', 'for', 0.5, msg('ipEvidence.browses', { agent: describeUserAgentMsg(b ?? '', classifyUserAgent(b)) }), e('page'), { cheap: true });
  }
  if (network.kind === 'access' || network.kind === 'mobile' || network.kind === 'cgnat') {
    if (realPeople > 0) add('customer', 'for', 0.5, msg('ipEvidence.accessIsp', { network: network.kind === 'access' ? `AS${f.info.asn} ${f.info.asOrg ?? ''}`.trim() : network.whyMsg }), [], { cheap: true });
  } else if (network.kind === 'hosting' && realPeople > 0) add('customer', 'against', -1, msg('ipEvidence.hostingCustomer', { network: network.whyMsg }), [], { cheap: true });
  if (attempts >= 3 && f.declineRatio >= 0.5) add('customer', 'against', -1, msg('ipEvidence.attemptsDeclined', { share: pct(declined, attempts) }), e('decline'));
  if (realPeople === 0 && f.throwaway.length > 0) add('customer', 'against', RULED_OUT, msg('ipEvidence.allThrowaway'), e('decline'));

  // ---- weigh
  const scores: Partial<Record<IpRole, number>> = {};
  for (const x of ev) scores[x.role] = (scores[x.role] ?? 0) + (x.stance === 'for' ? x.weight : x.weight);
  for (const r of Object.keys(scores) as IpRole[]) scores[r] = Math.round(Math.max(RULED_OUT, scores[r]!) * 100) / 100;
  // a role backed only by cheap signals never passes (a user agent or an ASN never decides alone) — except an
  // unverified crawler, whose block verdict is "safe" anyway: the user agent then only names the bot
  const solid = (r: IpRole) => r === 'crawler' || ev.some((x) => x.role === r && x.stance === 'for' && !x.cheap);
  const passing = (Object.keys(scores) as IpRole[])
    .filter((r) => r !== 'unknown' && scores[r]! >= THRESHOLD[r] && solid(r))
    .sort((x, y) => scores[y]! - THRESHOLD[y] - (scores[x]! - THRESHOLD[x]));
  // anchors from outside the traffic (register, published ranges) win over traffic evidence, but a
  // contradiction is shown; attacker evidence against an anchored benign role is a conflict for the analyst
  const anchored = (['own', 'provider', 'crawler'] as IpRole[]).find((r) => ev.some((x) => x.role === r && x.anchor && x.stance === 'for' && x.weight >= 6));
  const role: IpRole = anchored ?? passing[0] ?? 'unknown';
  let conflict: Decision['conflict'];
  const againstAnchor = anchored ? ev.filter((x) => x.role === anchored && x.stance === 'against') : [];
  if (anchored && againstAnchor.length) {
    const m = msg('ipConflict.anchor', { anchor: ev.find((x) => x.role === anchored && x.anchor)!.msg!, against: againstAnchor.map((x) => x.msg!) });
    conflict = { roles: [anchored, ...passing.filter((r) => r !== anchored).slice(0, 1)], text: english(m), msg: m };
  } else if (!anchored && passing.length >= 2) {
    const [first, second] = passing;
    const benign = (r: IpRole) => r === 'provider' || r === 'shared' || r === 'crawler' || r === 'own' || r === 'customer';
    if ((first === 'attacker' && benign(second)) || (benign(first) && second === 'attacker')) {
      const m = msg('ipConflict.both', { first: msg(ROLE_MSG[first]), firstScore: scores[first]!, second: msg(ROLE_MSG[second]), secondScore: scores[second]! });
      conflict = { roles: [first, second], text: english(m), msg: m };
    }
  }
  const margin = role === 'unknown' ? 0 : scores[role]! - THRESHOLD[role];
  let confidence = role === 'unknown' ? 0.3 : Math.min(0.97, 0.55 + 0.42 * (1 - Math.exp(-margin / 3)));
  if (anchored) confidence = Math.max(confidence, 0.9);
  if (conflict) confidence = Math.min(confidence, 0.6);
  // built by push (room for 16 more items): the kept list is exact-size, it lives with the analysis
  return { role, confidence, evidence: ev.slice(), scores, conflict, verified: role === 'crawler' || role === 'provider' ? verified : undefined, spoofed };
}

/** Minutes between the first activity of the first and the last identity seen here. */
function identitySpanMinutes(a: IpAggregate): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const u of a.identities.values()) {
    if (u.first < lo) lo = u.first;
    if (u.first > hi) hi = u.first;
  }
  if (lo === Infinity) return (a.last - a.first) / 60_000;
  return (hi - lo) / 60_000;
}

function describeCounts(a: IpAggregate): Msg[] {
  const out: Msg[] = [];
  const items: Msg[] = [];
  if (count(a.orders)) items.push(msg('ipSignal.count.orders', { count: count(a.orders) }));
  if (count(a.cards)) items.push(msg('ipSignal.count.cards', { count: count(a.cards) }));
  if (count(a.emails)) items.push(msg('ipSignal.count.emails', { count: count(a.emails) }));
  if (items.length) out.push(msg('ipSignal.linkedTo', { items: items.slice() })); // kept: exact-size, not push-grown
  out.push(msg('ipSignal.events', { count: a.events, from: { ts: a.first, tz: 'UTC' }, to: { ts: a.last, tz: 'UTC' } }));
  return out;
}

/** What evidence would change each role's verdict (catalogue ids `ipWouldChange.<role>.<n>`). */
const WOULD_CHANGE: Record<IpRole, MessageId[]> = {
  provider: ['ipWouldChange.provider.1', 'ipWouldChange.provider.2', 'ipWouldChange.provider.3'],
  own: ['ipWouldChange.own.1', 'ipWouldChange.own.2'],
  shared: ['ipWouldChange.shared.1', 'ipWouldChange.shared.2', 'ipWouldChange.shared.3', 'ipWouldChange.shared.4'],
  crawler: ['ipWouldChange.crawler.1', 'ipWouldChange.crawler.2'],
  attacker: ['ipWouldChange.attacker.1', 'ipWouldChange.attacker.2', 'ipWouldChange.attacker.3'],
  customer: ['ipWouldChange.customer.1', 'ipWouldChange.customer.2'],
  unknown: ['ipWouldChange.unknown.1', 'ipWouldChange.unknown.2'],
};

const WOULD_CHANGE_TEXT = Object.fromEntries(Object.entries(WOULD_CHANGE).map(([r, ids]) => [r, ids.map((id) => english(msg(id)))])) as Record<IpRole, string[]>;

function attackerWouldFake(role: IpRole, d: Decision): Msg[] {
  const anchoredBy = d.evidence.filter((x) => x.role === role && x.anchor && x.stance === 'for' && x.msg).map((x) => x.msg!);
  switch (role) {
    case 'provider':
      return [anchoredBy.length ? msg('ipWouldFake.providerAnchored', { anchor: anchoredBy[0] }) : msg('ipWouldFake.provider')];
    case 'crawler':
      return [d.verified ? msg('ipWouldFake.crawlerVerified', { operator: d.verified.operator, by: d.verified.by === 'operator-asn' ? 'asn' : 'range' }) : msg('ipWouldFake.crawler')];
    case 'shared':
      return [msg('ipWouldFake.shared.1'), msg('ipWouldFake.shared.2'), msg('ipWouldFake.shared.3'), msg('ipWouldFake.shared.4')];
    case 'customer':
      return [msg('ipWouldFake.customer')];
    case 'attacker':
      return [msg('ipWouldFake.attacker')];
    case 'own':
      return [msg('ipWouldFake.own')];
    default:
      return [msg('ipWouldFake.unknown')];
  }
}

interface Override {
  ip: string;
  role: IpRole;
  reason: string;
  at: string;
}

export function profileOf(f: IpFacts, overrides: Map<string, Override>, shared?: SharedEvidence): IpProfile {
  const { a } = f;
  const d = decideRole(f, shared);
  const chosen = d.evidence.filter((x) => x.role === d.role);
  const forRole = chosen.filter((x) => x.stance === 'for').sort((x, y) => y.weight - x.weight);
  const against = d.evidence.filter((x) => x.stance === 'against' ? x.role === d.role : x.role !== d.role && x.role === 'attacker' && d.role !== 'attacker' && x.weight >= 1);
  const o = overrides.get(a.ip);
  const role = o ? o.role : d.role;
  const signalMsgs = [
    ...(o ? [msg('ipSignal.override', { role: msg(ROLE_MSG[o.role]), at: o.at, reason: o.reason }), msg('ipSignal.computed', { role: msg(ROLE_MSG[d.role]) })] : []),
    ...(f.parsed ? [] : [msg('ipSignal.notAnIp')]),
    ...forRole.map((x) => x.msg!),
    ...against.map((x) => msg('ipSignal.but', { signal: x.msg! })),
    ...(d.spoofed && d.role !== 'attacker' ? [d.spoofed.msg!] : []),
    ...(d.conflict ? [msg('ipSignal.conflict', { conflict: d.conflict.msg! })] : []),
    ...(d.role === 'unknown' ? unknownSignals(f) : []),
  ];
  const counts = describeCounts(a);
  const rendered = new Map(d.evidence.map((x) => [x.msg!, x.text])); // evidence already in words: not rendered twice
  // equal messages of different addresses are one object (and one string) in the result: there are ~30 per address
  const signals = signalMsgs.map((m) => {
    const text = rendered.get(m);
    return text === undefined ? sharedEnglish(m) : { msg: m, text };
  });
  // the address's own counts and dates: one of a kind, not worth a place in the memo
  for (const m of counts) signals.push({ msg: m, text: englishOnce(m) });
  const wouldChange = WOULD_CHANGE[role].map((id) => sharedEnglish(msg(id)).msg);
  const wouldFake = attackerWouldFake(role, d).map(sharedEnglish);
  return {
    ip: a.ip,
    role,
    confidence: o ? 1 : Math.round(d.confidence * 100) / 100,
    asn: f.info.asn,
    asOrg: f.info.asOrg,
    country: f.info.country,
    hosting: f.network.kind === 'hosting',
    ...(f.infra ? { infra: { role: f.infra.role, label: f.infra.label, cidr: f.infra.cidr } } : {}),
    ...(o ? { override: { role: o.role, reason: o.reason, at: o.at }, computedRole: d.role } : {}),
    events: a.events,
    firstSeen: iso(a.first),
    lastSeen: iso(a.last),
    customers: count(a.customers),
    emails: count(a.emails),
    cards: count(a.cards),
    orders: count(a.orders),
    providerCalls: a.providerCalls,
    pageViews: a.pageViews,
    userAgentClasses: a.uaClasses,
    userAgents: a.uas.size,
    signals: signals.map((x) => x.text),
    signalMsgs: signals.map((x) => x.msg),
    evidenceEventIds: a.evidence,
    evidence: d.evidence,
    scores: d.scores,
    ...(d.conflict ? { conflict: d.conflict } : {}),
    wouldChange: WOULD_CHANGE_TEXT[role],
    wouldChangeMsgs: wouldChange,
    attackerWouldFake: wouldFake.map((x) => x.text),
    attackerWouldFakeMsgs: wouldFake.map((x) => x.msg),
    network: { kind: f.network.kind, why: f.network.why, whyMsg: f.network.whyMsg },
    ...(d.verified ? { verified: d.verified } : {}),
    ...(d.spoofed ? { spoofed: d.spoofed } : {}),
    throwawayIdentities: f.throwaway.length,
    ...(f.burst ? { testingBurst: testingBurstOf(f.burst) } : {}),
    attempts: count(a.attempts),
    declined: count(a.declined),
  };
}

function testingBurstOf({ part, participants }: NonNullable<IpFacts['burst']>): NonNullable<IpProfile['testingBurst']> {
  const b = part.burst;
  return { finding: b.finding, subject: b.subject, addresses: b.ips.size, attempts: b.attempts, declined: b.declined, identities: participants };
}

function unknownSignals(f: IpFacts): Msg[] {
  const { a } = f;
  const out: Msg[] = [];
  if ((a.uaClasses.browser ?? 0) > 0) out.push(msg('ipSignal.anonymousBrowsing', { pages: a.pageViews }));
  else if ((a.uaClasses['http-library'] ?? 0) > 0) out.push(msg('ipSignal.libraryTraffic'));
  out.push(f.network.whyMsg);
  return out;
}

function loadOverrides(db: Db): Map<string, Override> {
  const rows = db.prepare('SELECT ip, role, reason, at FROM ip_overrides').all() as Override[];
  return new Map(rows.map((r) => [r.ip, r]));
}

const ROLE_ORDER: Record<IpRole, number> = { provider: 0, own: 1, shared: 2, attacker: 3, customer: 4, crawler: 5, unknown: 6 };

/**
 * What block impact reads of an address once its profile is made: its counts, identities and orders, and the facts
 * of its role — a few fields in place of the whole aggregate and facts (tens of thousands of addresses wait for
 * their impact together).
 */
export interface ImpactFacts {
  a: Pick<IpAggregate, 'ip' | 'identities' | 'orders' | 'successfulPayments' | 'firstDecline' | 'providerCalls' | 'webhookCalls'>;
  parsed: ParsedIp | null;
  testingPattern: boolean;
  throwaway: string[];
  takenOver: string[];
  /** How many identities have a history (see IpFacts.established). */
  established: number;
  notified: Set<string>;
  notifiedCustomers: number;
  /** Verified by a monitoring service's published ranges. */
  monitor: boolean;
}

function impactFacts(f: IpFacts): ImpactFacts {
  const { ip, identities, orders, successfulPayments, firstDecline, providerCalls, webhookCalls } = f.a;
  return {
    a: { ip, identities, orders, successfulPayments, firstDecline, providerCalls, webhookCalls },
    parsed: f.parsed, testingPattern: f.testingPattern, throwaway: f.throwaway, takenOver: f.takenOver,
    established: f.established.length, notified: f.notified, notifiedCustomers: f.notifiedCustomers, monitor: f.range?.op.role === 'monitor',
  };
}

export interface IpAnalysis {
  /** Every event of the case (the denominator of shares of traffic). */
  total: number;
  profiles: IpProfile[];
  facts: Map<string, ImpactFacts>;
  aggregation: Aggregation;
}

/**
 * Drops the per-address facts and the aggregation once the block impacts are made from them (ipVerdicts, which
 * keeps the impacts with the analysis): they are most of the analysis's memory on a large case, and every later
 * question reads the profiles and impacts.
 */
export function releaseFacts(ipa: IpAnalysis): void {
  ipa.facts = new Map();
  ipa.aggregation = { ips: new Map(), identities: { ips: new Map(), firstAuthorised: new Map() }, payments: [] };
}

/** What the roles read beyond the addresses' own traffic: the rule thresholds, and what the rules found with them
 *  in the payment attempts (card-testing bursts, insufficient-funds declines; computed here when not given). */
export interface IpAnalysisOptions {
  thresholds?: Partial<Thresholds>;
  facts?: CaseAttemptFacts;
  /** The payments without an address, when the caller has read them already (analyzeCase, from the business rows):
   *  consumed by the per-address pass (the list is emptied). */
  addressless?: AddresslessPayment[];
  /** The thread reading the per-address pass's rows since the analysis began (analyzeCase), if any. */
  scan?: ScanThread | null;
}

/** Every client IP of the case with its role and the facts behind it, sorted by role then by events. */
export function analyseIps(db: Db, links: CaseLinks = caseLinks(db), opts: IpAnalysisOptions = {}): IpAnalysis {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  const attemptFacts = opts.facts ?? caseAttemptFacts(db, t, links);
  const bursts = burstIndex(attemptFacts.bursts, t);
  const takeovers = new Map<string, { finding: string; customer: string }[]>();
  for (const x of attemptFacts.takeovers) for (const ip of x.ips) takeovers.set(ip, [...(takeovers.get(ip) ?? []), x]);
  const aggregation = aggregateIps(db, links, opts.addressless, opts.scan);
  const match = infraMatcher(db);
  const overrides = loadOverrides(db);
  const shared: SharedEvidence = new Map();
  const facts = new Map<string, ImpactFacts>();
  const profiles: IpProfile[] = [];
  for (const a of aggregation.ips.values()) {
    const f = ipFacts(a, match, aggregation.identities, aggregation.payments, links, bursts, attemptFacts.fundsDeclines.get(a.ip) ?? 0, takeovers.get(a.ip), attemptFacts.probes.get(a.ip));
    profiles.push(profileOf(f, overrides, shared));
    // the profile made, block impact needs only a few of its facts: the aggregate and the rest are freed
    facts.set(a.ip, impactFacts(f));
    aggregation.ips.delete(a.ip); // (deleting the entry being visited is safe in a Map's iteration)
  }
  profiles.sort((x, y) => ROLE_ORDER[x.role] - ROLE_ORDER[y.role] || y.events - x.events || x.ip.localeCompare(y.ip));
  const total = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  return { total, profiles, facts, aggregation };
}

const cache = new WeakMap<Db, { key: string; value: IpAnalysis }>();

/**
 * analyseIps, reused while the case's events, sources, register and overrides are unchanged: hosts that ask per
 * address (an IP's detail, a CSV export with its block-impact column, the report) get analyzeCase's answer without
 * re-analysing the whole case each time.
 */
export function ipAnalysis(db: Db, opts: IpAnalysisOptions = {}): IpAnalysis {
  const k = db
    .prepare(
      `SELECT (SELECT max(id) FROM events) AS e, (SELECT count(*) FROM events) AS n, (SELECT max(id) FROM sources) AS s,
        (SELECT count(*) FROM sources) AS sn, (SELECT count(*) FROM infra) AS i, (SELECT max(id) FROM infra) AS im,
        (SELECT group_concat(cidr || role, ',') FROM infra) AS iv, (SELECT group_concat(ip || '=' || role || at, ',') FROM ip_overrides) AS ov`,
    )
    .get();
  // the bursts follow from the events and the thresholds: the thresholds key them
  const key = JSON.stringify([k, Object.entries(opts.thresholds ?? {}).sort()]);
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.value;
  const value = analyseIps(db, undefined, opts);
  cache.set(db, { key, value });
  return value;
}

/** Every client IP of the case with its role, sorted by role then by events. */
export function classifyIps(db: Db, links?: CaseLinks): IpProfile[] {
  return links ? analyseIps(db, links).profiles : ipAnalysis(db).profiles;
}

/** One IP's profile (judged against the whole case: identities elsewhere matter), or undefined when never seen. */
export function ipProfile(db: Db, ip: string, links?: CaseLinks): IpProfile | undefined {
  const addr = ip.trim();
  return classifyIps(db, links).find((p) => p.ip === addr);
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

