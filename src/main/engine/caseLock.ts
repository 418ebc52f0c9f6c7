// One Alibi process per case file. SQLite alone would let two apps interleave their writes to a case (each valid,
// together confusing: two imports, two verdicts); so the engine that opens a case holds `<case>.lock`, created
// exclusively (O_EXCL) with who holds it. A second process gets a clear "open in another window" instead of the
// case. A lock left by a crash is recognised (same machine, process gone) and taken over. Pure Node.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export type LockResult = { ok: true; release(): void } | { ok: false; owner: LockOwner | null; message: string; hint: string };

export function lockPath(casePath: string): string {
  return `${casePath}.lock`;
}

function readOwner(file: string): LockOwner | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8').slice(0, 4096)) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.since === 'string') return { pid: v.pid, host: v.host, since: v.since };
  } catch {
    // unreadable or half-written: treated as no owner information
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

/** Takes the case's lock for this process, or says who has it. */
export function acquireCaseLock(casePath: string, me: { pid: number; host: string } = { pid: process.pid, host: hostname() }): LockResult {
  const file = lockPath(casePath);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        // A read-only folder (a received case on a mounted share, a CD): nobody else can write there either.
        if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { ok: true, release: () => {} };
        throw e;
      }
      const owner = readOwner(file);
      const stale = owner !== null && owner.host === me.host && (owner.pid === me.pid || !alive(owner.pid));
      if (stale && attempt === 0) {
        rmSync(file, { force: true });
        continue;
      }
      const where = owner ? `Alibi process ${owner.pid} on ${owner.host === me.host ? 'this computer' : owner.host} since ${owner.since}` : 'another Alibi process';
      return {
        ok: false,
        owner,
        message: `${basename(casePath)} is already open in ${where}`,
        hint:
          owner && owner.host !== me.host
            ? `close it on ${owner.host} first; if that computer is not using it any more, delete ${basename(file)} beside the case`
            : 'switch to the window that has it open, or close the case there first',
      };
    }
    const owner: LockOwner = { pid: me.pid, host: me.host, since: new Date().toISOString() };
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        // Only remove our own lock (a stale-lock takeover by another process must not be undone by us).
        const current = readOwner(file);
        if (current && current.pid === owner.pid && current.host === owner.host && current.since === owner.since) rmSync(file, { force: true });
      },
    };
  }
  return { ok: false, owner: null, message: `${basename(casePath)} is locked by another Alibi process`, hint: 'try again in a moment' };
}
