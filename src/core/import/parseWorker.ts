// The parse thread of a large log import: receives the file's content chunk by chunk from the thread that reads,
// hashes and writes (logReader.ts), splits, masks and parses the lines, digests the rows' records (the writing
// thread digests their texts), and posts each chunk's rows back packed.
import { parentPort, workerData } from 'node:worker_threads';
import { forEachLineOf } from './streamSources';
import { lineHandlers, logParser } from './logLines';
import { accessLineScanner } from './accessLineScan';
import { PackedRowsBuilder, PackedRowsDigest, type PackedBatch } from './packedRows';
import { TrustedProxies } from './trustedProxies';
import type { DigestParts } from '../casefile/eventRowsDigest';

export interface ParseWorkerInput {
  encoding: string; format: string; trustedProxies: string[]; lineFormat: number; zone: string | null;
  /** The writer's first id and source: this thread digests the records of the rows it packs (PackedRowsDigest). */
  digest: { firstId: number; sourceId: number };
}
export type ToParser = { type: 'chunk'; buf: ArrayBuffer } | { type: 'recycle'; nums: ArrayBuffer; lens: ArrayBuffer } | { type: 'end' };
export type FromParser =
  | { type: 'batch'; batch: PackedBatch }
  /** `events`: the records part of the digest of every row sent. */
  | { type: 'done'; events: DigestParts }
  | { type: 'error'; message: string };

const port = parentPort;
if (port) void run(port, workerData as ParseWorkerInput);

async function run(p: NonNullable<typeof parentPort>, input: ParseWorkerInput): Promise<void> {
  const post = (m: FromParser, transfer?: ArrayBuffer[]) => p.postMessage(m, transfer);
  const rows = new PackedRowsBuilder(input.lineFormat);
  const digest = new PackedRowsDigest(input.digest.firstId, input.digest.sourceId, 'records');
  const flush = () => {
    const batch = rows.takeBuffers();
    digest.add(batch); // before its buffers are transferred
    post({ type: 'batch', batch }, [batch.nums.buffer as ArrayBuffer, batch.lens.buffer as ArrayBuffer]);
  };
  const queue: (Buffer | null)[] = [];
  let wake: (() => void) | null = null;
  p.on('message', (m: ToParser) => {
    if (m.type === 'recycle') return rows.recycle(m.nums, m.lens);
    queue.push(m.type === 'chunk' ? Buffer.from(m.buf) : null);
    wake?.();
  });
  // One batch per chunk received: the reader counts chunks in flight against batches back.
  async function* chunks(): AsyncGenerator<Buffer> {
    let first = true;
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      const buf = queue.shift()!;
      if (!first) flush();
      first = false;
      if (buf === null) return;
      yield buf;
    }
  }
  try {
    const proxies = new TrustedProxies(input.trustedProxies);
    const { onLine, onOverlong } = lineHandlers(logParser(input.format, proxies, input.zone), rows, accessLineScanner(input.format, proxies));
    await forEachLineOf(chunks(), input.encoding, undefined, onLine, onOverlong);
    flush(); // the last chunk's lines, and a last line without newline
    post({ type: 'done', events: digest.parts() });
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  } finally {
    p.close();
  }
}
