// Timesketch import formats (CSV and JSONL): every line needs `message`, `datetime` (ISO 8601),
// `timestamp` (µs since the epoch) and `timestamp_desc`; other columns become searchable attributes.
// No BOM here: Timesketch reads the first header cell literally.
import type { Db } from '../casefile/caseFile';
import { csvLine, type CsvOptions } from './csvCell';
import { iterateEvents, type EventFilter, type EventWithSource } from './eventQuery';
import { LineFileWriter } from './rowWriter';
import type { ExportResult } from './csvExport';
import type { EventKind } from '../vocabulary';

const TIMESTAMP_DESC: Record<EventKind, string> = {
  http_request: 'Request Time',
  order: 'Order Time',
  payment: 'Payment Time',
  antifraud_decision: 'Anti-fraud Decision Time',
  provider_call: 'Provider Call Time',
  record: 'Record Time',
};

/** Attribute columns, after the four Timesketch ones. */
const ATTRIBUTES: (keyof EventWithSource)[] = [
  'kind', 'source_file', 'row_no', 'ip', 'client_ip', 'xff', 'method', 'path', 'status', 'bytes', 'user_agent', 'referer',
  'email', 'phone', 'name', 'customer_id', 'order_id', 'transaction_id', 'card_brand', 'card_last4', 'card_fingerprint',
  'amount', 'currency', 'decision', 'rule', 'reason',
];

/** A one-line human summary of the event, by kind. */
export function eventMessage(e: EventWithSource): string {
  const who = [e.email, e.customer_id].filter(Boolean).join(' ');
  const money = e.amount !== null ? `${e.amount} ${e.currency ?? ''}`.trim() : '';
  const card = e.card_last4 ? `card ${e.card_brand ?? ''} •••• ${e.card_last4}`.replace('  ', ' ') : '';
  const parts: (string | number | null)[] =
    e.kind === 'http_request'
      ? [e.client_ip ?? e.ip, e.method, e.path, e.status, e.user_agent ? `"${e.user_agent}"` : null]
      : e.kind === 'antifraud_decision'
        ? ['anti-fraud', e.decision, e.rule, e.order_id, who, e.reason]
        : e.kind === 'provider_call'
          ? ['provider call', e.ip, e.method, e.path, e.status, e.transaction_id]
          : [e.kind, e.order_id ?? e.transaction_id, who, money, card, e.decision, e.ip ? `from ${e.ip}` : null];
  return parts.filter((p) => p !== null && p !== undefined && p !== '').join(' ');
}

function record(e: EventWithSource): Record<string, unknown> {
  const r: Record<string, unknown> = {
    message: eventMessage(e),
    datetime: new Date(e.ts).toISOString(),
    timestamp: e.ts * 1000,
    timestamp_desc: TIMESTAMP_DESC[e.kind] ?? 'Event Time',
    alibi_event_id: e.id,
  };
  for (const k of ATTRIBUTES) r[k] = e[k];
  return r;
}

export async function exportTimesketchJsonl(db: Db, out: string, filter: EventFilter = {}): Promise<ExportResult> {
  const w = new LineFileWriter(out);
  for (const e of iterateEvents(db, filter)) {
    const r = record(e);
    for (const k of Object.keys(r)) if (r[k] === null) delete r[k];
    const p = w.write(JSON.stringify(r) + '\n');
    if (p) await p;
  }
  await w.close();
  return { out, rows: w.lines };
}

export async function exportTimesketchCsv(db: Db, out: string, filter: EventFilter = {}, opts: CsvOptions = {}): Promise<ExportResult> {
  const header = ['message', 'datetime', 'timestamp', 'timestamp_desc', 'alibi_event_id', ...ATTRIBUTES];
  const w = new LineFileWriter(out);
  const csv = { ...opts, separator: opts.separator ?? ',' } as CsvOptions;
  await w.write(csvLine(header, csv), false);
  for (const e of iterateEvents(db, filter)) {
    const r = record(e);
    const p = w.write(csvLine(header.map((h) => r[h]), csv));
    if (p) await p;
  }
  await w.close();
  return { out, rows: w.lines };
}
