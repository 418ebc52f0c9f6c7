// Messages between Electron main and the engine process (an Electron utilityProcess that owns the open case).
// Main only forwards validated calls and shows windows/dialogs; every SQLite read and write, the analysis, the
// report and the share copy run in the engine, so a long computation never freezes the window.
// Plain JSON-serialisable shapes, shared by both ends (and by the Node tests, which run the engine in a child).

/** The answer to one API call, as the registry's dispatch returns it. */
export type WireResult = { ok: true; value: unknown } | { ok: false; error: { code?: string; message: string; hint?: string } };

export type ToEngine =
  | { type: 'call'; id: number; method: string; args: unknown }
  /** The answer to a host request the engine made (e.g. print a PDF with Chromium, which only main can do). */
  | { type: 'host-reply'; id: number; ok: boolean; error?: string };

export type FromEngine =
  /** Sent once at start: the engine is listening and serves these API methods. */
  | { type: 'ready'; methods: string[] }
  | { type: 'result'; id: number; result: WireResult }
  /** Pushed progress (import jobs today); main relays it to the window on `alibi:<channel>`. */
  | { type: 'event'; channel: 'import-progress'; payload: unknown }
  | { type: 'host-request'; id: number; kind: 'print-pdf'; html: string; path: string };

/** How the engine process is started: passed as its single command-line argument (JSON). */
export interface EngineConfig {
  /** Per-user folder (Electron's userData): recent cases, the sample case. */
  dataDir: string;
  /** better-sqlite3 built for Electron's ABI (absent: the default build, i.e. Node's — tests). */
  nativeBinding?: string;
  /** The import worker script (worker thread started by the engine for each import). */
  workerPath?: string;
}

/** Either end of the channel, whatever carries it (utilityProcess parentPort, child_process IPC in tests). */
export interface Port<In, Out> {
  post(msg: Out): void;
  onMessage(cb: (msg: In) => void): void;
}

export const ENGINE_ERRORS = {
  cancelled: 'cancelled',
  stopped: 'engine-stopped',
  caseInUse: 'case-in-use',
  pathNotGranted: 'path-not-granted',
} as const;
