// What an import wrote, condensed into digests its audit entry records: the events, the rejected rows and
// the breach entries of one source, and the source row itself. `verify` recomputes them from the file, so
// editing, deleting or swapping in events breaks the check even when the audit chain is intact.
//
// Events are digested by the id range the import wrote (one transaction, one contiguous run of ids): a range
// is read through the primary key (there is no index on source_id, so a per-source filter scanned the whole
// table once per source), and every row in it counts, whatever its source_id says. Rows outside every
// recorded range (inserted later, under any source id) are caught by verify's total count.
import { createHash } from 'node:crypto';
import type { Db } from './caseFile';
import { prepareAsStored } from './safeReads';

/** Bumped only if the columns or the encoding below change; recorded beside each digest. */
export const DIGEST_FORMAT = 'alibi-import-digest/2';
/** Digests of imports made before ranges: events selected by source_id (still verified that way). */
export const DIGEST_FORMAT_BY_SOURCE = 'alibi-import-digest/1';

// Explicit column lists (not SELECT *): a later migration that adds a column must not change old digests.
export const EVENT_COLUMNS = [
  'id', 'ts', 'ts_text', 'source_id', 'row_no', 'raw', 'kind', 'ip', 'method', 'path', 'status', 'bytes', 'user_agent',
  'referer', 'email', 'customer_id', 'order_id', 'transaction_id', 'card_key', 'card_bin', 'card_last4', 'card_brand',
  'amount', 'currency', 'decision', 'reason', 'xff', 'client_ip', 'phone', 'name', 'card_key_kind', 'card_fingerprint',
  'card_expiry', 'rule', 'extra',
];
const REJECT_COLUMNS = ['id', 'source_id', 'row_no', 'reason', 'raw'];
const BREACH_COLUMNS = ['id', 'source_id', 'breach_name', 'breach_date', 'kind', 'hmac', 'row_no'];
/** The source row minus file_path (a share copy drops local paths) and imported_at (written before the events). */
const SOURCE_COLUMNS = [
  'id', 'file_name', 'size', 'sha256', 'format', 'preset', 'parser_version', 'tz', 'rows_accepted', 'rows_rejected',
  'first_ts', 'last_ts', 'encoding', 'tz_assumed', 'mapping_json', 'breach_name', 'breach_date',
];

export interface TableDigest {
  rows: number;
  sha256: string;
}

/** The ids of the events one import wrote, first to last; null when it wrote none (a breach list). */
export interface EventRange {
  first_id: number;
  last_id: number;
}

export interface ImportDigests {
  format: typeof DIGEST_FORMAT | typeof DIGEST_FORMAT_BY_SOURCE;
  source: string;
  /** In format 2, with the range the digest covers. */
  events: TableDigest & { first_id?: number | null; last_id?: number | null };
  rejects: TableDigest;
  breach_entries: TableDigest;
}

/** One row as canonical JSON: values in column order, BLOBs as hex so nothing is lost in the encoding. */
function canonical(row: unknown[]): string {
  return JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? { blob: v.toString('hex') } : typeof v === 'bigint' ? String(v) : v)));
}

/** ES2024's String.prototype.isWellFormed (Node 20 has it; the project's TypeScript lib is ES2022). */
type WellFormedCheck = string & { isWellFormed(): boolean };

/** Canonical rows are hashed in chunks of about this many characters (one hash call per row costs more). */
const HASH_CHUNK = 64 * 1024;

/**
 * The events digest computed while the rows are written, from the values handed to the writer (EVENT_COLUMNS
 * order), instead of reading a million rows back through the view: the same canonical encoding, so it equals what
 * `verify` recomputes. It gives up (null) on a string SQLite would not store as is (a lone UTF-16 surrogate
 * becomes U+FFFD in the file), and the importer then reads the rows back.
 */
export class StreamedEventDigest {
  private readonly hash = createHash('sha256');
  private pending = '';
  private exact = true;
  rows = 0;

  add(row: (string | number | null)[]): void {
    if (this.exact) {
      for (const v of row) if (typeof v === 'string' && !(v as WellFormedCheck).isWellFormed()) this.exact = false;
    }
    // Only strings, numbers and nulls come from a parser: canonical()'s BLOB and bigint cases cannot occur.
    this.pending += JSON.stringify(row) + '\n';
    if (this.pending.length >= HASH_CHUNK) {
      this.hash.update(this.pending);
      this.pending = '';
    }
    this.rows++;
  }

