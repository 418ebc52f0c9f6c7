// One writer at a time. SQLite lets one connection write while others read; a second writer waits a moment
// (busy_timeout) and then gets SQLITE_BUSY. That is turned into a message a person can act on, instead of a
// stack trace (CLI) or "database is locked" (app).
import { AlibiError } from '../errors';

/** How long a write waits for another writer (an import holds its transaction for the whole file) before giving up. */
export const WRITE_WAIT_MS = 500;

export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export function caseBusyError(): AlibiError {
  return new AlibiError(
    'the case is busy: another Alibi (an import, or another window or command) is writing to it',
    'wait until that import or command finishes, then try again; nothing was changed',
  );
}

/** The error to show: SQLITE_BUSY becomes "the case is busy", anything else is returned as it was. */
export function asCaseError(e: unknown): unknown {
  return isBusyError(e) ? caseBusyError() : e;
}
