// Card testing spread over many addresses — residential proxies, one or two attempts from each, a throwaway
// identity per attempt (or one identity, or spellings of one mailbox, over them all) — is only visible at case
// level (CT-1: many attempts on one BIN, mostly declined, seconds apart; MC-1 assessed as card testing: one
// identity's cards). Each address alone looks like one customer paying once. This module feeds the case-level
// burst back to the addresses and identities it used, so their roles and block impacts say what they took part in.
//
// The adversary's view: a proxy address, a fresh webmail identity, a browser user agent and even a few page views
// per proxy are cheap. What the tester cannot make is a history (a purchase before the burst, a life on addresses
// outside it), and what testing cannot avoid is a tester's act (card data refused by the issuer, or a probe at a
// small amount). A real shopper who happens to pay with a card of the same bank during the burst has a history, a
// real purchase, only refusals a buyer gets (funds, 3-D Secure at a real price), or browsed the shop at a human pace
// before a full-price attempt: never swept in.
import type { Attempt } from './assessment';
import { declineClass } from './outcome';
import type { TestingBurst } from './findings';
import type { IdentityFacts, IpAggregate } from './ipAggregate';
import type { Thresholds } from './types';

/** A burst as the addresses that took part see it. */
export interface BurstSummary {
  finding: string;
  /** What the attempts shared: a BIN (CT-1), or one identity's mailbox or customer id (MC-1). */
  subject: TestingBurst['subject'];
  from: number;
  attempts: number;
  declined: number;
  /** Every shopper address of the burst. */
  ips: Set<string>;
}

/** One identity's attempts in a burst. */
interface BurstUse {
  first: number;
  declined: number;
  /** Declines for wrong card data or a card reported lost/stolen: what a guess or a stolen list gets, rarely a typo. */
  cardData: number;
  /** A probe: an attempt at a small amount (what testers pay to learn that a card works). */
  probe: boolean;
  /** Paid with a card the burst had refused for card data under other identities: the guess that worked, not a
   *  purchase (a thief guessing one stolen card's security code from many proxies pays with it at the end). */
  guessed: boolean;
  /** An ordinary amount that went through: a purchase, not a probe (a tester does not pay real prices per identity;
   *  one that paid and then tested cards is judged by the block impact as "possibly" the tester's). */
  purchase: boolean;
}

/** One burst from one address: the identities that used it and the events behind them. */
export interface BurstPart {
  burst: BurstSummary;
  identities: Map<string, BurstUse>;
  eventIds: number[];
}

/** Address → the bursts it took part in. */
export type BurstIndex = Map<string, BurstPart[]>;

const failed = (a: Attempt) => a.outcome === 'declined' || a.outcome === 'blocked';

