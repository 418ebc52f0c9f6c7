// Parsed rows packed for the trip from the parse thread to the write thread: numbers in a Float64Array, every
// string of the batch concatenated into one string with an Int32Array of lengths. Two typed arrays move without
// copying and one flat string copies in one go, where a structured clone of millions of small objects would cost
// as much as the parsing it saves. The compact layout (line shape, CLF offset, path split) is decided here, once.
import { accessLineShape, clfOffset } from '../casefile/eventLines';
import type { ParsedEvent } from './parsedEvent';
import { StreamedEventDigest } from '../casefile/importDigest';

/**
 * Numbers per row: row_no, ts, ts_offset, line_shape, status, bytes, amount, then the batch-local string refs of
 * method, path without query, protocol, user agent, referer (NaN = NULL).
 */
export const NUMS = 12;
/** Strings per row, in this order (length -1 = NULL). */
export const STRS = 25;

export interface PackedBatch {
  rows: number;
  nums: Float64Array;
  lens: Int32Array;
  text: string;
  /**
   * Repeating strings (method, path, protocol, user agent, referer) seen for the first time: string ref n is the
   * n-th string sent since the last `restart` (the writer turns each into a dictionary id once).
   */
  strings: string[];
  /** The refs start again from 0 at this batch (the builder's memo was full). */
  restart: boolean;
  rejects: { rowNo: number; reason: string; raw: string }[];
  /** Lines of the format that are not records (directives, daemon messages). */
  skipped: number;
}

/** Repeating strings remembered by the builder; past this many its memo (and the refs) start over. */
const MEMO_MAX = 200_000;

/** `/a/b?x=1` → [`/a/b`, `?x=1`]: the path without its query is interned, the query stays inline. */
export function splitPath(path: string | null): [string | null, string | null] {
  if (path === null) return [null, null];
  const q = path.indexOf('?');
  return q < 0 ? [path, null] : [path.slice(0, q), path.slice(q)];
}

/** What the events digest needs beyond the parsed rows: the source's id and the id its first event will get. */
export interface DigestContext {
  sourceId: number;
  firstId: number;
}

export class PackedRowsBuilder {
  /** The events digest of every row packed (importDigest.ts), computed here so the writer need not read back. */
  readonly digest: StreamedEventDigest | null;
  /** One reused row in importDigest's EVENT_COLUMNS order. */
  private readonly digestRow: (string | number | null)[] = new Array<string | number | null>(35).fill(null);
  private nums = new Float64Array(NUMS * 1024);
  private lens = new Int32Array(STRS * 1024);
  private text = '';
  private rejects: PackedBatch['rejects'] = [];
  private memo = new Map<string, number>();
  private fresh: string[] = [];
  private restart = false;
  private skipped = 0;
  private rows = 0;
  private li = 0;
  // Busy logs write the same second on many lines: its CLF offset is worked out once.
  private lastTsText = '';
  private lastTs = NaN;
  private lastOffset: number | null = null;

  constructor(
    private readonly lineFormat: number,
    private readonly digestContext: DigestContext | null = null,
  ) {
    this.digest = digestContext ? new StreamedEventDigest() : null;
  }

  /** Adds the row as the `events` view will give it back (same values, same column order as EVENT_COLUMNS). */
  private digestEvent(rowNo: number, raw: string, e: ParsedEvent): void {
    const d = this.digestRow;
    const ctx = this.digestContext!;
    d[0] = ctx.firstId + this.digest!.rows; d[1] = e.ts; d[2] = e.ts_text; d[3] = ctx.sourceId; d[4] = rowNo; d[5] = raw;
    d[6] = e.kind; d[7] = e.ip; d[8] = e.method; d[9] = e.path; d[10] = e.status; d[11] = e.bytes; d[12] = e.user_agent;
    d[13] = e.referer; d[14] = e.email; d[15] = e.customer_id; d[16] = e.order_id; d[17] = e.transaction_id; d[18] = e.card_key;
    d[19] = e.card_bin; d[20] = e.card_last4; d[21] = e.card_brand; d[22] = e.amount; d[23] = e.currency; d[24] = e.decision;
    d[25] = e.reason; d[26] = e.xff; d[27] = e.client_ip; d[28] = e.phone; d[29] = e.name; d[30] = e.card_key_kind;
    d[31] = e.card_fingerprint; d[32] = e.card_expiry; d[33] = e.rule; d[34] = e.extra;
    this.digest!.add(d);
  }

