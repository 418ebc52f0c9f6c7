// Tests that build a case by inserting events directly (no importer) record, as an import would, what each
// source holds; `alibi verify` checks the case against those entries and would otherwise report sources
// "added outside an import". Call it once the seeding is done.
import { appendAudit } from '../../src/core/casefile/audit';
import type { Db } from '../../src/core/casefile/caseFile';
import { importDigests } from '../../src/core/casefile/importDigest';

export function recordSyntheticImports(db: Db): void {
  const recorded = new Set(
    (db.prepare("SELECT details FROM audit WHERE action IN ('import', 'import.breach')").all() as { details: string }[]).map((r) => {
      const d = JSON.parse(r.details) as { source_id?: number; sourceId?: number };
      return d.source_id ?? d.sourceId;
    }),
  );
  const sources = db.prepare('SELECT id, sha256 FROM sources ORDER BY id').all() as { id: number; sha256: string }[];
  for (const s of sources) {
    if (recorded.has(s.id)) continue;
    appendAudit(db, { action: 'import', target: s.sha256, details: { source_id: s.id, synthetic: true, digests: importDigests(db, s.id) } });
  }
}
