// The alerts a case was opened for: every anti-fraud decision that blocked or held an order, joined with what
// the engine says about it (the findings on the same customer, merged; the assessment; the IPs involved and
// whether blocking them is safe; the customer's breach exposure) and a suggested verdict with its reasons.
// One function so the case home, the CLI and the report tell the same story about the same alert.
import { z } from 'zod';
import type { Db } from '../casefile/caseFile';
import type { BlockImpact, BreachHit, Finding, IpProfile, IpRole, Severity } from '../analysis/types';
import { normCustomerId, normEmail } from '../analysis/caseLinks';
import { defineApi, type ApiContext } from '../apiContract';
import { msg, type Msg } from '../i18n/message';
import { english } from '../i18n/said';
import { ASSESSMENT_SHORT_MSG, ROLE_MSG } from '../i18n/terms';

export type AlertAction = 'blocked' | 'review';
export type SuggestedVerdict = 'legitimate' | 'policy-breach' | 'fraud' | 'undetermined';

export interface AlertIp {
  ip: string;
  role: IpRole;
  confidence: number;
  asOrg: string | null;
  country: string | null;
  /** Why this IP is part of the alert, e.g. 'customer' (placed the orders) or 'provider' (carried them). */
  involvement: 'customer' | 'carrier';
  block: BlockImpact['verdict'];
  blockReason: string | null;
  blockReasonMsg?: Msg;
}

export interface CaseAlert {
  /** Stable within a case: the anti-fraud decision's event id. */
  id: string;
  eventId: number;
  at: number; // ms UTC
  action: AlertAction;
  decision: string;
  rule: string | null;
  reason: string | null;
  orderId: string | null;
  transactionId: string | null;
  email: string | null;
  customerIds: string[];
  amount: number | null;
  currency: string | null;
  /** The customer's orders in the case (ids), the blocked one included. */
  orders: string[];
  /** Findings about this alert's customer, IPs or cards: several rules firing on one story are one alert. */
  findingIds: string[];
  severity: Severity | null;
  /** Texts in English, with the same as catalogue messages (`textMsg`, `forMsgs`, `againstMsgs`) for hosts that speak the user's language. */
  assessment: { label: string; text: string; for: string[]; against: string[]; textMsg?: Msg; forMsgs?: Msg[]; againstMsgs?: Msg[] } | null;
  ips: AlertIp[];
  breach: BreachHit[];
  suggested: { verdict: SuggestedVerdict; reasons: string[]; against: string[]; reasonMsgs?: Msg[]; againstMsgs?: Msg[] };
  /** Events to open as this alert's evidence (the decision first). */
  evidenceEventIds: number[];
}

export interface AlertInputs {
  findings: Finding[];
  ips: IpProfile[];
  breach: BreachHit[];
  blockImpact(ip: string): BlockImpact;
}

const BLOCKING = /(block|deny|denied|reject|refus|fraud|cancel)/i;
const HOLDING = /(review|challenge|hold|manual|pending|verify)/i;
const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
const MAX_ALERTS = 50;

export function alertActionOf(decision: string | null): AlertAction | null {
  const d = (decision ?? '').trim().slice(0, 200);
  if (!d) return null;
  if (BLOCKING.test(d)) return 'blocked';
  if (HOLDING.test(d)) return 'review';
  return null;
}

interface DecisionRow {
  id: number; ts: number; decision: string | null; rule: string | null; reason: string | null; order_id: string | null;
  transaction_id: string | null; email: string | null; customer_id: string | null; client_ip: string | null;
  amount: number | null; currency: string | null;
}

/** The case's alerts, blocked first then held for review, each in time order. */
export function caseAlerts(db: Db, input: AlertInputs): CaseAlert[] {
  const rows = db
    .prepare(
      `SELECT id, ts, decision, rule, reason, order_id, transaction_id, email, customer_id, client_ip, amount, currency
       FROM events WHERE kind = 'antifraud_decision' ORDER BY ts, id`,
    )
    .all() as DecisionRow[];
  const alerts: CaseAlert[] = [];
  for (const r of rows) {
    const action = alertActionOf(r.decision);
    if (action) alerts.push(buildAlert(db, r, action, input));
  }
  alerts.sort((a, b) => (a.action === b.action ? a.at - b.at : a.action === 'blocked' ? -1 : 1));
  return alerts.slice(0, MAX_ALERTS);
}

