// Writes one source's events and rejected rows with prepared statements, in the compact layout of schema
// migration 4 (interned strings, raw line and CLF time text only when they cannot be rebuilt). The caller owns
// the transaction.
import type { Db } from '../casefile/caseFile';
import type { ParsedEvent } from './parsedEvent';
import { LINE_FORMAT, accessLineShape, clfOffset } from '../casefile/eventLines';

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

/** An insert through the `events` view (its trigger interns and stores verbatim): for tools and baselines. */
export const INSERT_EVENT_SQL = `INSERT INTO events(${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`;

/** The writer's own insert into the compact table (schema migration 4). */
const ROW_COLUMNS = [
  'ts', 'ts_text', 'ts_offset', 'source_id', 'row_no', 'line_shape', 'raw', 'kind', 'ip', 'xff', 'client_ip', 'method_id',
  'path_id', 'path_query', 'proto_id', 'status', 'bytes', 'user_agent_id', 'referer_id', 'email', 'phone', 'name', 'customer_id',
  'order_id', 'transaction_id', 'card_key', 'card_key_kind', 'card_fingerprint', 'card_bin', 'card_last4', 'card_expiry',
  'card_brand', 'amount', 'currency', 'decision', 'rule', 'reason', 'extra',
] as const;
const INSERT_ROW_SQL = `INSERT INTO event_rows(${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`;

/** Interned strings remembered per writer; past this many the memo starts over (a log of unique paths stays bounded). */
const MEMO_MAX = 200_000;

/** Ids of the `strings` dictionary: looked up or added once, then remembered. */
export class StringInterner {
  private readonly find;
  private readonly add;
  private memo = new Map<string, number>();

  constructor(db: Db) {
    this.find = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
    this.add = db.prepare('INSERT INTO strings(value) VALUES (?)');
  }

  id(value: string | null): number | null {
    if (value === null) return null;
    let id = this.memo.get(value);
    if (id !== undefined) return id;
    id = (this.find.get(value) as number | undefined) ?? Number(this.add.run(value).lastInsertRowid);
    if (this.memo.size >= MEMO_MAX) this.memo = new Map();
    this.memo.set(value, id);
    return id;
  }
}

export interface RejectSample { rowNo: number; reason: string }

export class EventWriter {
  private readonly insertRow;
  private readonly insertReject;
  private readonly strings: StringInterner;
  /** LINE_FORMAT code of the source's access-log layout (0: its raw rows are stored as they are). */
  private readonly lineFormat: number;
  accepted = 0;
  rejected = 0;
  firstTs: number | null = null;
  lastTs: number | null = null;
  /** The first few reasons, for the refusal message of a mostly-garbage file. */
  readonly firstRejects: RejectSample[] = [];

  constructor(db: Db, private readonly sourceId: number) {
    this.insertRow = db.prepare(INSERT_ROW_SQL);
    this.insertReject = db.prepare('INSERT INTO rejects(source_id, row_no, reason, raw) VALUES (?, ?, ?, ?)');
    this.strings = new StringInterner(db);
    const format = db.prepare('SELECT format FROM sources WHERE id = ?').pluck().get(sourceId) as string | undefined;
    this.lineFormat = (format && LINE_FORMAT[format]) || 0;
  }

  event(rowNo: number, raw: string, e: ParsedEvent): void {
    const s = this.strings;
    const shape = accessLineShape(raw, e, this.lineFormat);
    const offset = clfOffset(e.ts, e.ts_text);
    const q = e.path === null ? -1 : e.path.indexOf('?');
    this.insertRow.run(
      e.ts, offset === null ? e.ts_text : null, offset, this.sourceId, rowNo, shape ? shape.shape : null, shape ? null : raw,
      e.kind, e.ip, e.xff, e.client_ip, s.id(e.method), s.id(q < 0 ? e.path : e.path!.slice(0, q)), q < 0 ? null : e.path!.slice(q),
      shape ? s.id(shape.proto) : null, e.status, e.bytes, s.id(e.user_agent), s.id(e.referer), e.email, e.phone, e.name,
      e.customer_id, e.order_id, e.transaction_id, e.card_key, e.card_key_kind, e.card_fingerprint, e.card_bin, e.card_last4,
      e.card_expiry, e.card_brand, e.amount, e.currency, e.decision, e.rule, e.reason, e.extra,
    );
    this.accepted++;
    if (this.firstTs === null || e.ts < this.firstTs) this.firstTs = e.ts;
    if (this.lastTs === null || e.ts > this.lastTs) this.lastTs = e.ts;
  }

  reject(rowNo: number, reason: string, raw: string): void {
    this.insertReject.run(this.sourceId, rowNo, reason, truncateRaw(raw));
    this.rejected++;
    if (this.firstRejects.length < 5) this.firstRejects.push({ rowNo, reason });
  }
}
