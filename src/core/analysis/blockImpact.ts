// Block impact: what blocking an address (or its /24, /64) would have cut over the case period — real customers
// locked out, orders, legitimate payments, the provider's notifications — against what it stops of the abuse,
// and whether that is safe. Throwaway identities are reported apart: they are not customers, and what they paid
// is not legitimate revenue.
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { parseIp, type ParsedIp } from '../enrich/ipAddress';
import { caseLinks, type CaseLinks } from './caseLinks';
import { ipAnalysis, type ImpactFacts, type IpAnalysis, type IpAnalysisOptions } from './ipRoles';
import { count } from './ipAggregate';
import { outcomeOf } from './outcome';
import type { BlockImpact, BlockProposal, BlockVerdict, IpProfile, IpRole, ThrowawayAmount } from './types';
import { english, Said, sharedEnglish, sharedMsg } from '../i18n/said';
import { msg, type Msg, type MsgValue } from '../i18n/message';
import { BLOCK_VERDICT_MSG } from '../i18n/terms';


/** "203.0.113.0/24" or "2001:db8:1:2::/64": the neighbourhood an address is judged with. */
export function prefixOf(p: ParsedIp): string {
  if (p.v === 4) return `${p.n >>> 24}.${(p.n >>> 16) & 255}.${(p.n >>> 8) & 255}.0/24`;
  const h = p.hi;
  const g = [48n, 32n, 16n, 0n].map((s) => ((h >> s) & 0xffffn).toString(16));
  return `${g.join(':')}::/64`;
}

interface Scope {
  customers: number;
  orders: number;
  successfulPayments: number;
  providerCalls: number;
  events: number;
  abusiveEvents: number;
  /** Orders of the tester's throwaway identities: not cut business, reported apart. */
  throwawayOrders: number;
  /** Identities (and their orders) that may be the tester's own: shown as "possibly", not counted for sure. */
  possiblyCustomers: number;
  possiblyOrders: number;
}

/**
 * How an identity that shopped from an address counts in what blocking the address would cut.
 * - `throwaway`: made for the attack (the role analysis's throwaway identities, and identities seen only on testing
 *   addresses with no purchase before the attack) — not a customer, its orders and payments are not revenue;
 * - `possibly`: paid shortly before the declines from testing addresses only, or has a history (a purchase a day
 *   before the attack, a life on an ordinary address) but had cards declined here during it — the tester's warm-up
 *   or an account taken over, or a customer who happened to share the address: reported as "possibly", never hidden;
 * - `customer`: used this address a day or more before the attack, or has a history and no cards tested here.
 *
 * The adversary's view: a tester wanting a block to look costly can use a real-looking webmail address (the domain
 * only ever adds weight here) and pay once with a working card just before testing. What they cannot make is
 * history from before the attack, or a life on other, ordinary addresses.
 */
type Standing = 'throwaway' | 'possibly' | 'customer';

/** A purchase at least this long before the declines began is history: the attack could not have made it
 *  without planning a day ahead. A later one may be the attack's own warm-up. */
const HISTORY_MS = 24 * 3_600_000;