function buildAlert(db: Db, r: DecisionRow, action: AlertAction, input: AlertInputs): CaseAlert {
  const email = normEmail(r.email);
  // The customer's identity across sources: the e-mail and every customer id that e-mail or this order carries.
  const related = db
    .prepare(
      `SELECT id, kind, client_ip, ip, customer_id, order_id, card_key FROM events
       WHERE kind IN ('order', 'payment', 'antifraud_decision', 'provider_call', 'record')
         AND ((? IS NOT NULL AND lower(email) = ?) OR (? IS NOT NULL AND order_id = ?) OR (? IS NOT NULL AND transaction_id = ?))
       LIMIT 5000`,
    )
    .all(email, email, r.order_id, r.order_id, r.transaction_id, r.transaction_id) as {
    id: number; kind: string; client_ip: string | null; ip: string | null; customer_id: string | null; order_id: string | null; card_key: string | null;
  }[];
  const customerIds = new Set<string>();
  const orders = new Set<string>();
  const cards = new Set<string>();
  const customerIps = new Set<string>();
  for (const e of related) {
    const c = normCustomerId(e.customer_id);
    if (c) customerIds.add(c);
    if (e.order_id) orders.add(e.order_id);
    if (e.card_key) cards.add(e.card_key);
    if (e.kind !== 'provider_call' && e.client_ip) customerIps.add(e.client_ip);
  }
  if (r.client_ip) customerIps.add(r.client_ip);
  // Server-to-server calls that carried this customer's orders: the provider's addresses, never the customer's.
  const carriers = new Set<string>();
  if (orders.size) {
    const ids = [...orders].slice(0, 500);
    const calls = db
      .prepare(`SELECT DISTINCT client_ip FROM events WHERE kind = 'provider_call' AND client_ip IS NOT NULL AND order_id IN (${ids.map(() => '?').join(',')}) LIMIT 50`)
      .all(...ids) as { client_ip: string }[];
    for (const c of calls) if (!customerIps.has(c.client_ip)) carriers.add(c.client_ip);
  }
  const relatedIds = new Set(related.map((e) => e.id));
  relatedIds.add(r.id);

  const findings = input.findings.filter((f) => {
    const v = f.subject.value;
    const bySubject =
      (f.subject.kind === 'email' && email !== null && v.toLowerCase() === email) ||
      (f.subject.kind === 'customer' && customerIds.has(v)) ||
      (f.subject.kind === 'ip' && customerIps.has(v)) ||
      (f.subject.kind === 'card' && cards.has(v));
    return bySubject || f.evidenceEventIds.some((id) => relatedIds.has(id));
  });
  const lead = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.evidenceEventIds.length - a.evidenceEventIds.length)[0];
  // The assessment most findings agree on; a disagreeing one is shown as evidence against.
  const labelVotes = new Map<string, Finding[]>();
  for (const f of findings) labelVotes.set(f.assessment.label, [...(labelVotes.get(f.assessment.label) ?? []), f]);
  const agreed = [...labelVotes.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] === lead?.assessment.label ? -1 : 1))[0];
  const main = agreed ? agreed[1].sort((a, b) => b.assessment.householdSignals.length + b.assessment.cardTestingSignals.length - (a.assessment.householdSignals.length + a.assessment.cardTestingSignals.length))[0] : undefined;
  const assessment = main ? assessmentOf(main, findings) : null;

  const profiles = new Map(input.ips.map((p) => [p.ip, p]));
  const ips: AlertIp[] = [];
  for (const [ip, involvement] of [...[...customerIps].map((i) => [i, 'customer'] as const), ...[...carriers].map((i) => [i, 'carrier'] as const)]) {
    const p = profiles.get(ip);
    if (!p) continue;
    const impact = input.blockImpact(ip);
    ips.push({
      ip, role: p.role, confidence: p.confidence, asOrg: p.asOrg, country: p.country, involvement,
      block: impact.verdict, blockReason: impact.reasons[0] ?? null, ...(impact.reasonMsgs?.[0] ? { blockReasonMsg: impact.reasonMsgs[0] } : {}),
    });
  }

  const breach = input.breach.filter((b) => b.customers.some((c) => customerIds.has(c)) || b.eventIds.some((id) => relatedIds.has(id)));
  const evidence = [r.id, ...new Set(findings.flatMap((f) => f.evidenceEventIds))].slice(0, 200);
  return {
    id: `alert:${r.id}`,
    eventId: r.id,
    at: r.ts,
    action,
    decision: r.decision ?? '',
    rule: r.rule,
    reason: r.reason,
    orderId: r.order_id,
    transactionId: r.transaction_id,
    email,
    customerIds: [...customerIds],
    amount: r.amount,
    currency: r.currency,
    orders: [...orders].sort(),
    findingIds: findings.map((f) => f.id),
    severity: lead?.severity ?? null,
    assessment,
    ips: ips.sort((a, b) => (a.involvement === b.involvement ? 0 : a.involvement === 'customer' ? -1 : 1)),
    breach,
    suggested: suggestVerdict(action, assessment, ips, breach),
    evidenceEventIds: evidence,
  };
}

