// The compressed share container (`.alibiz`): what `alibi share` writes for e-mail. One file:
//   ALIBI-SHARE/1\n  <manifest length, 8 bytes big-endian>  <manifest JSON>  <brotli stream of the case database>
// The database is the VACUUMed share copy without the secondary indexes of `event_rows` (they are half its size
// and compress badly); the receiver rebuilds them with this app's own SQL (never SQL from the file) before the
// usual untrusted-file checks. The manifest inside names the database's SHA-256; the container's own SHA-256 is
// written beside it (`<file>.sha256`, sha256sum format).
import { createHash } from 'node:crypto';
import {
  closeSync, constants as fsConstants, copyFileSync, createReadStream, createWriteStream, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createBrotliDecompress } from 'node:zlib';
import { AlibiError, hintFor } from '../errors';
import { SCHEMA_VERSION } from '../casefile/schema';
import { checkCaseFile, expectedSchema, type CaseFileCheck } from './openUntrusted';
import { openRawDatabase } from './rawDatabase';
import { sha256File } from '../casefile/verify';

export const CONTAINER_MAGIC = Buffer.from('ALIBI-SHARE/1\n', 'latin1');
const HEADER_BYTES = CONTAINER_MAGIC.length + 8;
/** A manifest is a few kilobytes; anything larger is not one. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Bigger than any case a laptop holds; a "decompression bomb" stops here. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024 * 1024;

export interface ContainerManifest {
  format: 'alibi-share-container/1';
  /** SHA-256 and size of the database as packed (before its indexes are rebuilt). */
  database: { sha256: string; size: number };
  /** Indexes removed before packing, rebuilt on opening from the app's schema. */
  strippedIndexes: string[];
  /** The share manifest (shareCase), as written beside a plain copy. */
  share: unknown;
}

export function isShareContainer(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(CONTAINER_MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(CONTAINER_MAGIC);
  } finally {
    closeSync(fd);
  }
}

function hashing(hash: ReturnType<typeof createHash>, count: { bytes: number; max?: number }) {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      count.bytes += chunk.length;
      if (count.max !== undefined && count.bytes > count.max) {
        done(new AlibiError('share container unpacks to more than 64 GiB', 'this is not a share copy made by Alibi'));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/** Drops the event indexes of `dbPath` (a share copy this app just made) and VACUUMs it; returns their names. */
export function stripEventIndexes(dbPath: string): string[] {
  const db = openRawDatabase(dbPath);
  try {
    const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'event_rows' AND sql IS NOT NULL").pluck().all() as string[]);
    for (const n of names) db.exec(`DROP INDEX "${n.replace(/"/g, '""')}"`);
    db.exec('VACUUM');
    return names;
  } finally {
    db.close();
  }
}

/** Packs `dbPath` into the container `out`; writes `<out>.sha256`; returns the container's SHA-256 and size. */
export async function packShareContainer(
  dbPath: string, out: string, share: unknown, strippedIndexes: string[],
): Promise<{ sha256: string; size: number; manifest: ContainerManifest }> {
  const dbSize = statSync(dbPath).size;
  const manifest: ContainerManifest = {
    format: 'alibi-share-container/1', database: { sha256: await sha256File(dbPath), size: dbSize }, strippedIndexes, share,
  };
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(json.length));
  const file = createWriteStream(out, { flags: 'wx' });
  file.write(Buffer.concat([CONTAINER_MAGIC, len, json]));
  // Quality 5 with a 16 MiB window: most of the ratio of the slow levels (long-range repeats of IPs, interned
  // ids, timestamps), at a speed that packs a million events in seconds.
  const brotli = createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: dbSize,
    },
  });
  await pipeline(createReadStream(dbPath), brotli, file);
  const sha256 = await sha256File(out);
  writeFileSync(`${out}.sha256`, `${sha256}  ${basename(out)}\n`);
  return { sha256, size: statSync(out).size, manifest };
}

export interface UnpackedContainer {
  /** The database, in a private temporary folder; `cleanup` removes it. */
  dbPath: string;
  manifest: ContainerManifest;
  cleanup(): void;
}

function readManifest(path: string): { manifest: ContainerManifest; offset: number } {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    if (readSync(fd, head, 0, HEADER_BYTES, 0) !== HEADER_BYTES || !head.subarray(0, CONTAINER_MAGIC.length).equals(CONTAINER_MAGIC)) {
      throw new AlibiError(`${path}: not an Alibi share container`, 'open a .alibi or .alibiz file made by Alibi');
    }
    const len = head.readBigUInt64BE(CONTAINER_MAGIC.length);
    if (len > BigInt(MAX_MANIFEST_BYTES)) throw new AlibiError(`${path}: damaged share container (manifest of ${len} bytes)`, 'ask the sender for the file again');
    const json = Buffer.alloc(Number(len));
    if (readSync(fd, json, 0, json.length, HEADER_BYTES) !== json.length) throw new AlibiError(`${path}: truncated share container`, 'ask the sender for the file again');
    let manifest: ContainerManifest;
    try {
      manifest = JSON.parse(json.toString('utf8')) as ContainerManifest;
    } catch {
      throw new AlibiError(`${path}: damaged share container (its manifest is not JSON)`, 'ask the sender for the file again');
    }
    if (manifest?.format !== 'alibi-share-container/1' || typeof manifest.database?.sha256 !== 'string' || !Array.isArray(manifest.strippedIndexes)) {
      throw new AlibiError(`${path}: unknown share container manifest`, 'update Alibi, or ask the sender for a plain .alibi copy');
    }
    return { manifest, offset: HEADER_BYTES + json.length };
  } finally {
    closeSync(fd);
  }
}

