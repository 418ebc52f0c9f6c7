// The one place this area opens SQLite without `openCase` (a received file must be inspected before any
// migration or pragma touches it; the expected schema is built in memory).
import Database from 'better-sqlite3';
import { getNativeBinding, type Db } from '../casefile/caseFile';
import { withSafeReads } from '../casefile/safeReads';

/**
 * Uses the same better-sqlite3 build as openCase (Electron main sets an Electron-ABI build). A Buffer (from
 * `db.serialize()`) opens as a private in-memory database.
 */
export function openRawDatabase(path: string | Buffer, opts: { readonly?: boolean; fileMustExist?: boolean } = {}): Db {
  const nativeBinding = getNativeBinding();
  return withSafeReads(new Database(path, { ...opts, ...(nativeBinding ? { nativeBinding } : {}) }));
}
