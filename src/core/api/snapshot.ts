// The analysis snapshot: analyzeCase runs once per state of its inputs — the sources (an import, from any
// process), the infrastructure register, the analysts' role overrides, the thresholds, the case's zone — and
// every screen, command, block-impact view, alert list and report of that state reads the same result. The
// fingerprint is a few aggregate queries over small tables (sources, infra, overrides, meta), so checking it
// on every call costs well under a millisecond; a change made by another process (a CLI import while the app
// has the case open) is seen too.
//
// The result is also kept in the case file (table analysis_snapshots), so the next command or the next launch
// reads it instead of recomputing. A stored snapshot decides what verdicts the investigator sees, so it is
// trusted only if this user's Alibi wrote it: each row is sealed with an HMAC under a key kept in the user's
// data folder (TrustStore.machineKey), over the case id, the fingerprint, the engine that computed it and the
// data. A received file can carry a row with the right fingerprint, but not a seal that passes here: it is
// ignored and the analysis recomputed. Snapshots are read and written only for the user's own cases (a received
// file is never written), and a share copy carries none.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from '../casefile/caseFile';
import { analyzeCase } from '../analysis/analyze';
import { blockImpact } from '../analysis/blockImpact';
import { DEFAULT_THRESHOLDS } from '../vocabulary';
import type { AnalyzeOptions, BlockImpact, CaseAnalysis } from '../analysis/types';
import { ipDataInfo } from '../enrich/ipIndex';
import type { AnalysisInput, SnapshotState } from '../apiContract';

/** Bumped when the analysis itself changes meaning, so no result of an older engine is reused. */
export const ANALYSIS_VERSION = 13; // 3: texts as message ids; 4: proposals, severity notes and clock checks carry their line as a message; 5: block impact sets the tester's throwaway orders apart; 6: addresses of a case-level testing burst, the address note of an assessment as a message; 7: identity bursts, funds declines, one mailbox per e-mail rule; 8: small-amount probe runs, login guessing by one device; 9: probe runs judged against the addresses without one; 10: a provider proven by nothing outside the traffic is "check before blocking"; 11: Google verified by its published lists only (AS15169 also carries Google Cloud); 12: CT-2, card-testing waves across the shop; 13: the payment that a burst guessed its way to is not a purchase

/**
 * The build of the running engine: the hash of the bundle this code runs from (the CLI's, or the app's engine
 * process's), so a new build never reuses an older build's verdicts even if nobody bumped ANALYSIS_VERSION.
 */
function buildId(): string {
  try {
    return createHash('sha256').update(readFileSync(__filename)).digest('hex').slice(0, 16);
  } catch {
    return 'unknown';
  }
}

let engine: string | undefined;
/** What computed a snapshot: the analysis version, the build, its default thresholds and the IP data it read. */
export function engineId(): string {
  engine ??= [
    `analysis ${ANALYSIS_VERSION}`,
    `build ${buildId()}`,
    `thresholds ${createHash('sha256').update(JSON.stringify(Object.entries(DEFAULT_THRESHOLDS).sort())).digest('hex').slice(0, 16)}`,
    ...ipDataInfo().map((d) => `${d.name} ${d.version}`),
  ].join('; ');
  return engine;
}

/** Fingerprint of the case's analysis inputs (without the thresholds): what a stored snapshot is current for. */
export function inputsFingerprint(db: Db): string {
  const one = (sql: string) => String((db.prepare(sql).pluck().get() as unknown) ?? '');
  return createHash('sha256')
    .update(
      [
        engineId(),
        one("SELECT value FROM meta WHERE key = 'case_id'"),
        one("SELECT group_concat(id || ':' || sha256 || ':' || rows_accepted, ',') FROM (SELECT id, sha256, rows_accepted FROM sources ORDER BY id)"),
        one('SELECT max(id) FROM events'),
        one("SELECT group_concat(cidr || ':' || role || ':' || label, ',') FROM (SELECT cidr, role, label FROM infra ORDER BY id)"),
        one("SELECT group_concat(ip || ':' || role || ':' || at, ',') FROM (SELECT ip, role, at FROM ip_overrides ORDER BY ip)"),
        one("SELECT value FROM meta WHERE key = 'tz'"),
      ].join('\n'),
    )
    .digest('hex');
}

/** The snapshot's key: the inputs and the thresholds asked for. */
export function analysisFingerprint(db: Db, opts: AnalyzeOptions = {}, inputs = inputsFingerprint(db)): string {
  return createHash('sha256').update(`${inputs}\n${JSON.stringify(Object.entries(opts.thresholds ?? {}).sort())}`).digest('hex');
}

/** How a session may keep snapshots in its case: the user's key, and whether the open connection may write. */
export interface SnapshotStorage {
  key: Buffer;
  writeNow: boolean;
}

const TABLE = 'analysis_snapshots';
/** Snapshots kept for the current inputs (the default thresholds and a couple of what-ifs); those of older inputs go. */
const KEEP = 3;

export const hasSnapshotTable = (db: Db) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(TABLE);

function seal(key: Buffer, db: Db, fingerprint: string, engineName: string, computedAt: string, data: Buffer): string {
  const caseId = String(db.prepare("SELECT value FROM meta WHERE key = 'case_id'").pluck().get() ?? '');
  const dataHash = createHash('sha256').update(data).digest('hex');
  return createHmac('sha256', key).update(JSON.stringify(['alibi analysis snapshot', caseId, fingerprint, engineName, computedAt, dataHash])).digest('hex');
}

