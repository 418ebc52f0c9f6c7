// The scan's rows (eventScan.ts) packed in batches of typed arrays, to go from the scan thread to the per-address
// pass without the receiving thread building a million row arrays out of a structured clone: one column of
// numbers per field, its buffers transferred, not copied. Strings that repeat (addresses, identifiers of returning
// customers, kinds, an older layout's user agents) are sent once and named by a number after that. A value reads
// back exactly as the driver gave it: the same number (-0 and fractions included), the same text, null.
import { AddressTable } from './addressTable';
import type { Detail, RowHandler, ScanRow } from './eventScan';

const NUM = 0;
const NULL = 1;
/** A string of the shared dictionary (sent in `added` of this batch or an earlier one). */
const DICT = 2;
/** A string of this batch only (`local`): values that rarely repeat, or once the dictionary is full. */
const LOCAL = 3;

/** One field of a batch's rows: values (numbers, or a string's number), less `base`, in the narrowest array they
 *  fit, and each value's tag (or one tag for all). */
export interface Column {
  v: Float64Array | Int32Array | Uint16Array | Uint8Array | null;
  base: number;
  t: Uint8Array | number;
}

export interface ScanBatch {
  type: 'batch';
  n: number;
  rows: Column[];
  /** Per row, its index among the batch's details, or -1 when it carries no identifiers. */
  detailAt: Int32Array;
  details: Column[];
  /** Strings added to the dictionary by this batch, in the order of their numbers. */
  added: string[];
  local: string[];
}

const ROW_FIELDS = 9;
/** ScanRow's address: its dictionary number goes with the row (ScanRow's addrRef). */
const ADDR = 3;
const DETAIL_FIELDS = 8;
/** How a field's strings are sent: in the dictionary found by text, in the dictionary found by address (see
 *  addressTable.ts: no hashing of each row's address text), or with the batch. */
type Strings = 'text' | 'address' | null;
/** ScanRow's addr and relay by address; method, path, user agent by text (an older layout's); not the query. */
const ROW_STRINGS: Strings[] = [null, null, null, 'address', 'address', 'text', 'text', null, 'text'];
/** Detail's kind, e-mail, customer, decision (not the order, transaction or card: most are seen once). */
const DETAIL_STRINGS: Strings[] = ['text', 'text', 'text', null, null, null, 'text', null];
/** Strings the dictionary keeps, whatever the case holds (a hostile log can carry millions of distinct values). */
const DICT_CAP = 1 << 17;
const DICT_MAX_LENGTH = 512;

class Dictionary {
  private readonly ids = new Map<string, number>();
  private readonly addresses = new AddressTable<number>();
  private size = 0;
  added: string[] = [];

  /** The string's number, or -1 when it is not kept. */
  id(s: string): number {
    return this.ids.get(s) ?? this.keep(s, (id) => this.ids.set(s, id));
  }

  /** The same for an address (the same text may have a number of each kind: both read back as that text). */
  addressId(s: string): number {
    return this.addresses.get(s) ?? this.keep(s, (id) => this.addresses.add(s, id));
  }

  private keep(s: string, put: (id: number) => void): number {
    if (this.size >= DICT_CAP || s.length > DICT_MAX_LENGTH) return -1;
    this.added.push(s);
    put(this.size);
    return this.size++;
  }
}

class ColumnWriter {
  private readonly v: Float64Array;
  private readonly t: Uint8Array;

  constructor(cap: number, private readonly dict: Dictionary, private readonly strings: Strings, private readonly local: { list: string[] }) {
    this.v = new Float64Array(cap);
    this.t = new Uint8Array(cap);
  }

  put(i: number, x: unknown): void {
    if (typeof x === 'number') {
      this.v[i] = x;
      this.t[i] = NUM;
    } else if (x === null || x === undefined) {
      this.v[i] = 0;
      this.t[i] = NULL;
    } else if (typeof x === 'string') {
      const id = this.strings === 'address' ? this.dict.addressId(x) : this.strings === 'text' ? this.dict.id(x) : -1;
      if (id >= 0) {
        this.v[i] = id;
        this.t[i] = DICT;
      } else {
        this.v[i] = this.local.list.push(x) - 1;
        this.t[i] = LOCAL;
      }
    } else throw new Error(`the scan read a value of type ${typeof x}, which only numbers, text and null are`);
  }

