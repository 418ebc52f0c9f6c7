// The whole analysis of a case in one call: IP roles, block impact of every address, findings with their
// assessments, breach exposure, clock checks, with the data sources behind them and the thresholds used (so a
// report can say how each result was reached). Every host (app screens, CLI, report) reads this one result.
import type { Db } from '../casefile/caseFile';
import { breachExposure } from './breachExposure';
import { accessListInfo } from '../enrich/accessNetwork';
import { hostingListInfo } from '../enrich/hosting';
import { ipDataInfo } from '../enrich/ipIndex';
import { knownRangesInfo } from '../enrich/knownRanges';
import { ipVerdicts } from './blockImpact';
import { readBusinessRows } from './businessRows';
import { caseLinks, type CaseLinks } from './caseLinks';
import { addresslessPayments, type AddresslessPayment } from './ipAggregate';
import { releaseFacts } from './ipRoles';
import { loadAttempts, runFindings, sortFindings, type Attempt, type CaseAttemptFacts } from './findings';
import { DEFAULT_THRESHOLDS } from '../vocabulary';
import { startScanThread, type ScanThread } from './scanThread';
import { timeChecks } from './timeChecks';
import type { AnalyzeOptions, BreachHit, CaseAnalysis, Finding, IpProfile, Thresholds, TimeCheck } from './types';
import { msg, type Msg } from '../i18n/message';
import { english, withEnglishMemo } from '../i18n/said';
import { ASSESSMENT_SHORT_MSG, ROLE_MSG, SEVERITY_MSG } from '../i18n/terms';

export function analyzeCase(db: Db, opts: AnalyzeOptions = {}): CaseAnalysis {
  return withEnglishMemo(() => withSmallPageCache(db, () => withScanThread(db, opts, (scan) => analyze(db, opts, scan))));
}

/**
 * The per-address pass's rows read by a second thread from the start, while this one runs the rules (scanThread.ts),
 * when one can help; the thread is ended however the analysis ends.
 */
function withScanThread<T>(db: Db, opts: AnalyzeOptions, f: (scan: ScanThread | null) => T): T {
  const scan = opts.scanThread === 'here' ? null : startScanThread(db, { always: opts.scanThread === 'thread' });
  try {
    return f(scan);
  } finally {
    scan?.close();
  }
}

/** SQLite page cache (and sort memory) of the connection while the analysis runs, in KiB. */
const ANALYSIS_CACHE_KIB = 2048;

/**
 * The analysis reads the case's rows in one pass or by index: a page is rarely read twice, and the system keeps the
 * file in its own cache. better-sqlite3's default 16 MB page cache (its sort memory is as large) only adds to the
 * analysis's peak memory; the connection's own setting is back when it ends.
 */