  /** The digest, or null when it cannot be trusted to match the stored rows. Call once. */
  result(): TableDigest | null {
    this.hash.update(this.pending);
    this.pending = '';
    const sha256 = this.hash.digest('hex');
    return this.exact ? { rows: this.rows, sha256 } : null;
  }
}

function digestRows(db: Db, table: string, columns: string[], where: string, args: number[]): TableDigest {
  const h = createHash('sha256');
  let rows = 0;
  const stmt = prepareAsStored(db, `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE ${where} ORDER BY id`).raw(true);
  for (const row of stmt.iterate(...args) as Iterable<unknown[]>) {
    h.update(canonical(row));
    h.update('\n');
    rows++;
  }
  return { rows, sha256: h.digest('hex') };
}

/** The range of a source's events, by a scan (a share copy re-digesting what it keeps; a forger can do the same). */
export function sourceEventRange(db: Db, sourceId: number): EventRange | null {
  const r = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM events WHERE source_id = ?').get(sourceId) as { lo: number | null; hi: number | null };
  return r.lo === null || r.hi === null ? null : { first_id: r.lo, last_id: r.hi };
}

/**
 * The range the import of `sourceId` just wrote, inside its transaction: its `accepted` events are the last
 * ids of the table. Checked through the primary key (O(accepted)); a scan only if that does not hold.
 */
export function justImportedRange(db: Db, sourceId: number, accepted: number): EventRange | null {
  const last = db.prepare('SELECT id, source_id FROM event_rows ORDER BY id DESC LIMIT 1').get() as { id: number; source_id: number } | undefined;
  if (!last || last.source_id !== sourceId) return null;
  const first = last.id - accepted + 1;
  const inRange = db.prepare('SELECT count(*) AS n, sum(source_id = ?) AS own FROM event_rows WHERE id BETWEEN ? AND ?').get(sourceId, first, last.id) as { n: number; own: number };
  return accepted > 0 && inRange.n === accepted && inRange.own === accepted ? { first_id: first, last_id: last.id } : sourceEventRange(db, sourceId);
}

function eventDigest(db: Db, range: EventRange | null, streamed?: TableDigest | null): ImportDigests['events'] {
  const d = streamed ? streamed : range ? digestRows(db, 'events', EVENT_COLUMNS, 'id BETWEEN ? AND ?', [range.first_id, range.last_id]) : digestRows(db, 'events', EVENT_COLUMNS, '0', []);
  return { ...d, first_id: range?.first_id ?? null, last_id: range?.last_id ?? null };
}

/**
 * The digests of everything source `sourceId` holds; the import records them (with the range it wrote),
 * verify recomputes them over the range the log recorded. `streamed`: the events digest already computed
 * while writing that range (StreamedEventDigest), so the rows need not be read back.
 */
export function importDigests(
  db: Db, sourceId: number, range: EventRange | null = sourceEventRange(db, sourceId), streamed?: TableDigest | null,
): ImportDigests {
  const source = digestRows(db, 'sources', SOURCE_COLUMNS, 'id = ?', [sourceId]);
  return {
    format: DIGEST_FORMAT,
    source: source.sha256,
    events: eventDigest(db, range, streamed),
    rejects: digestRows(db, 'rejects', REJECT_COLUMNS, 'source_id = ?', [sourceId]),
    breach_entries: digestRows(db, 'breach_entries', BREACH_COLUMNS, 'source_id = ?', [sourceId]),
  };
}

/** The range a recorded digest covers: null for none, undefined for a format-1 digest (events by source_id). */
export function recordedRange(recorded: ImportDigests): EventRange | null | undefined {
  if (recorded.format === DIGEST_FORMAT_BY_SOURCE || !('first_id' in recorded.events)) return undefined;
  const { first_id: lo, last_id: hi } = recorded.events;
  return typeof lo === 'number' && typeof hi === 'number' ? { first_id: lo, last_id: hi } : null;
}

/** The same digests recomputed the way `recorded` was made: over its recorded range, or by source_id (format 1). */
export function digestsAsRecorded(db: Db, sourceId: number, recorded: ImportDigests): ImportDigests {
  const range = recordedRange(recorded);
  if (range !== undefined) return importDigests(db, sourceId, range);
  const old = importDigests(db, sourceId, null);
  return { ...old, format: DIGEST_FORMAT_BY_SOURCE, events: digestRows(db, 'events', EVENT_COLUMNS, 'source_id = ?', [sourceId]) };
}
