// The analysis snapshot: analyzeCase runs once per state of its inputs — the sources (an import, from any
// process), the infrastructure register, the analysts' role overrides, the thresholds, the case's zone — and
// every screen, command, block-impact view, alert list and report of that state reads the same result. The
// fingerprint is a few aggregate queries over small tables (sources, infra, overrides, meta), so checking it
// on every call costs well under a millisecond; a change made by another process (a CLI import while the app
// has the case open) is seen too.
import { createHash } from 'node:crypto';
import type { Db } from '../casefile/caseFile';
import { analyzeCase } from '../analysis/analyze';
import { blockImpact } from '../analysis/blockImpact';
import { caseLinks, type CaseLinks } from '../analysis/caseLinks';
import type { AnalyzeOptions, BlockImpact, CaseAnalysis } from '../analysis/types';
import type { AnalysisInput } from '../apiContract';

/** Bumped when the analysis itself changes meaning, so no result of an older engine is reused. */
export const ANALYSIS_VERSION = 1;

export function analysisFingerprint(db: Db, opts: AnalyzeOptions = {}): string {
  const one = (sql: string) => String((db.prepare(sql).pluck().get() as unknown) ?? '');
  return createHash('sha256')
    .update(
      [
        `v${ANALYSIS_VERSION}`,
        one("SELECT group_concat(id || ':' || sha256 || ':' || rows_accepted, ',') FROM (SELECT id, sha256, rows_accepted FROM sources ORDER BY id)"),
        one('SELECT max(id) FROM events'),
        one("SELECT group_concat(cidr || ':' || role || ':' || label, ',') FROM (SELECT cidr, role, label FROM infra ORDER BY id)"),
        one("SELECT group_concat(ip || ':' || role || ':' || at, ',') FROM (SELECT ip, role, at FROM ip_overrides ORDER BY ip)"),
        one("SELECT value FROM meta WHERE key = 'tz'"),
        JSON.stringify(Object.entries(opts.thresholds ?? {}).sort()),
      ].join('\n'),
    )
    .digest('hex');
}

export class AnalysisSnapshots {
  private last: { db: Db; fingerprint: string; analysis: CaseAnalysis } | null = null;
  /** How many times the analysis actually ran (tests assert it is not recomputed needlessly). */
  runs = 0;

  get(db: Db, opts: AnalyzeOptions = {}): CaseAnalysis {
    const fingerprint = analysisFingerprint(db, opts);
    if (this.last?.db === db && this.last.fingerprint === fingerprint) return this.last.analysis;
    const analysis = analyzeCase(db, opts);
    this.runs++;
    this.last = { db, fingerprint, analysis };
    return analysis;
  }

  private links: { db: Db; fingerprint: string; links: CaseLinks } | null = null;

  /** Block impact of one IP over the case links of the current state (computed once per state, shared by all IPs). */
  blockImpact(db: Db, ip: string): BlockImpact {
    const fingerprint = analysisFingerprint(db);
    if (this.links?.db !== db || this.links.fingerprint !== fingerprint) this.links = { db, fingerprint, links: caseLinks(db) };
    return blockImpact(db, ip, this.links.links);
  }

  invalidate(_input: AnalysisInput): void {
    this.links = null;
    // The fingerprint already sees every input; dropping the result also frees its memory at once.
    this.last = null;
  }

  clear(): void {
    this.last = null;
    this.links = null;
  }
}