/** `testing`: the addresses that are an attacker's or show a testing pattern. */
function standings(f: ImpactFacts, ipa: IpAnalysis, roleOf: Map<string, IpRole>, testingIps: ReadonlySet<string>): Map<string, Standing> {
  const out = new Map<string, Standing>();
  const { a } = f;
  const ids = ipa.aggregation.identities;
  const engineThrowaway = new Set(f.throwaway);
  const takenOver = new Set(f.takenOver);
  const testing = (ip: string) => testingIps.has(ip);
  const burst = a.firstDecline;
  // the warm-up trick is judged only where an attack runs: a lone customer's own declines (a household short of
  // funds, then another card) are not an attack with throwaway identities
  const attack = f.testingPattern && (roleOf.get(a.ip) === 'attacker' || f.throwaway.length >= 2);
  for (const [c, u] of a.identities) {
    if (engineThrowaway.has(c)) out.set(c, 'throwaway');
    // an account taken over from here: its owner does not use this address (the "possibly" line says so)
    else if (takenOver.has(c)) out.set(c, 'possibly');
    else if (!attack || burst === null) out.set(c, 'customer');
    else {
      const firstOk = ids.firstAuthorised.get(c);
      const elsewhere = [...(ids.ips.get(c) ?? [])].some((ip) => ip !== a.ip && !testing(ip));
      const history = firstOk !== undefined && firstOk < burst - HISTORY_MS;
      const tested = count(u.declined) >= 2; // cards declined under it here, in the attack
      // it used this very address a day before the attack: a customer of this address
      if (u.first < burst - HISTORY_MS) out.set(c, 'customer');
      // history or a life on an ordinary address: a customer who shares this one — unless cards were tested under
      // it here (an account taken over, or warmed up elsewhere by the tester: its owner does not use this address)
      else if (history || elsewhere) out.set(c, tested ? 'possibly' : 'customer');
      // paid shortly before the declines, only from testing addresses: the tester's warm-up, or a customer
      else if (firstOk !== undefined && firstOk < burst && !tested) out.set(c, 'possibly');
      else out.set(c, 'throwaway'); // no purchase before the attack, or cards tested under it, only on testing addresses
    }
  }
  return out;
}

/** Amount lookups per case (one indexed query each): a huge testing case still gets its counts, and the first amounts. */
const AMOUNT_LOOKUPS = 5_000;

/** What orders came to (the shop's order row, else its payment) and what of it was paid, by currency. */
function amountReader(db: Db): (orders: Iterable<string>) => ThrowawayAmount[] {
  let budget = AMOUNT_LOOKUPS;
  let rows: ReturnType<Db['prepare']> | undefined;
  return (orders) => {
    const by = new Map<string, ThrowawayAmount>();
    for (const o of orders) {
      if (budget <= 0) break;
      if (o.startsWith('tx:')) continue; // a payment without an order id: counted, its amount not looked up (no index)
      budget--;
      rows ??= db.prepare(`SELECT kind, amount, currency, decision, status FROM events WHERE order_id = ? AND kind IN ('order','payment') AND amount IS NOT NULL`);
      let ordered: number | null = null;
      let paid = 0;
      let currency: string | null = null;
      for (const r of rows.all(o) as { kind: string; amount: number; currency: string | null; decision: string | null; status: number | null }[]) {
        if (!Number.isFinite(r.amount)) continue;
        currency ??= r.currency?.trim().toUpperCase().slice(0, 8) || null;
        if (r.kind === 'order') ordered = r.amount;
        else {
          ordered ??= r.amount;
          if (outcomeOf('payment', r.decision, r.status) === 'authorised') paid = Math.max(paid, r.amount);
        }
      }
      if (ordered === null) continue;
      const t = by.get(currency ?? '') ?? { currency, ordered: 0, paid: 0 };
      t.ordered += ordered;
      t.paid += paid;
      by.set(currency ?? '', t);
    }
    return [...by.values()].map((t) => ({ ...t, ordered: Math.round(t.ordered * 100) / 100, paid: Math.round(t.paid * 100) / 100 }));
  };
}

/** A provider role anchored outside the traffic (published range, register, the provider's own log). */
function providerProven(p: IpProfile): boolean {
  return p.evidence.some((x) => x.role === 'provider' && x.stance === 'for' && x.anchor);
}

