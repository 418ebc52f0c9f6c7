// Everything the report shows, gathered from the case file and the analysis into plain data. Rendering
// (HTML, figure) only formats this; nothing here is markup.
import type { Db } from '../casefile/caseFile';
import { getMetaValue, readMeta } from '../casefile/caseFile';
import type { VerifyReport } from '../casefile/verify';
import type { BlockImpact, BreachHit, CaseAnalysis, DataSourceInfo, Finding, IpProfile, IpRole } from '../analysis/types';
import { outcomeOf, type Outcome } from '../analysis/outcome';
import type { EventRow } from '../types';
import { maskCard } from '../share/pseudonym';
import { IdentityDisplay } from './identities';
import { clip } from './html';
import { isoToMs } from './timeFormat';
import { getCaseLang } from '../casefile/caseLang';
import { DEFAULT_LANG, RULE_TITLE_MSG, termOr, translator, type Lang, type Translator } from '../i18n';
import { caseAlerts, type CaseAlert } from '../alerts/caseAlerts';
import { blockImpactFromList } from '../analysis/blockImpact';
import { STAR_TAG } from '../events/eventGrid';

export interface ReportOptions {
  consultant?: string;
  client?: string;
  /** Pseudonymise people no finding is about (default true). */
  pseudonymise?: boolean;
  /** The report's language; default: the case's language, else English. */
  lang?: Lang;
}

/** What the report needs from the analysis engine; the entry point fills it from analyzeCase/blockImpact/verifyCase. */
export interface ReportInputs {
  analysis: CaseAnalysis;
  blockImpact: (ip: string) => BlockImpact | undefined;
  verify: VerifyReport;
  now?: Date;
}

export interface ReportEvent {
  id: number;
  ts: number;
  local: string;
  utc: string;
  source: string;
  kind: string;
  outcome: Outcome;
  /** The client address (resolved through X-Forwarded-For) or the address the source names. */
  ip: string | null;
  what: string;
  raw: string;
  decision: string | null;
  rule: string | null;
  reason: string | null;
  orderId: string | null;
  /** Name / e-mail as the report may show them (pseudonymised when not linked). */
  who: string;
}

export interface ReportIpRow {
  profile: IpProfile;
  impact?: BlockImpact;
  /** The main reason of the block verdict, in the report's language. */
  impactReason: string;
  linkedToFinding: boolean;
}

/** One rule that fired, as the technical appendix lists it. */
export interface ReportRule {
  rule: string;
  /** The rule in words, in the report's language. */
  title: string;
  subject: string;
  value: number;
  threshold: number;
  hours: number;
}

export interface ReportFinding {
  finding: Finding;
  /** Every rule that fired on the same story (this finding's first): one alert, one card in the report. */
  rules: ReportRule[];
  /** The rule in words, in the report's language. */
  title: string;
  assessmentText: string;
  householdSignals: string[];
  cardTestingSignals: string[];
  /** The finding the anti-fraud stop is about: it drives the verdict and the figure. */
  primary: boolean;
  subject: string;
  evidence: ReportEvent[];
  evidenceTotal: number;
}

export interface ReportBreachRow {
  hit: BreachHit;
  customers: string[];
  linkedToFinding: boolean;
}

export interface ReportSource {
  id: number;
  file: string;
  sha256: string;
  size: number;
  format: string;
  preset: string | null;
  rowsAccepted: number;
  rowsRejected: number;
  tz: string | null;
  tzAssumed: boolean;
  importedAt: string;
  breachName: string | null;
}

