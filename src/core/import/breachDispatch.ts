// Breach lists are owned by the breach module (src/core/import/importBreach.ts); the importer only routes them
// there, loaded lazily so that the log/CSV path never pays for it.
import type { Db } from '../casefile/caseFile';
import type { ImportResult } from '../types';
import type { ImportOptions } from './importFile';

export async function importBreachList(db: Db, filePath: string, opts: ImportOptions & { encoding: string }): Promise<ImportResult> {
  const { importBreachFile } = await import('./importBreach');
  return importBreachFile(db, filePath, {
    breachName: opts.breachName, breachDate: opts.breachDate, map: opts.map as Record<string, string> | undefined,
    tz: opts.tz, force: opts.force, domain: opts.domain, onProgress: opts.onProgress, signal: opts.signal, encoding: opts.encoding,
  });
}
