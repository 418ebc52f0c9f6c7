// Import jobs started from the UI: one job = a list of files imported one after the other off the UI thread
// (the runner is a worker thread in the app and in the bridge). The job table lets the UI poll or be pushed
// progress, and cancel.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ImportProgress, ImportResult } from '../types';
import type { ImportJobStatus } from './handlers';
import type { importFileSpec } from './schemas';
import { AlibiError } from '../errors';

export type ImportFileSpec = z.output<typeof importFileSpec>;

export interface RunningImport {
  promise: Promise<ImportResult[]>;
  cancel(): void;
}

/** Runs the files into the case at casePath; reports progress; cancel rolls back the file in progress. */
export type ImportRunner = (casePath: string, files: ImportFileSpec[], onProgress: (p: ImportProgress) => void) => RunningImport;

export class ImportJobs {
  private readonly jobs = new Map<string, { status: ImportJobStatus; run: RunningImport }>();

  constructor(
    private readonly runner: ImportRunner,
    private readonly emit: (e: ImportJobStatus) => void,
    /** Called after a job ends with at least one file imported (e.g. to drop cached analysis). */
    private readonly onImported: () => void,
  ) {}

  start(casePath: string, files: ImportFileSpec[]): string {
    const jobId = randomUUID();
    const status: ImportJobStatus = { jobId, state: 'running', progress: null, results: [], error: null };
    let lastEmit = 0;
    const run = this.runner(casePath, files, (p) => {
      status.progress = p;
      const now = Date.now();
      // The runner already throttles; this keeps IPC traffic bounded whatever it does.
      if (now - lastEmit >= 100) {
        lastEmit = now;
        this.emit({ ...status });
      }
    });
    this.jobs.set(jobId, { status, run });
    run.promise.then(
      (results) => {
        status.results = results;
        status.state = 'done';
      },
      (e: unknown) => {
        const err = e as Error & { partialResults?: ImportResult[] };
        status.results = err?.partialResults ?? [];
        status.state = err?.name === 'CancelledError' || /cancel/i.test(err?.message ?? '') ? 'cancelled' : 'failed';
        status.error = status.state === 'cancelled' ? 'import cancelled: the case is unchanged' : describe(err);
      },
    ).finally(() => {
      if (status.results.length) this.onImported();
      this.emit({ ...status });
    });
    return jobId;
  }

  status(jobId: string): ImportJobStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new AlibiError(`no import job ${jobId}`, 'start the import again');
    return { ...job.status };
  }

  cancel(jobId: string): ImportJobStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new AlibiError(`no import job ${jobId}`, 'start the import again');
    if (job.status.state === 'running') job.run.cancel();
    return { ...job.status };
  }

  cancelAll(): void {
    for (const j of this.jobs.values()) if (j.status.state === 'running') j.run.cancel();
  }
}

function describe(e: Error): string {
  if (e instanceof AlibiError || e?.name === 'AlibiError') {
    const hint = (e as AlibiError).hint;
    return hint ? `${e.message} — ${hint}` : e.message;
  }
  return e?.message ?? String(e);
}