export interface ReportModel {
  lang: Lang;
  title: string;
  caseId: string;
  tz: string;
  consultant?: string;
  client?: string;
  generatedAt: Date;
  period: { from: number; to: number } | null;
  eventCount: number;
  verdict: { code: string | null; reason: string | null };
  redactedCopy: { redact: boolean; onlyEvidence: boolean } | null;
  pseudonymise: boolean;
  findings: ReportFinding[];
  ips: ReportIpRow[];
  ipsOmitted: { customers: number; others: number };
  ipTotal: number;
  breach: ReportBreachRow[];
  /** Anti-fraud decisions that blocked or sent a payment to review, with their events. */
  antifraudStops: ReportEvent[];
  /** The alert the case is about (the first the provider blocked), as the case home shows it. */
  alert: CaseAlert | null;
  /** The alert's customer as the shop knows them (name, phone, e-mail from its own orders), to call back. */
  customer: { name: string | null; phone: string | null; email: string | null; amount: { value: number; currency: string | null } | null } | null;
  /** Events the analyst starred or tagged in the app, in time order (stars are the tag STAR_TAG). */
  marked: { event: ReportEvent; starred: boolean; tags: string[] }[];
  /** Events of the incident window for the timeline figure. */
  window: { from: number; to: number; events: ReportEvent[]; evidenceIds: Set<number>; customerIps: Set<string> } | null;
  notes: { at: string; target: string; text: string }[];
  infra: { cidr: string; role: string; label: string }[];
  sources: ReportSource[];
  verify: VerifyReport;
  dataSources: DataSourceInfo[];
}

const ROLE_ORDER: IpRole[] = ['provider', 'shared', 'own', 'customer', 'unknown', 'crawler'];
const MAX_IP_ROWS = 16;
const MAX_MARKED_ROWS = 60;
const MAX_EVIDENCE_ROWS = 30;

type EventWithFile = EventRow & { file_name: string };

