// The bookkeeping every import shares: one transaction (bulk-index handling, rollback on any throw), the
// sources row, the refusal rules, the audit entry, throttled progress, and the end-of-pass hash check.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Db } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { TIME_ORDERED_INDEXES } from '../casefile/schema';
import { importDigests, justImportedRange, type EventRange, type TableDigest } from '../casefile/importDigest';
import { AlibiError } from '../errors';
import { msg } from '../i18n';
import type { ImportResult } from '../types';
import type { ColumnMapping } from './presets';
import type { StreamHooks } from './streamSources';
import type { TrustedProxies } from './trustedProxies';
import type { ImportOptions } from './importFile';

export const PARSER_VERSION = '1.0.0';
const PROGRESS_EVERY_MS = 100;

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** `CommonJob.sha256` of a file hashed during the one pass that reads it (no source of its size is in the case). */
export const HASHED_WHILE_READING = '';

export interface CommonJob {
  path: string;
  file: string;
  size: number;
  /** Modification time when the import began: tells a file that changed meanwhile when it was hashed only once. */
  mtimeMs?: number;
  /** The file's SHA-256, or HASHED_WHILE_READING until checkUnchanged sets it from the reading pass. */
  sha256: string;
  encoding: string;
  proxies: TrustedProxies;
  opts: ImportOptions;
}

