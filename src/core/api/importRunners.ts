// Ways to run an import job. The app runs imports in a worker thread (runImportInWorker) so the Electron main
// process never blocks; the in-process runner is for hosts where the UI is elsewhere anyway (the test bridge,
// whose UI is the browser) and as a fallback.
import type { Db } from '../casefile/caseFile';
import { importFile } from '../import/importFile';
import type { ImportResult } from '../types';
import type { ImportRunner } from './importJobs';

/** Imports the files one after the other on the given connection; cancel aborts the file in progress (rolled back). */
export function inProcessRunner(db: () => Db): ImportRunner {
  return (_casePath, files, onProgress) => {
    const abort = new AbortController();
    const promise = (async () => {
      const results: ImportResult[] = [];
      for (const f of files) {
        results.push(
          await importFile(db(), f.path, {
            preset: f.preset,
            map: f.mapping,
            tz: f.tz,
            force: f.force,
            onProgress,
            signal: abort.signal,
          }),
        );
      }
      return results;
    })();
    return { promise, cancel: () => abort.abort() };
  };
}