export function buildReportModel(db: Db, inputs: ReportInputs, opts: ReportOptions = {}): ReportModel {
  const meta = readMeta(db);
  const tz = meta.tz;
  const { analysis } = inputs;
  const pseudonymise = opts.pseudonymise !== false;
  const lang = opts.lang ?? getCaseLang(db) ?? DEFAULT_LANG;
  const tr = translator(lang);
  const stopEvents = (
    db
      .prepare("SELECT e.*, s.file_name FROM events e JOIN sources s ON s.id = e.source_id WHERE e.kind = 'antifraud_decision' ORDER BY e.ts")
      .all() as EventWithFile[]
  ).filter((e) => outcomeOf(e.kind, e.decision) === 'blocked');
  const primary = primaryFinding(analysis.findings, stopEvents);
  const primaryId = primary?.id;
  // People in the alert's own evidence are named; people who only appear in other findings' evidence
  // (e.g. strangers behind one shared mobile address) are not.
  const ids = new IdentityDisplay(db, primary ? [primary] : [], analysis.findings, pseudonymise);
  const toReportEvent = (e: EventWithFile): ReportEvent => ({
    id: e.id,
    ts: e.ts,
    local: tr.dateTime(e.ts, tz, { seconds: true }),
    utc: tr.utc(e.ts),
    source: `${e.file_name}:${e.row_no}`,
    kind: e.kind,
    outcome: paymentOutcome(e),
    ip: e.client_ip ?? e.ip,
    what: describeEvent(e, ids, tr),
    decision: e.decision,
    rule: e.rule,
    reason: e.reason,
    orderId: e.order_id,
    who: ids.show('email', e.email) || ids.show('customer', e.customer_id),
    // A bystander's raw line could name them: shown only for events of linked people.
    raw: isAboutLinkedPeople(e, ids) || !pseudonymise ? clip(e.raw, 240) : tr.t('report.event.rawWithheld'),
  });
  const eventsByIds = (list: number[]): EventWithFile[] => {
    const stmt = db.prepare('SELECT e.*, s.file_name FROM events e JOIN sources s ON s.id = e.source_id WHERE e.id = ?');
    return list.map((id) => stmt.get(id) as EventWithFile | undefined).filter((e): e is EventWithFile => !!e).sort((a, b) => a.ts - b.ts || a.id - b.id);
  };

  const period = db.prepare("SELECT min(ts) AS f, max(ts) AS t, count(*) AS n FROM events").get() as {
    f: number | null; t: number | null; n: number;
  };

  const alert = caseAlerts(db, { findings: analysis.findings, ips: analysis.ips, breach: analysis.breach, blockImpact: (ip) => inputs.blockImpact(ip) ?? blockImpactFromList(analysis.blocks, ip) })
    .find((x) => x.action === 'blocked') ?? null;
  const findings = mergedFindings(analysis.findings, primaryId, alert, (f) => {
    const titleId = termOr(RULE_TITLE_MSG, f.rule);
    return { rule: f.rule, title: titleId ? tr.t(titleId, { hours: f.metric.windowHours }) : f.title, subject: showSubject(f, ids, tr), value: f.metric.value, threshold: f.metric.threshold, hours: f.metric.windowHours };
  }).map(({ lead, rules }): ReportFinding => {
    const ev = eventsByIds([...new Set(rules.flatMap((r) => r.finding.evidenceEventIds))]);
    return {
      finding: lead,
      rules: rules.map((r) => r.rule),
      title: rules[0].rule.title,
      // engine texts in the report's language when the engine gave them as messages
      assessmentText: tr.said(lead.assessment.textMsg, lead.assessment.text),
      householdSignals: tr.saidAll(lead.assessment.householdSignalMsgs, lead.assessment.householdSignals),
      cardTestingSignals: tr.saidAll(lead.assessment.cardTestingSignalMsgs, lead.assessment.cardTestingSignals),
      primary: lead.id === primaryId,
      subject: rules[0].rule.subject,
      evidence: ev.slice(0, MAX_EVIDENCE_ROWS).map(toReportEvent),
      evidenceTotal: ev.length,
    };
  });

  const evidenceIds = new Set(analysis.findings.flatMap((f) => f.evidenceEventIds));
  const evidenceEvents = eventsByIds([...evidenceIds]);
  const customerIps = new Set(evidenceEvents.flatMap((e) => [e.client_ip, e.ip]).filter((x): x is string => !!x));

  const ips = chooseIpRows(analysis.ips, customerIps, inputs.blockImpact, tr);
  const shown = new Set(ips.map((r) => r.profile.ip));
  const hidden = analysis.ips.filter((p) => !shown.has(p.ip));

  const antifraudStops = stopEvents.map(toReportEvent);
  const focus = primary ? eventsByIds(primary.evidenceEventIds) : evidenceEvents;
  const focusIps = new Set(focus.flatMap((e) => [e.client_ip, e.ip]).filter((x): x is string => !!x));
  const window = incidentWindow(db, focus, stopEvents, period, focusIps, toReportEvent);

  const shareOptions = getMetaValue(db, 'share_options');
  let redactedCopy: ReportModel['redactedCopy'] = null;
  if (shareOptions) {
    try {
      const o = JSON.parse(shareOptions) as { redact?: boolean; onlyEvidence?: boolean };
      if (o.redact || o.onlyEvidence) redactedCopy = { redact: !!o.redact, onlyEvidence: !!o.onlyEvidence };
    } catch {
      /* a malformed option string only loses the banner */
    }
  }

  return {
    lang,
    title: tr.said(meta.titleMsg, meta.title),
    caseId: meta.caseId,
    tz,
    consultant: opts.consultant,
    client: opts.client,
    generatedAt: inputs.now ?? new Date(),
    period: period.f !== null && period.t !== null ? { from: period.f, to: period.t } : null,
    eventCount: period.n,
    verdict: { code: meta.verdict ?? null, reason: getMetaValue(db, 'verdict_reason') ?? null },
    redactedCopy,
    pseudonymise,
    findings,
    ips,
    ipsOmitted: {
      customers: hidden.filter((p) => p.role === 'customer').length,
      others: hidden.filter((p) => p.role !== 'customer').length,
    },
    ipTotal: analysis.ips.length,
    breach: analysis.breach.map((hit) => ({
      hit,
      customers: hit.customers.map((c) => ids.show('customer', c)),
      linkedToFinding:
        hit.customers.some((c) => ids.isLinked('customer', c)) || (primary?.evidenceEventIds.some((id) => hit.eventIds.includes(id)) ?? false),
    })),
    antifraudStops,
    alert,
    customer: alert ? alertCustomer(db, alert) : null,
    marked: markedEvents(db, (list) => eventsByIds(list).map(toReportEvent)),
    window,
    notes: (db.prepare('SELECT at, target_kind, target_id, text FROM notes ORDER BY at, id').all() as {
      at: string; target_kind: string; target_id: string; text: string;
    }[]).map((n) => ({ at: n.at, target: `${n.target_kind} ${n.target_id}`, text: n.text })),
    infra: db.prepare('SELECT cidr, role, label FROM infra ORDER BY role, cidr').all() as ReportModel['infra'],
    sources: (db.prepare('SELECT * FROM sources ORDER BY id').all() as Record<string, unknown>[]).map((s) => ({
      id: s.id as number,
      file: s.file_name as string,
      sha256: s.sha256 as string,
      size: s.size as number,
      format: s.format as string,
      preset: (s.preset as string | null) ?? null,
      rowsAccepted: s.rows_accepted as number,
      rowsRejected: s.rows_rejected as number,
      tz: (s.tz as string | null) ?? null,
      tzAssumed: !!s.tz_assumed,
      importedAt: s.imported_at as string,
      breachName: (s.breach_name as string | null) ?? null,
    })),
    verify: inputs.verify,
    dataSources: analysis.dataSources,
  };
}

