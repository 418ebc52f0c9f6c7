// createHandlers: the registry's methods bound to one host's open case. Electron main (behind IPC), the test
// bridge (behind HTTP) and the CLI (in process) create one each and call it through `dispatch` — the same
// code, so every door gives the same answer.
//
// The host interface is deliberately small (HostServices): where per-user files live, how imports run
// (a worker thread in the app), where import progress goes, and optionally how to print a PDF.
import type { Host } from '../errors';
import { CaseSession } from './context';
import { dispatch, parseArgs, type WireResult } from './dispatch';
import type { Handlers } from './handlers';
import { ImportJobs, type ImportJobStatus, type ImportRunner } from './importJobs';
import { DOMAIN_MODULES, HOST_MODULES } from './registry';
import { TrustStore } from './trustStore';

export interface HostServices {
  /** Who calls: hints in errors name CLI flags or app buttons. Default 'app'. */
  kind?: Host;
  /** Per-user folder: the sample case, the recent-cases list and the trusted cases (by content hash) live there. */
  dataDir: string;
  /** How an import job runs (workerRunner in the app and bridge, inProcessRunner in the CLI). */
  runImport: ImportRunner;
  /** Import job progress, pushed to the UI (IPC event, bridge stream); called at most every 100 ms and at the end. */
  emitImportProgress(e: ImportJobStatus): void;
  /** PDF writer of the host (Electron's printToPDF); default: the engine's headless-Chromium printer. */
  printPdf?: (html: string, path: string) => Promise<void>;
}

export interface Service {
  handlers: Handlers;
  session: CaseSession;
  /** One validated call, as the hosts make it: the method's result or error data phrased for this host. */
  call(method: string, args: unknown): Promise<WireResult>;
  /** Close the case and stop running imports (window closed, bridge stopped, command done). */
  dispose(): void;
}

export function createHandlers(host: HostServices): Service {
  const kind = host.kind ?? 'app';
  const trust = new TrustStore(host.dataDir);
  const session = new CaseSession(kind, host.printPdf, trust);
  const jobs = new ImportJobs(host.runImport, host.emitImportProgress, () => {
    session.changed('events');
    session.recordOwnWrites(true);
  }, kind);
  const hostCtx = { session, jobs, trust, dataDir: host.dataDir };

  const impl: Record<string, (args: unknown) => unknown> = {};
  for (const m of HOST_MODULES) Object.assign(impl, m.create(hostCtx));
  for (const m of DOMAIN_MODULES) Object.assign(impl, m.create(session));
  // Every method checks its arguments against its schema before any engine code runs, and returns a promise.
  const handlers = Object.fromEntries(
    Object.entries(impl).map(([name, fn]) => [
      name,
      async (args: unknown) => {
        try {
          return await fn(parseArgs(name, args));
        } finally {
          // The user's own writes (and a writable open) keep their case trusted even if the process dies next.
          session.recordOwnWrites();
        }
      },
    ]),
  ) as unknown as Handlers;

  return {
    handlers,
    session,
    call: (method, args) => dispatch(handlers, method, args, kind),
    dispose() {
      jobs.cancelAll();
      session.close();
    },
  };
}
