// What an import wrote, condensed into digests its audit entry records: the events, the rejected rows and
// the breach entries of one source, and the source row itself. `verify` recomputes them from the file, so
// editing, deleting or swapping in events breaks the check even when the audit chain is intact.
import { createHash } from 'node:crypto';
import type { Db } from './caseFile';

/** Bumped only if the columns or the encoding below change; recorded beside each digest. */
export const DIGEST_FORMAT = 'alibi-import-digest/1';

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

export interface ImportDigests {
  format: typeof DIGEST_FORMAT;
  source: string;
  events: TableDigest;
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

function digestRows(db: Db, table: string, columns: string[], where: string, arg: number): TableDigest {
  const h = createHash('sha256');
  let rows = 0;
  const stmt = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE ${where} ORDER BY id`).raw(true);
  for (const row of stmt.iterate(arg) as Iterable<unknown[]>) {
    h.update(canonical(row));
    h.update('\n');
    rows++;
  }
  return { rows, sha256: h.digest('hex') };
}

/**
 * The digests of everything source `sourceId` holds; the import records them, verify recomputes them. `events`:
 * the events digest already computed while writing (StreamedEventDigest), so the rows need not be read back.
 */
export function importDigests(db: Db, sourceId: number, events?: TableDigest | null): ImportDigests {
  const source = digestRows(db, 'sources', SOURCE_COLUMNS, 'id = ?', sourceId);
  return {
    format: DIGEST_FORMAT,
    source: source.sha256,
    events: events ?? digestRows(db, 'events', EVENT_COLUMNS, 'source_id = ?', sourceId),
    rejects: digestRows(db, 'rejects', REJECT_COLUMNS, 'source_id = ?', sourceId),
    breach_entries: digestRows(db, 'breach_entries', BREACH_COLUMNS, 'source_id = ?', sourceId),
  };
}