/**
 * Findings about the same story are one card: those the alert gathers (its customer, addresses, cards), and
 * findings citing exactly the same events. The lead is the primary finding, else the most severe.
 */
function mergedFindings(
  all: Finding[], primaryId: string | undefined, alert: CaseAlert | null, describe: (f: Finding) => ReportRule,
): { lead: Finding; rules: { finding: Finding; rule: ReportRule }[] }[] {
  const severityRank = { high: 0, medium: 1, low: 2 } as const;
  const labelRank = { 'likely-card-testing': 0, 'account-takeover': 0, 'likely-legitimate-shared-cards': 1, suspicious: 2, inconclusive: 3 } as const;
  const sorted = [...all].sort(
    (a, b) =>
      Number(b.id === primaryId) - Number(a.id === primaryId) ||
      labelRank[a.assessment.label] - labelRank[b.assessment.label] ||
      severityRank[a.severity] - severityRank[b.severity] ||
      a.window.from.localeCompare(b.window.from),
  );
  const inAlert = new Set(alert?.findingIds ?? []);
  const evidenceKey = (f: Finding) => [...new Set(f.evidenceEventIds)].sort((x, y) => x - y).join(',');
  const groups: { lead: Finding; rules: { finding: Finding; rule: ReportRule }[]; keys: Set<string>; alert: boolean }[] = [];
  for (const f of sorted) {
    // same assessment only: a finding that reads the story differently stays apart, so its dissent is seen
    const g = groups.find((x) => x.lead.assessment.label === f.assessment.label && ((x.alert && inAlert.has(f.id)) || x.keys.has(evidenceKey(f))));
    if (g) {
      g.rules.push({ finding: f, rule: describe(f) });
      g.keys.add(evidenceKey(f));
    } else groups.push({ lead: f, rules: [{ finding: f, rule: describe(f) }], keys: new Set([evidenceKey(f)]), alert: inAlert.has(f.id) });
  }
  return groups;
}

/** The alert's customer as their own orders name them: who the shop calls back. */
function alertCustomer(db: Db, alert: CaseAlert): ReportModel['customer'] {
  if (!alert.email && !alert.orderId) return null;
  const row = db
    .prepare(
      `SELECT max(name) AS name, max(phone) AS phone FROM events
       WHERE kind IN ('order', 'payment') AND ((? IS NOT NULL AND lower(email) = ?) OR (? IS NOT NULL AND order_id = ?))`,
    )
    .get(alert.email, alert.email, alert.orderId, alert.orderId) as { name: string | null; phone: string | null };
  const order = alert.orderId
    ? (db.prepare("SELECT amount, currency FROM events WHERE order_id = ? AND amount IS NOT NULL AND kind IN ('payment', 'order') ORDER BY ts DESC LIMIT 1").get(alert.orderId) as { amount: number; currency: string | null } | undefined)
    : undefined;
  return { name: row.name, phone: row.phone, email: alert.email, amount: order ? { value: order.amount, currency: order.currency } : null };
}

