// The plain-language parts of the report — summary, verdict, recommendations — written for a manager who
// does not read logs, in the report's language. Every sentence is built from the case's own figures; none
// is a canned conclusion. Case data (names, orders, rules, breach names) is passed as values, never translated.
import type { IpProfile } from '../analysis/types';
import { ASSESSMENT_MSG, ASSESSMENT_SHORT_MSG, IDENTIFIER_KIND_MSG, termOr, type Translator } from '../i18n';
import type { ReportModel } from './reportModel';

const yes = (b: unknown): string => (b ? 'yes' : 'no');

/** The long assessment words for a label, or the label itself when this version does not know it. */
export function assessmentWords(tr: Translator, label: string, short = false): string {
  const id = termOr(short ? ASSESSMENT_SHORT_MSG : ASSESSMENT_MSG, label);
  return id ? tr.t(id) : label;
}

const quoted = (tr: Translator, text: string) => tr.t('format.quoted', { text });

/** The verdict line: the analyst's recorded verdict, or a provisional one derived from the findings. */
export function verdictText(m: ReportModel, tr: Translator): { headline: string; provisional: boolean; reason: string | null } {
  const code = m.verdict.code;
  const recorded: Record<string, string> = {
    legitimate: tr.t('report.verdict.legitimate'),
    'policy-breach': tr.t('report.verdict.policyBreach'),
    fraud: tr.t('report.verdict.fraud'),
    undetermined: tr.t('report.verdict.undetermined'),
  };
  if (code && recorded[code]) return { headline: recorded[code], provisional: false, reason: m.verdict.reason };
  const labels = new Set(m.findings.map((f) => f.finding.assessment.label));
  const primary = m.findings.find((f) => f.primary)?.finding.assessment.label;
  let headline: string;
  if (labels.has('likely-card-testing')) headline = tr.t('report.verdict.cardTesting');
  else if (primary === 'likely-legitimate-shared-cards') headline = tr.t('report.verdict.sharedCards');
  else if (primary === 'suspicious' || labels.has('suspicious')) headline = tr.t('report.verdict.suspicious');
  else if (labels.size === 0) headline = tr.t('report.verdict.nothing');
  else headline = tr.t('report.verdict.inconclusive');
  return { headline, provisional: true, reason: m.verdict.reason };
}

function who(ip: IpProfile): string {
  const org = ip.infra?.label ?? ip.asOrg;
  return [org, ip.asn ? `AS${ip.asn}` : null, ip.country].filter(Boolean).join(', ');
}

/** Short paragraphs telling what happened, in order: the alert, the finding, the traceability, the breach. */
export function summaryParagraphs(m: ReportModel, tr: Translator): string[] {
  const out: string[] = [];
  const tz = m.tz;
  const primary = m.findings.find((f) => f.primary);
  const stop = m.antifraudStops.find((s) => primary?.finding.evidenceEventIds.includes(s.id)) ?? m.antifraudStops[0];
  const isReview = (decision: string | null) => /review|challenge/i.test(decision ?? '');
  if (stop) {
    out.push(
      tr.t('report.summary.stop', {
        date: tr.dateLong(stop.ts, tz),
        time: tr.time(stop.ts, tz, { seconds: true }),
        zone: tr.zoneName(tz),
        review: yes(isReview(stop.decision)),
        hasOrder: yes(stop.orderId),
        order: stop.orderId ?? '',
        hasWho: yes(stop.who),
        who: stop.who,
        hasRule: yes(stop.rule),
        rule: stop.rule ?? '',
        hasReason: yes(stop.reason),
        reason: stop.reason ?? '',
      }),
    );
    const others = m.antifraudStops.filter((s) => s.id !== stop.id);
    if (others.length > 0) {
      const reviews = others.filter((s) => isReview(s.decision)).length;
      const blocked = others.length - reviews;
      out.push(tr.t('report.summary.otherStops', { blocked, reviews, both: yes(blocked && reviews) }));
    }
  }
  if (m.findings.length === 0) out.push(tr.t('report.summary.noFinding', { events: m.eventCount }));
  const main = primary ?? m.findings[0];
  if (main) {
    const x = main.finding;
    out.push(
      tr.t('report.summary.mainFinding', {
        title: main.title,
        subject: main.subject,
        value: x.metric.value,
        threshold: x.metric.threshold,
        hours: x.metric.windowHours,
        assessment: assessmentWords(tr, x.assessment.label),
        text: main.assessmentText,
      }),
    );
  }
  const rest = m.findings.filter((f) => f !== main);
  if (rest.length > 0) {
    const bySubject = new Map<string, Set<string>>();
    for (const f of rest) bySubject.set(f.subject, (bySubject.get(f.subject) ?? new Set()).add(assessmentWords(tr, f.finding.assessment.label, true)));
    const items = [...bySubject].map(([subject, labels]) => tr.t('report.summary.otherFindingItem', { subject, labels: tr.list([...labels]) }));
    out.push(tr.t('report.summary.otherFindings', { count: rest.length, list: items.join(tr.t('format.semicolonSeparator')) }));
  }

  const customer = m.ips.find((r) => r.linkedToFinding && r.profile.role === 'customer')?.profile;
  const providers = m.ips.filter((r) => r.profile.role === 'provider');
  if (customer || providers.length) {
    const parts: string[] = [];
    if (customer) parts.push(tr.t('report.summary.customerIp', { ip: customer.ip, who: who(customer) }));
    for (const p of providers.slice(0, 2)) {
      parts.push(
        tr.t('report.summary.providerIp', {
          ip: p.profile.ip,
          who: who(p.profile),
          calls: p.profile.providerCalls,
          orders: p.profile.orders,
          customers: p.profile.customers,
          doNotBlock: yes(p.impact?.verdict === 'do-not-block'),
        }),
      );
    }
    out.push(parts.join(' '));
  }

  const exposed = m.breach.filter((b) => b.linkedToFinding);
  const breaches = [...new Set((exposed.length ? exposed : m.breach).map((b) => b.hit.breachName))].map((b) => quoted(tr, b));
  if (exposed.length > 0) {
    const kinds = [...new Set(exposed.map((b) => b.hit.identifierKind))].map((k) => {
      const id = termOr(IDENTIFIER_KIND_MSG, k);
      return id ? tr.t(id) : k;
    });
    out.push(
      tr.t('report.summary.breachCustomer', {
        breaches: tr.list(breaches),
        hasDate: yes(exposed[0].hit.breachDate),
        date: exposed[0].hit.breachDate ?? '',
        kinds: tr.list(kinds),
      }),
    );
  } else if (m.breach.length > 0) {
    out.push(tr.t('report.summary.breachOthers', { count: m.breach.length, breaches: tr.list(breaches) }));
  }
  return out;
}

