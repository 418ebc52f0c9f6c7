// Format 3 of the per-import events digest (importDigest.ts): the rows of `event_rows` as they are stored, not the
// `events` view as JSON. Every stored column is covered, in a binary encoding both sides build the same way:
//   - a fixed 240-byte record per row: the nine numbers (id, source_id, row_no, ts, ts_offset, line_shape, status,
//     bytes, amount) as int64 or float64 by their storage class, a flags word (NULLs, REAL vs INTEGER), and for each
//     interned column (method, path, protocol, user agent, referer) the SHA-256 of the string it points to;
//   - the lengths (UTF-16 units, -1 for NULL) of the 25 text columns, 25 int32 per row;
//   - those texts, concatenated, as UTF-8.
// Each stream is hashed on its own, in large buffers, and the three hashes are hashed together with the row count.
// The import builds the streams from the packed rows as it binds them (eventWriter.ts), with no read-back; `verify`
// and a share copy build them from the file. The `events` view rebuilds raw lines and CLF times from exactly these
// stored values (verify checks its SQL, and a received case is refused when opened if it differs), so an edited
// event, line shape, raw text or interned string changes the digest; so does a value of another storage class (a
// fractional number in an integer column, text in a number column).
// The typed arrays are hashed in the platform's byte order: little-endian on every platform Alibi ships for.
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { Db } from './caseFile';
import { prepareAsStored } from './safeReads';

export const NUM_COLUMNS = ['id', 'source_id', 'row_no', 'ts', 'ts_offset', 'line_shape', 'status', 'bytes', 'amount'] as const;
/** The one REAL column among them (SQLite stores every number in it as REAL). */
const AMOUNT = 8;
export const REF_COLUMNS = ['method_id', 'path_id', 'proto_id', 'user_agent_id', 'referer_id'] as const;
/** In packedRows' STRS order, so the writer hashes the packed strings as they come. */
export const TEXT_COLUMNS = [
  'ts_text', 'raw', 'kind', 'ip', 'xff', 'client_ip', 'path_query', 'email', 'phone', 'name', 'customer_id', 'order_id',
  'transaction_id', 'card_key', 'card_key_kind', 'card_fingerprint', 'card_bin', 'card_last4', 'card_expiry', 'card_brand',
  'currency', 'decision', 'rule', 'reason', 'extra',
] as const;

/** Record layout, in 32-bit words: 9 numbers (2 words each), flags + padding, 5 string hashes (8 words each). */
export const REC_U32 = 60;
const FLAGS = 18;
const REFS = 20;
const NULL_BIT = 1; // << number index
const REAL_BIT = 1 << 9; // << number index
const REF_NULL_BIT = 1 << 18; // << ref index
const TWO_32 = 4294967296;
/** Rows buffered before the records are hashed (one hash call per ~1 MB). */
const ROWS_PER_FLUSH = 4096;
const TEXT_CHUNK = 256 * 1024;

export interface TableDigest {
  rows: number;
  sha256: string;
}

/**
 * The digest's three stream hashes before they are hashed together: two threads may each build some of the streams
 * (the parse thread the records, the writing thread the texts it receives) and `combineDigestParts` joins them.
 */
export interface DigestParts {
  rows: number;
  records: string;
  lens: string;
  text: string;
  exact: boolean;
  foreign: string | null;
}

/**
 * The digest of `records`' rows and records with `texts`' lengths and texts (the same object twice for a digest
 * built in one place); null when either side could not trust its values (`exact` false).
 */
export function combineDigestParts(records: DigestParts, texts: DigestParts): TableDigest | null {
  if (!records.exact || !texts.exact) return null;
  const foreign = records.foreign ?? texts.foreign;
  if (foreign) return { rows: records.rows, sha256: `unverifiable: ${foreign}` };
  const sha256 = createHash('sha256').update(`alibi-import-digest/3\n${records.rows}\n${records.records}\n${texts.lens}\n${texts.text}\n`).digest('hex');
  return { rows: records.rows, sha256 };
}

/** The SHA-256 of an interned string's UTF-8, as the 8 words a record holds (well-formed strings only: see packedRows). */
export function stringHashWords(s: string): Uint32Array {
  const b = oneShotHash('sha256', s, 'buffer') as unknown as Buffer;
  return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + 32));
}

