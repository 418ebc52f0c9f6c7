// The size of a share copy before it is written, so the CLI and the save dialog can say "about 7 MB" (e-mail or
// not) without spending the half-minute the copy takes on a big case. The plain copy is the VACUUMed file: the
// pages every table and index fills (SQLite's dbstat). The container drops the event indexes and compresses the
// rest: its ratio is measured by compressing spread-out runs of the case's own event pages with the container's
// settings (shareContainer.ts). Redaction changes a few values, not the size that matters; pruning to the
// evidence keeps that share of the events.
import { closeSync, openSync, readSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Db } from '../casefile/caseFile';

export interface ShareEstimate {
  /** Estimated bytes of the file that would be written. */
  bytes: number;
  compressed: boolean;
  /** Events the copy would hold. */
  events: number;
  /** How the compressed size was reached: measured on a sample of the case's pages, or a typical ratio. */
  basis: 'measured' | 'typical';
}

/** Pages compressed to measure the ratio: SAMPLE_RUNS runs of RUN_PAGES event pages (4 MiB runs keep most of the
 * long-range repeats the container's 16 MiB window finds: on a generated 1M-line log, 9% above the real size). */
const SAMPLE_RUNS = 4;
const RUN_PAGES = 1024;
/** A web log's event pages compress about this well when they cannot be read (uncheckpointed WAL). */
const TYPICAL_RATIO = 0.08;

interface Btree { name: string; bytes: number }

/** The estimated size of `shareCopy` with these options (`keptEvents`: the events an evidence-only copy keeps). */
export function estimateShare(db: Db, opts: { compressed: boolean; keptEvents?: number | null }): ShareEstimate {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const trees = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Btree[];
  const events = db.prepare('SELECT count(*) FROM event_rows').pluck().get() as number;
  const kept = opts.keptEvents ?? events;
  const keptShare = events > 0 ? Math.min(1, kept / events) : 1;
  const eventIndexes = new Set(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'event_rows'").pluck().all() as string[],
  );
  // Events, their indexes and the strings only they use shrink with pruning; every other table is copied whole.
  const pruned = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE tbl_name IN ('event_rows', 'strings')").pluck().all() as string[]);
  const scaled = (t: Btree) => (pruned.has(t.name) ? t.bytes * keptShare : t.bytes);
  const header = pageSize;
  if (!opts.compressed) {
    return { bytes: Math.round(header + trees.reduce((s, t) => s + scaled(t), 0)), compressed: false, events: kept, basis: 'measured' };
  }
  const packed = trees.filter((t) => !eventIndexes.has(t.name));
  const raw = header + packed.reduce((s, t) => s + scaled(t), 0);
  const ratio = measuredRatio(db, pageSize);
  // The container's own header and manifest: a few kilobytes.
  return { bytes: Math.round(raw * (ratio ?? TYPICAL_RATIO) + 4096), compressed: true, events: kept, basis: ratio === null ? 'typical' : 'measured' };
}

/**
 * Compressed / raw size of runs of event pages spread over the table, read from the case file. Null when the
 * file cannot be read page by page (its latest pages still in the WAL, or an in-memory database).
 */
function measuredRatio(db: Db, pageSize: number): number | null {
  if (!db.name || db.memory) return null;
  let wal: { busy: number; log: number; checkpointed: number }[];
  try {
    wal = db.pragma('wal_checkpoint(PASSIVE)') as typeof wal;
  } catch {
    return null; // a read-only connection cannot checkpoint
  }
  if (wal[0] && wal[0].log > 0 && wal[0].log !== wal[0].checkpointed) return null;
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'event_rows' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  if (pages.length === 0) return null;
  const runs = Math.min(SAMPLE_RUNS, Math.ceil(pages.length / RUN_PAGES));
  const step = Math.max(RUN_PAGES, Math.floor(pages.length / runs));
  let fd: number;
  try {
    fd = openSync(db.name, 'r');
  } catch {
    return null;
  }
  let rawBytes = 0;
  let packedBytes = 0;
  try {
    const buf = Buffer.alloc(RUN_PAGES * pageSize);
    for (let r = 0; r < runs; r++) {
      const first = r * step;
      const run = pages.slice(first, first + RUN_PAGES);
      let at = 0;
      for (const p of run) at += readSync(fd, buf, at, pageSize, (p - 1) * pageSize);
      const chunk = buf.subarray(0, at);
      rawBytes += chunk.length;
      packedBytes += brotliCompressSync(chunk, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: chunk.length },
      }).length;
    }
  } finally {
    closeSync(fd);
  }
  return rawBytes > 0 ? packedBytes / rawBytes : null;
}
