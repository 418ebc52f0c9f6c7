// Reads a log into the case. A large file is parsed in a second thread while this one reads, hashes and writes
// (the machine has two cores; parsing is about half the work): chunks go to the parse thread without copying,
// packed rows come back, at most MAX_IN_FLIGHT chunks ahead so memory stays flat whatever the file size.
// The work is split so that both threads take about as long while rows go in (this one then builds the indexes
// alone): the parse thread digests the records of the rows it packs, this thread hashes the file as it reads it
// and digests the rows' texts as they come (eventWriter.ts).
// A small file, or a build without the bundled parse worker, is parsed here, the same way.
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../errors';
import type { EventWriter } from './eventWriter';
import { lineHandlers, logParser } from './logLines';
import { accessLineScanner } from './accessLineScan';
import type { FromParser, ParseWorkerInput, ToParser } from './parseWorker';
import { findBundledScript } from './runInWorker';
import type { CommonJob, hooksFor } from './sourceTransaction';
import { contentChunks, forEachLine } from './streamSources';
import { DEFAULT_TRUSTED_PROXIES } from './trustedProxies';

/** Below this a second thread costs more to start than it saves. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const MAX_IN_FLIGHT = 4;
/** Where the first chunk is cut (byte offsets; any byte: the parse thread carries a partial line over). */
const FIRST_PIECES = [32 * 1024, 160 * 1024];
/**
 * The parse thread allocates a few short-lived strings per line and keeps little: a small young generation holds
 * them as well as V8's default and keeps ~55 MB off the import's peak RSS (measured on 1M lines, same CPU time).
 */
const PARSE_YOUNG_GENERATION_MB = 8;

type Hooks = ReturnType<typeof hooksFor>;

export async function readLogLines(job: CommonJob & { format: string; localZone: string | null }, w: EventWriter, hooks: Hooks): Promise<void> {
  const script = job.size >= PARALLEL_MIN_BYTES ? findBundledScript('parse-worker.js') : null;
  if (!script) {
    const { onLine, onOverlong } = lineHandlers(logParser(job.format, job.proxies, job.localZone), w, accessLineScanner(job.format, job.proxies));
    return forEachLine(job.path, job.encoding, hooks, onLine, onOverlong);
  }
  // The file is hashed here, as it is read (compressed or not): with the parse thread hashing it too, that thread ran
  // ~0.8 CPU-s longer than this one's inserts on 1M lines, and the indexes built after the last row waited for it.
  const input: ParseWorkerInput = {
    encoding: job.encoding, format: job.format, trustedProxies: job.opts.trustedProxies ?? DEFAULT_TRUSTED_PROXIES, lineFormat: w.lineFormat,
    zone: job.localZone, digest: { firstId: w.firstId, sourceId: w.sourceId },
  };
  w.digestedElsewhere();
  const worker = new Worker(script, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: PARSE_YOUNG_GENERATION_MB } });
  let inFlight = 0;
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const settle = () => {
    const f = wake;
    wake = null;
    f?.();
  };
  worker.on('message', (m: FromParser) => {
    try {
      if (m.type === 'batch') {
        inFlight--;
        if (!failure) {
          w.write(m.batch);
          const { nums, lens } = m.batch;
          send({ type: 'recycle', nums: nums.buffer as ArrayBuffer, lens: lens.buffer as ArrayBuffer }, [nums.buffer as ArrayBuffer, lens.buffer as ArrayBuffer]);
        }
      } else if (m.type === 'done') {
        w.digested(m.events);
        done = true;
      }
      else failure = new Error(`parse thread: ${m.message}`);
    } catch (e) {
      failure = e as Error;
    }
    settle();
  });
  worker.on('error', (e) => {
    failure = e;
    settle();
  });
  worker.on('exit', () => {
    if (!done && !failure) failure = new Error('parse thread stopped before the end of the file');
    settle();
  });
  const wait = () => new Promise<void>((r) => (wake = r));
  const send = (m: ToParser, transfer?: ArrayBuffer[]) => worker.postMessage(m, transfer);
  try {
    let first = true;
    for await (const buf of contentChunks(job.path, hooks)) {
      if (hooks.signal?.aborted) throw new CancelledError();
      // The first chunk goes in small pieces: its rows reach this thread as soon as the parse thread (just started,
      // its code not yet optimised) has read a few hundred lines, not after a whole chunk: 5–20 ms after it began
      // instead of 75–140 ms (load average 7–8), while this thread waited with nothing to write.
      const cuts = first ? FIRST_PIECES.filter((n) => n < buf.length) : [];
      first = false;
      let from = 0;
      for (const to of [...cuts, buf.length]) {
        const ab = buf.buffer.slice(buf.byteOffset + from, buf.byteOffset + to) as ArrayBuffer;
        from = to;
        send({ type: 'chunk', buf: ab }, [ab]);
        inFlight++;
      }
      while (inFlight >= MAX_IN_FLIGHT && !failure) await wait();
      if (failure) throw failure;
    }
    send({ type: 'end' });
    while (!done && !failure) await wait();
    if (failure) throw failure;
    if (hooks.signal?.aborted) throw new CancelledError();
  } finally {
    await worker.terminate();
  }
}