function verdictOf(p: IpProfile, f: ImpactFacts, lockedOut: number, legitPayments: number, share: number, reasons: Said): BlockVerdict {
  let verdict: BlockVerdict = 'safe';
  const raise = (v: BlockVerdict) => {
    if (v === 'do-not-block' || (v === 'caution' && verdict === 'safe')) verdict = v;
  };
  const role: IpRole = p.role;
  if (role === 'provider') {
    // "do not block" rests on what a forger cannot send from: the provider's published addresses, the register, the
    // provider's own call log. Webhook-shaped calls alone are cheap to fake (a forged "payment succeeded" from a
    // rented server): the analyst checks the sender first.
    raise(providerProven(p) ? 'do-not-block' : 'caution');
  } else if (role === 'shared') {
    raise('do-not-block');
    reasons.say('blockImpact.shared', { mobile: p.network.kind === 'mobile' ? 'yes' : 'no', customers: lockedOut });
  } else if (role === 'own') {
    raise('do-not-block');
    reasons.say('blockImpact.own', { hasLabel: p.infra ? 'yes' : 'no', label: p.infra?.label ?? '' });
  } else if (role === 'crawler') {
    if (p.verified && f.monitor) {
      raise('caution');
      reasons.say('blockImpact.monitor', { operator: p.verified.operator });
    } else if (p.verified && p.conflict && (p.attempts > 0 || p.orders > 0)) {
      // the range is the operator's, the acts are a shopper's: not "spare it for the search ranking" — the analyst decides
      raise('caution');
      reasons.say('blockImpact.crawlerShops', { operator: p.verified.operator });
    } else if (p.verified) {
      raise('caution');
      reasons.say('blockImpact.crawler', { operator: p.verified.operator, byRange: p.verified.by === 'published-range' ? 'yes' : 'no', snapshot: p.verified.snapshot ?? '', publisher: p.verified.publisher });
    } else reasons.say('blockImpact.unverifiedBot');
  } else if (role === 'attacker') {
    // its strongest acts; the part in a case-level burst has its own line below
    const acts = p.evidence.filter((x) => x.role === 'attacker' && x.stance === 'for' && x.msg && x.msg.id !== 'ipEvidence.distributedTesting').sort((x, y) => y.weight - x.weight);
    if (acts.length) reasons.say('blockImpact.attacker', { signals: acts.slice(0, 2).map((x) => x.msg!) });
    else if (!p.testingBurst) reasons.say('blockImpact.attacker', { signals: p.signalMsgs?.slice(0, 2) ?? p.signals.slice(0, 2).join('; ') });
  }
  if (p.testingBurst) {
    // one proxy of many: blocking it costs the tester one address; what stops the burst is a rule on what it shares
    const t = p.testingBurst;
    reasons.say('blockImpact.distributed', { addresses: t.addresses, kind: t.subject.kind, subject: t.subject.value, attempts: t.attempts, declined: t.declined });
  }
  if (p.spoofed && role !== 'crawler') reasons.say('blockImpact.spoofed', { spoofed: p.spoofed.msg ?? p.spoofed.text });
  if (p.infra && p.infra.role !== 'provider' && role !== 'own') {
    raise('do-not-block');
    reasons.say('blockImpact.register', { role: p.infra.role, label: p.infra.label });
  }
  if (p.override) reasons.say('blockImpact.override', { reason: p.override.reason });
  if (p.conflict) {
    raise('caution');
    reasons.say('blockImpact.conflict', { text: p.conflict.msg ?? p.conflict.text });
  }
  // webhook-shaped calls that follow the case's payments, from an address not proven to be the provider (one
  // notification in the case is too little for the role): blocking it may cut the provider's notifications. A
  // shopper posting after its own payments is no provider (and cannot make its block look costly this way).
  if (role !== 'provider' && role !== 'own' && role !== 'shared' && role !== 'attacker' && f.notified.size > 0 && p.attempts === 0) {
    raise('caution');
    reasons.say('blockImpact.providerLike', { calls: Math.max(f.a.providerCalls, f.a.webhookCalls), orders: f.notified.size });
  }
  if (role !== 'provider' && role !== 'own' && role !== 'shared') {
    if (legitPayments > 0) {
      raise('caution');
      reasons.say('blockImpact.payments', { payments: legitPayments });
    }
    if (lockedOut > 1 || (lockedOut === 1 && role === 'attacker')) {
      raise('caution');
      reasons.say('blockImpact.lockedOut', { customers: lockedOut });
    }
    if (p.network.kind === 'mobile' || p.network.kind === 'cgnat') {
      raise('caution');
      reasons.say('blockImpact.carrier', { why: p.network.whyMsg ?? p.network.why });
    }
  }
  if (share >= 0.05 && p.events >= 50 && role !== 'crawler' && role !== 'attacker') {
    raise('caution');
    reasons.say('blockImpact.share', { share: share * 100 });
  }
  if (p.hosting && (role === 'customer' || role === 'unknown')) {
    reasons.say('blockImpact.hosting', { asn: `AS${p.asn} ${p.asOrg ?? ''}` });
  }
  return verdict;
}

