// Streams lines to a file with backpressure, so an export of millions of events never sits in memory.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class LineFileWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  lines = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }

  async write(text: string, countsAsLine = true): Promise<void> {
    if (this.failure) throw this.failure;
    if (countsAsLine) this.lines++;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }
}
