// Block impact: what blocking an address (or its /24, /64) would have cut over the case period — real customers
// locked out, orders, legitimate payments, the provider's notifications — against what it stops of the abuse,
// and whether that is safe. Throwaway identities are reported apart: they are not customers, and what they paid
// is not legitimate revenue.
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { parseIp, type ParsedIp } from '../enrich/ipAddress';
import type { CaseLinks } from './caseLinks';
import { ipAnalysis, type IpAnalysis, type IpFacts } from './ipRoles';
import type { BlockImpact, BlockProposal, BlockVerdict, IpProfile, IpRole } from './types';
import { english, Said } from '../i18n/said';
import { msg, type Msg } from '../i18n/message';
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
}

function verdictOf(p: IpProfile, f: IpFacts, lockedOut: number, legitPayments: number, share: number, reasons: Said): BlockVerdict {
  let verdict: BlockVerdict = 'safe';
  const raise = (v: BlockVerdict) => {
    if (v === 'do-not-block' || (v === 'caution' && verdict === 'safe')) verdict = v;
  };
  const role: IpRole = p.role;
  if (role === 'provider') {
    raise('do-not-block');
  } else if (role === 'shared') {
    raise('do-not-block');
    reasons.say('blockImpact.shared', { mobile: p.network.kind === 'mobile' ? 'yes' : 'no', customers: lockedOut });
  } else if (role === 'own') {
    raise('do-not-block');
    reasons.say('blockImpact.own', { hasLabel: p.infra ? 'yes' : 'no', label: p.infra?.label ?? '' });
  } else if (role === 'crawler') {
    if (p.verified && f.range?.op.role === 'monitor') {
      raise('caution');
      reasons.say('blockImpact.monitor', { operator: p.verified.operator });
    } else if (p.verified) {
      raise('caution');
      reasons.say('blockImpact.crawler', { operator: p.verified.operator, byRange: p.verified.by === 'published-range' ? 'yes' : 'no', snapshot: p.verified.snapshot ?? '', publisher: p.verified.publisher });
    } else reasons.say('blockImpact.unverifiedBot');
  } else if (role === 'attacker') {
    reasons.say('blockImpact.attacker', { signals: p.signalMsgs?.slice(0, 2) ?? p.signals.slice(0, 2).join('; ') });
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
  if (f.throwaway.length) {
    reasons.say('blockImpact.throwaway', { count: f.throwaway.length });
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
  if (p.network.kind === 'mobile' || p.network.kind === 'cgnat') return 24;
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
    duration: msg('blockProposal.duration', { unit: days ? 'days' : 'hours', n: days ? p.hours / 24 : p.hours }),
    verdict: msg(BLOCK_VERDICT_MSG[p.verdict]),
    customers: p.impact.customers, orders: p.impact.orders, payments: p.impact.successfulPayments, calls: p.impact.providerCalls,
    events: p.impact.events, abusive: p.impact.abusiveEvents,
  });
}