/** How long to block, in hours: carrier addresses are reassigned quickly; home addresses change hands too (a
 *  permanent block outlives its owner); a server or VPN exit keeps its abuser longer. */
function hoursFor(p: IpProfile): number {
  // a proxy exit of a distributed test is most often someone's home or phone, lent without their knowledge
  if (p.network.kind === 'mobile' || p.network.kind === 'cgnat' || (p.testingBurst && p.network.kind !== 'hosting')) return 24;
  if (p.network.kind === 'hosting') return 30 * 24;
  return 7 * 24;
}

const durationText = (hours: number) => (hours % 24 === 0 && hours > 24 ? `${hours / 24} days` : `${hours} hours`);

/** The select keys of the durations in the catalogue (`blockProposal.address`). */
const DURATION_KEY: Record<string, string> = { '24 hours': 'h24', '7 days': 'd7', '30 days': 'd30' };

/** "block 203.0.113.0/24 for 24 hours: CAUTION — would cut …; stops …": the line every host prints. */
export function proposalMsg(p: Omit<BlockProposal, 'msg' | 'why' | 'whyMsg'>): Msg {
  const days = p.hours % 24 === 0 && p.hours > 24;
  return msg('blockProposal.line', {
    scope: p.scope, target: p.target,
    // shared while the analysis runs (sharedMsg): the same few durations and verdicts on every proposal
    duration: sharedMsg(msg('blockProposal.duration', { unit: days ? 'days' : 'hours', n: days ? p.hours / 24 : p.hours })),
    verdict: sharedMsg(msg(BLOCK_VERDICT_MSG[p.verdict])),
    customers: p.impact.customers, orders: p.impact.orders, payments: p.impact.successfulPayments, calls: p.impact.providerCalls,
    events: p.impact.events, abusive: p.impact.abusiveEvents,
    possibly: p.impact.possiblyCustomers ?? 0, possiblyOrders: p.impact.possiblyOrders ?? 0, throwaway: p.impact.throwawayOrders ?? 0,
  });
}

const amountMsg = (amount: number, currency: string | null) => msg('blockImpact.amount', { amount, hasCurrency: currency ? 'yes' : 'no', currency: currency ?? '' });

/** "8 throwaway identities … orders placed by the tester's throwaway identities: 8, amount 16.00 EUR, 2 paid (4.00 EUR) — not legitimate revenue". */
function throwawayParams(count: number, orders: number, payments: number, amounts: ThrowawayAmount[]): Record<string, MsgValue> {
  return {
    count, orders, payments,
    hasAmount: amounts.length ? 'yes' : 'no',
    amount: amounts.map((t) => amountMsg(t.ordered, t.currency)),
    hasPaid: amounts.some((t) => t.paid > 0) ? 'yes' : 'no',
    paid: amounts.filter((t) => t.paid > 0).map((t) => amountMsg(t.paid, t.currency)),
  };
}

/**
 * Block impact of every analysed address (same order as the profiles). Consumes the per-address facts: each
 * address's facts are dropped from `ipa` once its own impact is made (ipVerdicts keeps the impacts
 * with the analysis), so the impacts grow while the working data shrinks — on a large case the two together were
 * the analysis's peak of memory.
 */
