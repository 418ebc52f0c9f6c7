// Writes one source's events and rejected rows with prepared statements. The caller owns the transaction.
import type { Db } from '../casefile/caseFile';
import type { ParsedEvent } from './parsedEvent';

export const MAX_REJECT_RAW = 64 * 1024;

/** Keeps a rejected line's start, saying how much was cut (a megabyte line must not bloat the case). */
export function truncateRaw(raw: string, max = MAX_REJECT_RAW): string {
  if (raw.length <= max) return raw;
  return `${raw.slice(0, max)}…[truncated: ${raw.length} characters in all]`;
}

const EVENT_COLUMNS = [
  'ts', 'ts_text', 'source_id', 'row_no', 'raw', 'kind', 'ip', 'xff', 'client_ip', 'method', 'path', 'status', 'bytes',
  'user_agent', 'referer', 'email', 'phone', 'name', 'customer_id', 'order_id', 'transaction_id', 'card_key',
  'card_key_kind', 'card_fingerprint', 'card_bin', 'card_last4', 'card_expiry', 'card_brand', 'amount', 'currency',
  'decision', 'rule', 'reason', 'extra',
] as const;

export const INSERT_EVENT_SQL = `INSERT INTO events(${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`;

export interface RejectSample { rowNo: number; reason: string }

export class EventWriter {
  private readonly insertEvent;
  private readonly insertReject;
  accepted = 0;
  rejected = 0;
  /** Lines of the format that are not records (directives, daemon messages): counted, not stored. */
  skipped = 0;
  firstTs: number | null = null;
  lastTs: number | null = null;
  /** The first few reasons, for the refusal message of a mostly-garbage file. */
  readonly firstRejects: RejectSample[] = [];

  constructor(db: Db, private readonly sourceId: number) {
    this.insertEvent = db.prepare(INSERT_EVENT_SQL);
    this.insertReject = db.prepare('INSERT INTO rejects(source_id, row_no, reason, raw) VALUES (?, ?, ?, ?)');
  }

  event(rowNo: number, raw: string, e: ParsedEvent): void {
    this.insertEvent.run(
      e.ts, e.ts_text, this.sourceId, rowNo, raw, e.kind, e.ip, e.xff, e.client_ip, e.method, e.path, e.status, e.bytes,
      e.user_agent, e.referer, e.email, e.phone, e.name, e.customer_id, e.order_id, e.transaction_id, e.card_key,
      e.card_key_kind, e.card_fingerprint, e.card_bin, e.card_last4, e.card_expiry, e.card_brand, e.amount, e.currency,
      e.decision, e.rule, e.reason, e.extra,
    );
    this.accepted++;
    if (this.firstTs === null || e.ts < this.firstTs) this.firstTs = e.ts;
    if (this.lastTs === null || e.ts > this.lastTs) this.lastTs = e.ts;
  }

  skip(): void {
    this.skipped++;
  }

  reject(rowNo: number, reason: string, raw: string): void {
    this.insertReject.run(this.sourceId, rowNo, reason, truncateRaw(raw));
    this.rejected++;
    if (this.firstRejects.length < 5) this.firstRejects.push({ rowNo, reason });
  }
}
