import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import type { Db } from './caseFile';
import { verifyAuditChain, type ChainCheck } from './audit';

export interface SourceCheck {
  id: number;
  file: string;
  path: string | null;
  status: 'ok' | 'changed' | 'unreachable';
  expected: string;
  actual?: string;
}

export interface VerifyReport {
  ok: boolean;
  integrity: string;
  audit: ChainCheck;
  sources: SourceCheck[];
  problems: string[];
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Recomputes the audit chain, the source hashes it can reach, and SQLite's own integrity check. */
export async function verifyCase(db: Db): Promise<VerifyReport> {
  const integrityRows = db.pragma('integrity_check') as { integrity_check: string }[];
  const integrity = integrityRows.map((r) => r.integrity_check).join('; ');
  const audit = verifyAuditChain(db);
  const problems = [...audit.problems];
  if (integrity !== 'ok') problems.push(`SQLite integrity check: ${integrity}`);
  const sources: SourceCheck[] = [];
  const rows = db.prepare('SELECT id, file_name, file_path, sha256 FROM sources ORDER BY id').all() as {
    id: number; file_name: string; file_path: string | null; sha256: string;
  }[];
  for (const s of rows) {
    if (!s.file_path || !existsSync(s.file_path)) {
      sources.push({ id: s.id, file: s.file_name, path: s.file_path, status: 'unreachable', expected: s.sha256 });
      continue;
    }
    const actual = await sha256File(s.file_path);
    const status = actual === s.sha256 ? 'ok' : 'changed';
    if (status === 'changed') problems.push(`source ${s.id} (${s.file_name}): file on disk no longer matches its recorded SHA-256`);
    sources.push({ id: s.id, file: s.file_name, path: s.file_path, status, expected: s.sha256, actual });
  }
  return { ok: problems.length === 0, integrity, audit, sources, problems };
}