export function blockImpactsFor(db: Db, ipa: IpAnalysis): BlockImpact[] {
  const total = ipa.total;
  // neighbourhoods: /24 for IPv4, /64 for IPv6
  const byPrefix = new Map<string, IpProfile[]>();
  const prefixOfIp = new Map<string, string>();
  for (const p of ipa.profiles) {
    const parsed = ipa.facts.get(p.ip)?.parsed;
    if (!parsed) continue;
    const k = prefixOf(parsed);
    prefixOfIp.set(p.ip, k);
    const l = byPrefix.get(k);
    if (l) l.push(p);
    else byPrefix.set(k, [p]);
  }
  // an IPv6 /64 rotating addresses: each address alone tried little, the /64 together shows the pattern; with no
  // identity with history in it, every identity there is the tester's at the /64's scale
  const testing64 = new Map<string, Msg>();
  for (const [k, members] of byPrefix) {
    if (!k.includes(':') || members.length < 2) continue;
    let tried = 0;
    let declined = 0;
    let established = 0;
    for (const x of members) {
      tried += x.attempts;
      declined += x.declined;
      established += ipa.facts.get(x.ip)?.established ?? 0;
    }
    if (tried >= 3 && declined / tried >= 0.5 && established === 0) testing64.set(k, msg('blockProposal.prefixTesting', { declined, tried, addresses: members.length }));
  }
  const infrastructure = (r: IpRole) => r === 'provider' || r === 'own' || r === 'shared';
  const base = new Map<string, { impact: BlockImpact; scope: Scope }>();
  const links = caseLinks(db);
  const roleOf = new Map(ipa.profiles.map((p) => [p.ip, p.role]));
  // read from every address's facts before they go, address by address, below
  const testingIps = new Set(ipa.profiles.filter((p) => p.role === 'attacker' || ipa.facts.get(p.ip)?.testingPattern).map((p) => p.ip));
  const amounts = amountReader(db);
  for (const p of ipa.profiles) {
    const f = ipa.facts.get(p.ip)!;
    ipa.facts.delete(p.ip);
    const a = f.a;
    const in64 = !infrastructure(p.role) && testing64.has(prefixOfIp.get(p.ip) ?? '');
    // the provider's and the shop's own servers carry every order they touch: none of it is a tester's to set apart
    // (unless a provider's address is also a shopper: a conflict, whose counts must say what it placed)
    const carrier = p.role === 'own' || (p.role === 'provider' && !p.conflict);
    const standing = carrier ? new Map<string, Standing>()
      : in64 ? new Map([...a.identities.keys()].map((c) => [c, 'throwaway' as const]))
      : standings(f, ipa, roleOf, testingIps);
    const standingOf = (order: string) => {
      const c = links.order(order, null)?.customer;
      return c ? standing.get(c) : undefined;
    };
    // only addresses with throwaway or unsure identities need their orders looked at (most have none)
    const judged = [...standing.values()].some((st) => st !== 'customer');
    const tally = <T,>(items: Iterable<T>, of: (x: T) => Standing | undefined) => {
      const n = { throwaway: [] as T[], possibly: 0 };
      if (!judged) return n;
      for (const x of items) {
        const st = of(x);
        if (st === 'throwaway') n.throwaway.push(x);
        else if (st === 'possibly') n.possibly++;
      }
      return n;
    };
    const ids = tally(standing.keys(), (c) => standing.get(c));
    const ords = tally(a.orders, standingOf);
    const paid = tally(a.successfulPayments, standingOf);
    // a provider's webhooks carry no customer: the customers are those of the orders it notifies
    const customers = p.role === 'provider' ? Math.max(p.customers, f.notifiedCustomers) : p.customers;
    const lockedOut = Math.max(0, customers - ids.throwaway.length - ids.possibly);
    const legitPayments = Math.max(0, count(a.successfulPayments) - paid.throwaway.length - paid.possibly);
    const provOrders = p.role === 'provider' ? f.notified : new Set<string>();
    const orders = Math.max(provOrders.size, p.orders - ords.throwaway.length - ords.possibly);
    // the provider's own log and the access log record the same calls: the larger count, not the sum
    const providerCalls = Math.max(a.providerCalls, a.webhookCalls);
    const share = total ? p.events / total : 0;
    const reasons = new Said();
    if (p.role === 'provider') {
      reasons.say(providerProven(p) ? 'blockImpact.provider' : 'blockImpact.providerUnproven', { orders, customers: lockedOut, calls: providerCalls });
    }
    // identities that may be the tester's weigh on the verdict only where the address is not an attacker's
    const unsure = p.role === 'attacker' ? 0 : 1;
    const verdict = verdictOf(p, f, lockedOut + unsure * ids.possibly, legitPayments + unsure * paid.possibly, share, reasons);
    const throwawayAmounts = ords.throwaway.length ? amounts(ords.throwaway) : [];
    if (ids.throwaway.length) reasons.say('blockImpact.throwaway', throwawayParams(ids.throwaway.length, ords.throwaway.length, paid.throwaway.length, throwawayAmounts));
    if (ids.possibly) {
      reasons.say('blockImpact.possibly', { count: ids.possibly, orders: ords.possibly, payments: paid.possibly, low: lockedOut, high: lockedOut + ids.possibly, counted: unsure ? 'yes' : 'no' });
    }
    if (verdict === 'safe') {
      reasons.say('blockImpact.safe', { calls: providerCalls, customers: lockedOut, events: p.events, share: share * 100 }); // safe: no legitimate payment here
    }
    const abusive = p.role === 'attacker' || !!p.spoofed || in64 ? p.events : 0;
    const scope: Scope = {
      customers: lockedOut,
      orders,
      successfulPayments: legitPayments,
      providerCalls,
      events: p.events,
      abusiveEvents: abusive,
      throwawayOrders: ords.throwaway.length,
      possiblyCustomers: ids.possibly,
      possiblyOrders: ords.possibly,
    };
    base.set(p.ip, {
      scope,
      impact: {
        ip: p.ip,
        role: p.role,
        customers,
        orders,
        successfulPayments: carrier ? count(a.successfulPayments) : legitPayments,
        providerCalls,
        events: p.events,
        shareOfTraffic: Math.round(share * 10000) / 10000,
        verdict,
        // exact-size copies of the push-grown lists (one or two reasons in room for 17), kept with the analysis
        reasons: reasons.texts.slice(),
        reasonMsgs: reasons.msgs.slice(),
        evidenceEventIds: p.evidenceEventIds,
        lockedOut,
        throwawayIdentities: ids.throwaway.length,
        throwawayPayments: paid.throwaway.length,
        throwawayOrders: ords.throwaway.length,
        throwawayAmounts,
        possibly: { customers: ids.possibly, orders: ords.possibly, payments: paid.possibly },
        providerOrders: provOrders.size,
        network: p.network,
        neighbours: { prefix: '', addresses: 0, roles: {}, customers: 0, attackers: 0 },
        proposals: [],
        ...(p.conflict ? { conflict: p.conflict } : {}),
      },
    });
  }
  // neighbours and proposals, now that every address has its own impact
  for (const p of ipa.profiles) {
    const b = base.get(p.ip)!;
    const prefix = prefixOfIp.get(p.ip);
    const others = prefix ? byPrefix.get(prefix)!.filter((x) => x.ip !== p.ip) : [];
    const roles: Partial<Record<IpRole, number>> = {};
    let customers = 0;
    let attackers = 0;
    for (const o of others) {
      roles[o.role] = (roles[o.role] ?? 0) + 1;
      if (o.role === 'attacker') attackers++;
      else customers += base.get(o.ip)!.scope.customers;
    }
    b.impact.neighbours = { prefix: prefix ?? '', addresses: others.length, roles, customers, attackers };
    const prefixTesting = prefix && !infrastructure(p.role) ? testing64.get(prefix) : undefined;
    b.impact.proposals = proposals(p, b.impact, b.scope, prefix, others.map((o) => base.get(o.ip)!), prefixTesting);
  }
  return ipa.profiles.map((p) => base.get(p.ip)!.impact);
}

