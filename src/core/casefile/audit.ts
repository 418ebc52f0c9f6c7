import { createHash } from 'node:crypto';
import type { Db } from './caseFile';

export interface AuditEntry {
  action: string;
  target?: string | null;
  details?: unknown;
  actor?: string;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash covers every column but itself, so editing any field of any row breaks the chain from there on. */
export function auditRowHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([r.id, r.at, r.actor, r.action, r.target, r.details, r.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function appendAudit(db: Db, e: AuditEntry): AuditRow {
  const last = db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1').get() as
    | { id: number; hash: string }
    | undefined;
  const row: Omit<AuditRow, 'hash'> = {
    id: (last?.id ?? 0) + 1,
    at: new Date().toISOString(),
    actor: e.actor ?? defaultActor(),
    action: e.action,
    target: e.target ?? null,
    details: JSON.stringify(e.details ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const full: AuditRow = { ...row, hash: auditRowHash(row) };
  db.prepare(
    'INSERT INTO audit(id, at, actor, action, target, details, prev_hash, hash) VALUES (@id, @at, @actor, @action, @target, @details, @prev_hash, @hash)',
  ).run(full);
  return full;
}

export function listAudit(db: Db, limit = 1000): AuditRow[] {
  return db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[];
}

export interface ChainCheck {
  ok: boolean;
  rows: number;
  lastHash: string;
  problems: string[];
}

export function verifyAuditChain(db: Db): ChainCheck {
  const problems: string[] = [];
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let rows = 0;
  for (const r of db.prepare('SELECT * FROM audit ORDER BY id').iterate() as Iterable<AuditRow>) {
    rows++;
    if (r.id !== expectedId) problems.push(`audit row ${r.id}: expected id ${expectedId} (a row was removed or inserted)`);
    if (r.prev_hash !== prev) problems.push(`audit row ${r.id}: prev_hash does not match the hash of the row before`);
    const { hash, ...rest } = r;
    if (auditRowHash(rest) !== hash) problems.push(`audit row ${r.id} (${r.action}): content does not match its hash (edited)`);
    prev = r.hash;
    expectedId = r.id + 1;
  }
  return { ok: problems.length === 0, rows, lastHash: prev, problems };
}

function defaultActor(): string {
  return process.env.ALIBI_ACTOR || process.env.USER || process.env.USERNAME || 'analyst';
}
