// Parsed rows packed for the trip from the parse thread to the write thread: numbers in a Float64Array, every
// string of the batch concatenated into one string with an Int32Array of lengths. Two typed arrays move without
// copying and one flat string copies in one go, where a structured clone of millions of small objects would cost
// as much as the parsing it saves. The compact layout (line shape, CLF offset, path split) is decided here, once.
import { accessLineShape, clfOffset } from '../casefile/eventLines';
import type { ParsedEvent } from './parsedEvent';
import { EventRowsDigest, stringHashWords, type DigestParts, type TableDigest } from '../casefile/eventRowsDigest';

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
  /**
   * Every packed text is well-formed UTF-16. better-sqlite3 stores a lone surrogate as bytes that read back as three
   * U+FFFD: such a text is not stored as packed, and the writer's digest of the packed rows would not match.
   */
  wellFormed: boolean;
}

/** Repeating strings remembered by the builder; past this many its memo (and the refs) start over. */
const MEMO_MAX = 100_000;

/** `/a/b?x=1` → [`/a/b`, `?x=1`]: the path without its query is interned, the query stays inline. */
export function splitPath(path: string | null): [string | null, string | null] {
  if (path === null) return [null, null];
  const q = path.indexOf('?');
  return q < 0 ? [path, null] : [path.slice(0, q), path.slice(q)];
}

/** ES2024's String.prototype.isWellFormed (Node 20 has it; the project's TypeScript lib is ES2022). */
export const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Adds the row packed at `nums[k]` to an events digest (format 3), with the values exactly as the writer binds
 * them: `id` and `sourceId` are the row's, `refHashes` the 8 hash words of each batch-local string ref.
 */
export function digestPackedRow(d: EventRowsDigest, nums: Float64Array, k: number, id: number, sourceId: number, refHashes: Uint32Array): void {
  d.begin();
  d.packed(0, id);
  d.packed(1, sourceId);
  d.packed(2, nums[k]); // row_no
  d.packed(3, nums[k + 1]); // ts
  d.packed(4, nums[k + 2]); // ts_offset
  d.packed(5, nums[k + 3]); // line_shape
  d.packed(6, nums[k + 4]); // status
  d.packed(7, nums[k + 5]); // bytes
  d.packed(8, nums[k + 6]); // amount
  for (let j = 0; j < 5; j++) {
    const r = nums[k + 7 + j];
    if (r !== r) d.ref(j, null);
    else d.ref(j, refHashes, r * 8);
  }
  d.end();
}

/**
 * The events digest (format 3) of packed batches as the writer binds them, their rows getting ids `firstId`, `firstId`
 * + 1, … under `sourceId`. Built by the writer alone (`all`), or split between two threads (the parse thread of a
 * large log builds the `records`, most of the work; the writing thread the `texts` streams of the batches it
 * receives, already flat strings there: either thread alone was the longer one); the writer checks that the ids it
 * got are that run.
 */
export class PackedRowsDigest {
  private readonly digest = new EventRowsDigest();
  /** The hash words of each batch-local string ref (PackedBatch.strings), 8 per ref, in ref order. */
  private refHashes = new Uint32Array(8 * 1024);
  private refs = 0;

  constructor(
    private readonly firstId: number, private readonly sourceId: number, private readonly streams: 'all' | 'records' | 'texts' = 'all',
  ) {}

  add(b: PackedBatch): void {
    const d = this.digest;
    if (this.streams !== 'records') {
      if (!b.wellFormed) d.exact = false;
      d.texts(b.lens, b.text);
    }
    if (this.streams === 'texts') return;
    if (b.restart) this.refs = 0;
    for (const v of b.strings) {
      const r = this.refs++;
      if (this.refHashes.length < (r + 1) * 8) {
        const grown = new Uint32Array(this.refHashes.length * 2);
        grown.set(this.refHashes);
        this.refHashes = grown;
      }
      this.refHashes.set(stringHashWords(v), r * 8);
      if (!isWellFormed(v)) d.exact = false;
    }
    for (let r = 0; r < b.rows; r++) digestPackedRow(d, b.nums, r * NUMS, this.firstId + d.rows, this.sourceId, this.refHashes);
  }

  /** The digest of every row added (call once; `all` only), null when a value might not be stored as packed. */
  result(): TableDigest | null {
    return this.digest.result();
  }

  /** The streams this digest built (call once): a `records` and a `texts` digest of the same batches make one. */
  parts(): DigestParts {
    return this.digest.parts();
  }
}

export class PackedRowsBuilder {
  private nums = new Float64Array(NUMS * 1024);
  private lens = new Int32Array(STRS * 1024);
  private text = '';
  private rejects: PackedBatch['rejects'] = [];
  private memo = new Map<string, number>();
  /** Per interned column, 256 recent strings and their refs (slotRef; forgotten when the refs start over). */
  private readonly cached: (string | null)[] = new Array<string | null>(5 * 256).fill(null);
  private readonly cachedRefs = new Float64Array(5 * 256);
  private fresh: string[] = [];
  private restart = false;
  private skipped = 0;
  private wellFormed = true;
  private rows = 0;
  private li = 0;
  /** Buffers handed back (recycle) for the next batches. */
  private readonly spare: { nums: Float64Array<ArrayBuffer>; lens: Int32Array<ArrayBuffer> }[] = [];
  // Busy logs write the same second on many lines: its CLF offset is worked out once.
  private lastTsText = '';
  private lastTs = NaN;
  private lastOffset: number | null = null;

  constructor(
    private readonly lineFormat: number,
    /** Repeating strings remembered before the refs start over (small in tests, to exercise the restart). */
    private readonly memoMax = MEMO_MAX,
  ) {}

