// Result types of the analysis engine (IP roles, block impact, findings, breach exposure).
// These are the contract for the UI, the report and the CLI JSON: extend, never rename.
//
// Functions (stable signatures):
//   src/core/analysis/analyze.ts     analyzeCase(db, opts?: AnalyzeOptions): CaseAnalysis
//   src/core/analysis/ipRoles.ts     classifyIps(db): IpProfile[]; ipProfile(db, ip): IpProfile | undefined
//                                    setIpRoleOverride(db, ip, role: IpRole | null, reason): void   (audited; null clears)
//   src/core/analysis/blockImpact.ts blockImpact(db, ip): BlockImpact (reads analyzeCase); blockImpactsFor(...)
//   src/core/analysis/findings.ts    runFindings(db, thresholds?: Partial<Thresholds>): Finding[]
//   src/core/analysis/breachExposure.ts breachExposure(db): BreachHit[]
//   src/core/import/importBreach.ts  importBreachFile(db, path, opts: BreachImportOptions): Promise<ImportResult>
//   src/core/enrich/infraRegister.ts addInfra(db, cidr, role, label): InfraEntry; removeInfra(db, id): void; listInfra(db): InfraEntry[]
//   src/core/enrich/ipIndex.ts       lookupIp(ip): IpInfo; ipDataInfo(): DataSourceInfo[]
//   src/core/enrich/userAgent.ts     classifyUserAgent(ua): UserAgentInfo

export { IP_ROLES, INFRA_ROLES, type IpRole, type InfraRole } from '../vocabulary';
import type { IpRole, InfraRole } from '../vocabulary';
import type { Msg } from '../i18n/message';

/**
 * One weighed piece of evidence about an address: which role it speaks for (or against), how much, in words, and
 * the events it comes from. `cheap`: trivially faked by an attacker (a user agent, a name, renting an ASN) — such
 * signals only ever add a little weight and never decide a verdict alone.
 */
export interface RoleEvidence {
  role: IpRole;
  stance: 'for' | 'against';
  weight: number;
  text: string;
  /** The same words as a catalogue message (id + parameters), for hosts that speak the user's language. */
  msg?: Msg;
  eventIds: number[];
  cheap: boolean;
  /** A fact that comes from outside the traffic itself (register, published ranges, carrier list, analyst). */
  anchor?: boolean;
}

export type NetworkKind = 'hosting' | 'mobile' | 'cgnat' | 'access' | 'private' | 'unknown';
/** What kind of network an address sits in, in words (`why`, English) and as a catalogue message. */
export interface NetworkWhy {
  kind: NetworkKind;
  why: string;
  whyMsg?: Msg;
}
/** A conflict between roles, in words and as a catalogue message. */
export interface RoleConflict {
  roles: IpRole[];
  text: string;
  msg?: Msg;
}

export interface InfraEntry {
  id: number;
  cidr: string;
  role: InfraRole;
  label: string;
  added_at: string;
}

/** Offline IP → ASN / organisation / country. null when the address is not in the data (private, reserved, unparsable). */
export interface IpInfo {
  asn: number | null;
  asOrg: string | null;
  country: string | null;
}

export type UserAgentClass = 'browser' | 'crawler' | 'http-library' | 'empty';
export interface UserAgentInfo {
  class: UserAgentClass;
  family?: string; // browser family, crawler or library name
  os?: string;
  device?: string; // desktop | mobile | tablet | tv | bot
}

export interface DataSourceInfo {
  name: string; // npm package or file name
  version: string; // package version (for ip-location-db: the data date 2.3.YYYYMMDDHH)
  licence: string;
  attribution: string;
}

export interface IpProfile {
  ip: string;
  role: IpRole;
  confidence: number; // 0..1
  asn: number | null;
  asOrg: string | null;
  country: string | null;
  hosting: boolean; // hosting/datacenter ASN or organisation
  infra?: { role: InfraRole; label: string; cidr: string };
  override?: { role: IpRole; reason: string; at: string };
  /** The role the signals alone gave, when an override replaced it. */
  computedRole?: IpRole;
  events: number;
  firstSeen: string | null; // ISO UTC
  lastSeen: string | null;
  customers: number; // distinct customer ids (or e-mails when no id) linked
  emails: number;
  cards: number;
  orders: number;
  providerCalls: number;
  pageViews: number; // http_request events on non-API paths
  userAgentClasses: Partial<Record<UserAgentClass, number>>;
  userAgents: number; // distinct user agents
  signals: string[]; // in words, strongest first
  /** The same signals as catalogue messages, for hosts that speak the user's language. */
  signalMsgs?: Msg[];
  evidenceEventIds: number[]; // capped sample
  /** Every signal weighed, for and against each role, each tied to its events. */
  evidence: RoleEvidence[];
  /** The weighed score of each role considered (higher = more evidence for it). */
  scores: Partial<Record<IpRole, number>>;
  /** Evidence pointing to two incompatible roles: the analyst decides (override with a reason). */
  conflict?: RoleConflict;
  /** What evidence would change this verdict. */
  wouldChange: string[];
  wouldChangeMsgs?: Msg[];
  /** What an attacker would have to fake to get this answer, and what they cannot. */
  attackerWouldFake: string[];
  attackerWouldFakeMsgs?: Msg[];
  network: NetworkWhy;
  /** A crawler/monitor/provider verified by its operator's published ranges or own ASN. */
  verified?: { operator: string; publisher: string; by: 'published-range' | 'operator-asn'; snapshot?: string };
  /** The user agent claims an operator the address does not belong to. */
  spoofed?: { operator: string; text: string; msg?: Msg };
  /** Identities (customer keys) seen only on this address in a testing pattern: made to be thrown away. */
  throwawayIdentities: number;
  /** A card-testing burst found at case level (CT-1 on a BIN, MC-1 on one identity's mailbox or id) that this address
   *  took part in with `identities` of the tester's: the burst's finding, what it shared, addresses, attempts, declines. */
  testingBurst?: { finding: string; subject: { kind: 'bin' | 'email' | 'customer' | 'shop'; value: string }; addresses: number; attempts: number; declined: number; identities: number };
  /** Payment attempts made from this address as the shopper, and how many were declined or blocked. */
  attempts: number;
  declined: number;
}