/** Starred and tagged events, starred first, then in time order. */
function markedEvents(db: Db, load: (ids: number[]) => ReportEvent[]): ReportModel['marked'] {
  const rows = db.prepare('SELECT event_id, tag FROM tags ORDER BY event_id, tag LIMIT 5000').all() as { event_id: number; tag: string }[];
  const tags = new Map<number, string[]>();
  for (const r of rows) tags.set(r.event_id, [...(tags.get(r.event_id) ?? []), r.tag]);
  const events = load([...tags.keys()]);
  return events
    .map((event) => {
      const t = tags.get(event.id) ?? [];
      return { event, starred: t.includes(STAR_TAG), tags: t.filter((x) => x !== STAR_TAG) };
    })
    .sort((a, b) => Number(b.starred) - Number(a.starred) || a.event.ts - b.event.ts)
    .slice(0, MAX_MARKED_ROWS);
}

function isAboutLinkedPeople(e: EventRow, ids: IdentityDisplay): boolean {
  const named: [Parameters<IdentityDisplay['isLinked']>[0], string | null][] = [
    ['email', e.email], ['phone', e.phone], ['name', e.name], ['customer', e.customer_id],
  ];
  const present = named.filter(([, v]) => v && v.trim());
  return present.length === 0 || present.some(([k, v]) => ids.isLinked(k, v!));
}

function showSubject(f: Finding, ids: IdentityDisplay, tr: Translator): string {
  const { kind, value } = f.subject;
  const shown =
    kind === 'email' || kind === 'customer' ? ids.show(kind, value)
    : kind === 'card' ? (value.length > 8 ? `${value.slice(0, 4)}…` : value)
    : kind === 'device' ? value.replace('|', ' + ')
    : value;
  return tr.t('report.subject', { kind, value: shown });
}

/** One line in words, with cards masked and people shown per the pseudonymisation choice. */
export function describeEvent(e: EventRow, ids: IdentityDisplay, tr: Translator = translator(DEFAULT_LANG)): string {
  // A pseudonymised person is shown by one pseudonym (the e-mail's), not one per field.
  const name = e.name && ids.show('name', e.name) === e.name ? e.name : '';
  const who = [name, ids.show('email', e.email) || (e.email ? '' : ids.show('customer', e.customer_id))].filter(Boolean).join(' ');
  const money = e.amount !== null ? tr.amount(e.amount, e.currency) : '';
  const card = e.card_last4 || e.card_brand ? tr.t('report.event.card', { card: maskCard(e.card_last4, e.card_brand) }) : '';
  const outcome = outcomeOf(e.kind, e.decision, e.status);
  // The provider's own status words (Paid, Failed) and reasons are case data: quoted as they are.
  const outcomeWords = e.decision ? `${e.decision}${outcome === 'declined' && e.reason ? ` (${clip(e.reason, 80)})` : ''}` : '';
  const from = e.client_ip ?? e.ip;
  const order = e.order_id ? tr.t('report.event.order', { order: e.order_id }) : null;
  const parts: (string | null)[] = (() => {
    switch (e.kind) {
      case 'order':
        return [tr.t('report.event.kind.order'), e.order_id, money, outcomeWords, card, who, from ? tr.t('report.event.from', { ip: from }) : null];
      case 'payment':
        return [tr.t('report.event.kind.payment'), money, outcomeWords, card, who, order];
      case 'antifraud_decision':
        return [
          tr.t('report.event.antifraud', { decision: e.decision ?? '?' }),
          e.rule ? tr.t('report.event.rule', { rule: e.rule }) : null,
          order, who, e.reason ? `— ${clip(e.reason, 160)}` : null,
        ];
      case 'provider_call':
        return [tr.t('report.event.kind.providerCall'), e.method, clip(e.path, 80), e.status !== null ? `→ ${e.status}` : null, e.ip ? tr.t('report.event.from', { ip: e.ip }) : null];
      case 'http_request':
        return [from, e.method, clip(e.path, 80), e.status !== null ? `→ ${e.status}` : null];
      default:
        return [e.kind, who, money, card];
    }
  })();
  return parts.filter((p) => p !== null && p !== '').join(' ');
}

