// Writes one source's events and rejected rows with prepared statements, in the compact layout of schema
// migration 4 (interned strings, raw line and CLF time text only when they cannot be rebuilt). The caller owns
// the transaction.
import type { Db } from '../casefile/caseFile';
import type { ParsedEvent } from './parsedEvent';
import { LINE_FORMAT } from '../casefile/eventLines';
import { NUMS, PackedRowsBuilder, PackedRowsDigest, STRS, type PackedBatch } from './packedRows';
import { combineDigestParts, type DigestParts, type TableDigest } from '../casefile/eventRowsDigest';
import type { TimeOrderWatch } from './sourceTransaction';

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
/**
 * OR FAIL: a multi-row insert that may abort half-way makes SQLite copy each page it touches into a statement
 * journal first (one 4 KB page per statement, appended rows or not). A failed row fails the whole import, whose
 * transaction is rolled back anyway: FAIL (keep the statement's earlier rows) needs no statement journal.
 */
const INSERT_ROW_SQL = `INSERT OR FAIL INTO event_rows(${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`;
/** Rows inserted this many at a time (one statement step instead of 32): a third less time per row. */
const ROWS_PER_INSERT = 32;
// Parameters are passed spread (`run(...args)`), not as one array: better-sqlite3 reads an array element by element
// through V8's generic property look-up, arguments directly — binding 1M rows costs ~40% less CPU (half the insert).

/**
 * Rows of one layout inserted ROWS_PER_INSERT per statement with reused parameter arrays: `columns` are indexes
 * into the writer's ROW_COLUMNS-ordered row; `constants` are columns every row of the layout has the same value in,
 * written into the SQL (no binding per row).
 */
class RowBatcher {
  private readonly many;
  private readonly one;
  private readonly manyArgs: unknown[];
  private readonly oneArgs: unknown[];
  pending = 0;

