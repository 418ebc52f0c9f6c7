import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Db } from './caseFile';
import { verifyAuditChain, type ChainCheck } from './audit';

export interface SourceCheck {
  id: number;
  file: string;
  path: string | null;
  /** `not-a-file`: the recorded path names a device, a pipe or a folder (never read: /dev/zero would never end). */
  status: 'ok' | 'changed' | 'unreachable' | 'not-a-file';
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

type SourceFileCheck =
  | { status: 'read'; sha256: string }
  | { status: 'unreachable' }
  | { status: 'not-a-file'; what: string }
  | { status: 'size'; size: number };

/**
 * Hashes a source file only if it is a regular file of the recorded size. The path comes from the case file
 * (possibly someone else's): it is opened non-blocking (a FIFO must not hang the open) and checked through the
 * open descriptor, so a swap between the check and the read is not possible.
 */
export async function checkSourceFile(path: string | null, expectedSize: number): Promise<SourceFileCheck> {
  if (!path) return { status: 'unreachable' };
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return { status: 'unreachable' };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) {
      const what = st.isDirectory() ? 'a folder' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isFIFO() ? 'a pipe' : 'not a file';
      return { status: 'not-a-file', what };
    }
    if (st.size !== expectedSize) return { status: 'size', size: st.size };
    const h = createHash('sha256');
    for await (const chunk of fh.createReadStream({ autoClose: false, start: 0, end: Math.max(0, expectedSize - 1) })) h.update(chunk as Buffer);
    return { status: 'read', sha256: expectedSize === 0 ? createHash('sha256').digest('hex') : h.digest('hex') };
  } finally {
    await fh.close();
  }
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
  const rows = db.prepare('SELECT id, file_name, file_path, size, sha256 FROM sources ORDER BY id').all() as {
    id: number; file_name: string; file_path: string | null; size: number; sha256: string;
  }[];
  for (const s of rows) {
    const check = await checkSourceFile(s.file_path, s.size);
    const base = { id: s.id, file: s.file_name, path: s.file_path, expected: s.sha256 };
    if (check.status !== 'read') {
      if (check.status === 'not-a-file') problems.push(`source ${s.id} (${s.file_name}): its recorded path is not a regular file (${check.what}); not read`);
      if (check.status === 'size') problems.push(`source ${s.id} (${s.file_name}): file on disk has ${check.size} bytes, the case recorded ${s.size}`);
      sources.push({ ...base, status: check.status === 'size' ? 'changed' : check.status });
      continue;
    }
    const status = check.sha256 === s.sha256 ? 'ok' : 'changed';
    if (status === 'changed') problems.push(`source ${s.id} (${s.file_name}): file on disk no longer matches its recorded SHA-256`);
    sources.push({ ...base, status, actual: check.sha256 });
  }
  return { ok: problems.length === 0, integrity, audit, sources, problems };
}
