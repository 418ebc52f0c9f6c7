// The scan thread (bundled as scan-worker.js, see scanThread.ts): reads the per-address pass's rows on its own
// read-only connection to the case and sends them in batches while the analysis's thread runs the rules. Every
// outcome is sent (error included) and counted on the shared signal, which the other thread waits on.
import Database from 'better-sqlite3';
import { workerData, type MessagePort } from 'node:worker_threads';
import { withSafeReads } from '../casefile/safeReads';
import { loadIpTables, type LoadedIpTables } from '../enrich/ipIndex';
import { forEachScanRow } from './eventScan';
import { BatchWriter, type ScanBatch } from './scanBatches';

export interface ScanWorkerInput {
  path: string;
  nativeBinding?: string;
  port: MessagePort;
  /** An Int32Array's buffer: [0] counts the messages sent, [1] the batches the other thread has read, [2] is set when
   *  that thread wants no more. */
  signal: SharedArrayBuffer;
  rowsPerBatch: number;
  /** Batches sent and not read yet, at most. */
  window: number;
  /** Load the IPv4 data first, for the analysis's thread (its rules look addresses up before the pass reads a row).
   *  Not the IPv6 tables (12 MB more, ~0.4 CPU-s): most cases have no IPv6 address to look up; they load where asked. */
  loadIp: boolean;
  /** Tests only: fail after this many rows, as a read error would. */
  failAfterRows?: number;
}

export type FromScanThread =
  | ScanBatch
  | { type: 'ip'; loaded?: LoadedIpTables; failed?: string }
  | { type: 'done'; rows: number }
  | { type: 'error'; opening: boolean; message: string; code?: string; stack?: string };

/** The connection's page cache while it scans, in KiB (as the analysis's own, see analyze.ts). */
const CACHE_KIB = 2048;

const codeOf = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown }).code;
  return typeof c === 'string' ? c : undefined;
};

/** The other thread has stopped reading (it failed, or its analysis ended): nothing more to send. */
class Stopped extends Error {}

function main(input: ScanWorkerInput): void {
  const signal = new Int32Array(input.signal);
  const send = (m: FromScanThread, transfer?: ArrayBuffer[]) => {
    input.port.postMessage(m, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  if (input.loadIp) {
    try {
      const { loaded, transfer } = loadIpTables(false);
      send({ type: 'ip', loaded }, transfer);
    } catch (e) {
      send({ type: 'ip', failed: (e as Error).message }); // the other thread loads them itself
    }
  }
  let db: Database.Database;
  try {
    // the values as the analysis's own connection reads them (safe reads), nothing of the file changed
    db = withSafeReads(new Database(input.path, { readonly: true, fileMustExist: true, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) }));
    db.pragma('trusted_schema = OFF');
    db.pragma(`cache_size = -${CACHE_KIB}`);
  } catch (e) {
    send({ type: 'error', opening: true, message: (e as Error).message, code: codeOf(e) });
    return;
  }
  try {
    const w = new BatchWriter(input.rowsPerBatch);
    let rows = 0;
    const fail = input.failAfterRows ?? Infinity;
    let sent = 0;
    const sendBatch = () => {
      // ahead of the reader by the window at most: what is sent waits in memory until it is read
      for (let read; sent - (read = Atomics.load(signal, 1)) >= input.window; ) {
        if (Atomics.load(signal, 2)) throw new Stopped();
        Atomics.wait(signal, 1, read, 1_000);
      }
      const { batch, transfer } = w.take();
      send(batch, transfer);
      sent++;
    };
    forEachScanRow(db, (row, d) => {
      if (++rows > fail) throw new Error(`stopped after ${fail} rows (test)`);
      if (w.add(row, d)) sendBatch();
    });
    if (w.size) sendBatch();
    send({ type: 'done', rows });
  } catch (e) {
    if (e instanceof Stopped) return;
    send({ type: 'error', opening: false, message: (e as Error).message, code: codeOf(e), stack: (e as Error).stack });
  } finally {
    db.close();
  }
}

main(workerData as ScanWorkerInput);
