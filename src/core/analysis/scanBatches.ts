// The scan's rows (eventScan.ts) packed in batches of typed arrays, to go from the scan thread to the per-address
// pass without the receiving thread building a million row arrays out of a structured clone: one column of
// numbers per field, its buffers transferred, not copied. Strings that repeat (addresses, identifiers of returning
// customers, kinds, an older layout's user agents) are sent once and named by a number after that. A value reads
// back exactly as the driver gave it: the same number (-0 and fractions included), the same text, null.
import type { Detail, RowHandler, ScanRow } from './eventScan';

const NUM = 0;
const NULL = 1;
/** A string of the shared dictionary (sent in `added` of this batch or an earlier one). */
const DICT = 2;
/** A string of this batch only (`local`): values that rarely repeat, or once the dictionary is full. */
const LOCAL = 3;

/** One field of a batch's rows: values (numbers, or a string's number) and each value's tag; one tag for all. */
export interface Column {
  v: Float64Array | Int32Array | null;
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
const DETAIL_FIELDS = 8;
/** Fields whose strings are kept in the dictionary: ScanRow's addr, relay, method, path, user agent (not the query). */
const ROW_DICT = [false, false, false, true, true, true, true, false, true];
/** Detail's kind, e-mail, customer, decision (not the order, transaction or card: most are seen once). */
const DETAIL_DICT = [true, true, true, false, false, false, true, false];
/** Strings the dictionary keeps, whatever the case holds (a hostile log can carry millions of distinct values). */
const DICT_CAP = 1 << 17;
const DICT_MAX_LENGTH = 512;

class Dictionary {
  private readonly ids = new Map<string, number>();
  added: string[] = [];

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      if (this.ids.size >= DICT_CAP || s.length > DICT_MAX_LENGTH) return -1;
      this.ids.set(s, (id = this.ids.size));
      this.added.push(s);
    }
    return id;
  }
}

class ColumnWriter {
  private readonly v: Float64Array;
  private readonly t: Uint8Array;

  constructor(cap: number, private readonly dict: Dictionary | null, private readonly local: { list: string[] }) {
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
      const id = this.dict ? this.dict.id(x) : -1;
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
    const t0 = this.t[0];
    let oneTag = true;
    let int = true;
    for (let i = 0; i < n; i++) {
      if (this.t[i] !== t0) oneTag = false;
      const x = this.v[i];
      if ((x | 0) !== x || Object.is(x, -0)) int = false;
    }
    let t: Uint8Array | number = t0;
    if (!oneTag) transfer.push((t = this.t.slice(0, n)).buffer as ArrayBuffer);
    let v: Float64Array | Int32Array | null = null;
    if (!(oneTag && t0 === NULL)) transfer.push((v = int ? new Int32Array(this.v.subarray(0, n)) : this.v.slice(0, n)).buffer as ArrayBuffer);
    return { v, t };
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
    this.rows = ROW_DICT.map((d) => new ColumnWriter(cap, d ? this.dict : null, this.local));
    this.details = DETAIL_DICT.map((d) => new ColumnWriter(cap, d ? this.dict : null, this.local));
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
  private readonly row = new Array(ROW_FIELDS).fill(null) as unknown as ScanRow;
  private readonly detail = new Array(DETAIL_FIELDS).fill(null) as unknown as Detail;

  read(b: ScanBatch, f: RowHandler): void {
    for (const s of b.added) this.dict.push(s);
    const { dict, row, detail } = this;
    const local = b.local;
    const cell = (c: Column, i: number): unknown => {
      const tag = typeof c.t === 'number' ? c.t : c.t[i];
      if (tag === NUM) return c.v![i];
      if (tag === NULL) return null;
      return tag === DICT ? dict[c.v![i]] : local[c.v![i]];
    };
    const r = row as unknown[];
    const d = detail as unknown[];
    for (let i = 0; i < b.n; i++) {
      for (let k = 0; k < ROW_FIELDS; k++) r[k] = cell(b.rows[k], i);
      const j = b.detailAt[i];
      if (j < 0) f(row, null);
      else {
        for (let k = 0; k < DETAIL_FIELDS; k++) d[k] = cell(b.details[k], j);
        f(row, detail);
      }
    }
  }
}
