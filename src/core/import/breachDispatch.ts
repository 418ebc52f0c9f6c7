// Breach lists are a preset of the import system whose rows become keyed hashes, not events: the importer has
// already hashed the file and refused duplicates; the breach module (loaded lazily, so that the log/CSV path
// never pays for it) writes the entries with the importer's shared transaction and rules.
import type { Db } from '../casefile/caseFile';
import type { ImportResult } from '../types';
import type { ImportOptions } from './importFile';
import type { CommonJob } from './sourceTransaction';

export async function importBreachList(db: Db, job: CommonJob, opts: ImportOptions): Promise<ImportResult> {
  const { importBreachJob } = await import('./importBreach');
  return importBreachJob(db, job, {
    breachName: opts.breachName, breachDate: opts.breachDate, map: opts.map as Record<string, string> | undefined,
    tz: opts.tz, force: opts.force, domain: opts.domain, onProgress: opts.onProgress, signal: opts.signal, encoding: job.encoding,
  });
}