/** English text of an engine message, or the message itself when a stored one carries only text. */
const texts = (ms: Msg[]): string[] => ms.map(english);
/** A finding's signals as messages (older results without them: their English text). */
const msgsOf = (ms: Msg[] | undefined, plain: string[]): Msg[] => ms ?? plain.map((text) => msg('term.text', { text }));

function assessmentOf(main: Finding, all: Finding[]): CaseAlert['assessment'] {
  const household = main.assessment.label === 'likely-legitimate-shared-cards';
  const hm = msgsOf(main.assessment.householdSignalMsgs, main.assessment.householdSignals);
  const cm = msgsOf(main.assessment.cardTestingSignalMsgs, main.assessment.cardTestingSignals);
  const dissent = all
    .filter((f) => f.assessment.label !== main.assessment.label)
    .map((f) => msg('alert.dissent', { rule: f.rule, kind: f.subject.kind, subject: f.subject.value, label: msg(ASSESSMENT_SHORT_MSG[f.assessment.label] ?? 'term.assessmentShort.inconclusive') }));
  const forMsgs = household ? hm : cm;
  const againstMsgs = [...(household ? cm : hm), ...dissent];
  return {
    label: main.assessment.label, text: main.assessment.text, for: texts(forMsgs), against: texts(againstMsgs),
    ...(main.assessment.textMsg ? { textMsg: main.assessment.textMsg } : {}), forMsgs, againstMsgs,
  };
}

/**
 * A suggestion, never a decision: the analyst records the verdict. A household paying with a relative's card
 * is a breach of the shop's rule, not fraud; card testing is fraud; anything else stays undetermined.
 */
export function suggestVerdict(
  action: AlertAction,
  assessment: CaseAlert['assessment'],
  ips: AlertIp[],
  breach: BreachHit[],
): CaseAlert['suggested'] {
  const reasons: Msg[] = [];
  const forMsgs = assessment ? msgsOf(assessment.forMsgs, assessment.for) : [];
  const against: Msg[] = assessment ? msgsOf(assessment.againstMsgs, assessment.against) : [];
  let verdict: SuggestedVerdict = 'undetermined';
  if (!assessment) {
    reasons.push(msg('alert.reason.noFinding'));
  } else if (assessment.label === 'likely-legitimate-shared-cards') {
    verdict = 'policy-breach';
    reasons.push(msg('alert.reason.household'), ...forMsgs.slice(0, 4), msg('alert.reason.householdRule'));
  } else if (assessment.label === 'likely-card-testing') {
    verdict = 'fraud';
    reasons.push(msg('alert.reason.cardTesting'), ...forMsgs.slice(0, 4));
  } else {
    reasons.push(msg('alert.reason.unsettled'), ...forMsgs.slice(0, 3));
  }
  const customerIp = ips.find((i) => i.involvement === 'customer' && i.role !== 'customer');
  if (customerIp) against.push(msg('alert.against.customerIpRole', { ip: customerIp.ip, role: msg(ROLE_MSG[customerIp.role] ?? 'term.role.unknown') }));
  if (breach.some((b) => !b.weak)) against.push(msg('alert.against.breach'));
  if (action === 'review') reasons.unshift(msg('alert.reason.review'));
  return { verdict, reasons: texts(reasons), against: texts(against), reasonMsgs: reasons, againstMsgs: against };
}

/** Argument schemas of the alert API methods. */
export const alertSchemas = {
  alertsList: z.object({}).strict(),
} as const;

export interface AlertHandlers {
  alertsList(args: Record<string, never>): Promise<CaseAlert[]>;
}

/** The alerts of the open case, from its one analysis snapshot. */
export const alertsApi = defineApi(alertSchemas, (ctx: ApiContext) => ({
  alertsList: (): CaseAlert[] => {
    const db = ctx.db();
    const a = ctx.analysis();
    return caseAlerts(db, { findings: a.findings, ips: a.ips, breach: a.breach, blockImpact: (ip) => ctx.blockImpact(ip) });
  },
}));
