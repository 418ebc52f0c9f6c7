// Which case files this user has made or accepted, bound to their content (SHA-256), never to their path:
// a file swapped in at a trusted path is a stranger again. One small file per trusted hash in the host's data
// folder (no shared JSON to lose entries when two processes write), plus a stat cache so an unchanged file is
// not re-hashed on every open: device, inode, size, mtime and ctime together (ctime cannot be set back by a
// user process, so any rewrite of the file misses the cache and is hashed again).
//
// SQLite reads a -wal (or rolls back a hot -journal) beside a case before anything else: such a file is part of
// the content. A case with one is judged by the content SQLite would see: the files are copied into a private
// folder, recovered there, checkpointed, and that file is hashed. The user's own case after a crash (kill -9
// while open) is recognised this way — its owner records the hash after every checkpoint — while a -wal or
// journal planted beside a trusted file changes the recovered content and makes it a stranger.
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync, closeSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openRawDatabase } from '../share/rawDatabase';

export interface TrustCheck {
  trusted: boolean;
  sha256: string;
}

export class TrustStore {
  private readonly dir: string;
  constructor(dataDir: string) {
    this.dir = join(dataDir, 'trusted-cases');
  }

  private statKey(path: string): string {
    const s = statSync(path, { bigint: true });
    return createHash('sha256').update(`${resolve(path)}|${s.dev}|${s.ino}|${s.size}|${s.mtimeNs}|${s.ctimeNs}`).digest('hex');
  }

  /** The file's content hash and whether this user made or accepted exactly this content. */
  check(path: string): TrustCheck {
    const sidecars = pendingSidecars(path);
    if (sidecars.length > 0) {
      const sha256 = recoveredSha256(path, sidecars);
      return { trusted: sha256 !== null && existsSync(join(this.dir, 'sha256', sha256)), sha256: sha256 ?? sha256Sync(path) };
    }
    const key = this.statKey(path);
    const cached = join(this.dir, 'stat', key);
    if (existsSync(cached)) {
      const sha256 = readFileSync(cached, 'utf8').trim();
      if (/^[0-9a-f]{64}$/.test(sha256) && existsSync(join(this.dir, 'sha256', sha256))) return { trusted: true, sha256 };
    }
    const sha256 = sha256Sync(path);
    const trusted = existsSync(join(this.dir, 'sha256', sha256));
    if (trusted) this.write(join(this.dir, 'stat', key), sha256);
    return { trusted, sha256 };
  }

  /** Records the file's current content as this user's (after creating, accepting or writing it). */
  trust(path: string): string {
    const sha256 = sha256Sync(path);
    this.write(join(this.dir, 'sha256', sha256), `${resolve(path)}\n`);
    this.write(join(this.dir, 'stat', this.statKey(path)), sha256);
    return sha256;
  }

  /**
   * This user's secret for sealing what the engine derives and stores in their case files (the analysis snapshot):
   * 32 random bytes made on first use, kept here and never in a case, so a received file cannot carry a seal
   * that passes. Two processes racing to make it agree: the first link wins and both read it.
   */
  machineKey(): Buffer {
    const file = join(this.dir, 'snapshot-key');
    if (!existsSync(file)) {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600 });
      try {
        linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      } finally {
        rmSync(tmp, { force: true });
      }
    }
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a key made by Alibi`);
    return Buffer.from(hex, 'hex');
  }

  private write(file: string, text: string): void {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
}

/** The -wal and -journal files beside `path` that SQLite would read on opening it (an empty one changes nothing). */
function pendingSidecars(path: string): string[] {
  return ['-wal', '-journal'].filter((s) => (statSync(path + s, { throwIfNoEntry: false })?.size ?? 0) > 0);
}

/**
 * The hash of the case as SQLite would recover it: copied with its sidecars into a private folder, opened
 * (a hot journal rolled back, a WAL read), checkpointed and closed there. Null when SQLite cannot open it.
 */
function recoveredSha256(path: string, sidecars: string[]): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'alibi-trust-'));
  try {
    chmodSync(dir, 0o700);
    const copy = join(dir, 'case.alibi');
    copyFileSync(path, copy);
    for (const s of sidecars) copyFileSync(path + s, copy + s);
    const db = openRawDatabase(copy, { fileMustExist: true });
    try {
      db.pragma('trusted_schema = OFF');
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      if (sidecars.includes('-wal')) db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    return sha256Sync(copy);
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SHA-256 of a file, read in 1 MiB blocks (synchronous: runs in the engine process or the CLI, never in a window). */
function sha256Sync(path: string): string {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}