/** The stored snapshot of this state, if this user's Alibi sealed it with this engine; anything else is ignored. */
export function readStoredSnapshot(db: Db, fingerprint: string, key: Buffer): { analysis: CaseAnalysis; computedAt: string } | undefined {
  if (!hasSnapshotTable(db)) return undefined;
  const row = db.prepare(`SELECT engine, computed_at AS computedAt, mac, data FROM ${TABLE} WHERE fingerprint = ?`).get(fingerprint) as
    | { engine: unknown; computedAt: unknown; mac: unknown; data: unknown }
    | undefined;
  if (!row || row.engine !== engineId() || typeof row.computedAt !== 'string' || typeof row.mac !== 'string' || !Buffer.isBuffer(row.data)) return undefined;
  const want = Buffer.from(seal(key, db, fingerprint, row.engine, row.computedAt, row.data), 'hex');
  const got = Buffer.from(row.mac, 'hex');
  // The seal is checked before the data is even unpacked: a forged row costs one hash, never a decompression.
  if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
  try {
    return { analysis: JSON.parse(gunzipSync(row.data).toString('utf8')) as CaseAnalysis, computedAt: row.computedAt };
  } catch {
    return undefined;
  }
}

/**
 * Stores a snapshot in the case (best effort: a busy or older case keeps it in memory only). `engineName` is the
 * running engine's; the tests pass another build's to plant rows as that build would write them.
 */
export function writeStoredSnapshot(db: Db, fingerprint: string, analysis: CaseAnalysis, computedAt: string, key: Buffer, engineName = engineId()): boolean {
  if (db.readonly || !hasSnapshotTable(db)) return false;
  const data = gzipSync(JSON.stringify(analysis), { level: 1 });
  const mac = seal(key, db, fingerprint, engineName, computedAt, data);
  const state = inputsFingerprint(db);
  try {
    db.transaction(() => {
      db.prepare(`DELETE FROM ${TABLE} WHERE state <> ?`).run(state);
      db.prepare(`INSERT OR REPLACE INTO ${TABLE}(fingerprint, state, engine, computed_at, mac, data) VALUES (?, ?, ?, ?, ?, ?)`).run(fingerprint, state, engineName, computedAt, mac, data);
      db.prepare(`DELETE FROM ${TABLE} WHERE fingerprint NOT IN (SELECT fingerprint FROM ${TABLE} ORDER BY computed_at DESC, rowid DESC LIMIT ${KEEP})`).run();
    })();
    return true;
  } catch {
    // Another writer holds the case (an import): the snapshot stays in memory and is stored next time.
    return false;
  }
}

interface Entry extends Omit<SnapshotState, 'kept'> {
  stored: boolean;
  db: Db;
  opts: AnalyzeOptions;
  analysis: CaseAnalysis;
}

export interface UnsavedSnapshot {
  fingerprint: string;
  opts: AnalyzeOptions;
  analysis: CaseAnalysis;
  computedAt: string;
}

export class AnalysisSnapshots {
  private last: Entry | null = null;
  /** How many times the analysis actually ran (tests assert it is not recomputed needlessly). */
  runs = 0;

  get(db: Db, opts: AnalyzeOptions = {}, storage?: SnapshotStorage): CaseAnalysis {
    return this.entry(db, opts, storage).analysis;
  }

  /** The default-threshold snapshot of the current state and where it came from. */
  state(db: Db, storage?: SnapshotStorage): SnapshotState {
    const { fingerprint, origin, computedAt, engine: e, stored } = this.entry(db, {}, storage);
    return { fingerprint, origin, computedAt, engine: e, kept: stored ? 'case-file' : 'memory' };
  }

  private entry(db: Db, opts: AnalyzeOptions, storage?: SnapshotStorage): Entry {
    const fingerprint = analysisFingerprint(db, opts);
    if (this.last?.db === db && this.last.fingerprint === fingerprint) return this.last;
    const stored = storage ? readStoredSnapshot(db, fingerprint, storage.key) : undefined;
    if (stored) {
      this.last = { db, opts, fingerprint, analysis: stored.analysis, origin: 'case-file', computedAt: stored.computedAt, engine: engineId(), stored: true };
      return this.last;
    }
    const analysis = analyzeCase(db, opts);
    this.runs++;
    const computedAt = new Date().toISOString();
    const saved = !!storage?.writeNow && writeStoredSnapshot(db, fingerprint, analysis, computedAt, storage.key);
    this.last = { db, opts, fingerprint, analysis, origin: 'computed', computedAt, engine: engineId(), stored: saved };
    return this.last;
  }

  /** The snapshot computed here and not yet stored (a trusted case opened read-only stores it when it closes). */
  unsaved(): UnsavedSnapshot | undefined {
    const e = this.last;
    return e && !e.stored && e.origin === 'computed' ? { fingerprint: e.fingerprint, opts: e.opts, analysis: e.analysis, computedAt: e.computedAt } : undefined;
  }

  /** What blocking one IP would cut: read from the snapshot's `blocks` (stored or computed once per state). */
  blockImpact(db: Db, ip: string, storage?: SnapshotStorage): BlockImpact {
    const hit = this.get(db, {}, storage).blocks.find((b) => b.ip === ip.trim());
    // Not in the case (or not an address): the engine's own answer, with its error for a malformed one.
    return hit ?? blockImpact(db, ip);
  }

  invalidate(_input: AnalysisInput): void {
    // The fingerprint already sees every input; dropping the result also frees its memory at once.
    this.last = null;
  }

  clear(): void {
    this.last = null;
  }
}
