// The rows the per-address pass reads (ipAggregate.ts): every event with a client address, in id order, each with
// its identifiers when it carries any. Read here in one thread, or by the scan thread (scanWorker.ts) on its own
// connection while the rules run, which sends the same rows in batches (scanBatches.ts). This module imports no
// more than the scan needs: the scan thread's bundle is this, the batch codec and the driver.
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** Event ids read per call of the scan. */
const SCAN_SLICE = 2_000;

export type Key = number | string | null;

/**
 * A row of the aggregation scan, slim: most rows are web requests without identifiers, read as a few numbers.
 * Method, path and user agent are keys, not text: the interned string ids of the compact layout (resolved once per
 * distinct id), or the text itself in an older layout and for the PSP rows the links attribute to their order's IP.
 * `query` is the path's query string when the key names the path without it. `relay` is the remote address when a
 * proxy relayed the request for `addr`. `provider` is 1 for a provider call; a row that carries identifiers (any
 * kind but a bare web request or provider call) is read apart as well, see Detail, and its kind is the detail's.
 */
export type ScanRow = [
  id: number, ts: number, provider: 0 | 1, addr: string | null, relay: string | null, methodKey: Key, pathKey: Key, query: string | null, uaKey: Key,
  /** From the scan thread: a number it gives this `addr` text alone (-1 when none), found faster than the text. */
  addrRef?: number,
];
/** The identifying columns of a row that carries identifiers (and, read by slice, its id). */
export type Detail = [kind: string, email: string | null, customerId: string | null, orderId: string | null, tx: string | null, card: string | null, decision: string | null, status: number | null, id?: number];

/** What the scan hands each row to; it must not keep `row` or `d` (a batch reader reuses them for the next row). */
export type RowHandler = (row: ScanRow, d: Detail | null) => void;

const FULL = `CASE WHEN kind IN ('http_request','provider_call') AND email IS NULL AND customer_id IS NULL AND order_id IS NULL AND transaction_id IS NULL AND card_key IS NULL THEN 0 ELSE 1 END`;
const RELAY = 'CASE WHEN ip IS NOT NULL AND client_ip IS NOT NULL AND ip != client_ip THEN ip END';

/**
 * Every event with a client address, in id order, and a reader of a row's identifiers. The compact layout is read
 * from `event_rows` with its string ids: the `events` view would rebuild each path and user agent as a new string.
 */
function scanSlices(db: Db): Iterable<[ScanRow[], Detail[]]> {
  const where = '(client_ip IS NOT NULL OR ip IS NOT NULL)';
  const compact = isCompact(db);
  const table = compact ? 'event_rows' : 'events';
  const keys = compact ? 'method_id, path_id, path_query, user_agent_id' : 'method, path, NULL, user_agent';
  const chunk = db.prepare(`SELECT id, ts, kind = 'provider_call', coalesce(client_ip, ip), ${RELAY}, ${keys} FROM ${table} WHERE id > ? AND id <= ? AND ${where}`).raw();
  const last = lastEventId(db);
  // the identifiers of the slice's rows that carry any, in the same order: one call per slice instead of one per row
  const details = db.prepare(`SELECT kind, email, customer_id, order_id, transaction_id, card_key, decision, status, id FROM ${table} WHERE id > ? AND id <= ? AND ${where} AND ${FULL} = 1`).raw();
  // in id order, a slice of ids at a time: one call per slice costs less than stepping an iterator per row
  function* slices(): Iterable<[ScanRow[], Detail[]]> {
    for (let lo = 0; lo < last; lo += SCAN_SLICE) yield [chunk.all(lo, lo + SCAN_SLICE) as ScanRow[], details.all(lo, lo + SCAN_SLICE) as Detail[]];
  }
  return slices();
}

const isCompact = (db: Db) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_rows'`).get() !== undefined;

/** The case's last event id (from the table itself: the `events` view of the compact layout takes far longer). */
export function lastEventId(db: Db): number {
  return (db.prepare(`SELECT max(id) FROM ${isCompact(db) ? 'event_rows' : 'events'}`).pluck().get() as number | null) ?? 0;
}

/** Hands every row of the scan to `f`, in id order, with its identifiers when it carries any. */
export function forEachScanRow(db: Db, f: RowHandler): void {
  for (const [rows, details] of scanSlices(db)) {
    // both lists are in id order, the details a subset of the rows
    let j = 0;
    let next = details.length ? details[0][8]! : -1;
    for (const row of rows) {
      while (next !== -1 && next < row[0]) next = ++j < details.length ? details[j][8]! : -1; // a row changed between the reads
      if (row[0] !== next) f(row, null);
      else {
        f(row, details[j]);
        next = ++j < details.length ? details[j][8]! : -1;
      }
    }
  }
}