export type BlockVerdict = 'safe' | 'caution' | 'do-not-block';
export interface BlockImpact {
  ip: string;
  role: IpRole;
  customers: number;
  orders: number;
  successfulPayments: number;
  providerCalls: number;
  events: number;
  shareOfTraffic: number; // 0..1 of all events
  verdict: BlockVerdict;
  reasons: string[];
  /** The same reasons as catalogue messages (id + parameters), for hosts that speak the user's language. */
  reasonMsgs?: Msg[];
  evidenceEventIds: number[];
  /** Real customers who would be locked out (throwaway identities and the `possibly` ones excluded). `customers`
   *  counts every identity linked to the address; `orders` and `successfulPayments` are what the block would cut of
   *  legitimate business (for a provider: every order it notifies). */
  lockedOut: number;
  /** Identities made for the attack (seen only on testing addresses, no purchase before it): not customers; their
   *  orders and payments are not legitimate revenue and are reported here, not in `orders`/`successfulPayments`. */
  throwawayIdentities: number;
  throwawayPayments: number;
  throwawayOrders: number;
  /** What the throwaway identities' orders came to, and what of it was paid, by currency. */
  throwawayAmounts: ThrowawayAmount[];
  /** Identities that may be the tester's own (paid once shortly before the declines began, only from testing
   *  addresses), with their orders and payments: not in the counts above, shown as "possibly" beside them. */
  possibly: { customers: number; orders: number; payments: number };
  /** Orders whose provider notification would be cut, from the provider's log, order ids in webhook URLs, or
   *  payments a few seconds before each webhook call. */
  providerOrders: number;
  network: NetworkWhy;
  /** Other addresses of the case in the same /24 (IPv4) or /64 (IPv6), by role. */
  neighbours: { prefix: string; addresses: number; roles: Partial<Record<IpRole, number>>; customers: number; attackers: number };
  /** The narrowest block that stops what this address did, and wider options, each with its own impact. */
  proposals: BlockProposal[];
  conflict?: RoleConflict;
}

export interface ThrowawayAmount {
  currency: string | null;
  ordered: number;
  paid: number;
}

export interface BlockProposal {
  scope: 'address' | 'prefix';
  target: string; // 203.0.113.7, 203.0.113.0/24, 2001:db8:1:2::/64
  duration: string; // "24 hours", "7 days", "30 days"
  /** The same duration in hours (hosts word it in their language). */
  hours: number;
  verdict: BlockVerdict;
  /** What the block would cut of the case's legitimate business, and what it stops of the abuse. */
  impact: {
    customers: number; orders: number; successfulPayments: number; providerCalls: number; events: number; abusiveEvents: number;
    /** Orders of the tester's throwaway identities (not counted in `orders`), and identities/orders that are possibly the tester's. */
    throwawayOrders?: number; possiblyCustomers?: number; possiblyOrders?: number;
  };
  why: string;
  whyMsg?: Msg;
  /** The proposal in one line (what to block, how long, its verdict and what it would cut) as a catalogue message. */
  msg?: Msg;
}

export type Severity = 'low' | 'medium' | 'high';
export type FindingRule = 'MC-1' | 'MC-1c' | 'MC-2' | 'MC-2d' | 'MC-3' | 'MC-4' | 'MC-4ip' | 'CT-1' | 'CT-2';
export type SubjectKind = 'email' | 'customer' | 'ip' | 'device' | 'card' | 'bin' | 'shop';
export type AssessmentLabel = 'likely-legitimate-shared-cards' | 'likely-card-testing' | 'account-takeover' | 'suspicious' | 'inconclusive';

