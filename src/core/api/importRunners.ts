// Ways to run an import job. The app runs imports in a worker thread (runImportInWorker) so the Electron main
// process never blocks; the in-process runner is for hosts where the UI is elsewhere anyway (the test bridge,
// whose UI is the browser) and as a fallback.
import type { Db } from '../casefile/caseFile';
import { importFile } from '../import/importFile';
import { runImportInWorker } from '../import/runInWorker';
import { BatchProgress } from '../import/importBatch';
import { CancelledError } from '../errors';
import type { ImportResult } from '../types';
import type { ImportFileSpec, ImportRunner } from './importJobs';

/**
 * Imports the files one after the other on the given connection; cancel aborts the file in progress (rolled back).
 * `onRollbackJournal`: ImportOptions.onRollbackJournal (the CLI records the file's new header as its user's).
 */
export function inProcessRunner(db: () => Db, onRollbackJournal?: () => void): ImportRunner {
  return (_casePath, files, onProgress) => {
    const abort = new AbortController();
    const promise = (async () => {
      const results: ImportResult[] = [];
      const batch = new BatchProgress(files.map((f) => f.path));
      for (const [i, f] of files.entries()) {
        batch.startFile(i);
        const r = await importFile(db(), f.path, {
          ...importOptions(f),
          onProgress: onProgress && ((p) => onProgress(batch.with(p))),
          signal: abort.signal,
          onRollbackJournal,
        }).catch((e: unknown) => Promise.reject(withPartial(e, results)));
        batch.endFile(r.accepted + r.rejected);
        results.push(r);
      }
      return results;
    })();
    return { promise, cancel: () => abort.abort() };
  };
}

/**
 * Imports in a worker thread (A's runImportInWorker), one worker per file since each file carries its own
 * preset, mapping and zone. The worker opens the case file itself; cancel rolls back the file in progress.
 */
export function workerRunner(opts: { nativeBinding?: string; workerPath?: string } = {}): ImportRunner {
  return (casePath, files, onProgress) => {
    let current: { cancel(): void } | null = null;
    let cancelled = false;
    const promise = (async () => {
      const results: ImportResult[] = [];
      // One progress over every file of the job (bytes of all files, one ETA), not one per worker.
      const batch = new BatchProgress(files.map((f) => f.path));
      for (const [i, f] of files.entries()) {
        if (cancelled) throw new CancelledError();
        batch.startFile(i);
        const run = runImportInWorker(
          casePath,
          [f.path],
          { ...opts, ...importOptions(f) },
          onProgress && ((p) => onProgress(batch.with(p))),
        );
        current = run;
        const done = await run.promise.catch((e: unknown) => Promise.reject(withPartial(e, results)));
        for (const r of done) batch.endFile(r.accepted + r.rejected);
        results.push(...done);
      }
      return results;
    })();
    return {
      promise,
      cancel: () => {
        cancelled = true;
        current?.cancel();
      },
    };
  };
}

/** Files before the failing one are imported (each file is its own transaction): keep them in the job's report. */
function withPartial(e: unknown, results: ImportResult[]): unknown {
  if (e && typeof e === 'object') (e as { partialResults?: ImportResult[] }).partialResults = [...results];
  return e;
}

/** A job's file spec as the importer's options (the same for both runners). */
function importOptions(f: ImportFileSpec) {
  return {
    preset: f.preset, map: f.mapping, tz: f.tz, dateOrder: f.dateOrder, force: f.force, format: f.format, trustedProxies: f.trustedProxies,
    encoding: f.encoding, savePresetAs: f.savePresetAs, breachName: f.breachName, breachDate: f.breachDate, domain: f.domain,
  };
}