export class EventRowsDigest {
  private readonly hRec = createHash('sha256');
  private readonly hLens = createHash('sha256');
  private readonly hText = createHash('sha256');
  private readonly buf = new ArrayBuffer(REC_U32 * 4 * ROWS_PER_FLUSH);
  private readonly u32 = new Uint32Array(this.buf);
  private readonly f64 = new Float64Array(this.buf);
  private readonly i64 = new BigInt64Array(this.buf);
  private readonly lens = new Int32Array(TEXT_COLUMNS.length * ROWS_PER_FLUSH);
  private li = 0;
  private text = '';
  /** Records in `buf`. */
  private n = 0;
  /** Word index of the current row's record. */
  private at = 0;
  private flags = 0;
  rows = 0;
  /** False when a value might not be stored as packed (the importer then reads the rows back). */
  exact = true;
  /** A value no import writes (text in a number column, an id with no string): the digest cannot match any import's. */
  foreign: string | null = null;

  /** Starts a row's record. */
  begin(): void {
    if (this.n === ROWS_PER_FLUSH) this.flushRecords();
    this.at = this.n * REC_U32;
    this.flags = 0;
  }

  private int(i: number, v: number): void {
    const k = this.at + 2 * i;
    if (v >>> 0 === v) {
      // 0 ≤ v < 2^32 (ids, line numbers, statuses, sizes): the high word is 0
      this.u32[k] = v;
      this.u32[k + 1] = 0;
      return;
    }
    const hi = Math.floor(v / TWO_32);
    this.u32[k] = v - hi * TWO_32;
    this.u32[k + 1] = hi;
  }

  private real(i: number, v: number): void {
    this.f64[(this.at >> 1) + i] = v + 0; // -0 is stored as 0
    this.flags |= REAL_BIT << i;
  }

  private none(i: number): void {
    const k = this.at + 2 * i;
    this.u32[k] = 0;
    this.u32[k + 1] = 0;
    this.flags |= NULL_BIT << i;
  }

  /**
   * Number `i` as the importer binds it (NaN for NULL): SQLite keeps an integral value of an INTEGER column as an
   * integer and everything else, and every number of the REAL column, as REAL.
   */
  packed(i: number, v: number): void {
    if (v !== v) this.none(i);
    else if (i !== AMOUNT && Number.isInteger(v)) {
      if (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) {
        this.exact = false; // past 2^53 SQLite's conversion rules are not worth mirroring: read back
        this.none(i);
      } else this.int(i, v);
    } else this.real(i, v);
  }

  /** Number `i` as read with safeIntegers: a bigint was stored as INTEGER, a number as REAL. */
  private stored(i: number, v: unknown): void {
    if (v === null) this.none(i);
    else if (typeof v === 'bigint') this.i64[(this.at >> 1) + i] = v;
    else if (typeof v === 'number') this.real(i, v);
    else {
      this.foreign ??= `${NUM_COLUMNS[i]} holds ${typeof v === 'string' ? 'text' : 'bytes'}`;
      this.none(i);
    }
  }

  /** Interned column `j`: the hash of its string (`words` from offset `o`, as stringHashWords gives), or null. */
  ref(j: number, words: Uint32Array | null, o = 0): void {
    const k = this.at + REFS + 8 * j;
    const u = this.u32;
    if (words === null) {
      for (let w = 0; w < 8; w++) u[k + w] = 0;
      this.flags |= REF_NULL_BIT << j;
    } else for (let w = 0; w < 8; w++) u[k + w] = words[o + w];
  }

  /** Ends the row's record. */
  end(): void {
    this.u32[this.at + FLAGS] = this.flags;
    this.u32[this.at + FLAGS + 1] = 0;
    this.n++;
    this.rows++;
  }

  /** Text columns of rows, packed as packedRows packs them: 25 lengths per row (-1 NULL), the texts concatenated. */
  texts(lens: Int32Array, text: string): void {
    if (this.li + lens.length > this.lens.length) this.flushLens();
    if (lens.length >= this.lens.length) this.hLens.update(lens);
    else {
      this.lens.set(lens, this.li);
      this.li += lens.length;
    }
    if (text.length >= TEXT_CHUNK / 4) {
      // A batch's text (one flat string when it comes from the parse thread) is hashed as it is: appended to the
      // pending text first, each flush flattened a new copy of ~0.5 MB.
      this.flushText();
      this.hText.update(text);
      return;
    }
    this.text += text;
    if (this.text.length >= TEXT_CHUNK) this.flushText();
  }

