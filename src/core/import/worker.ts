// Import worker thread: opens the case itself (with the caller's native binding, for Electron), imports the files
// one by one and posts progress; a `cancel` message aborts the current file, which rolls back.
import { parentPort, workerData } from 'node:worker_threads';
import { openCase } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { importFile } from './importFile';
import { BatchProgress } from './importBatch';
import type { ParentMessage, WorkerInput, WorkerMessage } from './workerProtocol';

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('import worker must run in a worker thread');
  const input = workerData as WorkerInput;
  const controller = new AbortController();
  port.on('message', (m: ParentMessage) => {
    if (m.type === 'cancel') controller.abort();
  });
  const post = (m: WorkerMessage) => port.postMessage(m);
  let db;
  try {
    db = openCase(input.casePath, { nativeBinding: input.nativeBinding });
    const batch = new BatchProgress(input.files);
    for (const [i, file] of input.files.entries()) {
      batch.startFile(i);
      const result = await importFile(db, file, {
        ...input.opts,
        signal: controller.signal,
        onProgress: (progress) => post({ type: 'progress', progress: batch.with(progress) }),
      });
      batch.endFile(result.accepted + result.rejected);
      post({ type: 'result', result });
    }
    post({ type: 'done' });
  } catch (e) {
    const err = e as Error;
    post({
      type: 'error',
      error: {
        name: err.name, message: err.message, stack: err.stack,
        ...(e instanceof AlibiError ? { hint: e.hint, exitCode: e.exitCode, code: e.code, msg: e.msg, hintMsg: e.hintMsg } : {}),
        ...(typeof (e as NodeJS.ErrnoException).code === 'string' ? { sysCode: (e as NodeJS.ErrnoException).code } : {}),
      },
    });
  } finally {
    db?.close();
    port.close();
  }
}

void run();