/** Progress reporting throttled to one call per PROGRESS_EVERY_MS. */
export function progressReporter(job: CommonJob, writer: () => SourceCounts | null) {
  const started = performance.now();
  let last = 0;
  return (bytesRead: number, final = false) => {
    const cb = job.opts.onProgress;
    if (!cb) return;
    const now = performance.now();
    if (!final && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    const w = writer();
    const rows = (w?.accepted ?? 0) + (w?.rejected ?? 0);
    const seconds = (now - started) / 1000;
    const bytesPerSecond = seconds > 0 ? bytesRead / seconds : 0;
    cb({
      file: job.file, rows, rejected: w?.rejected ?? 0, bytesRead, bytesTotal: job.size,
      rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : 0,
      etaSeconds: bytesPerSecond > 0 ? Math.max(0, (job.size - bytesRead) / bytesPerSecond) : null,
    });
  };
}

/**
 * Page cache while rows go in: appends touch the right edge of each B-tree, and a larger cache only holds dirty
 * pages longer (8 MB measured as fast as 32 MB on 1M and 5M lines, with ~20 MB less peak RSS).
 */
const IMPORT_CACHE_KIB = 8 * 1024;
/**
 * Page cache, hence sorter memory, while the indexes are rebuilt: SQLite sorts runs of this size in memory and
 * merges them. Runs that fit the CPU caches, sorted in this thread, cost ~40% less CPU per index than 32 MB runs
 * sorted with a helper thread (which on two shared cores mostly waited for this one), and less memory.
 */
const INDEX_SORT_KIB = 4 * 1024;
const BULK_SHARE = 4;
/** Bytes per row of a typical log line, and how much a compressed log expands: for the estimate above. */
export function estimatedRows(size: number, compressed: boolean): number {
  return Math.round((size * (compressed ? 8 : 1)) / 200);
}

/** A row this far (ms) behind the latest time already written is out of order, not a request that finished late. */
const LATE_MS = 60_000;
/** Out-of-order rows tolerated before the time-ordered indexes are dropped: this many, or 1% of the rows. */
const OUT_OF_ORDER_MIN = 1000;

/**
 * Watches the times of the rows an import writes while the time-ordered indexes (TIME_ORDERED_INDEXES) are kept:
 * a row before the case's latest event, or more than LATE_MS behind the latest row of the file, would be a random
 * insert into them. Past a few such rows it calls `drop` once (the indexes are then rebuilt after the insert).
 */
export class TimeOrderWatch {
  private latest: number;
  private rows = 0;
  private late = 0;
  private dropped = false;

  constructor(caseLatest: number | null, private readonly drop: () => void) {
    this.latest = caseLatest ?? -Infinity;
  }

  /** The times of a batch of rows, in the order they are written (ts at `nums[at + k * stride]`). */
  seen(nums: Float64Array, at: number, stride: number, rows: number): void {
    if (this.dropped) return;
    let latest = this.latest;
    let late = this.late;
    for (let k = at, end = at + rows * stride; k < end; k += stride) {
      const ts = nums[k];
      if (ts > latest) latest = ts;
      else if (ts < latest - LATE_MS) late++;
    }
    this.latest = latest;
    this.late = late;
    this.rows += rows;
    if (late > OUT_OF_ORDER_MIN && late * 100 > this.rows) {
      this.dropped = true;
      this.drop();
    }
  }
}

/** What the body of an import transaction learns about its bulk index handling. */
export interface BulkIndexes {
  /** Set when the time-ordered indexes are kept during the insert: the writer reports the times it writes. */
  timeOrder: TimeOrderWatch | null;
}

/**
 * Runs `body` inside one transaction; any throw (refusal, cancel, bug) rolls everything back, index drops included.
 * Bulk speed: a larger page cache for the duration, and when the case has no events yet or the file brings at least
 * a quarter as many rows as it holds (`incomingRows`, estimated), the events indexes are dropped and rebuilt once
 * at the end (one sort instead of a million random B-tree inserts). `timeOrdered` (a log: lines in time order): the
 * indexes that lead with the time are kept and filled as the rows go in, unless the rows turn out not to be in order.
 * `alone` (an import of rows, not a breach list): a bulk import with the case to itself runs under a rollback
 * journal (rollbackJournalIfAlone), `onSwitch` called once switched.
 */
export async function inTransaction<T>(
  db: Db, body: (bulk: BulkIndexes) => Promise<T>, incomingRows = 0, timeOrdered = false, alone?: { onSwitch?: () => void },
): Promise<T> {
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  // The writer only uses the source row it has just inserted: no per-row look-up of sources (set outside BEGIN,
  // where SQLite honours it).
  db.pragma('foreign_keys = OFF');
  // One sort of everything beats random B-tree inserts once the new rows are a fair share of the case (the
  // second of a month of daily logs, say); a small file into a big case keeps its indexes. (Read before BEGIN:
  // the rollback journal is chosen outside a transaction; another writer can only add rows, and it is a heuristic.)
  const existing = (db.prepare('SELECT max(id) FROM event_rows').pluck().get() as number | null) ?? 0;
  const rebuild = existing === 0 || incomingRows * BULK_SHARE >= existing;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const journal = alone && rebuild ? rollbackJournalIfAlone(db) : false;
  try {
    if (journal) alone?.onSwitch?.();
    // Under a rollback journal the import locks the file from the start: a program that opens the case meanwhile
    // is told it is busy (toErrorData), and the import never waits for a reader in the middle of writing.
    db.exec(journal ? 'BEGIN EXCLUSIVE' : 'BEGIN IMMEDIATE');
    // Only plain CREATE INDEX statements are dropped and replayed (the case file may come from someone else).
    // Partial indexes stay: rebuilding each would scan the whole table again. Most hold only business rows; those a
    // log's rows enter get them in id order under a few keys, each appended where its key ends (`events_relay_ip`:
    // a proxy's few addresses; `events_error_status`: a handful of statuses — its rebuild after the last row cost
    // ~0.15 s per 1M lines the import waited for, keeping it no measurable CPU while rows go in, 0.4 MB more).
    const indexes = rebuild
      ? (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event_rows' AND sql IS NOT NULL").all() as {
          name: string; sql: string;
        }[]).filter((ix) => /^CREATE (UNIQUE )?INDEX /i.test(ix.sql) && !/\bWHERE\b/i.test(ix.sql))
      : [];
    const drop = (ix: { name: string }) => db.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
    const kept = timeOrdered ? indexes.filter((ix) => TIME_ORDERED_INDEXES.includes(ix.name)) : [];
    for (const ix of indexes) if (!kept.includes(ix)) drop(ix);
    const bulk: BulkIndexes = { timeOrder: null };
    if (kept.length) {
      const caseLatest = db.prepare('SELECT max(ts) FROM event_rows').pluck().get() as number | null;
      bulk.timeOrder = new TimeOrderWatch(caseLatest, () => {
        for (const ix of kept) drop(ix);
        kept.length = 0;
      });
    }
    const out = await body(bulk);
    const rebuilt = indexes.filter((ix) => !kept.includes(ix));
    if (rebuilt.length) db.pragma(`cache_size = -${INDEX_SORT_KIB}`);
    for (const ix of rebuilt) db.exec(ix.sql);
    db.exec('COMMIT');
    return out;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
    db.pragma(`foreign_keys = ${foreignKeys}`);
    if (journal) backToWal(db, synchronous);
  }
}