  /** The first `n` values in arrays of their own (to transfer), as narrow as they fit. */
  take(n: number, transfer: ArrayBuffer[]): Column {
    const { v, t } = this;
    const t0 = t[0];
    let oneTag = true;
    let int = true;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      if (t[i] !== t0) oneTag = false;
      const x = v[i];
      if (x < min) min = x;
      if (x > max) max = x;
      if (!Number.isSafeInteger(x) || Object.is(x, -0)) int = false;
    }
    const tags: Uint8Array | number = oneTag ? t0 : t.slice(0, n);
    if (typeof tags !== 'number') transfer.push(tags.buffer as ArrayBuffer);
    if (n === 0 || (oneTag && t0 === NULL)) return { v: null, base: 0, t: tags };
    // integers as offsets from the least (ids, times, string numbers): a byte or two each for most fields
    const span = max - min;
    const base = int && span <= 0x7fffffff ? min : 0;
    const Narrow = !int || span > 0x7fffffff ? Float64Array : span <= 0xff ? Uint8Array : span <= 0xffff ? Uint16Array : Int32Array;
    const out = new Narrow(n);
    if (base === 0) out.set(v.subarray(0, n));
    else for (let i = 0; i < n; i++) out[i] = v[i] - base;
    transfer.push(out.buffer as ArrayBuffer);
    return { v: out, base, t: tags };
  }
}

/** Packs rows (in the scan thread) into batches of up to `cap` rows. */
export class BatchWriter {
  private readonly dict = new Dictionary();
  private readonly local = { list: [] as string[] };
  private readonly rows: ColumnWriter[];
  private readonly details: ColumnWriter[];
  private detailAt: Int32Array;
  private n = 0;
  private dn = 0;

  constructor(private readonly cap: number) {
    this.rows = ROW_STRINGS.map((k) => new ColumnWriter(cap, this.dict, k, this.local));
    this.details = DETAIL_STRINGS.map((k) => new ColumnWriter(cap, this.dict, k, this.local));
    this.detailAt = new Int32Array(cap);
  }

  get size(): number {
    return this.n;
  }

  /** Adds a row; true when the batch is full (take it). */
  add(row: ScanRow, d: Detail | null): boolean {
    const i = this.n++;
    for (let k = 0; k < ROW_FIELDS; k++) this.rows[k].put(i, row[k]);
    if (d === null) this.detailAt[i] = -1;
    else {
      const j = (this.detailAt[i] = this.dn++);
      for (let k = 0; k < DETAIL_FIELDS; k++) this.details[k].put(j, d[k]);
    }
    return this.n === this.cap;
  }

  /** The batch so far (emptied here), and the buffers to transfer with it. */
  take(): { batch: ScanBatch; transfer: ArrayBuffer[] } {
    const transfer: ArrayBuffer[] = [];
    const { n, dn } = this;
    const detailAt = this.detailAt.slice(0, n);
    transfer.push(detailAt.buffer as ArrayBuffer);
    const batch: ScanBatch = {
      type: 'batch', n, detailAt,
      rows: this.rows.map((c) => c.take(n, transfer)),
      details: this.details.map((c) => c.take(dn, transfer)),
      added: this.dict.added, local: this.local.list,
    };
    this.dict.added = [];
    this.local.list = [];
    this.n = this.dn = 0;
    return { batch, transfer };
  }
}

/** Unpacks batches (in the per-address pass), in the order they were written, handing each row on. */
export class BatchReader {
  private readonly dict: string[] = [];
  // one row and one detail, filled again for each row: the handler reads them and keeps neither (RowHandler)
  private readonly row = new Array(ROW_FIELDS + 1).fill(null) as unknown as ScanRow;
  private readonly detail = new Array(DETAIL_FIELDS).fill(null) as unknown as Detail;

  read(b: ScanBatch, f: RowHandler): void {
    for (const s of b.added) this.dict.push(s);
    const { dict, row, detail } = this;
    const local = b.local;
    const cell = (c: Column, i: number): unknown => {
      const tag = typeof c.t === 'number' ? c.t : c.t[i];
      if (tag === NULL) return null;
      const x = c.base === 0 ? c.v![i] : c.v![i] + c.base; // (-0 + 0 would be 0)
      return tag === NUM ? x : tag === DICT ? dict[x] : local[x];
    };
    const r = row as unknown[];
    const d = detail as unknown[];
    const addr = b.rows[ADDR];
    for (let i = 0; i < b.n; i++) {
      for (let k = 0; k < ROW_FIELDS; k++) r[k] = cell(b.rows[k], i);
      r[ROW_FIELDS] = (typeof addr.t === 'number' ? addr.t : addr.t[i]) === DICT ? addr.v![i] + addr.base : -1;
      const j = b.detailAt[i];
      if (j < 0) f(row, null);
      else {
        for (let k = 0; k < DETAIL_FIELDS; k++) d[k] = cell(b.details[k], j);
        f(row, detail);
      }
    }
  }
}
