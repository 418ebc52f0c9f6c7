// The per-address pass's rows read in a second thread (the machine has two cores, the analysis used one): the
// scan thread opens the case read-only and reads and packs the million rows while this thread runs the rules,
// which need none of them; the pass then unpacks them (scanBatches.ts). analyzeCase stays synchronous for every
// host: this thread blocks for the next batch on a shared counter (Atomics.wait) and takes it from the port
// without an event loop (receiveMessageOnPort).
// Where no thread can help, the rows are read here as before (the caller falls back: startScanThread gives null,
// forEachRow gives false): a connection with no file behind it (in memory), one inside a transaction (another
// connection would not see its uncommitted rows), one not reading through safe reads (a second connection would
// read some values differently), a build without the bundled script (scan-worker.js), a thread that cannot start,
// or one that cannot open the case (a file the driver opened through a name another connection cannot use).
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Db } from '../casefile/caseFile';
import { getNativeBinding } from '../casefile/caseFile';
import { hasSafeReads } from '../casefile/safeReads';
import { findBundledScript } from '../bundledScript';
import { adoptIpTables, ipTablesLoaded, setIpTablesSupplier } from '../enrich/ipIndex';
import { lastEventId, type RowHandler } from './eventScan';
import { BatchReader } from './scanBatches';
import type { FromScanThread, ScanWorkerInput } from './scanWorker';

/** Below this many events the rows are read here: a thread costs more to start than it saves. */
export const THREAD_MIN_EVENTS = 50_000;
const ROWS_PER_BATCH = 8_192;
const SCAN_YOUNG_GENERATION_MB = 8;
/**
 * Batches the thread may send ahead of the pass (~260,000 rows): enough to read on while the rules run and never make
 * the pass wait on 1M events, little enough that what waits is small. Unbounded, the whole scan waited in memory
 * (in the thread's own malloc arena, which keeps much of it after it is freed): +15–30 MB at the analysis's peak.
 */
const WINDOW = 32;
/** No message from the thread for this long: it is taken as gone (it sends one every few milliseconds). */
const STALL_MS = 120_000;

export interface ScanThread {
  /** Hands every row to `f` as forEachScanRow does here; false, having handed none, when the thread could not
   *  open the case (read it here then). Throws the thread's read error. */
  forEachRow(f: RowHandler): boolean;
  /** Whether no other connection has changed the case since the thread started: the thread's rows are then this
   *  connection's. */
  unchanged(): boolean;
  /** Ends the thread (on every path: done, failed, or not used). */
  close(): void;
}

export interface ScanThreadOptions {
  /** Start a thread whatever the case's size (tests: the sample case is small). */
  always?: boolean;
  /** Tests only: the thread fails after this many rows. */
  failAfterRows?: number;
}

/** Starts the scan of `db`'s events in a second thread, or null when it is to be read here (see above). */
export function startScanThread(db: Db, opts: ScanThreadOptions = {}): ScanThread | null {
  if (db.memory || db.inTransaction || !db.name || !hasSafeReads(db)) return null;
  if (!opts.always && lastEventId(db) < THREAD_MIN_EVENTS) return null;
  const script = findBundledScript('scan-worker.js');
  if (!script) return null;
  // another connection's commit changes this connection's data_version: the same before and after the pass means
  // both connections read the same rows
  const version = db.pragma('data_version', { simple: true });
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(12);
  const input: ScanWorkerInput = {
    path: db.name, nativeBinding: getNativeBinding(), port: port2, signal, rowsPerBatch: ROWS_PER_BATCH, window: WINDOW, loadIp: !ipTablesLoaded(false), failAfterRows: opts.failAfterRows,
  };
  let worker: Worker;
  try {
    // the thread makes short-lived rows and keeps little: a small young generation holds them (~20 MB less at the
    // analysis's peak on 1M events than V8's default, as for the import's parse thread)
    worker = new Worker(script, { workerData: input, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: SCAN_YOUNG_GENERATION_MB } });
  } catch {
    port1.close();
    return null;
  }
  // what goes wrong is sent through the port; an 'error' event with no listener would end the process
  worker.on('error', () => {});
  worker.unref();
  const count = new Int32Array(signal);
  let ipSeen = !input.loadIp;
  let pending: FromScanThread | null = null;
  let closed = false;
  /** The next message but the IP data's, which is adopted when it comes; with `untilIp`, null once that has come. */
  const receive = (untilIp: boolean): FromScanThread | null => {
    if (pending) {
      const m = pending;
      pending = null;
      return m;
    }
    for (let waited = 0; ; ) {
      const seen = Atomics.load(count, 0);
      const m = receiveMessageOnPort(port1);
      if (m) {
        const msg = m.message as FromScanThread;
        if (msg.type === 'ip') {
          ipSeen = true;
          if (msg.loaded) adoptIpTables(msg.loaded);
          if (untilIp) return null;
          continue;
        }
        if (!untilIp) return msg;
        pending = msg;
        return null;
      }
      if (waited >= STALL_MS) throw new Error(`the analysis's scan thread sent nothing for ${STALL_MS / 1000} s`);
      const t = performance.now();
      Atomics.wait(count, 0, seen, STALL_MS);
      waited += performance.now() - t;
    }
  };
  const next = () => receive(false)!;
  // the IP data is loaded by the thread first: the rules' first look-up waits for it (it comes before any batch)
  // instead of loading it here
  if (!ipSeen) setIpTablesSupplier(() => {
    if (!ipSeen && !closed) receive(true);
  });
  const close = () => {
    if (closed) return;
    closed = true;
    if (input.loadIp) setIpTablesSupplier(null);
    Atomics.store(count, 2, 1); // a thread waiting for room stops (terminate() alone may not wake it)
    Atomics.notify(count, 1);
    port1.close();
    void worker.terminate();
  };
  return {
    forEachRow(f) {
      const reader = new BatchReader();
      for (;;) {
        const m = next();
        if (m.type === 'batch') {
          reader.read(m, f);
          Atomics.add(count, 1, 1);
          Atomics.notify(count, 1);
        }
        else if (m.type !== 'error' || m.opening) {
          close(); // its memory is the pass's from here on
          return m.type === 'done';
        } else {
          const e = new Error(`the analysis could not read the case's events: ${m.message}`);
          if (m.code) (e as NodeJS.ErrnoException).code = m.code;
          throw e;
        }
      }
    },
    unchanged: () => db.pragma('data_version', { simple: true }) === version,
    close,
  };
}