  get size(): number {
    return this.rows + this.rejects.length;
  }

  private str(s: string | null): void {
    if (s === null) this.lens[this.li++] = -1;
    else {
      this.lens[this.li++] = s.length;
      this.text += s;
    }
  }

  /** The ref of a repeating string (NaN for NULL): the Map look-up happens here, in the parse thread. */
  private ref(s: string | null): number {
    if (s === null) return NaN;
    let r = this.memo.get(s);
    if (r === undefined) {
      r = this.memo.size;
      this.memo.set(s, r);
      this.fresh.push(s);
    }
    return r;
  }

  private offsetOf(ts: number, text: string): number | null {
    if (ts !== this.lastTs || text !== this.lastTsText) {
      this.lastTs = ts;
      this.lastTsText = text;
      this.lastOffset = clfOffset(ts, text);
    }
    return this.lastOffset;
  }

  event(rowNo: number, raw: string, e: ParsedEvent): void {
    if ((this.rows + 1) * NUMS > this.nums.length) {
      const nums = new Float64Array(this.nums.length * 2);
      nums.set(this.nums);
      this.nums = nums;
      const lens = new Int32Array(this.lens.length * 2);
      lens.set(this.lens);
      this.lens = lens;
    }
    const shape = accessLineShape(raw, e, this.lineFormat);
    const offset = this.offsetOf(e.ts, e.ts_text);
    const n = this.nums;
    const k = this.rows * NUMS;
    n[k] = rowNo;
    n[k + 1] = e.ts;
    n[k + 2] = offset ?? NaN;
    n[k + 3] = shape ? shape.shape : NaN;
    n[k + 4] = e.status ?? NaN;
    n[k + 5] = e.bytes ?? NaN;
    n[k + 6] = e.amount ?? NaN;
    const [base, query] = splitPath(e.path);
    n[k + 7] = this.ref(e.method);
    n[k + 8] = this.ref(base);
    n[k + 9] = this.ref(shape ? shape.proto : null);
    n[k + 10] = this.ref(e.user_agent);
    n[k + 11] = this.ref(e.referer);
    this.str(offset === null ? e.ts_text : null);
    this.str(shape ? null : raw);
    this.str(e.kind); this.str(e.ip); this.str(e.xff); this.str(e.client_ip); this.str(query);
    this.str(e.email); this.str(e.phone); this.str(e.name); this.str(e.customer_id);
    this.str(e.order_id); this.str(e.transaction_id); this.str(e.card_key); this.str(e.card_key_kind); this.str(e.card_fingerprint);
    this.str(e.card_bin); this.str(e.card_last4); this.str(e.card_expiry); this.str(e.card_brand); this.str(e.currency);
    this.str(e.decision); this.str(e.rule); this.str(e.reason); this.str(e.extra);
    this.rows++;
    if (this.digest) this.digestEvent(rowNo, raw, e);
  }

  reject(rowNo: number, reason: string, raw: string): void {
    this.rejects.push({ rowNo, reason, raw });
  }

  skip(): void {
    this.skipped++;
  }

  /** The rows so far as one batch (its typed arrays are fresh copies, free to transfer); the builder starts over. */
  take(): PackedBatch {
    const b: PackedBatch = {
      rows: this.rows, nums: this.nums.slice(0, this.rows * NUMS), lens: this.lens.slice(0, this.li), text: this.text,
      strings: this.fresh, restart: this.restart, rejects: this.rejects, skipped: this.skipped,
    };
    this.fresh = [];
    this.restart = false;
    if (this.memo.size >= MEMO_MAX) {
      this.memo = new Map();
      this.restart = true;
    }
    this.text = '';
    this.rejects = [];
    this.skipped = 0;
    this.rows = 0;
    this.li = 0;
    return b;
  }
}