  private textOf(v: unknown, c: number): void {
    if (this.li === this.lens.length) this.flushLens();
    if (v === null) this.lens[this.li++] = -1;
    else if (typeof v === 'string') {
      this.lens[this.li++] = v.length;
      this.text += v;
      if (this.text.length >= TEXT_CHUNK) this.flushText();
    } else {
      this.foreign ??= `${TEXT_COLUMNS[c]} holds ${typeof v === 'bigint' || typeof v === 'number' ? 'a number' : 'bytes'}`;
      this.lens[this.li++] = -2;
    }
  }

  /**
   * One row read from the file: NUM_COLUMNS, REF_COLUMNS, TEXT_COLUMNS in that order, read raw with safeIntegers.
   * `stringHash` gives the hash words of a strings id, null for an id with no string.
   */
  storedRow(row: unknown[], stringHash: (id: unknown) => Uint32Array | null): void {
    this.begin();
    for (let i = 0; i < NUM_COLUMNS.length; i++) this.stored(i, row[i]);
    for (let j = 0; j < REF_COLUMNS.length; j++) {
      const id = row[NUM_COLUMNS.length + j];
      if (id === null) this.ref(j, null);
      else {
        const words = stringHash(id);
        if (!words) this.foreign ??= `${REF_COLUMNS[j]} ${String(id)} names no string`;
        this.ref(j, words ?? new Uint32Array(8).fill(0xffffffff));
      }
    }
    this.end();
    for (let c = 0, o = NUM_COLUMNS.length + REF_COLUMNS.length; c < TEXT_COLUMNS.length; c++) this.textOf(row[o + c], c);
  }

  private flushRecords(): void {
    if (this.n > 0) this.hRec.update(new Uint8Array(this.buf, 0, this.n * REC_U32 * 4));
    this.n = 0;
  }

  private flushLens(): void {
    if (this.li > 0) this.hLens.update(this.lens.subarray(0, this.li));
    this.li = 0;
  }

  private flushText(): void {
    this.hText.update(this.text);
    this.text = '';
  }

  /** The three stream hashes (call once, instead of `result`). */
  parts(): DigestParts {
    this.flushRecords();
    this.flushLens();
    this.flushText();
    return {
      rows: this.rows, records: this.hRec.digest('hex'), lens: this.hLens.digest('hex'), text: this.hText.digest('hex'), exact: this.exact,
      foreign: this.foreign,
    };
  }

  /** The digest (call once); null when it cannot be trusted to match the stored rows (`exact` false). */
  result(): TableDigest | null {
    const parts = this.parts();
    return combineDigestParts(parts, parts);
  }
}

/** Strings hashed by id while reading, forgotten past this many (a log of unique paths must not hold them all). */
const STRING_CACHE_MAX = 100_000;

/** The format-3 digest of the events with ids in `range` (none: null), read from the file as stored. */
export function storedEventsDigest(db: Db, range: { first_id: number; last_id: number } | null): TableDigest {
  const d = new EventRowsDigest();
  if (range) {
    const columns = [...NUM_COLUMNS, ...REF_COLUMNS, ...TEXT_COLUMNS].map((c) => `"${c}"`).join(', ');
    const rows = prepareAsStored(db, `SELECT ${columns} FROM event_rows WHERE id BETWEEN ? AND ? ORDER BY id`).raw(true).safeIntegers(true);
    const value = prepareAsStored(db, 'SELECT value FROM strings WHERE id = ?').pluck(true);
    let cache = new Map<bigint, Uint32Array | null>();
    const stringHash = (id: unknown): Uint32Array | null => {
      const key = id as bigint;
      let words = cache.get(key);
      if (words === undefined) {
        const v = typeof id === 'bigint' ? value.get(id) : undefined;
        words = typeof v === 'string' ? stringHashWords(v) : null;
        if (cache.size >= STRING_CACHE_MAX) cache = new Map();
        cache.set(key, words);
      }
      return words;
    };
    for (const row of rows.iterate(range.first_id, range.last_id) as Iterable<unknown[]>) d.storedRow(row, stringHash);
  }
  return d.result()!;
}