export interface Finding {
  id: string; // stable within a case: rule + subject + window start
  rule: FindingRule;
  title: string; // rule in words, e.g. "distinct cards per e-mail in 24 h"
  severity: Severity;
  subject: { kind: SubjectKind; value: string };
  window: { from: string; to: string }; // ISO UTC of first and last contributing event
  metric: { value: number; threshold: number; windowHours: number };
  evidenceEventIds: number[];
  summary: string;
  /** The same summary as a catalogue message, for hosts that speak the user's language. */
  summaryMsg?: Msg;
  weakCardKey: boolean; // true when a brand+last4 key contributed (collisions possible)
  assessment: {
    label: AssessmentLabel;
    householdSignals: string[];
    cardTestingSignals: string[];
    text: string;
    /** The same texts as catalogue messages (id + parameters), for hosts that speak the user's language. */
    textMsg?: Msg;
    householdSignalMsgs?: Msg[];
    cardTestingSignalMsgs?: Msg[];
    /** Account-takeover evidence: a break from the account's own baseline (device, network, cards, profile). */
    takeoverSignals?: string[];
    takeoverSignalMsgs?: Msg[];
    /** Signals that are weak either way (cardholder names are typed by the payer). */
    weakSignals?: string[];
    /** Decline reasons of the attempts, by class (funds, card-data, stolen, authentication, risk, generic). */
    declineClasses?: Partial<Record<string, number>>;
    /** Distinct cards: at least `min` (strongest key), at most `max` (a brand+last4 key may hide several). */
    cards?: { min: number; max: number; text: string };
    /** What would change this assessment. */
    wouldChange?: string[];
    wouldChangeMsgs?: Msg[];
  };
  /** Set when the severity was changed after the rules, with why (never from the finding's own evidence). */
  severityNote?: string;
  /** The same note as a catalogue message, for hosts that speak the user's language. */
  severityNoteMsg?: import('../i18n/message').Msg;
}

/** Configurable rule thresholds; defaults in findings.ts DEFAULT_THRESHOLDS (domain-notes §5.4). */
export interface Thresholds {
  cardsPerEmail24h: number; // MC-1
  cardsPerCustomer24h: number; // MC-1c
  cardsPerIp1h: number; // MC-2
  cardsPerIp24h: number; // MC-2
  cardsPerDevice24h: number; // MC-2d
  emailsPerCard: number; // MC-3 (whole case)
  declinesPerCard24h: number; // MC-4
  declinesPerIp1h: number; // MC-4ip
  testingAttemptsPerBin6h: number; // CT-1
  testingMaxGapSeconds: number; // CT-1: median gap between attempts below this
  testingMinDeclineRatio: number; // CT-1
  smallAmount: number; // an amount at or below this is "small" (card-testing probes)
}

export interface BreachHit {
  identifierKind: 'email' | 'phone' | 'name';
  display: string; // masked, e.g. j***@example.fr / +33 6 ** ** ** 78
  breachName: string;
  breachDate: string | null;
  eventIds: number[];
  customers: string[];
  /** Name-only matches: homonyms are common, so this is corroboration, not identification. */
  weak: boolean;
  /** E-mail and phone of the same customer found on the same breach row: one corroborated hit. */
  corroborated?: boolean;
  /** The other identifier kinds matched on that same row (e.g. ['phone'] for an e-mail hit). */
  sameRowKinds?: ('email' | 'phone' | 'name')[];
}

export interface BreachImportOptions {
  breachName: string;
  breachDate?: string;
  /** Column mapping: canonical email/phone/name → header, plus `hash` → header for pre-hashed lists. */
  map?: Record<string, string>;
  tz?: string;
  force?: boolean;
  /** HIBP domain-search JSON carries aliases only: the domain to append (default: taken from the file name). */
  domain?: string;
  onProgress?: (p: import('../types').ImportProgress) => void;
  signal?: AbortSignal;
}

export interface AnalyzeOptions {
  thresholds?: Partial<Thresholds>;
  /** Where the per-address pass's rows are read: in a second thread while the rules run when the case is large
   *  enough and a thread can start ('auto', the default), always in a thread when one can start ('thread'), or in
   *  the analysis's own thread ('here'). The result is the same. */
  scanThread?: 'auto' | 'thread' | 'here';
}

export interface CaseAnalysis {
  generatedAt: string;
  events: number;
  ips: IpProfile[];
  findings: Finding[];
  breach: BreachHit[];
  dataSources: DataSourceInfo[];
  thresholds: Thresholds;
  /** Block impact of every address in `ips` (same order): what blocking it would cut, and the proposal. */
  blocks: BlockImpact[];
  /** Clock checks between sources (consistent offsets, repeated DST hour). */
  timeChecks: TimeCheck[];
}

export interface TimeCheck {
  kind: 'clock-offset' | 'dst-repeated-hour';
  severity: 'warning' | 'info';
  text: string;
  sources: string[];
  /** Consistent offset in seconds (source B − source A) for clock-offset. */
  offsetSeconds?: number;
  evidenceEventIds: number[];
  /** The same text as a catalogue message, for hosts that speak the user's language. */
  msg?: import('../i18n/message').Msg;
}
