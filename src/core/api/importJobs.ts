// Import jobs started from the UI: one job = a list of files imported one after the other off the UI thread
// (the runner is a worker thread in the app and in the bridge). The job table lets the UI poll or be pushed
// progress, and cancel.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ImportProgress, ImportResult } from '../types';
import { AlibiError, toErrorData, type ErrorData, type Host } from '../errors';
import { mappingSchema, path } from '../import/importApi';
import { defineApi } from '../apiContract';
import type { CaseSession } from './context';
import { english, msg } from '../i18n';

const CANCELLED = msg('import.error.cancelled');

export const importFileSpec = z
  .object({
    path,
    preset: z.string().max(128).optional(),
    mapping: mappingSchema.optional(),
    tz: z.string().min(1).max(64).optional(),
    /** Day/month order of numeric dates when the file cannot tell (PayPal). */
    dateOrder: z.enum(['dmy', 'mdy']).optional(),
    force: z.boolean().optional(),
    /** The CLI's other import flags (--format, --trusted-proxy, --encoding, --save-preset, --breach…). */
    format: z.string().max(32).optional(),
    trustedProxies: z.array(z.string().max(64)).max(100).optional(),
    encoding: z.string().max(32).optional(),
    savePresetAs: z.string().min(1).max(64).optional(),
    breachName: z.string().max(200).optional(),
    breachDate: z.string().max(10).optional(),
    domain: z.string().max(253).optional(),
  })
  .strict();
export type ImportFileSpec = z.output<typeof importFileSpec>;

export type ImportJobState = 'running' | 'done' | 'failed' | 'cancelled';
export interface ImportJobStatus {
  jobId: string;
  state: ImportJobState;
  progress: ImportProgress | null;
  results: ImportResult[];
  /** Why the job failed, as one line for the host (message — hint). */
  error: string | null;
  /** The same failure as error data. */
  failure?: ErrorData | null;
}

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
    private readonly host: Host = 'app',
  ) {}

  start(casePath: string, files: ImportFileSpec[]): string {
    const jobId = randomUUID();
    const status: ImportJobStatus = { jobId, state: 'running', progress: null, results: [], error: null, failure: null };
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
        status.failure =
          status.state === 'cancelled' ? { code: 'cancelled', message: english(CANCELLED), msg: CANCELLED } : toErrorData(err, this.host);
        status.error = status.failure.hint ? `${status.failure.message} — ${status.failure.hint}` : status.failure.message;
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

/** Import jobs as API methods: start (files imported off the UI thread), status, cancel. */
export const importJobsApi = defineApi(
  {
    importStart: z.object({ files: z.array(importFileSpec).min(1).max(100) }).strict(),
    importCancel: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    importStatus: z.object({ jobId: z.string().min(1).max(64) }).strict(),
  },
  ({ session, jobs }: { session: CaseSession; jobs: ImportJobs }) => ({
    importStart: ({ files }: { files: ImportFileSpec[] }) => ({ jobId: jobs.start(session.writableDb() && session.casePath(), files) }),
    importCancel: ({ jobId }: { jobId: string }) => jobs.cancel(jobId),
    importStatus: ({ jobId }: { jobId: string }) => jobs.status(jobId),
  }),
);
