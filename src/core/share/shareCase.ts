// A share copy of a case: a consistent snapshot through SQLite's backup API (safe on a live WAL
// database), optionally pruned to the evidence and redacted, with a manifest written beside it and an
// audit entry in both the original and the copy. A name ending in .alibiz gets the compressed container
// (shareContainer.ts): the copy without its event indexes, brotli-packed, the manifest inside and its SHA-256 beside.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Db } from '../casefile/caseFile';
import { openCase, readMeta } from '../casefile/caseFile';
import { appendAudit, verifyAuditChain } from '../casefile/audit';
import { sha256File } from '../casefile/verify';
import { AlibiError } from '../errors';
import { pruneToEvidence, redactBystanders, type EvidenceSet, type PruneCounts, type RedactionCounts } from './redact';
import { packShareContainer, stripEventIndexes } from './shareContainer';

export interface ShareOptions {
  out: string;
  redact?: boolean;
  onlyEvidence?: boolean;
  /** What the findings cite; required by `redact` and `onlyEvidence` (the CLI takes it from analyzeCase). */
  evidence?: EvidenceSet;
  /** Write the compressed container (shareContainer.ts) instead of a plain case file; default: when `out` ends in .alibiz. */
  compress?: boolean;
}

export interface ShareManifest {
  format: 'alibi-share-manifest/1';
  file: string;
  sha256: string;
  size: number;
  caseId: string;
  title: string;
  schemaVersion: number;
  createdAt: string;
  options: { redact: boolean; onlyEvidence: boolean };
  /** The original's audit chain head when the copy was taken: ties the copy to a state of the case. */
  originalAuditLastHash: string;
  counts: {
    events: number;
    sources: number;
    findingEvidenceEvents: number;
    pruned?: PruneCounts;
    redaction?: RedactionCounts;
  };
}

export interface ShareResult {
  out: string;
  manifestPath: string;
  manifest: ShareManifest;
}

export function manifestPathFor(out: string): string {
  return `${out}.manifest.json`;
}

export async function shareCase(db: Db, opts: ShareOptions): Promise<ShareResult> {
  const out = resolve(opts.out);
  const manifestPath = manifestPathFor(out);
  if (existsSync(out)) throw new AlibiError(`${out} already exists`, 'choose another file name for the share copy');
  if (resolve(db.name) === out) throw new AlibiError('the share copy cannot overwrite the case itself', { cli: 'choose another --out', app: 'choose another file name for the share copy' });
  const redact = !!opts.redact;
  const onlyEvidence = !!opts.onlyEvidence;
  if ((redact || onlyEvidence) && !opts.evidence) {
    throw new AlibiError('redaction and pruning to the evidence need the findings of the case', 'this is a bug in the caller: pass the findings of analyzeCase', 1, 'internal');
  }
  const evidence = opts.evidence ?? { eventIds: [] };
  const meta = readMeta(db);
  const originalHead = verifyAuditChain(db).lastHash;
  const compress = opts.compress ?? /\.alibiz$/i.test(out);
  // A container is packed from a plain copy made beside it first (removed once packed).
  const copyPath = compress ? `${out}.part` : out;
  if (compress && existsSync(copyPath)) throw new AlibiError(`${copyPath} already exists`, 'remove it (a previous share copy was interrupted)');

  await db.backup(copyPath);

  const copy = openCase(copyPath);
  let counts: ShareManifest['counts'];
  try {
    // Overwritten pages are zeroed and the file is rebuilt below, so no redacted value survives in free pages.
    copy.pragma('secure_delete = ON');
    copy.pragma('journal_mode = DELETE'); // one self-contained file, no -wal beside it
    copy.pragma('foreign_keys = ON');
    const pruned = onlyEvidence ? pruneToEvidence(copy, evidence) : undefined;
    const redaction = redact ? redactBystanders(copy, evidence, randomBytes(32)) : undefined;
    counts = {
      events: (copy.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
      sources: (copy.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n,
      findingEvidenceEvents: new Set(evidence.eventIds).size,
      ...(pruned ? { pruned } : {}),
      ...(redaction ? { redaction } : {}),
    };
    const put = copy.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
    put.run('shared_from_audit_hash', originalHead);
    put.run('share_options', JSON.stringify({ redact, onlyEvidence }));
    // The copy records how it was made; it cannot record its own hash (that is the manifest's job).
    appendAudit(copy, {
      action: 'case.share.copy',
      target: meta.caseId,
      details: { from: basename(db.name), originalAuditLastHash: originalHead, redact, onlyEvidence, counts },
    });
    copy.exec('VACUUM');
  } finally {
    copy.close();
  }

  let packed: { sha256: string; size: number } | undefined;
  if (compress) {
    try {
      const stripped = stripEventIndexes(copyPath);
      const inside = { caseId: meta.caseId, title: meta.title, schemaVersion: meta.schemaVersion, options: { redact, onlyEvidence }, originalAuditLastHash: originalHead, counts };
      packed = await packShareContainer(copyPath, out, inside, stripped);
    } finally {
      rmSync(copyPath, { force: true });
    }
  }
  const manifest: ShareManifest = {
    format: 'alibi-share-manifest/1',
    file: basename(out),
    sha256: packed?.sha256 ?? (await sha256File(out)),
    size: packed?.size ?? statSync(out).size,
    caseId: meta.caseId,
    title: meta.title,
    schemaVersion: meta.schemaVersion,
    createdAt: new Date().toISOString(),
    options: { redact, onlyEvidence },
    originalAuditLastHash: originalHead,
    counts,
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  // A received case opened read-only is never written; its copy still records the share in its own log.
  if (!db.readonly) appendAudit(db, {
    action: 'case.share',
    target: manifest.file,
    details: { sha256: manifest.sha256, size: manifest.size, redact, onlyEvidence, manifest: basename(manifestPath), counts },
  });
  return { out, manifestPath, manifest };
}
