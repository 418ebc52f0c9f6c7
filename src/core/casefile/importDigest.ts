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
import { storedEventsDigest, type TableDigest } from './eventRowsDigest';

export type { TableDigest } from './eventRowsDigest';

/**
 * Bumped only if the columns or the encoding change; recorded beside each digest. Format 3: the events as stored in
 * `event_rows`, in a binary encoding (eventRowsDigest.ts).
 */
export const DIGEST_FORMAT = 'alibi-import-digest/3';
/** Digests of imports made before format 3: the events through the `events` view, as JSON, by id range (still verified that way). */
export const DIGEST_FORMAT_VIEW_JSON = 'alibi-import-digest/2';
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

/** The ids of the events one import wrote, first to last; null when it wrote none (a breach list). */
export interface EventRange {
  first_id: number;
  last_id: number;
}

export interface ImportDigests {
  format: typeof DIGEST_FORMAT | typeof DIGEST_FORMAT_VIEW_JSON | typeof DIGEST_FORMAT_BY_SOURCE;
  source: string;
  /** From format 2 on, with the range the digest covers. */
  events: TableDigest & { first_id?: number | null; last_id?: number | null };
  rejects: TableDigest;
  breach_entries: TableDigest;
}

/** One row as canonical JSON: values in column order, BLOBs as hex so nothing is lost in the encoding. */
function canonical(row: unknown[]): string {
  return JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? { blob: v.toString('hex') } : typeof v === 'bigint' ? String(v) : v)));
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

function eventDigest(db: Db, range: EventRange | null, format: ImportDigests['format'], streamed?: TableDigest | null): ImportDigests['events'] {
  const d = streamed
    ? streamed
    : format !== DIGEST_FORMAT_VIEW_JSON
      ? storedEventsDigest(db, range)
      : range ? digestRows(db, 'events', EVENT_COLUMNS, 'id BETWEEN ? AND ?', [range.first_id, range.last_id]) : digestRows(db, 'events', EVENT_COLUMNS, '0', []);
  return { ...d, first_id: range?.first_id ?? null, last_id: range?.last_id ?? null };
}

/**
 * The digests of everything source `sourceId` holds; the import records them (with the range it wrote),
 * verify recomputes them over the range the log recorded. `streamed`: the format-3 events digest already computed
 * while writing that range (EventRowsDigest, from the packed batches the writer binds), so the rows need not be read back. `format`:
 * format 2 only to check an import recorded that way.
 */
export function importDigests(
  db: Db, sourceId: number, range: EventRange | null = sourceEventRange(db, sourceId), streamed?: TableDigest | null,
  format: typeof DIGEST_FORMAT | typeof DIGEST_FORMAT_VIEW_JSON = DIGEST_FORMAT,
): ImportDigests {
  const source = digestRows(db, 'sources', SOURCE_COLUMNS, 'id = ?', [sourceId]);
  return {
    format,
    source: source.sha256,
    events: eventDigest(db, range, format, streamed),
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

/**
 * The same digests recomputed the way `recorded` was made: over its recorded range as stored (format 3) or through
 * the view (format 2), or by source_id (format 1). Anything else is recomputed as format 3 (and will not match).
 */
export function digestsAsRecorded(db: Db, sourceId: number, recorded: ImportDigests): ImportDigests {
  const range = recordedRange(recorded);
  if (range !== undefined) return importDigests(db, sourceId, range, null, recorded.format === DIGEST_FORMAT_VIEW_JSON ? DIGEST_FORMAT_VIEW_JSON : DIGEST_FORMAT);
  const old = importDigests(db, sourceId, null);
  return { ...old, format: DIGEST_FORMAT_BY_SOURCE, events: digestRows(db, 'events', EVENT_COLUMNS, 'source_id = ?', [sourceId]) };
}
