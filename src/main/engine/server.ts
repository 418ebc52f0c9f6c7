// The engine side of the channel: serves the API registry to Electron main. It owns the open case (and its
// lock), runs each call through the registry's dispatch (method known, arguments valid against its schema),
// pushes import progress, and asks main for what only main can do (printing a PDF with Chromium).
// Pure Node: the same code runs in the Electron utility process and, in tests, in a plain Node child process.
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { allSchemas, createHandlers, dispatch, setNativeBinding, workerRunner } from '../../core/api';
import { acquireCaseLock } from './caseLock';
import { ENGINE_ERRORS, type EngineConfig, type FromEngine, type Port, type ToEngine, type WireResult } from './protocol';

/** Methods that open a case (the engine then holds that case's lock) or close it. */
const OPENS = new Set(['caseOpen', 'caseCreate', 'caseOpenSample']);

function canonical(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

export function serveEngine(port: Port<ToEngine, FromEngine>, config: EngineConfig): { dispose(): void } {
  setNativeBinding(config.nativeBinding);
  const hostRequests = new Map<number, { resolve(): void; reject(e: Error): void }>();
  let nextRequest = 1;
  const service = createHandlers({
    dataDir: config.dataDir,
    // Imports run in a worker thread of the engine: the engine keeps answering (progress, other screens).
    runImport: workerRunner({ nativeBinding: config.nativeBinding, workerPath: config.workerPath }),
    emitImportProgress: (payload) => port.post({ type: 'event', channel: 'import-progress', payload }),
    printPdf: (html, path) =>
      new Promise<void>((res, rej) => {
        const id = nextRequest++;
        hostRequests.set(id, { resolve: res, reject: rej });
        port.post({ type: 'host-request', id, kind: 'print-pdf', html, path });
      }),
  });

  let held: { path: string; release(): void } | null = null;
  const releaseHeld = () => {
    held?.release();
    held = null;
  };

  // Without the Electron build of better-sqlite3 no case can open: say so plainly instead of a loader error.
  const missingNative = config.nativeBinding && !existsSync(config.nativeBinding) ? config.nativeBinding : null;

  async function call(method: string, args: unknown): Promise<WireResult> {
    if (missingNative && method !== 'caseRecent' && method !== 'caseCurrent') {
      return {
        ok: false,
        error: {
          code: 'native-module-missing',
          message: `the SQLite module built for Electron is missing (${missingNative}), so no case can be opened`,
          hint: 'reinstall Alibi; from a source checkout run `node scripts/electron-native.mjs` on a machine with network (npm start does it)',
        },
      };
    }
    // caseOpen: lock first, so a case another process has open is never touched (not even migrated).
    let lock: { path: string; release(): void } | null = null;
    const requested = method === 'caseOpen' && typeof (args as { path?: unknown })?.path === 'string' ? canonical((args as { path: string }).path) : null;
    if (requested && requested !== held?.path) {
      const r = acquireCaseLock(requested);
      if (!r.ok) return { ok: false, error: { code: ENGINE_ERRORS.caseInUse, message: r.message, hint: r.hint } };
      lock = { path: requested, release: r.release };
    }
    const result = await dispatch(service.handlers, method, args);
    if (!result.ok) {
      lock?.release();
      return result;
    }
    if (OPENS.has(method)) {
      const opened = canonical((result.value as { path: string }).path);
      if (!lock && opened !== held?.path) {
        // A new case or the sample: lock it now that its path is known.
        const r = acquireCaseLock(opened);
        if (!r.ok) {
          await dispatch(service.handlers, 'caseClose', {});
          releaseHeld();
          return { ok: false, error: { code: ENGINE_ERRORS.caseInUse, message: r.message, hint: r.hint } };
        }
        lock = { path: opened, release: r.release };
      }
      if (lock) {
        releaseHeld();
        held = lock;
      }
    } else if (method === 'caseClose') {
      releaseHeld();
    }
    return result;
  }

  port.onMessage((msg) => {
    if (msg.type === 'call') {
      void call(msg.method, msg.args).then(
        (result) => port.post({ type: 'result', id: msg.id, result }),
        (e: unknown) => port.post({ type: 'result', id: msg.id, result: { ok: false, error: { message: String((e as Error)?.message ?? e) } } }),
      );
    } else if (msg.type === 'host-reply') {
      const r = hostRequests.get(msg.id);
      hostRequests.delete(msg.id);
      if (msg.ok) r?.resolve();
      else r?.reject(new Error(msg.error ?? 'the app could not do it'));
    }
  });
  port.post({ type: 'ready', methods: Object.keys(allSchemas) });

  return {
    dispose: () => {
      service.dispose();
      releaseHeld();
    },
  };
}