/**
 * A bulk import (the rows it brings are a fair share of the case) with the case to itself runs under a rollback
 * journal: its new pages are written once, into the file (a rollback journal keeps only pages that existed
 * before), where WAL writes every page twice, to the -wal file and back into the case at the checkpoint after
 * COMMIT (~0.35 CPU-s less per 1M lines). Leaving WAL needs every other connection closed: with one open (the app's
 * own, while its import worker writes), the switch does not happen and the import runs in WAL. True when switched.
 */
function rollbackJournalIfAlone(db: Db): boolean {
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') return false;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return false;
  } catch {
    return false; // another connection holds the file
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  // NORMAL is safe against power loss in WAL mode only: a rollback journal is synced at every step.
  db.pragma('synchronous = FULL');
  return true;
}

/** Back to WAL (and the sync level it had) after an import that ran under a rollback journal. */
function backToWal(db: Db, synchronous: number): void {
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${Math.trunc(synchronous)}`);
  } catch {
    // Another program opened the case in between (it switched the file to WAL itself): nothing to undo.
  }
}

export interface SourceRecord {
  format: string;
  preset: string | null;
  tz: string | null;
  tzAssumed: boolean;
  mappingJson: string | null;
  /** Parser of this source when not the importer's own (breach lists: `breach/1`). */
  parserVersion?: string;
  breachName?: string | null;
  breachDate?: string | null;
}

/** What finishSource needs from whatever wrote the source's rows (events, breach entries). */
export interface SourceCounts {
  accepted: number;
  rejected: number;
  skipped: number;
  firstTs: number | null;
  lastTs: number | null;
  firstRejects: { rowNo: number; reason: string }[];
  /** The events digest computed while writing (null or absent: read the rows back). */
  eventsDigest?(): TableDigest | null;
}

/** One rule for every import: a file already in the case (same SHA-256) is refused unless forced. */
export function refuseDuplicate(db: Db, job: Pick<CommonJob, 'path' | 'sha256' | 'opts'>): void {
  const dup = db.prepare('SELECT id, imported_at FROM sources WHERE sha256 = ? ORDER BY id LIMIT 1').get(job.sha256) as
    | { id: number; imported_at: string }
    | undefined;
  if (dup && !job.opts.force) {
    throw AlibiError.of(
      msg('import.error.alreadyImported', { file: job.path, source: dup.id, at: { ts: Date.parse(dup.imported_at), tz: 'UTC' }, sha256: job.sha256 }),
      { cli: msg('import.error.alreadyImported.cli'), app: msg('import.error.alreadyImported.app') },
      1,
      'exists',
    );
  }
}

export function insertSource(db: Db, job: CommonJob, s: SourceRecord): number {
  const r = db
    .prepare(
      `INSERT INTO sources(file_name, file_path, size, sha256, format, preset, parser_version, encoding, tz, tz_assumed,
        mapping_json, imported_at, breach_name, breach_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    )
    .run(job.file, job.path, job.size, job.sha256, s.format, s.preset, s.parserVersion ?? PARSER_VERSION, job.encoding, s.tz, s.tzAssumed ? 1 : 0,
      s.mappingJson, new Date().toISOString(), s.breachName ?? null, s.breachDate ?? null);
  return Number(r.lastInsertRowid);
}

/**
 * Refuses a file with no data, or more than half rejected; then records counts, audit entry (`audit` names a
 * more specific action and adds details, as breach lists do), result.
 */
