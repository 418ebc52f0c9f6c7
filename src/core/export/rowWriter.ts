// Streams lines to a file with backpressure, so an export of millions of events never sits in memory.
// Lines are gathered into ~64 KiB chunks: one write (and at most one wait) per chunk, not per line.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK_CHARS = 64 * 1024;

export class LineFileWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  private pending: string[] = [];
  private pendingChars = 0;
  lines = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }

  /** Returns a promise only when a chunk went out (callers: `const p = w.write(l); if (p) await p;`). */
  write(text: string, countsAsLine = true): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    if (countsAsLine) this.lines++;
    this.pending.push(text);
    this.pendingChars += text.length;
    return this.pendingChars >= CHUNK_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }
}
