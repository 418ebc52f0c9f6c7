import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Db } from './caseFile';
import { verifyAuditChain, type ChainCheck } from './audit';
import { crossCheckLog } from './logCrossCheck';
import { MIGRATIONS } from './schema';

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
  /** Sources whose events, rejects and breach entries were recomputed and match their import's digests. */
  contentsChecked: number;
  /** `--expect-head`: where the head the holder of a report expects sits in this file's chain. */
  expectedHead?: { hash: string; found: boolean; entriesAfter: { id: number; action: string; at: string }[] };
  /** Checks that could not be made (e.g. imports recorded before digests existed); they do not fail verify. */
  warnings: string[];
  problems: string[];
}

export interface VerifyOptions {
  /**
   * The chain head printed in a report or share manifest the holder already has. Anyone can re-chain an
   * edited file, so a clean chain alone proves little; a file whose chain contains this head is the one the
   * report was made from, plus the entries listed after it.
   */
  expectHead?: string;
  /** Re-hash the source files the case names (default true); a share copy checking itself skips them. */
  sourceFiles?: boolean;
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
export async function verifyCase(db: Db, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const integrityRows = db.pragma('integrity_check') as { integrity_check: string }[];
  const integrity = integrityRows.map((r) => r.integrity_check).join('; ');
  const audit = verifyAuditChain(db);
  const problems = [...audit.problems];
  const log = crossCheckLog(db);
  problems.push(...log.problems);
  problems.push(...viewProblems(db));
  const expectedHead = opts.expectHead === undefined ? undefined : locateHead(db, opts.expectHead);
  if (expectedHead && !expectedHead.found) {
    problems.push(`the expected chain head ${expectedHead.hash} is not in this file's audit log: it is not the case the report or manifest was made from, or its log was rewritten`);
  }
  if (integrity !== 'ok') problems.push(`SQLite integrity check: ${integrity}`);
  const sources: SourceCheck[] = [];
  const rows = db.prepare('SELECT id, file_name, file_path, size, sha256 FROM sources ORDER BY id').all() as {
    id: number; file_name: string; file_path: string | null; size: number; sha256: string;
  }[];
  for (const s of rows) {
    const check = opts.sourceFiles === false ? ({ status: 'unreachable' } as const) : await checkSourceFile(s.file_path, s.size);
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
  return { ok: problems.length === 0, integrity, audit, sources, contentsChecked: log.sourcesChecked, expectedHead, warnings: log.warnings, problems };
}

const normaliseSql = (sql: string) => sql.replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1').trim();

/** The `events` view as the last migration that defines it writes it (what SQLite keeps in sqlite_schema). */
function expectedEventsView(): string | null {
  for (const m of [...MIGRATIONS].reverse()) {
    const hit = /CREATE VIEW events AS[\s\S]*?(?=;\s*\n)/.exec(m.sql);
    if (hit) return normaliseSql(hit[0]);
  }
  return null;
}

/**
 * The events digests (format 3) cover the rows as stored; the `events` view turns them into the raw lines, times and
 * strings every screen shows. A view rewritten to show something else would leave the digests intact, so its SQL
 * must be the one Alibi creates (a received case is also refused for it when opened).
 */
function viewProblems(db: Db): string[] {
  const found = db.prepare("SELECT type, sql FROM sqlite_schema WHERE name = 'events'").get() as { type: string; sql: string | null } | undefined;
  const expected = expectedEventsView();
  if (!found || found.type !== 'view' || expected === null) return [];
  return normaliseSql(found.sql ?? '') === expected
    ? []
    : ['the events view has been altered (its SQL differs from the one Alibi creates): the events every screen shows are not the rows the import digests cover'];
}

function locateHead(db: Db, expected: string): NonNullable<VerifyReport['expectedHead']> {
  const hash = expected.trim().toLowerCase();
  const row = db.prepare('SELECT id FROM audit WHERE hash = ?').get(hash) as { id: number } | undefined;
  if (!row) return { hash, found: false, entriesAfter: [] };
  const after = db.prepare('SELECT id, action, at FROM audit WHERE id > ? ORDER BY id').all(row.id) as { id: number; action: string; at: string }[];
  return { hash, found: true, entriesAfter: after };
}
