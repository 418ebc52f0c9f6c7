// Result types of the analysis engine (IP roles, block impact, findings, breach exposure).
// These are the contract for the UI, the report and the CLI JSON: extend, never rename.
//
// Functions (stable signatures):
//   src/core/analysis/analyze.ts     analyzeCase(db, opts?: AnalyzeOptions): CaseAnalysis
//   src/core/analysis/ipRoles.ts     classifyIps(db): IpProfile[]; ipProfile(db, ip): IpProfile | undefined
//                                    setIpRoleOverride(db, ip, role: IpRole | null, reason): void   (audited; null clears)
//   src/core/analysis/blockImpact.ts blockImpact(db, ip): BlockImpact
//   src/core/analysis/findings.ts    runFindings(db, thresholds?: Partial<Thresholds>): Finding[]
//   src/core/analysis/breachExposure.ts breachExposure(db): BreachHit[]
//   src/core/import/importBreach.ts  importBreachFile(db, path, opts: BreachImportOptions): Promise<ImportResult>
//   src/core/enrich/infraRegister.ts addInfra(db, cidr, role, label): InfraEntry; removeInfra(db, id): void; listInfra(db): InfraEntry[]
//   src/core/enrich/ipIndex.ts       lookupIp(ip): IpInfo; ipDataInfo(): DataSourceInfo[]
//   src/core/enrich/userAgent.ts     classifyUserAgent(ua): UserAgentInfo

export { IP_ROLES, INFRA_ROLES, type IpRole, type InfraRole } from '../vocabulary';
import type { IpRole, InfraRole } from '../vocabulary';

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
  evidenceEventIds: number[]; // capped sample
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
  evidenceEventIds: number[];
}

export type Severity = 'low' | 'medium' | 'high';
export type FindingRule = 'MC-1' | 'MC-1c' | 'MC-2' | 'MC-2d' | 'MC-3' | 'MC-4' | 'MC-4ip' | 'CT-1';
export type SubjectKind = 'email' | 'customer' | 'ip' | 'device' | 'card' | 'bin';
export type AssessmentLabel = 'likely-legitimate-shared-cards' | 'likely-card-testing' | 'suspicious' | 'inconclusive';

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
  weakCardKey: boolean; // true when a brand+last4 key contributed (collisions possible)
  assessment: {
    label: AssessmentLabel;
    householdSignals: string[];
    cardTestingSignals: string[];
    text: string;
  };
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
}

export interface CaseAnalysis {
  generatedAt: string;
  events: number;
  ips: IpProfile[];
  findings: Finding[];
  breach: BreachHit[];
  dataSources: DataSourceInfo[];
  thresholds: Thresholds;
}
