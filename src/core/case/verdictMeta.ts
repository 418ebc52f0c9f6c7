// The verdict is kept in the case's meta table (read here, written by src/core/notes with its audit entry).
import { getMetaValue, type Db } from '../casefile/caseFile';

export interface VerdictState {
  verdict: string | null;
  reason: string | null;
}

export function readVerdictMeta(db: Db): VerdictState {
  return { verdict: getMetaValue(db, 'verdict') ?? null, reason: getMetaValue(db, 'verdict_reason') ?? null };
}
