// Runs imports in a worker thread so the caller (Electron main, CLI) stays responsive; cancel() rolls back the
// file being imported. The worker is the bundled out/cli/import-worker.js (scripts/build-cli.mjs).
import { Worker } from 'node:worker_threads';
import { resolve } from 'node:path';
import { findBundledScript } from '../bundledScript';
import { AlibiError, CancelledError } from '../errors';
import type { ImportProgress, ImportResult } from '../types';
import type { WorkerImportOptions, WorkerInput, WorkerMessage } from './workerProtocol';

export { findBundledScript };

export interface WorkerRunOptions extends WorkerImportOptions {
  /** better_sqlite3.node built for the caller's runtime (Electron). */
  nativeBinding?: string;
  /** Path of the bundled worker; found next to the caller's bundle or in out/cli by default. */
  workerPath?: string;
}

export function findWorkerScript(): string {
  const hit = findBundledScript('import-worker.js');
  if (!hit) throw new Error('import worker not found (out/cli/import-worker.js); run node scripts/build-cli.mjs');
  return hit;
}

export function runImportInWorker(
  casePath: string,
  files: string[],
  opts: WorkerRunOptions = {},
  onProgress?: (p: ImportProgress) => void,
): { promise: Promise<ImportResult[]>; cancel(): void } {
  const { nativeBinding, workerPath, ...importOpts } = opts;
  const input: WorkerInput = { casePath: resolve(casePath), files: files.map((f) => resolve(f)), opts: importOpts, nativeBinding };
  const worker = new Worker(workerPath ?? findWorkerScript(), { workerData: input });
  const results: ImportResult[] = [];
  const promise = new Promise<ImportResult[]>((resolvePromise, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'result') results.push(m.result);
      else if (m.type === 'done') settle(() => resolvePromise(results));
      else if (m.type === 'error') {
        const { name, message, hint, exitCode, code, stack, msg, hintMsg, sysCode } = m.error;
        const err =
          name === 'CancelledError' ? new CancelledError() : name === 'AlibiError' ? Object.assign(new AlibiError(message, hint, exitCode, code), { msg, hintMsg }) : new Error(message);
        if (name !== 'AlibiError' && name !== 'CancelledError' && stack) err.stack = stack;
        if (sysCode && !(err instanceof AlibiError)) (err as NodeJS.ErrnoException).code = sysCode;
        settle(() => reject(err));
      }
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => (code === 0 ? resolvePromise(results) : reject(new Error(`import worker exited with code ${code}`)))));
  });
  return { promise, cancel: () => worker.postMessage({ type: 'cancel' }) };
}