  get size(): number {
    return this.rows + this.rejects.length;
  }

  private str(s: string | null): void {
    if (s === null) this.lens[this.li++] = -1;
    else {
      this.lens[this.li++] = s.length;
      this.text += s;
      if (!isWellFormed(s)) this.wellFormed = false;
    }
  }

  /**
   * The ref of column `slot`'s string, looked up first in that column's small direct-mapped cache (a slot chosen
   * from the string's length and three of its characters): the few methods, protocols, user agents and referers
   * that make most of a log hit it. A hit costs one string comparison; a Map look-up hashes every character of the
   * new string (each line's strings are new objects).
   */
  private slotRef(slot: number, s: string | null): number {
    if (s === null) return NaN;
    const n = s.length;
    const i = (slot << 8) | ((n * 7 + s.charCodeAt(n - 1) + s.charCodeAt(n >> 1) * 31 + s.charCodeAt(n >> 2)) & 255);
    if (this.cached[i] === s) return this.cachedRefs[i];
    const r = this.ref(s);
    this.cached[i] = s;
    this.cachedRefs[i] = r;
    return r;
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
    const shape = accessLineShape(raw, e, this.lineFormat);
    this.shaped(rowNo, raw, e, shape ? shape.shape : NaN, shape ? shape.proto : null, this.offsetOf(e.ts, e.ts_text));
  }

  /**
   * Packs an event whose line shape (NaN: its raw line is stored), protocol and CLF offset (null: its time text is
   * stored) are already known: AccessLineScanner worked them out while reading the line.
   */
  shaped(rowNo: number, raw: string, e: ParsedEvent, shape: number, proto: string | null, offset: number | null): void {
    if ((this.rows + 1) * NUMS > this.nums.length) {
      const nums = new Float64Array(this.nums.length * 2);
      nums.set(this.nums);
      this.nums = nums;
      const lens = new Int32Array(this.lens.length * 2);
      lens.set(this.lens);
      this.lens = lens;
    }
    const n = this.nums;
    const k = this.rows * NUMS;
    n[k] = rowNo;
    n[k + 1] = e.ts;
    n[k + 2] = offset ?? NaN;
    n[k + 3] = shape;
    n[k + 4] = e.status ?? NaN;
    n[k + 5] = e.bytes ?? NaN;
    n[k + 6] = e.amount ?? NaN;
    const [base, query] = splitPath(e.path);
    n[k + 7] = this.slotRef(0, e.method);
    n[k + 8] = this.slotRef(1, base);
    n[k + 9] = this.slotRef(2, proto);
    n[k + 10] = this.slotRef(3, e.user_agent);
    n[k + 11] = this.slotRef(4, e.referer);
    this.str(offset === null ? e.ts_text : null);
    this.str(Number.isNaN(shape) ? raw : null);
    this.str(e.kind); this.str(e.ip); this.str(e.xff); this.str(e.client_ip); this.str(query);
    this.str(e.email); this.str(e.phone); this.str(e.name); this.str(e.customer_id);
    this.str(e.order_id); this.str(e.transaction_id); this.str(e.card_key); this.str(e.card_key_kind); this.str(e.card_fingerprint);
    this.str(e.card_bin); this.str(e.card_last4); this.str(e.card_expiry); this.str(e.card_brand); this.str(e.currency);
    this.str(e.decision); this.str(e.rule); this.str(e.reason); this.str(e.extra);
    this.rows++;
  }

  reject(rowNo: number, reason: string, raw: string): void {
    this.rejects.push({ rowNo, reason, raw });
  }

  skip(): void {
    this.skipped++;
  }

  /** The rows so far as one batch (its typed arrays are fresh copies); the builder starts over. */
  take(): PackedBatch {
    return this.batch(this.nums.slice(0, this.rows * NUMS), this.lens.slice(0, this.li));
  }

  /**
   * The rows so far as one batch whose typed arrays are views of the builder's own buffers, given away (to be
   * transferred); the builder goes on with buffers handed back by `recycle`, or new ones. Buffers that go back and
   * forth are not freed and allocated again for every batch: the receiving thread frees a transferred buffer only
   * when its garbage collector runs, and memory the parse thread allocated and another thread freed stayed in the
   * parse thread's malloc arena (~35 MB more peak RSS on 1M lines).
   */
  takeBuffers(): PackedBatch {
    const b = this.batch(this.nums.subarray(0, this.rows * NUMS), this.lens.subarray(0, this.li));
    const spare = this.spare.pop();
    this.nums = spare && spare.nums.length >= this.nums.length ? spare.nums : new Float64Array(this.nums.length);
    this.lens = spare && spare.lens.length >= this.lens.length ? spare.lens : new Int32Array(this.lens.length);
    return b;
  }

  /** Takes back the buffers of a batch from takeBuffers once its rows are written. */
  recycle(nums: ArrayBuffer, lens: ArrayBuffer): void {
    if (this.spare.length < 8) this.spare.push({ nums: new Float64Array(nums), lens: new Int32Array(lens) });
  }

  private batch(nums: Float64Array, lens: Int32Array): PackedBatch {
    const b: PackedBatch = {
      rows: this.rows, nums, lens, text: this.text,
      strings: this.fresh, restart: this.restart, rejects: this.rejects, skipped: this.skipped, wellFormed: this.wellFormed,
    };
    this.wellFormed = true;
    this.fresh = [];
    this.restart = false;
    if (this.memo.size >= this.memoMax) {
      this.memo = new Map();
      this.restart = true;
      this.cached.fill(null);
    }
    this.text = '';
    this.rejects = [];
    this.skipped = 0;
    this.rows = 0;
    this.li = 0;
    return b;
  }
}
