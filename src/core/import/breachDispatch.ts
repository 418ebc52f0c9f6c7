// Breach lists are owned by the breach module (engineer C); the importer only routes them there, loaded lazily
// so that the log/CSV import path never pays for it.
import type { Db } from '../casefile/caseFile';
import type { ImportResult } from '../types';
import { AlibiError } from '../errors';

export interface BreachImportOptions {
  breachName?: string;
  breachDate?: string;
  force?: boolean;
  encoding?: string;
  signal?: AbortSignal;
}

export async function importBreachList(db: Db, filePath: string, opts: BreachImportOptions): Promise<ImportResult> {
  void db;
  void opts;
  throw new AlibiError(
    `${filePath} looks like a breach list, but breach-list import is not available in this build`,
    'breach-list import is provided by src/core/breach/importBreach.ts',
  );
}