function proposals(
  p: IpProfile, impact: BlockImpact, own: Scope, prefix: string | undefined, others: { impact: BlockImpact; scope: Scope }[], prefixTesting?: Msg,
): BlockProposal[] {
  const out: BlockProposal[] = [];
  const hours = hoursFor(p);
  const duration = durationText(hours);
  // the same few words for most addresses: one message and text (sharedEnglish), and the address's own scope as
  // its impact (never changed once made): a large case has tens of thousands of these proposals
  const whyAddress = sharedEnglish(impact.verdict === 'do-not-block' ? msg('blockProposal.doNotBlock') : msg('blockProposal.address', { duration: DURATION_KEY[duration] ?? duration }));
  out.push({ scope: 'address', target: p.ip, duration, hours, verdict: impact.verdict, impact: own, why: whyAddress.text, whyMsg: whyAddress.msg });
  if (!prefix) return withMsgs(out);
  const v6 = prefix.includes(':');
  const attackersNear = others.filter((o) => o.impact.role === 'attacker').length;
  // a prefix is worth proposing when the attack spans it (IPv6 subscribers rotate inside their /64)
  if ((p.role === 'attacker' && (v6 || attackersNear > 0)) || attackersNear >= 2 || prefixTesting) {
    const sum: Scope = { ...own };
    let worst: BlockVerdict = impact.verdict;
    for (const o of others) {
      for (const k of Object.keys(sum) as (keyof Scope)[]) sum[k] += o.scope[k];
      if (o.impact.verdict === 'do-not-block' || (o.impact.verdict === 'caution' && worst === 'safe')) worst = o.impact.verdict;
    }
    if (prefixTesting) {
      // no identity with history lives in this /64: every order placed from it is the tester's
      sum.throwawayOrders += sum.orders + sum.possiblyOrders;
      sum.customers = sum.orders = sum.successfulPayments = sum.possiblyCustomers = sum.possiblyOrders = 0;
    }
    const extra = sum.customers - own.customers;
    const whyPrefix = msg('blockProposal.prefix', {
      hasTesting: prefixTesting ? 'yes' : 'no', testing: prefixTesting ?? '', v6: v6 ? 'yes' : 'no',
      attackers: attackersNear + (p.role === 'attacker' ? 1 : 0), others: Math.max(0, extra),
    });
    out.push({ scope: 'prefix', target: prefix, duration: durationText(v6 ? hours : 24), hours: v6 ? hours : 24, verdict: worst, impact: sum, why: english(whyPrefix), whyMsg: whyPrefix });
  }
  return withMsgs(out);
}

