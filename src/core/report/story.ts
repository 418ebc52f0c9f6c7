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
