// Spreadsheet CSV exports of events, findings and IP roles: UTF-8 with BOM so Excel detects the
// encoding, formulas neutralised, `;` + decimal comma on request for French Excel.
import type { Db } from '../casefile/caseFile';
import type { BlockImpact, Finding, IpProfile } from '../analysis/types';
import { csvLine, type CsvOptions } from './csvCell';
import { iterateEvents, type EventFilter, type EventWithSource } from './eventQuery';
import { LineFileWriter } from './rowWriter';
import { translator } from '../i18n/translator';
import { DEFAULT_LANG } from '../i18n/locale';
import { RULE_TITLE_MSG, termOr } from '../i18n/terms';

const BOM = '\uFEFF';

export interface ExportResult {
  out: string;
  rows: number;
}

export const EVENT_COLUMNS: (keyof EventWithSource)[] = [
  'id', 'ts', 'ts_text', 'kind', 'source_file', 'row_no', 'ip', 'client_ip', 'xff', 'method', 'path', 'status', 'bytes',
  'user_agent', 'referer', 'email', 'phone', 'name', 'customer_id', 'order_id', 'transaction_id', 'card_key_kind',
  'card_fingerprint', 'card_bin', 'card_last4', 'card_expiry', 'card_brand', 'amount', 'currency', 'decision', 'rule',
  'reason', 'raw',
];

async function writeCsv(out: string, header: string[], rows: Iterable<unknown[]>, opts: CsvOptions): Promise<ExportResult> {
  const w = new LineFileWriter(out);
  await w.write(BOM + csvLine(header, opts), false);
  for (const r of rows) {
    const p = w.write(csvLine(r, opts));
    if (p) await p;
  }
  await w.close();
  return { out, rows: w.lines };
}

/** Events in time order; `ts` becomes an ISO 8601 UTC column `time_utc` beside the original text. */
export async function exportEventsCsv(db: Db, out: string, filter: EventFilter = {}, opts: CsvOptions = {}): Promise<ExportResult> {
  const header = ['time_utc', ...EVENT_COLUMNS.filter((c) => c !== 'ts')];
  function* rows(): Iterable<unknown[]> {
    for (const e of iterateEvents(db, filter)) {
      yield [new Date(e.ts).toISOString(), ...EVENT_COLUMNS.filter((c) => c !== 'ts').map((c) => e[c])];
    }
  }
  return writeCsv(out, header, rows(), opts);
}

export async function exportFindingsCsv(findings: Finding[], out: string, opts: CsvOptions = {}): Promise<ExportResult> {
  const header = [
    'id', 'rule', 'title', 'severity', 'subject_kind', 'subject', 'window_from_utc', 'window_to_utc', 'value', 'threshold',
    'window_hours', 'assessment', 'assessment_text', 'household_signals', 'card_testing_signals', 'weak_card_key',
    'summary', 'evidence_event_ids',
  ];
  // text columns in the export's language; codes (rule, severity, label) and data stay as they are
  const tr = translator(opts.lang ?? DEFAULT_LANG);
  const rows = findings.map((f) => {
    const title = termOr(RULE_TITLE_MSG, f.rule);
    return [
      f.id, f.rule, title ? tr.t(title, { hours: f.metric.windowHours }) : f.title, f.severity, f.subject.kind, f.subject.value, f.window.from, f.window.to, f.metric.value,
      f.metric.threshold, f.metric.windowHours, f.assessment.label, tr.said(f.assessment.textMsg, f.assessment.text),
      tr.saidAll(f.assessment.householdSignalMsgs, f.assessment.householdSignals).join(' | '),
      tr.saidAll(f.assessment.cardTestingSignalMsgs, f.assessment.cardTestingSignals).join(' | '), f.weakCardKey, tr.said(f.summaryMsg, f.summary), f.evidenceEventIds.join(' '),
    ];
  });
  return writeCsv(out, header, rows, opts);
}

export async function exportIpRolesCsv(
  ips: IpProfile[],
  out: string,
  opts: CsvOptions & { impact?: (ip: string) => BlockImpact | undefined } = {},
): Promise<ExportResult> {
  const header = [
    'ip', 'role', 'confidence', 'override', 'asn', 'as_org', 'country', 'hosting', 'infra', 'events', 'first_seen_utc',
    'last_seen_utc', 'customers', 'emails', 'cards', 'orders', 'provider_calls', 'page_views', 'user_agents', 'signals',
    'block_verdict', 'block_reasons',
  ];
  const tr = translator(opts.lang ?? DEFAULT_LANG);
  const rows = ips.map((p) => {
    const impact = opts.impact?.(p.ip);
    return [
      p.ip, p.role, p.confidence, p.override ? `${p.override.role}: ${p.override.reason}` : null, p.asn, p.asOrg, p.country,
      p.hosting, p.infra ? `${p.infra.role} ${p.infra.label} (${p.infra.cidr})` : null, p.events, p.firstSeen, p.lastSeen,
      p.customers, p.emails, p.cards, p.orders, p.providerCalls, p.pageViews, p.userAgents, tr.saidAll(p.signalMsgs, p.signals).join(' | '),
      impact?.verdict ?? null, impact ? tr.saidAll(impact.reasonMsgs, impact.reasons).join(' | ') : null,
    ];
  });
  return writeCsv(out, header, rows, opts);
}