/** Block impact of every analysed address (same order as the profiles). */
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
  const base = new Map<string, { impact: BlockImpact; scope: Scope }>();
  for (const p of ipa.profiles) {
    const f = ipa.facts.get(p.ip)!;
    const a = f.a;
    const throwawaySet = new Set(f.throwaway);
    let throwawayPayments = 0;
    for (const c of f.throwaway) throwawayPayments += a.identities.get(c)?.authorised.size ?? 0;
    const customers = p.customers;
    const lockedOut = p.role === 'provider' ? customers : Math.max(0, customers - throwawaySet.size);
    const legitPayments = Math.max(0, a.successfulPayments.size - throwawayPayments);
    const provOrders = p.role === 'provider' ? f.notified : new Set<string>();
    // the provider's own log and the access log record the same calls: the larger count, not the sum
    const providerCalls = Math.max(a.providerCalls, a.webhookCalls);
    const share = total ? p.events / total : 0;
    const reasons = new Said();
    if (p.role === 'provider') {
      const orders = Math.max(provOrders.size, p.orders);
      reasons.say('blockImpact.provider', { orders, customers, calls: providerCalls });
    }
    const verdict = verdictOf(p, f, lockedOut, legitPayments, share, reasons);
    if (verdict === 'safe') {
      reasons.say('blockImpact.safe', { payments: legitPayments ? 'yes' : 'no', events: p.events, share: share * 100 });
    }
    const abusive = p.role === 'attacker' || !!p.spoofed ? p.events : 0;
    const scope: Scope = {
      customers: p.role === 'attacker' ? Math.max(0, lockedOut - 0) : lockedOut,
      orders: p.role === 'provider' ? Math.max(provOrders.size, p.orders) : p.orders,
      successfulPayments: legitPayments,
      providerCalls,
      events: p.events,
      abusiveEvents: abusive,
    };
    base.set(p.ip, {
      scope,
      impact: {
        ip: p.ip,
        role: p.role,
        customers,
        orders: scope.orders,
        successfulPayments: p.role === 'provider' ? a.successfulPayments.size : legitPayments,
        providerCalls,
        events: p.events,
        shareOfTraffic: Math.round(share * 10000) / 10000,
        verdict,
        reasons: reasons.texts,
        reasonMsgs: reasons.msgs,
        evidenceEventIds: p.evidenceEventIds,
        lockedOut,
        throwawayIdentities: throwawaySet.size,
        throwawayPayments,
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
    // an IPv6 /64 rotating addresses: each address alone tried little, the /64 together shows the pattern
    let prefixTesting: Msg | undefined;
    if (prefix?.includes(':') && others.length > 0 && p.role !== 'provider' && p.role !== 'own' && p.role !== 'shared') {
      let tried = 0;
      let declined = 0;
      let established = 0; // identities with history; the others here are throwaway at the /64's scale
      for (const x of [p, ...others]) {
        tried += x.attempts;
        declined += x.declined;
        established += ipa.facts.get(x.ip)?.established.length ?? 0;
      }
      if (tried >= 3 && declined / tried >= 0.5 && established === 0) prefixTesting = msg('blockProposal.prefixTesting', { declined, tried, addresses: others.length + 1 });
    }
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
  const whyAddress = impact.verdict === 'do-not-block' ? msg('blockProposal.doNotBlock') : msg('blockProposal.address', { duration: DURATION_KEY[duration] ?? duration });
  out.push({ scope: 'address', target: p.ip, duration, hours, verdict: impact.verdict, impact: { ...own }, why: english(whyAddress), whyMsg: whyAddress });
  if (!prefix) return withMsgs(out);
  const v6 = prefix.includes(':');
  const attackersNear = others.filter((o) => o.impact.role === 'attacker').length;
  // a prefix is worth proposing when the attack spans it (IPv6 subscribers rotate inside their /64)
  if ((p.role === 'attacker' && (v6 || attackersNear > 0)) || attackersNear >= 2 || prefixTesting) {
    const sum: Scope = { ...own };
    let worst: BlockVerdict = impact.verdict;
    for (const o of others) {
      sum.customers += o.scope.customers;
      sum.orders += o.scope.orders;
      sum.successfulPayments += o.scope.successfulPayments;
      sum.providerCalls += o.scope.providerCalls;
      sum.events += o.scope.events;
      sum.abusiveEvents += o.scope.abusiveEvents;
      if (o.impact.verdict === 'do-not-block' || (o.impact.verdict === 'caution' && worst === 'safe')) worst = o.impact.verdict;
    }
    if (prefixTesting) sum.customers = 0; // no identity with history lives in this /64
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
export function ipVerdicts(db: Db): { ipa: IpAnalysis; blocks: BlockImpact[] } {
  const ipa = ipAnalysis(db);
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
    evidenceEventIds: [], lockedOut: 0, throwawayIdentities: 0, throwawayPayments: 0, providerOrders: 0,
    network: { kind: 'unknown', why: english(msg('blockImpact.notInCaseNetwork')), whyMsg: msg('blockImpact.notInCaseNetwork') }, neighbours: { prefix: '', addresses: 0, roles: {}, customers: 0, attackers: 0 }, proposals: [],
  };
}