/** The bursts by address; a burst from one address only is that address's own pattern (judged locally). */
export function burstIndex(bursts: TestingBurst[], t: Thresholds): BurstIndex {
  const out: BurstIndex = new Map();
  for (const b of bursts) {
    const ips = new Set(b.attempts.map((a) => a.ip).filter((x): x is string => !!x));
    if (ips.size < 2) continue;
    const keys = new Set(b.attempts.map((a) => a.attemptKey));
    const declined = new Set(b.attempts.filter(failed).map((a) => a.attemptKey)).size;
    const burst: BurstSummary = { finding: b.finding, subject: b.subject, from: b.attempts[0].ts, attempts: keys.size, declined, ips };
    const parts = new Map<string, BurstPart>();
    // per identity and attempt: a declined attempt's class is the most specific any of its rows gives
    const byAttempt = new Map<string, { ip: string; who: string; card: string; ts: number; failed: boolean; cardData: boolean; ok: boolean; small: boolean | null; id: number }>();
    for (const a of b.attempts) {
      if (!a.ip || !a.customer) continue;
      const k = `${a.customer}\u0000${a.attemptKey}`;
      const x = byAttempt.get(k) ?? { ip: a.ip, who: a.customer, card: a.card, ts: a.ts, failed: false, cardData: false, ok: false, small: null, id: a.id };
      x.ts = Math.min(x.ts, a.ts);
      if (failed(a)) {
        x.failed = true;
        const c = declineClass(a.risk.declineCode, a.reason, a.decision);
        if (c === 'card-data' || c === 'stolen' || a.risk.cvc === 'fail') x.cardData = true;
      }
      if (a.outcome === 'authorised' && a.kind === 'payment') x.ok = true;
      if (a.amount !== null) x.small = (x.small ?? true) && a.amount <= t.smallAmount;
      byAttempt.set(k, x);
    }
    // the cards refused for card data in the burst, and by whom
    const refusedBy = new Map<string, Set<string>>();
    for (const x of byAttempt.values()) {
      if (!x.cardData) continue;
      const s = refusedBy.get(x.card);
      if (s) s.add(x.who);
      else refusedBy.set(x.card, new Set([x.who]));
    }
    for (const x of byAttempt.values()) {
      let part = parts.get(x.ip);
      if (!part) parts.set(x.ip, (part = { burst, identities: new Map(), eventIds: [] }));
      const u = part.identities.get(x.who) ?? { first: x.ts, declined: 0, cardData: 0, probe: false, purchase: false, guessed: false };
      u.first = Math.min(u.first, x.ts);
      if (x.failed) u.declined++;
      if (x.cardData) u.cardData++;
      const by = x.ok ? refusedBy.get(x.card) : undefined;
      const guessed = !!by && [...by].some((w) => w !== x.who);
      u.guessed ||= guessed;
      u.purchase ||= x.ok && x.small === false && !guessed;
      u.probe ||= x.small === true;
      part.identities.set(x.who, u);
      if (part.eventIds.length < 8) part.eventIds.push(x.id);
    }
    // a purchase made from any address of the burst speaks for the identity at each of them
    const bought = new Set<string>();
    for (const part of parts.values()) for (const [who, u] of part.identities) if (u.purchase) bought.add(who);
    for (const part of parts.values()) for (const [who, u] of part.identities) u.purchase = bought.has(who);
    for (const [ip, part] of parts) {
      const l = out.get(ip);
      if (l) l.push(part);
      else out.set(ip, [part]);
    }
  }
  return out;
}

const SESSION_PAGES = 3;
const SESSION_MS = 60_000;

/**
 * The identities of `a` that took part in a case-level testing burst as the tester's own: no purchase before the
 * burst, no address outside it, no real purchase in it, a tester's act in it (card data refused, or a small-amount
 * probe), and no human browsing session here unless its attempt was a probe. With the burst they took part in (the first, when several).
 */
export function burstParticipants(a: IpAggregate, parts: BurstPart[] | undefined, ids: IdentityFacts): { who: Set<string>; part: BurstPart } | undefined {
  if (!parts?.length) return undefined;
  const who = new Set<string>();
  let first: BurstPart | undefined;
  const browser = (a.uaClasses.browser ?? 0) > 0 && a.pageViews >= SESSION_PAGES;
  for (const part of parts) {
    for (const [c, u] of part.identities) {
      if (!a.identities.has(c)) continue;
      const firstOk = ids.firstAuthorised.get(c);
      const history = firstOk !== undefined && firstOk < part.burst.from;
      const elsewhere = [...(ids.ips.get(c) ?? [])].some((ip) => !part.burst.ips.has(ip));
      // it did something only a tester does: card data refused, a probe at a small amount, or paid with a card the
      // burst was guessing under other identities — a buyer refused for funds or 3-D Secure at a real price during a
      // sale rush on a big bank's cards is not swept in
      if (history || elsewhere || u.purchase || (u.cardData === 0 && !u.probe && !u.guessed)) continue;
      // browsed the shop for a while before paying a real price: a shopper who mistyped the card, not a probe (slow
      // page views from every proxy are a cost a tester can pay, but then each try is a full-price order)
      const session = browser && u.first - a.first >= SESSION_MS;
      if (session && !u.probe) continue;
      who.add(c);
      first ??= part;
    }
  }
  return first ? { who, part: first } : undefined;
}