export function recommendations(m: ReportModel, tr: Translator): string[] {
  const out: string[] = [];
  const providerRanges = m.infra.filter((i) => i.role === 'provider');
  for (const r of m.ips.filter((x) => x.profile.role === 'provider')) {
    const impact = r.impact
      ? [
          r.impact.orders ? tr.t('report.count.orders', { count: r.impact.orders }) : '',
          r.impact.successfulPayments ? tr.t('report.count.successfulPayments', { count: r.impact.successfulPayments }) : '',
          r.impact.providerCalls ? tr.t('report.count.providerCalls', { count: r.impact.providerCalls }) : '',
        ].filter(Boolean)
      : [];
    const cut = impact.length
      ? tr.t('report.rec.providerCut', { ip: r.profile.ip, impact: tr.list(impact) })
      : tr.t('report.rec.providerCutEveryOrder', { ip: r.profile.ip });
    const whitelist = providerRanges.length
      ? tr.t('report.rec.whitelistRanges', { ranges: providerRanges.map((i) => i.cidr).join(', ') })
      : tr.t('report.rec.whitelistProvider');
    out.push(`${cut} ${whitelist}`);
  }
  for (const r of m.ips.filter((x) => x.profile.role === 'shared')) {
    out.push(tr.t('report.rec.shared', { ip: r.profile.ip, org: r.profile.asOrg ?? tr.t('report.rec.carrier'), customers: r.profile.customers }));
  }
  for (const r of m.ips.filter((x) => x.profile.role === 'own')) {
    out.push(tr.t('report.rec.own', { ip: r.profile.ip, label: r.profile.infra?.label ?? r.profile.asOrg ?? tr.t('report.rec.reverseProxy') }));
  }
  const labels = new Set(m.findings.map((f) => f.finding.assessment.label));
  const primary = m.findings.find((f) => f.primary);
  const rule = (m.antifraudStops.find((s) => primary?.finding.evidenceEventIds.includes(s.id)) ?? m.antifraudStops[0])?.rule;
  if (labels.has('likely-card-testing')) out.push(tr.t('report.rec.cardTesting'));
  else if (labels.has('likely-legitimate-shared-cards')) out.push(tr.t('report.rec.closeAsLegitimate', { hasRule: yes(rule), rule: rule ?? '' }));
  const exposed = m.breach.filter((b) => b.linkedToFinding);
  if (exposed.length > 0) out.push(tr.t('report.rec.tellCustomer', { breach: quoted(tr, exposed[0].hit.breachName) }));
  out.push(tr.t('report.rec.neverBlockBlind'));
  out.push(tr.t('report.rec.keepCaseFile'));
  return out;
}

/** Page 1 for the shop owner: what was blocked and why, what we conclude, what to do now, who to call. */
export interface Answer {
  blocked: string | null;
  why: string | null;
  indications: string[];
  toCheck: string[];
  actions: string[];
  contacts: string[];
}