export function finishSource(
  db: Db, job: CommonJob, sourceId: number, w: SourceCounts, s: SourceRecord, audit?: { action: string; details: Record<string, unknown> },
): ImportResult {
  const total = w.accepted + w.rejected;
  if (total === 0) throw AlibiError.of(msg('import.error.noRows', { file: job.path }), msg('import.error.rightExport'));
  if (w.rejected * 2 > total) {
    const reasons = w.firstRejects.map((r) => msg('import.error.rejectedRow', { row: r.rowNo, reason: r.reason }));
    throw AlibiError.of(
      msg('import.error.mostlyRejected', { file: job.path, rejected: w.rejected, total, reasons }),
      { cli: msg('import.error.mostlyRejected.cli'), app: msg('import.error.mostlyRejected.app') },
    );
  }
  db.prepare('UPDATE sources SET sha256 = ?, rows_accepted = ?, rows_rejected = ?, first_ts = ?, last_ts = ?, tz = ?, tz_assumed = ?, mapping_json = ? WHERE id = ?')
    .run(job.sha256, w.accepted, w.rejected, w.firstTs, w.lastTs, s.tz, s.tzAssumed ? 1 : 0, s.mappingJson, sourceId);
  const result: ImportResult = {
    file: job.path, sha256: job.sha256, preset: s.preset, format: s.format, accepted: w.accepted, rejected: w.rejected,
    ...(w.skipped > 0 ? { skipped: w.skipped } : {}), first: iso(w.firstTs), last: iso(w.lastTs), sourceId,
  };
  appendAudit(db, {
    action: audit?.action ?? 'import',
    target: job.sha256,
    details: {
      source_id: sourceId, file: job.file, path: job.path, size: job.size, format: s.format, preset: s.preset,
      parser_version: s.parserVersion ?? PARSER_VERSION, encoding: job.encoding, tz: s.tz, tz_assumed: s.tzAssumed,
      accepted: w.accepted, rejected: w.rejected, skipped: w.skipped, first: result.first, last: result.last, forced: !!job.opts.force,
      ...audit?.details,
      // What this import wrote, recomputed by `alibi verify` (src/core/casefile/logCrossCheck.ts).
      digests: writtenDigests(db, sourceId, w),
    },
  });
  return result;
}

/**
 * The digests of what this import wrote. The writer's streamed digest comes with a contiguous run of ids ending
 * at the table's last id (it checked that): the range is read off max(id), nothing is read back.
 */
function writtenDigests(db: Db, sourceId: number, w: SourceCounts): ReturnType<typeof importDigests> {
  const streamed = w.eventsDigest?.();
  if (!streamed) return importDigests(db, sourceId, justImportedRange(db, sourceId, w.accepted));
  const last = db.prepare('SELECT max(id) FROM event_rows').pluck().get() as number | null;
  const range: EventRange | null = streamed.rows > 0 && last !== null ? { first_id: last - streamed.rows + 1, last_id: last } : null;
  return importDigests(db, sourceId, range, streamed);
}

export function hooksFor(job: CommonJob, report: (bytes: number) => void): StreamHooks & { digest(): string } {
  const hash = createHash('sha256');
  return { hash, signal: job.opts.signal, onChunk: report, digest: () => hash.digest('hex') };
}

/**
 * The file read is the file hashed: the reading pass's hash against the one taken first, or (hashed only while
 * reading) the size and modification time against those at the start. Then the hash is the source's, and a
 * file already in the case under it is refused (the same rule as before reading).
 */
export function checkUnchanged(job: CommonJob, digest: string, db?: Db): void {
  const changed = () => AlibiError.of(msg('import.error.changed', { file: job.path }), msg('import.error.changed.hint'));
  if (job.sha256 !== HASHED_WHILE_READING) {
    if (digest !== job.sha256) throw changed();
    return;
  }
  let st: { size: number; mtimeMs: number };
  try {
    st = statSync(job.path);
  } catch {
    throw changed();
  }
  if (st.size !== job.size || st.mtimeMs !== job.mtimeMs) throw changed();
  job.sha256 = digest;
  if (db) refuseDuplicate(db, job);
}

export function savePreset(db: Db, name: string, base: string | null, mapping: ColumnMapping): void {
  const mappingJson = JSON.stringify(mapping);
  db.prepare('INSERT OR REPLACE INTO presets(name, base_preset, mapping_json, created_at) VALUES (?, ?, ?, ?)')
    .run(name, base, mappingJson, new Date().toISOString());
  appendAudit(db, { action: 'preset.save', target: name, details: { base_preset: base, mapping } });
}