/**
 * A run of small-amount payments from one address: many distinct cards, each charged a probe amount, within an hour.
 * Card testing does not need declines: a tester checking a list of stolen cards on a cheap item or a donation gets most
 * of them authorised. What the tester cannot avoid is a new card per attempt and a price nobody buys many times over
 * on different cards; a real customer pays an ordinary price with one or two cards.
 */
export interface ProbeRun {
  from: number;
  to: number;
  /** Distinct cards charged a small amount within the hour. */
  cards: number;
  /** Small-amount attempts from the address, and all its attempts. */
  small: number;
  attempts: number;
  /** The small-amount limit (the rules' threshold). */
  limit: number;
  eventIds: number[];
}

const PROBE_CARDS = 5;
const PROBE_WINDOW_MS = 3_600_000;
const PROBE_SHARE = 0.8;

/** Per shopper address, its probe run when it has one (see ProbeRun). */
export function probeRuns(attempts: Attempt[], t: Thresholds): Map<string, ProbeRun> {
  // one entry per attempt (the shop order and the PSP payment of one attempt are one), its smallest known amount
  const byIp = new Map<string, Map<string, { ts: number; card: string; amount: number | null; id: number }>>();
  for (const a of attempts) {
    if (!a.ip) continue;
    let m = byIp.get(a.ip);
    if (!m) byIp.set(a.ip, (m = new Map()));
    const x = m.get(a.attemptKey);
    if (!x) m.set(a.attemptKey, { ts: a.ts, card: a.card, amount: a.amount, id: a.id });
    else {
      x.ts = Math.min(x.ts, a.ts);
      if (a.amount !== null && (x.amount === null || a.amount < x.amount)) x.amount = a.amount;
    }
  }
  // the probe-shaped runs first; whether their small amounts are probes is judged against the shop's ordinary price
  const runs: { ip: string; run: { ts: number; id: number }[]; cards: number; small: number; attempts: number }[] = [];
  for (const [ip, m] of byIp) {
    if (m.size < PROBE_CARDS) continue;
    const small = [...m.values()].filter((x) => x.amount !== null && x.amount <= t.smallAmount).sort((x, y) => x.ts - y.ts);
    if (small.length < PROBE_CARDS || small.length < m.size * PROBE_SHARE) continue;
    // the hour with most distinct cards (two pointers over the time-ordered probes)
    const inWindow = new Map<string, number>();
    let best = { cards: 0, from: 0, to: 0 };
    for (let i = 0, j = 0; j < small.length; j++) {
      inWindow.set(small[j].card, (inWindow.get(small[j].card) ?? 0) + 1);
      while (small[j].ts - small[i].ts > PROBE_WINDOW_MS) {
        const n = inWindow.get(small[i].card)! - 1;
        if (n) inWindow.set(small[i].card, n);
        else inWindow.delete(small[i].card);
        i++;
      }
      if (inWindow.size > best.cards) best = { cards: inWindow.size, from: i, to: j };
    }
    if (best.cards >= PROBE_CARDS) runs.push({ ip, run: small.slice(best.from, best.to + 1), cards: best.cards, small: small.length, attempts: m.size });
  }
  if (!runs.length) return new Map();
  // A small amount is a probe only where the shop's ordinary price is higher: in a shop that sells at a few euros,
  // five colleagues behind one office address each buying once are customers. "Ordinary" is the median attempt of the
  // addresses without such a run, so testers spread over several addresses do not make each other's floods ordinary
  // (and it is computed once: per-address medians over all others were quadratic on a case of many such addresses).
  const candidates = new Set(runs.map((r) => r.ip));
  const others: number[] = [];
  for (const [ip, m] of byIp) if (!candidates.has(ip)) for (const x of m.values()) if (x.amount !== null) others.push(x.amount);
  others.sort((x, y) => x - y);
  if (others.length && others[others.length >> 1] <= 2 * t.smallAmount) return new Map();
  const out = new Map<string, ProbeRun>();
  for (const r of runs) {
    out.set(r.ip, { from: r.run[0].ts, to: r.run[r.run.length - 1].ts, cards: r.cards, small: r.small, attempts: r.attempts, limit: t.smallAmount, eventIds: r.run.slice(0, 8).map((x) => x.id) });
  }
  return out;
}