function withSmallPageCache<T>(db: Db, f: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${ANALYSIS_CACHE_KIB}`);
  try {
    return f();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}

function analyze(db: Db, opts: AnalyzeOptions, scan: ScanThread | null): CaseAnalysis {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  // the rules, clock checks and breach matches first, while the heap is small: what they leave behind is little,
  // what they throw away is collected before the per-address analysis (most of the result) grows the heap
  const { breach, found, facts, checks, addressless } = caseRules(db, thresholds);
  // what the rules saw is fed to the roles: a proxy's one attempt is part of a burst the case shows
  const { ipa, blocks } = ipVerdicts(db, { thresholds: opts.thresholds, facts, addressless, scan });
  releaseFacts(ipa); // the per-address working data made the profiles and impacts (kept); the rest is freed
  const events = ipa.total;
  const findings = withIpRoles(found, ipa.profiles);
  return {
    generatedAt: new Date().toISOString(),
    events,
    ips: ipa.profiles,
    findings,
    breach,
    dataSources: [...ipDataInfo(), hostingListInfo(), accessListInfo(), knownRangesInfo()],
    thresholds,
    blocks,
    timeChecks: checks,
  };
}

/** The breach matches, the rules and the clock checks. */
function caseRules(db: Db, thresholds: Thresholds): { breach: BreachHit[]; found: Finding[]; facts?: CaseAttemptFacts; checks: TimeCheck[]; addressless: AddresslessPayment[] } {
  const { links, checks, attempts, addressless } = fromBusinessRows(db);
  let facts: CaseAttemptFacts | undefined;
  // the breach matches first: an account takeover is strengthened by an exposure dated before it
  const breach = breachExposure(db, links);
  const found = runFindings(db, thresholds, links, { onCaseFacts: (x) => (facts = x), breaches: breachesByCustomer(breach), attempts });
  return { breach, found, facts, checks, addressless };
}

/**
 * What reads the order/payment rows, from the rows read once here: the links, the clock checks, the payment
 * attempts and the payments without an address (the per-address pass reads them last). In a function of its own so the rows are garbage once it returns, before the rules run (a frame still
 * on the stack can keep them alive through a collection, which then sets the heap's limit higher).
 */
function fromBusinessRows(db: Db): { links: CaseLinks; checks: TimeCheck[]; attempts: Attempt[]; addressless: AddresslessPayment[] } {
  const rows = readBusinessRows(db);
  const links = caseLinks(db, rows);
  return { links, checks: timeChecks(db, links, rows), attempts: loadAttempts(db, links, rows), addressless: addresslessPayments(rows) };
}

/** Customer → the breaches listing them by e-mail or phone (a name alone is a homonym as often as not). */
function breachesByCustomer(hits: BreachHit[]): Map<string, { name: string; date: string | null }[]> {
  const out = new Map<string, { name: string; date: string | null }[]>();
  for (const h of hits) {
    if (h.weak) continue;
    for (const c of h.customers) {
      const l = out.get(c) ?? [];
      if (!l.some((x) => x.name === h.breachName)) l.push({ name: h.breachName, date: h.breachDate });
      out.set(c, l);
    }
  }
  return out;
}

/**
 * Many cards behind a mobile carrier's shared address, or the provider's own server, are many people, not one
 * shopper: say so on IP findings. A finding's severity is only lowered when the role rests on a fact from
 * outside the finding's own evidence (register, published ranges, the carrier list, the analyst) — never on
 * "several customers" alone, which is exactly what a card tester with throwaway identities shows — and never when
 * the finding itself looks like card testing or is suspicious.
 */
function withIpRoles(findings: Finding[], ips: IpProfile[]): Finding[] {
  const roles = new Map(ips.map((p) => [p.ip, p]));
  for (const f of findings) {
    if (f.subject.kind !== 'ip' && f.subject.kind !== 'device') continue;
    const ip = f.subject.kind === 'ip' ? f.subject.value : f.subject.value.split('|')[0];
    const p = roles.get(ip);
    if (!p) continue;
    if (p.role === 'attacker') {
      withAddressNote(f, msg('assessment.addressAttacker', { signal: p.signalMsgs?.[0] ?? p.signals[0] ?? '' }));
      continue;
    }
    if (p.role !== 'shared' && p.role !== 'provider' && p.role !== 'own') continue;
    const anchor = p.override ? `the analyst's override (${p.override.reason})` : p.evidence.find((x) => x.role === p.role && x.anchor && x.stance === 'for')?.text;
    const anchorEvidence = p.evidence.find((x) => x.role === p.role && x.anchor && x.stance === 'for');
    const anchorMsg = p.override ? msg('severity.override', { reason: p.override.reason }) : anchorEvidence?.msg ?? anchor;
    withAddressNote(f, msg('assessment.addressRole', { role: p.role, anchor: anchorMsg ?? p.signalMsgs?.[0] ?? p.signals[0] ?? '' }));
    const role = msg(ROLE_MSG[p.role]);
    if (!anchor) {
      f.severityNote = `severity kept: the address's ${p.role} role rests only on the traffic this finding is about`;
      f.severityNoteMsg = msg('severity.keptRoleOnly', { role });
      continue;
    }
    if (f.assessment.label === 'likely-card-testing' || f.assessment.label === 'suspicious' || f.assessment.label === 'account-takeover' || p.conflict) {
      f.severityNote = `severity kept: the attempts look like ${f.assessment.label} even though the address is ${p.role}`;
      f.severityNoteMsg = msg('severity.keptPattern', { role, label: msg(ASSESSMENT_SHORT_MSG[f.assessment.label]) });
      continue;
    }
    if (f.severity !== 'low') {
      f.severityNote = `lowered from ${f.severity}: the address is ${p.role} per ${anchor}`;
      f.severityNoteMsg = msg('severity.lowered', { role, from: msg(SEVERITY_MSG[f.severity]), anchor: anchorMsg! });
    }
    f.severity = 'low';
  }
  return sortFindings(findings);
}

/** The assessment followed by what the finding's address is, in every language (the text and its message). */
function withAddressNote(f: Finding, note: Msg): void {
  const base = f.assessment.textMsg ?? f.assessment.text;
  f.assessment.textMsg = msg('assessment.withAddress', { assessment: base, note });
  f.assessment.text = english(f.assessment.textMsg);
}
