// Compressed inputs, recognised by their magic bytes (rotated logs are access.log.2.gz, archives .zst), and
// decompressed as they stream: nothing holds more than a chunk of either side. gzip through Node's zlib; zstd
// through fzstd (pure JavaScript, MIT: Node 20's zlib has no zstd, and a native addon would need an Electron build).
import { closeSync, openSync, readSync } from 'node:fs';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { AlibiError } from '../errors';

export type Compression = 'gzip' | 'zstd';

const CHUNK = 1024 * 1024;

/** gzip (1f 8b) or zstd (28 b5 2f fd) from the first bytes, else null. */
export function compressionOf(path: string): Compression | null {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    const n = readSync(fd, b, 0, 4, 0);
    if (n >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
    if (n === 4 && b.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
    return null;
  } finally {
    closeSync(fd);
  }
}

/** A stream that decompresses `kind`. */
export function decompressor(kind: Compression): Transform {
  if (kind === 'gzip') return createGunzip({ chunkSize: CHUNK });
  let out: Transform;
  const zstd = new Decompress((data) => {
    if (data.length > 0) out.push(Buffer.from(data.buffer, data.byteOffset, data.length));
  });
  out = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        zstd.push(chunk);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      try {
        zstd.push(new Uint8Array(0), true);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  return out;
}

/** The error to show for damaged compressed data (zlib's Z_* codes, fzstd's ZstdError), or the error as it was. */
export function decompressionError(path: string, kind: Compression, e: unknown): Error {
  const err = e as NodeJS.ErrnoException;
  // zlib names its errors Z_*; fzstd throws errors with a numeric code; a read error keeps its system code (ENOENT…).
  const damaged = kind === 'gzip' ? typeof err?.code === 'string' && err.code.startsWith('Z_') : !(err instanceof AlibiError) && typeof err?.code !== 'string';
  if (damaged) {
    return new AlibiError(`${path}: damaged ${kind} data (${err?.message ?? String(e)})`, 'decompress the file yourself to see how much of it is readable');
  }
  return err;
}