  constructor(db: Db, private readonly columns: number[], constants: Record<string, string | number> = {}) {
    const names = [...columns.map((c) => ROW_COLUMNS[c]), ...Object.keys(constants)];
    const values = `(${[...columns.map(() => '?'), ...Object.values(constants).map((v) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`))].join(', ')})`;
    const insert = `INSERT OR FAIL INTO event_rows(${names.join(', ')}) VALUES `;
    this.many = db.prepare(insert + Array.from({ length: ROWS_PER_INSERT }, () => values).join(', '));
    this.one = db.prepare(insert + values);
    this.manyArgs = new Array(columns.length * ROWS_PER_INSERT).fill(null);
    this.oneArgs = new Array(columns.length).fill(null);
    this.slot = { args: this.manyArgs, at: 0 };
  }

  add(row: unknown[]): void {
    const args = this.manyArgs;
    const cols = this.columns;
    for (let c = 0, o = this.pending * cols.length; c < cols.length; c++, o++) args[o] = row[cols[c]];
    this.added();
  }

  /** The statement's arguments and where the next row's values go in them (in `columns` order; then `added`). */
  next(): { args: unknown[]; at: number } {
    this.slot.at = this.pending * this.columns.length;
    return this.slot;
  }

  private readonly slot: { args: unknown[]; at: number };

  added(): void {
    if (++this.pending === ROWS_PER_INSERT) {
      this.many.run(...this.manyArgs);
      this.pending = 0;
    }
  }

  /** Inserts the rows waiting for a full statement, one by one. */
  flush(): void {
    const n = this.columns.length;
    for (let r = 0; r < this.pending; r++) {
      for (let c = 0; c < n; c++) this.oneArgs[c] = this.manyArgs[r * n + c];
      this.one.run(...this.oneArgs);
    }
    this.pending = 0;
  }
}

/** Web-log rows leave the identity, card and payment columns empty: binding 20 values instead of 38 halves the cost. */
const WEB_COLUMNS = [...Array.from({ length: 19 }, (_, i) => i), ROW_COLUMNS.indexOf('extra')]; // ts … referer_id, extra
/**
 * Most access-log rows: time and line rebuilt (no ts_text, no raw), no X-Forwarded-For, nothing appended. Their
 * source and kind go into the SQL: 14 values bound instead of 20.
 */
const LEAN_COLUMNS = ['ts', 'ts_offset', 'row_no', 'line_shape', 'ip', 'client_ip', 'method_id', 'path_id', 'path_query', 'proto_id',
  'status', 'bytes', 'user_agent_id', 'referer_id'].map((c) => ROW_COLUMNS.indexOf(c as (typeof ROW_COLUMNS)[number]));

const KIND_HTTP = 'http_request';

/**
 * True when the packed row at `nums[k]` / `lens[li]` (its texts from `text[at]`) is a lean one (LEAN_COLUMNS): no
 * time text, no raw line, kind `http_request`, no X-Forwarded-For, no amount and none of the texts after the query.
 */
function leanRow(nums: Float64Array, k: number, lens: Int32Array, li: number, text: string, at: number): boolean {
  if (lens[li] >= 0 || lens[li + 1] >= 0 || lens[li + 2] !== KIND_HTTP.length || lens[li + 4] >= 0 || nums[k + 6] === nums[k + 6]) return false;
  for (let j = li + 7, end = li + STRS; j < end; j++) if (lens[j] >= 0) return false;
  return text.startsWith(KIND_HTTP, at);
}

/**
 * Interned strings remembered per writer; past this many the memo starts over. The rows' builder already sends
 * each string once per memo of its own (packedRows.ts): this one only spares the look-up of a string seen again
 * after the builder's memo started over, so it stays small (a log of unique paths must not hold them twice).
 */
const MEMO_MAX = 20_000;

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
  readonly lineFormat: number;
  /** Rows handed one by one (`event`) go through the same packing as the parse thread's batches. */
  private readonly single: PackedRowsBuilder;
  /** The id the source's first event gets (rows get max(id) + 1 one after the other: this transaction is the only writer). */
  readonly firstId: number;
  /**
   * The events digest (format 3) of every row written, from the values as they are bound, so the rows need not be
   * read back; only its texts once `digestedElsewhere` handed the records to the thread that packs the rows.
   */
  private digest: PackedRowsDigest;
  private digestsRecords = true;
  /** The records part of the digest, computed where the rows were packed (digestedElsewhere), once that thread sent it. */
  private recordsFromPacker: DigestParts | null = null;
  /** One reused parameter array: no allocation per row. */
  private readonly args: unknown[] = new Array(ROW_COLUMNS.length).fill(null);
  private readonly webRows: RowBatcher;
  private readonly leanRows: RowBatcher;
  /** The batcher holding rows not yet inserted (rows keep their order: another layout flushes it first). */
  private batching: RowBatcher | null = null;
  /** Dictionary ids of the batch-local string refs (PackedBatch.strings), in ref order. */
  private readonly refs: number[] = [];
  /** Set while the time-ordered indexes are kept during the insert: told each batch's times before it goes in. */
  timeOrder: TimeOrderWatch | null = null;
  accepted = 0;
  rejected = 0;
  /** Lines of the format that are not records (directives, daemon messages): counted, not stored. */
  skipped = 0;
  firstTs: number | null = null;
  lastTs: number | null = null;
  /** The first few reasons, for the refusal message of a mostly-garbage file. */
  readonly firstRejects: RejectSample[] = [];

  constructor(db: Db, readonly sourceId: number) {
    this.insertRow = db.prepare(INSERT_ROW_SQL);
    this.webRows = new RowBatcher(db, WEB_COLUMNS);
    this.leanRows = new RowBatcher(db, LEAN_COLUMNS, { source_id: sourceId, kind: 'http_request' });
    this.insertReject = db.prepare('INSERT INTO rejects(source_id, row_no, reason, raw) VALUES (?, ?, ?, ?)');
    this.strings = new StringInterner(db);
    const format = db.prepare('SELECT format FROM sources WHERE id = ?').pluck().get(sourceId) as string | undefined;
    this.lineFormat = (format && LINE_FORMAT[format]) || 0;
    const maxId = db.prepare('SELECT max(id) FROM event_rows').pluck().get() as number | null;
    this.firstId = (maxId ?? 0) + 1;
    this.digest = new PackedRowsDigest(this.firstId, sourceId);
    this.single = new PackedRowsBuilder(this.lineFormat);
    this.lastId = db.prepare('SELECT max(id) FROM event_rows').pluck();
  }

  private readonly lastId;

  /**
   * The events digest computed while writing, or null when it cannot be trusted and the rows must be read back:
   * a string SQLite would not keep as is, or ids that are not the contiguous run the digest assumed.
   */
  eventsDigest(): TableDigest | null {
    this.flush();
    const d = this.digestsRecords
      ? this.digest.result()
      : this.recordsFromPacker && combineDigestParts(this.recordsFromPacker, this.digest.parts());
    if (!d || d.rows !== this.accepted) return null;
    const last = this.lastId.get() as number | null;
    return this.accepted === 0 || last === this.firstId + this.accepted - 1 ? d : null;
  }

  /**
   * The batches' records are digested where they are packed (a PackedRowsDigest of `records` over this writer's
   * firstId and source): the writer digests only their texts; `digested` gives it that thread's part once every
   * batch is written.
   */
  digestedElsewhere(): void {
    this.digest = new PackedRowsDigest(this.firstId, this.sourceId, 'texts');
    this.digestsRecords = false;
  }

  digested(records: DigestParts): void {
    this.recordsFromPacker = records;
  }

  event(rowNo: number, raw: string, e: ParsedEvent): void {
    this.single.event(rowNo, raw, e);
    this.write(this.single.take());
  }

  shaped(rowNo: number, raw: string, e: ParsedEvent, shape: number, proto: string | null, offset: number | null): void {
    this.single.shaped(rowNo, raw, e, shape, proto, offset);
    this.write(this.single.take());
  }

  /** Writes a batch packed by PackedRowsBuilder (here or in the parse thread). */
  write(b: PackedBatch): void {
    const { nums, lens, text } = b;
    const a = this.args;
    if (b.restart) this.refs.length = 0;
    for (const v of b.strings) this.refs.push(this.strings.id(v)!);
    this.digest.add(b);
    this.timeOrder?.seen(nums, 1, NUMS, b.rows);
    const refs = this.refs;
    let at = 0;
    let li = 0;
    const str = (): string | null => {
      const n = lens[li++];
      if (n < 0) return null;
      at += n;
      return text.substring(at - n, at);
    };
    const num = (v: number): number | null => (Number.isNaN(v) ? null : v);
    const ref = (v: number): number | null => (Number.isNaN(v) ? null : refs[v]);
    for (let r = 0; r < b.rows; r++) {
      const k = r * NUMS;
      const ts = nums[k + 1];
      if (this.firstTs === null || ts < this.firstTs) this.firstTs = ts;
      if (this.lastTs === null || ts > this.lastTs) this.lastTs = ts;
      if (leanRow(nums, k, lens, li, text, at)) {
        // Most rows of an access log: bound straight into the lean insert, no string made for their kind.
        if (this.batching !== this.leanRows) {
          this.batching?.flush();
          this.batching = this.leanRows;
        }
        const { args, at: o } = this.leanRows.next();
        at += KIND_HTTP.length;
        const ipLen = lens[li + 3];
        const ip = ipLen < 0 ? null : text.substring(at, (at += ipLen));
        const clientLen = lens[li + 5];
        const clientIp = clientLen < 0 ? null : text.substring(at, (at += clientLen));
        const queryLen = lens[li + 6];
        const query = queryLen < 0 ? null : text.substring(at, (at += queryLen));
        li += STRS;
        // LEAN_COLUMNS order.
        args[o] = ts; args[o + 1] = num(nums[k + 2]); args[o + 2] = nums[k]; args[o + 3] = num(nums[k + 3]); args[o + 4] = ip;
        args[o + 5] = clientIp; args[o + 6] = ref(nums[k + 7]); args[o + 7] = ref(nums[k + 8]); args[o + 8] = query;
        args[o + 9] = ref(nums[k + 9]); args[o + 10] = num(nums[k + 4]); args[o + 11] = num(nums[k + 5]); args[o + 12] = ref(nums[k + 10]);
        args[o + 13] = ref(nums[k + 11]);
        this.leanRows.added();
        continue;
      }
      // ROW_COLUMNS order; the strings come in packedRows' STRS order.
      a[0] = ts; a[2] = num(nums[k + 2]); a[3] = this.sourceId; a[4] = nums[k]; a[5] = num(nums[k + 3]);
      a[15] = num(nums[k + 4]); a[16] = num(nums[k + 5]); a[32] = num(nums[k + 6]);
      a[11] = ref(nums[k + 7]); a[12] = ref(nums[k + 8]); a[14] = ref(nums[k + 9]); a[17] = ref(nums[k + 10]); a[18] = ref(nums[k + 11]);
      a[1] = str(); a[6] = str(); a[7] = str(); a[8] = str(); a[9] = str(); a[10] = str(); a[13] = str();
      let rest = a[32] !== null;
      for (let c = 19; c <= 31; c++) rest = (a[c] = str()) !== null || rest;
      for (let c = 33; c <= 36; c++) rest = (a[c] = str()) !== null || rest;
      a[37] = str();
      if (rest) {
        // Rows keep the order they came in (ids are the order the digest assumed): pending web rows go first.
        this.flush();
        this.insertRow.run(...a);
      } else {
        const lean = a[1] === null && a[6] === null && a[7] === 'http_request' && a[9] === null && a[37] === null;
        const batcher = lean ? this.leanRows : this.webRows;
        if (this.batching !== batcher) {
          this.batching?.flush();
          this.batching = batcher;
        }
        batcher.add(a);
      }
    }
    this.accepted += b.rows;
    this.skipped += b.skipped;
    for (const j of b.rejects) this.reject(j.rowNo, j.reason, j.raw);
  }

  /** Inserts the web rows waiting for a full multi-row insert, one statement each: call it once all rows are in. */
  flush(): void {
    this.batching?.flush();
    this.batching = null;
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