function chooseIpRows(
  profiles: IpProfile[],
  customerIps: Set<string>,
  impactOf: (ip: string) => BlockImpact | undefined,
  tr: Translator,
): ReportIpRow[] {
  const rank = (p: IpProfile) => {
    if (customerIps.has(p.ip) && p.role === 'customer') return -1; // the customer of the finding first
    return ROLE_ORDER.indexOf(p.role);
  };
  // Other customers' addresses identify them and add nothing to the story: counted, not listed. So are
  // residential addresses of unknown role (people browsing); hosting networks (scanners) and a few crawlers stay.
  const crawlers = profiles.filter((p) => p.role === 'crawler').sort((a, b) => b.events - a.events).slice(0, 3);
  const candidates = profiles.filter(
    (p) =>
      customerIps.has(p.ip) ||
      p.role === 'provider' || p.role === 'shared' || p.role === 'own' ||
      (p.role === 'unknown' && p.hosting) ||
      crawlers.includes(p),
  );
  const rows = candidates
    .sort((a, b) => rank(a) - rank(b) || b.events - a.events || a.ip.localeCompare(b.ip))
    .slice(0, MAX_IP_ROWS);
  return rows.map((profile) => {
    let impact: BlockImpact | undefined;
    try {
      impact = impactOf(profile.ip);
    } catch {
      impact = undefined;
    }
    const first = impact?.reasonMsgs?.[0];
    return { profile, impact, impactReason: first ? tr.msg(first, impact?.reasons[0]) : impact?.reasons[0] ?? '', linkedToFinding: customerIps.has(profile.ip) };
  });
}

function incidentWindow(
  db: Db,
  evidence: EventWithFile[],
  stops: EventWithFile[],
  period: { f: number | null; t: number | null },
  customerIps: Set<string>,
  toReportEvent: (e: EventWithFile) => ReportEvent,
): ReportModel['window'] {
  const focusIds = new Set(evidence.map((e) => e.id));
  const near = evidence.length
    ? stops.filter((s) => focusIds.has(s.id) || evidence.some((e) => e.order_id && e.order_id === s.order_id))
    : stops.slice(0, 1);
  const anchors = [...evidence.map((e) => e.ts), ...near.map((s) => s.ts)];
  if (anchors.length === 0) {
    if (period.f === null || period.t === null) return null;
    anchors.push(period.f, period.t);
  }
  let from = Math.min(...anchors);
  let to = Math.max(...anchors);
  // Some context on both sides: what the customer did before, what the provider did after.
  const pad = Math.max((to - from) * 0.25, 10 * 60_000);
  from -= pad;
  to += pad;
  const rows = db
    .prepare(
      `SELECT e.*, s.file_name FROM events e JOIN sources s ON s.id = e.source_id
       WHERE e.ts BETWEEN ? AND ? ORDER BY e.ts LIMIT 20000`,
    )
    .all(Math.floor(from), Math.ceil(to)) as EventWithFile[];
  const evidenceIds = new Set(evidence.map((e) => e.id));
  return { from, to, events: rows.map(toReportEvent), evidenceIds, customerIps };
}

export function isoMs(iso: string): number | null {
  return isoToMs(iso);
}

/**
 * The finding the alert is about: one whose evidence contains an anti-fraud stop, else one sharing an
 * order or e-mail with a stop, else the most severe.
 */
function primaryFinding(findings: Finding[], stops: EventRow[]): Finding | undefined {
  if (findings.length === 0) return undefined;
  const stopIds = new Set(stops.map((s) => s.id));
  const stopEmails = new Set(stops.map((s) => s.email?.trim().toLowerCase()).filter(Boolean));
  const stopCustomers = new Set(stops.map((s) => s.customer_id).filter(Boolean));
  const direct = findings.find((f) => f.evidenceEventIds.some((id) => stopIds.has(id)));
  if (direct) return direct;
  const bySubject = findings.find(
    (f) =>
      (f.subject.kind === 'email' && stopEmails.has(f.subject.value.trim().toLowerCase())) ||
      (f.subject.kind === 'customer' && stopCustomers.has(f.subject.value)),
  );
  if (bySubject) return bySubject;
  const rank = { high: 0, medium: 1, low: 2 } as const;
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity])[0];
}

/** A payment refused because the anti-fraud system blocked it reads as "blocked", not as a bank decline. */
function paymentOutcome(e: EventRow): Outcome {
  const o = outcomeOf(e.kind, e.decision, e.status);
  return o === 'declined' && /anti-?fraud|blocked/i.test(e.reason ?? '') ? 'blocked' : o;
}