const withMsgs = (ps: BlockProposal[]) => ps.map((x) => ({ ...x, msg: proposalMsg(x) }));

/**
 * What blocking one address would cut, judged against the whole case (an unseen address cuts nothing). The roles
 * and impacts of every address are computed once per case state (ipVerdicts), so asking for many IPs is cheap;
 * `_links` is accepted for callers that pass the case links and not needed.
 */
export function blockImpact(db: Db, ip: string, _links?: CaseLinks): BlockImpact {
  const addr = ip.trim();
  if (!parseIp(addr)) throw new AlibiError(`"${ip}" is not an IP address`, { cli: 'give the address as it appears in `alibi ips`', app: 'pick an IP from the IP list' }, 2);
  return blockImpactFromList(ipVerdicts(db).blocks, addr);
}

const blocksOf = new WeakMap<IpAnalysis, BlockImpact[]>();

/** Roles (cached per case state, see ipAnalysis) and the block impact of every address. */
export function ipVerdicts(db: Db, opts?: IpAnalysisOptions): { ipa: IpAnalysis; blocks: BlockImpact[] } {
  const ipa = ipAnalysis(db, opts);
  let blocks = blocksOf.get(ipa);
  if (!blocks) blocksOf.set(ipa, (blocks = blockImpactsFor(db, ipa)));
  return { ipa, blocks };
}

/** The impact of `ip` from an analysis's `blocks` (what every host reads from the snapshot). */
export function blockImpactFromList(blocks: BlockImpact[], ip: string): BlockImpact {
  const addr = ip.trim();
  const hit = blocks.find((b) => b.ip === addr);
  if (hit) return hit;
  return {
    ip: addr, role: 'unknown', customers: 0, orders: 0, successfulPayments: 0, providerCalls: 0, events: 0,
    shareOfTraffic: 0, verdict: 'safe', reasons: [english(msg('blockImpact.notInCase'))], reasonMsgs: [msg('blockImpact.notInCase')],
    evidenceEventIds: [], lockedOut: 0, throwawayIdentities: 0, throwawayPayments: 0, throwawayOrders: 0, throwawayAmounts: [],
    possibly: { customers: 0, orders: 0, payments: 0 }, providerOrders: 0,
    network: { kind: 'unknown', why: english(msg('blockImpact.notInCaseNetwork')), whyMsg: msg('blockImpact.notInCaseNetwork') }, neighbours: { prefix: '', addresses: 0, roles: {}, customers: 0, attackers: 0 }, proposals: [],
  };
}