/**
 * Unpacks a container into a private temporary folder, checks the database's SHA-256 against the manifest and
 * rebuilds the stripped indexes with the SQL of this app's schema for the file's version. The caller then runs the
 * untrusted-file checks on `dbPath` as for any received case.
 */
export async function unpackShareContainer(path: string): Promise<UnpackedContainer> {
  const { manifest, offset } = readManifest(path);
  const dir = mkdtempSync(join(tmpdir(), 'alibi-share-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const dbPath = join(dir, basename(path).replace(/\.alibiz$/i, '') + '.alibi');
  try {
    const hash = createHash('sha256');
    const count = { bytes: 0, max: MAX_UNPACKED_BYTES };
    try {
      await pipeline(createReadStream(path, { start: offset }), createBrotliDecompress(), hashing(hash, count), createWriteStream(dbPath, { flags: 'wx' }));
    } catch (e) {
      if (e instanceof AlibiError) throw e;
      throw new AlibiError(`${path}: damaged share container (${(e as Error).message})`, 'ask the sender for the file again and compare its SHA-256');
    }
    const sha = hash.digest('hex');
    if (sha !== manifest.database.sha256 || count.bytes !== manifest.database.size) {
      throw new AlibiError(`${path}: the database inside does not match its manifest (SHA-256 ${sha})`, 'ask the sender for the file again');
    }
    if (manifest.strippedIndexes.length > 0) {
      const expectedIndexSql = appIndexSql(dbPath);
      const db = openRawDatabase(dbPath);
      try {
        db.pragma('trusted_schema = OFF');
        for (const name of manifest.strippedIndexes) {
          const sql = expectedIndexSql(name);
          if (!sql) throw new AlibiError(`${path}: the container names an index Alibi does not make ("${String(name).slice(0, 60)}")`, 'ask the sender for a copy made with `alibi share`');
          try {
            db.exec(sql);
          } catch (e) {
            throw new AlibiError(`${path}: the database inside is not a share copy (${(e as Error).message})`, 'ask the sender for a copy made with `alibi share`');
          }
        }
      } finally {
        db.close();
      }
    }
    return { dbPath, manifest, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** This app's SQL for an index it strips before packing (event_rows indexes of the file's schema version). */
function appIndexSql(dbPath: string): (name: string) => string | undefined {
  const db = openRawDatabase(dbPath, { readonly: true, fileMustExist: true });
  let version: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
  if (!Number.isInteger(version) || version < 1 || version > SCHEMA_VERSION) return () => undefined;
  const objects = expectedSchema(version).objects;
  return (name) => {
    const o = objects.get(name);
    return o && o.type === 'index' && o.tbl_name === 'event_rows' && o.sql ? o.sql : undefined;
  };
}

/** Unpacks a container to a private temporary folder and runs the untrusted-file checks on the database inside. */
export async function checkShareContainer(path: string): Promise<CaseFileCheck & { container?: ContainerManifest }> {
  let unpacked: UnpackedContainer;
  try {
    unpacked = await unpackShareContainer(path);
  } catch (e) {
    if (e instanceof AlibiError) return { ok: false, problems: [e.message], hint: hintFor(e.hint, 'app') };
    return { ok: false, problems: [`${path}: ${(e as Error).message}`], hint: 'ask the sender for the file again' };
  }
  try {
    return { ...checkCaseFile(unpacked.dbPath), container: unpacked.manifest };
  } finally {
    unpacked.cleanup();
  }
}

/**
 * Opens a received container for work: unpacked and checked in a private folder, then moved to `dest` (by
 * default beside the container, same name with `.alibi`). Refuses to overwrite anything.
 */
export async function extractShareContainer(path: string, dest = path.replace(/\.alibiz$/i, '') + '.alibi'): Promise<string> {
  if (existsSync(dest)) throw new AlibiError(`${dest} already exists`, 'open that case, or move it away to unpack the container again');
  const unpacked = await unpackShareContainer(path);
  try {
    const check = checkCaseFile(unpacked.dbPath);
    if (!check.ok) throw new AlibiError(`refused to open ${path}: ${check.problems.join('; ')}`, check.hint ?? 'ask the sender for the file again');
    copyFileSync(unpacked.dbPath, dest, fsConstants.COPYFILE_EXCL);
    return dest;
  } finally {
    unpacked.cleanup();
  }
}