/** What each rule counts, in the words of the "why" sentence. */
const WHY_KIND: Record<string, string> = {
  'MC-1': 'cardsPerPerson', 'MC-1c': 'cardsPerPerson', 'MC-2': 'cardsPerConnection', 'MC-2d': 'cardsPerConnection',
  'MC-3': 'sharedCard', 'MC-4': 'declines', 'MC-4ip': 'declines', 'CT-1': 'testing', 'CT-2': 'testing',
};

/** "21 minutes", "3 hours", "2 days": the span of a finding's window. */
function span(ms: number, tr: Translator): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 120) return tr.t('report.answer.span', { unit: 'min', n: min });
  if (min < 48 * 60) return tr.t('report.answer.span', { unit: 'h', n: Math.round(min / 60) });
  return tr.t('report.answer.span', { unit: 'd', n: Math.round(min / 1440) });
}

export function answer(m: ReportModel, tr: Translator): Answer {
  const a = m.alert;
  const primary = m.findings.find((f) => f.primary) ?? m.findings[0];
  const label = primary?.finding.assessment.label;
  const testing = label === 'likely-card-testing' || label === 'account-takeover';
  const household = label === 'likely-legitimate-shared-cards';
  const exposed = m.breach.filter((b) => b.linkedToFinding);
  const breach = exposed.length ? quoted(tr, exposed[0].hit.breachName) : null;
  const who = m.customer?.name || m.customer?.email || a?.email || '';
  const stop = a ? m.antifraudStops.find((s) => s.id === a.eventId) : undefined;
  const rule = a?.rule ?? stop?.rule ?? null;

  // the decision row rarely carries the amount: the blocked order's own payment or order row does
  const amount = a?.amount !== null && a?.amount !== undefined ? { value: a.amount, currency: a.currency } : m.customer?.amount ?? null;
  const blocked = a
    ? tr.t('report.answer.blocked', {
        date: tr.dateLong(a.at, m.tz), time: tr.time(a.at, m.tz), zone: tr.zoneName(m.tz), review: yes(a.action === 'review'),
        hasOrder: yes(a.orderId), order: a.orderId ?? '', hasAmount: yes(amount), amount: amount ? tr.amount(amount.value, amount.currency) : '',
        hasWho: yes(who), who,
      })
    : null;
  const x = primary?.finding;
  const why = x
    ? tr.t('report.answer.why', {
        kind: WHY_KIND[x.rule] ?? 'testing', value: x.metric.value,
        hasSpan: yes(x.metric.windowHours > 0), span: span(Date.parse(x.window.to) - Date.parse(x.window.from), tr),
        hasRule: yes(a && rule), rule: rule ?? '',
      })
    : a?.reason ? tr.t('report.answer.providerReason', { reason: a.reason }) : null;

  const indications = a?.assessment ? tr.saidAll(a.assessment.forMsgs, a.assessment.for).slice(0, 3) : (primary?.householdSignals ?? []).slice(0, 3);
  const toCheck = a ? tr.saidAll(a.suggested.againstMsgs, a.suggested.against).slice(0, 2) : [];

  const actions: string[] = [];
  if (!x && !a) actions.push(tr.t('report.do.nothing'));
  else if (household) {
    actions.push(tr.t('report.do.confirmHousehold'));
    if (rule) actions.push(tr.t('report.do.keepRule', { rule }));
  } else if (testing) actions.push(tr.t('report.do.cardTesting'));
  else actions.push(tr.t('report.do.callFirst'));
  const attackers = m.ips.filter((r) => r.profile.role === 'attacker' && r.impact?.verdict === 'safe').length;
  if (testing && attackers) actions.push(tr.t('report.do.blockAttackers', { count: attackers }));
  const dontBlock = m.ips.filter((r) => r.impact?.verdict === 'do-not-block');
  if (dontBlock.length) actions.push(tr.t('report.do.dontBlock', { provider: yes(dontBlock.some((r) => r.profile.role === 'provider')) }));
  if (breach) actions.push(tr.t('report.do.warnCustomer', { breach }));

  const contacts: string[] = [];
  if (who && !testing) {
    contacts.push(tr.t('report.call.customer', { who, hasPhone: yes(m.customer?.phone), phone: m.customer?.phone ?? '', hasEmail: yes(m.customer?.name && m.customer.email), email: m.customer?.email ?? '', breach: yes(breach) }));
  }
  if (a || x) contacts.push(tr.t('report.call.provider', { purpose: testing ? 'testing' : 'other' }));
  if (breach) contacts.push(tr.t('report.call.dpo', { breach }));
  if (m.consultant) contacts.push(tr.t('report.call.consultant', { consultant: m.consultant }));
  return { blocked, why, indications, toCheck, actions, contacts };
}
