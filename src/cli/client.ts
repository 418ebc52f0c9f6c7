// The CLI's door into the engine: the same registry the app and the test bridge call (createHandlers +
// dispatch), with hints phrased for the command line. A command names the case it works on; the client opens it
// through the API — untrusted-file checks first for a case this user has not made or accepted, read-only unless
// the command writes — runs the calls and closes it. No engine module is imported here beyond the API.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, inProcessRunner, type CaseInfo, type Handlers, type ImportJobStatus, type Service } from '../core/api';
import { AlibiError, type ErrorData } from '../core/errors';

/** The CLI's per-user folder (trusted cases): $ALIBI_HOME, else $XDG_DATA_HOME/alibi, else ~/.local/share/alibi. */
export function dataDir(): string {
  if (process.env.ALIBI_HOME) return process.env.ALIBI_HOME;
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'alibi');
}

/** An API error as the CLI reports it: the error data, and exit code 2 for a usage error. */
export class ApiError extends AlibiError {
  constructor(public readonly data: ErrorData) {
    super(data.message, data.hint, data.code === 'usage' || data.code === 'invalid-args' ? 2 : 1, data.code);
  }
}

export type Call = <M extends keyof Handlers>(method: M, args: Parameters<Handlers[M]>[0]) => Promise<Awaited<ReturnType<Handlers[M]>>>;

export interface Client {
  call: Call;
  service: Service;
}

/** A CLI host over the registry; `onProgress` receives import job progress. */
export function createClient(onProgress: (e: ImportJobStatus) => void = () => {}): Client {
  const service: Service = createHandlers({
    kind: 'cli',
    dataDir: dataDir(),
    // The command line has no window to keep responsive: imports run in this process, on the open case.
    // An import that has the case to itself rewrites its header before writing (a rollback journal): that content
    // is recorded as the user's, so a case recovered after a crash mid-import is not taken for a received one.
    runImport: inProcessRunner(() => service.session.writableDb(), () => service.session.recordOwnWrites(true)),
    emitImportProgress: onProgress,
  });
  const call = (async (method: string, args: unknown) => {
    const r = await service.call(method, args ?? {});
    if (!r.ok) throw new ApiError(r.error);
    return r.value;
  }) as Call;
  return { call, service };
}

export interface CaseUse {
  /** The command writes to the case (import, role, infra, report/export audit entries). */
  write?: boolean;
  /** The user consents to this received case being migrated and written (--accept): recorded in its audit log. */
  accept?: boolean;
  onProgress?: (e: ImportJobStatus) => void;
}

/** Opens the case through the API, runs `fn`, closes it (also on error). */
export async function withCase<T>(path: string, use: CaseUse, fn: (call: Call, info: CaseInfo) => Promise<T>): Promise<T> {
  const { call, service } = createClient(use.onProgress);
  try {
    let info = await call('caseOpen', { path, write: !!use.write });
    if (use.accept && info.readOnly) info = await call('caseAccept', {});
    return await fn(call, info);
  } finally {
    service.dispose();
  }
}

/** A command that needs no case (open-check, demo, new). */
export async function withoutCase<T>(fn: (call: Call) => Promise<T>): Promise<T> {
  const { call, service } = createClient();
  try {
    return await fn(call);
  } finally {
    service.dispose();
  }
}
