// The plain-language parts of the report — summary, verdict, recommendations — written for a manager who
// does not read logs. Every sentence is built from the case's own figures; none is a canned conclusion.
import type { AssessmentLabel, IpProfile } from '../analysis/types';
import type { ReportModel } from './reportModel';
import { localClock, localDateLong } from './timeFormat';

const VERDICT_WORDS: Record<string, string> = {
  legitimate: 'Not fraud: legitimate activity.',
  'policy-breach': 'Not an attack, but a breach of a payment security rule: the anti-fraud system was right to stop it.',
  fraud: 'Fraud: the activity was malicious.',
  undetermined: 'Undetermined: the evidence does not settle the question.',
};

export const ASSESSMENT_WORDS: Record<AssessmentLabel, string> = {
  'likely-legitimate-shared-cards': 'likely legitimate — cards shared within a household, not an attack',
  'likely-card-testing': 'likely card testing — an attack pattern',
  'account-takeover': 'likely account takeover — someone else is using the customer\'s account',
  suspicious: 'suspicious — needs further checks',
  inconclusive: 'inconclusive',
};

export const ROLE_WORDS: Record<string, string> = {
  customer: 'customer',
  provider: 'payment provider (server-to-server)',
  own: 'own infrastructure',
  shared: 'shared address (several customers)',
  crawler: 'crawler / bot',
  attacker: 'attacker (abusive automation)',
  unknown: 'unknown',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The verdict line: the analyst's recorded verdict, or a provisional one derived from the findings. */
export function verdictText(m: ReportModel): { headline: string; provisional: boolean; reason: string | null } {
  const code = m.verdict.code;
  if (code && VERDICT_WORDS[code]) return { headline: VERDICT_WORDS[code], provisional: false, reason: m.verdict.reason };
  const labels = new Set(m.findings.map((f) => f.finding.assessment.label));
  const primary = m.findings.find((f) => f.primary)?.finding.assessment.label;
  let headline: string;
  if (labels.has('likely-card-testing')) headline = 'Possible attack: the case shows a card-testing pattern.';
  else if (primary === 'likely-legitimate-shared-cards')
    headline = 'Not an attack: a customer paid with cards shared within a household. The anti-fraud rule was right to stop it.';
  else if (primary === 'suspicious' || labels.has('suspicious'))
    headline = 'Suspicious activity: further checks are needed before closing the alert.';
  else if (labels.size === 0) headline = 'No fraud pattern found in the case.';
  else headline = 'Inconclusive: the evidence does not settle the question.';
  return { headline, provisional: true, reason: m.verdict.reason };
}

function who(ip: IpProfile): string {
  const org = ip.infra?.label ?? ip.asOrg;
  return [org, ip.asn ? `AS${ip.asn}` : null, ip.country].filter(Boolean).join(', ');
}

/** Short paragraphs telling what happened, in order: the alert, the finding, the traceability, the breach. */
export function summaryParagraphs(m: ReportModel): string[] {
  const out: string[] = [];
  const tz = m.tz;
  const primary = m.findings.find((f) => f.primary);
  const stop = m.antifraudStops.find((s) => primary?.finding.evidenceEventIds.includes(s.id)) ?? m.antifraudStops[0];
  if (stop) {
    const verb = /review|challenge/i.test(stop.decision ?? '') ? 'held for review' : 'blocked';
    out.push(
      `On ${localDateLong(stop.ts, tz)} at ${localClock(stop.ts, tz)} (${tz}), the payment provider's anti-fraud system ${verb} ` +
        `${stop.orderId ? `order ${stop.orderId}` : 'a payment'}${stop.who ? ` of ${stop.who}` : ''}` +
        `${stop.rule ? ` with its rule “${stop.rule}”` : ''}${stop.reason ? `: “${stop.reason}”` : ''}.`,
    );
    const others = m.antifraudStops.filter((s) => s.id !== stop.id);
    if (others.length > 0) {
      const reviews = others.filter((s) => /review|challenge/i.test(s.decision ?? '')).length;
      out.push(
        `That day it also ${[others.length - reviews ? `blocked ${plural(others.length - reviews, 'other payment')}` : '', reviews ? `held ${plural(reviews, 'payment')} for review` : '']
          .filter(Boolean)
          .join(' and ')}; they are in the timeline and the findings below when a rule concerns them.`,
      );
    }
  }
  if (m.findings.length === 0) {
    out.push(`The analysis of ${plural(m.eventCount, 'event')} found no multi-card, velocity or card-testing pattern.`);
  }
  const main = primary ?? m.findings[0];
  if (main) {
    const x = main.finding;
    out.push(
      `What the evidence shows: ${x.title} for ${main.subject} reached ${x.metric.value} (alert threshold ${x.metric.threshold}, ` +
        `within ${x.metric.windowHours} h). Assessment: ${ASSESSMENT_WORDS[x.assessment.label]}. ${x.assessment.text}`,
    );
  }
  const rest = m.findings.filter((f) => f !== main);
  if (rest.length > 0) {
    const bySubject = new Map<string, string[]>();
    for (const f of rest) bySubject.set(f.subject, [...(bySubject.get(f.subject) ?? []), ASSESSMENT_WORDS[f.finding.assessment.label].split(' — ')[0]]);
    out.push(
      `${plural(rest.length, 'other finding')} concern${rest.length === 1 ? 's' : ''} ` +
        [...bySubject].map(([subj, labels]) => `${subj} (${[...new Set(labels)].join(', ')})`).join('; ') +
        '; they are detailed in section 4.',
    );
  }

  const customer = m.ips.find((r) => r.linkedToFinding && r.profile.role === 'customer')?.profile;
  const providers = m.ips.filter((r) => r.profile.role === 'provider');
  if (customer || providers.length) {
    const parts: string[] = [];
    if (customer) parts.push(`The customer connected from ${customer.ip} (${who(customer)}).`);
    for (const p of providers.slice(0, 2)) {
      parts.push(
        `${p.profile.ip} (${who(p.profile)}) is the payment provider's server, which calls the shop server-to-server ` +
          `for every order — ${plural(p.profile.providerCalls, 'call')} for ${plural(p.profile.orders, 'order')} of ` +
          `${plural(p.profile.customers, 'customer')} — so it appears next to every suspicious order and next to every normal one.` +
          (p.impact?.verdict === 'do-not-block' ? ' Blocking it would cut the payment service for every customer.' : ''),
      );
    }
    out.push(parts.join(' '));
  }

  const exposed = m.breach.filter((b) => b.linkedToFinding);
  const breaches = [...new Set((exposed.length ? exposed : m.breach).map((b) => b.hit.breachName))];
  if (exposed.length > 0) {
    const kinds = [...new Set(exposed.map((b) => b.hit.identifierKind === 'email' ? 'e-mail address' : b.hit.identifierKind))];
    out.push(
      `The customer's ${kinds.join(' and ')} appear in the data breach ${breaches.map((b) => `“${b}”`).join(', ')}` +
        `${exposed[0].hit.breachDate ? ` (${exposed[0].hit.breachDate})` : ''}. This is not evidence of fraud, but a risk for the ` +
        `customer (targeted phishing, account takeover) that the customer may not know about.`,
    );
  } else if (m.breach.length > 0) {
    out.push(`${plural(m.breach.length, 'identifier')} of other customers appear in ${breaches.map((b) => `“${b}”`).join(', ')}.`);
  }
  return out;
}

export function recommendations(m: ReportModel): string[] {
  const out: string[] = [];
  const providerRanges = m.infra.filter((i) => i.role === 'provider');
  for (const r of m.ips.filter((x) => x.profile.role === 'provider')) {
    const parts = r.impact
      ? [
          r.impact.orders ? plural(r.impact.orders, 'order') : '',
          r.impact.successfulPayments ? plural(r.impact.successfulPayments, 'successful payment') : '',
          r.impact.providerCalls ? plural(r.impact.providerCalls, 'provider call') : '',
        ].filter(Boolean)
      : [];
    const cut = parts.length
      ? `the provider's traffic for ${parts.slice(0, -1).join(', ')}${parts.length > 1 ? ' and ' : ''}${parts[parts.length - 1]} in this case alone`
      : `the provider's calls for every order`;
    out.push(
      `Do not block the payment provider's IP ${r.profile.ip}: blocking it would cut ${cut}. ` +
        (providerRanges.length
          ? `Whitelist its published ranges (${providerRanges.map((i) => i.cidr).join(', ')}) in the firewall and anti-fraud rules.`
          : `Whitelist the provider's published IP ranges in the firewall and anti-fraud rules.`),
    );
  }
  for (const r of m.ips.filter((x) => x.profile.role === 'shared')) {
    out.push(
      `Do not block the shared address ${r.profile.ip} (${r.profile.asOrg ?? 'carrier'}): it carries ${plural(r.profile.customers, 'unrelated customer')}; ` +
        `block a card or an account instead.`,
    );
  }
  for (const r of m.ips.filter((x) => x.profile.role === 'own')) {
    out.push(
      `${r.profile.ip} is your own infrastructure — ${r.profile.infra?.label ?? r.profile.asOrg ?? 'reverse proxy'}. Rules and blocks must use the client address it forwards (X-Forwarded-For), never this address.`,
    );
  }
  const labels = new Set(m.findings.map((f) => f.finding.assessment.label));
  const primary = m.findings.find((f) => f.primary);
  const rule = (m.antifraudStops.find((s) => primary?.finding.evidenceEventIds.includes(s.id)) ?? m.antifraudStops[0])?.rule;
  if (labels.has('likely-card-testing')) {
    out.push('Treat the card-testing finding as an attack: block the cards and addresses it lists (after checking their block impact above), and notify the payment provider.');
  } else if (labels.has('likely-legitimate-shared-cards')) {
    out.push(
      `Close the alert as a legitimate purchase once the customer has confirmed it (a phone call is enough), and keep the ` +
        `${rule ? `“${rule}” ` : ''}rule as it is: it stopped the payment it is designed to stop.`,
    );
  }
  const exposed = m.breach.filter((b) => b.linkedToFinding);
  if (exposed.length > 0) {
    out.push(
      `Tell the customer that their details appear in “${exposed[0].hit.breachName}”, and advise vigilance against calls and messages that use them.`,
    );
  }
  out.push('Never block an IP address without checking its role and what blocking it would cut (the block-impact column above).');
  out.push('Keep the case file: the SHA-256 values in the evidence manifest identify the exact exports analysed, and the audit log records every analyst action.');
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
