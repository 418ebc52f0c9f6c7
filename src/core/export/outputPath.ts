// Where an export, report or share copy may be written. The path is typed by a person (or a script): it must
// never land on the open case or the files SQLite keeps beside it, and never replace an existing file unasked.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AlibiError } from '../errors';

/** The files SQLite keeps beside a case while it is open or after a crash. */
export const CASE_SIDECARS = ['-wal', '-shm', '-journal'];

export interface OutputCheck {
  /** The case the output is made from: neither it nor its sidecars may be the output. */
  casePath?: string;
  /** Replace an existing file (the CLI's `--force`, the app's confirmed overwrite). */
  force?: boolean;
}

/** The real path `p` names or would name: symlinks in the folder (and the file, if it exists) resolved. */
function realTarget(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const dir = dirname(abs);
  if (!existsSync(dir)) {
    throw new AlibiError(`${p}: the folder ${dir} does not exist`, 'create the folder first, or choose another place', 1, 'io');
  }
  return join(realpathSync(dir), basename(abs));
}

/** True when `out` is the case or one of its sidecars: same real path, or the same file under another name (hard link). */
export function isCaseOrSidecar(out: string, casePath: string): boolean {
  const target = realTarget(out);
  const casefile = realTarget(casePath);
  if ([casefile, ...CASE_SIDECARS.map((s) => casefile + s)].includes(target)) return true;
  if (!existsSync(target)) return false;
  const a = statSync(target);
  for (const p of [casefile, ...CASE_SIDECARS.map((s) => casefile + s)]) {
    if (!existsSync(p)) continue;
    const b = statSync(p);
    if (a.dev === b.dev && a.ino === b.ino) return true;
  }
  return false;
}

/**
 * Refuses an output path that is the case (or its -wal/-shm/-journal, by real path or hard link), a folder,
 * or an existing file without `force`. Returns the absolute path to write.
 */
export function checkOutputPath(out: string, opts: OutputCheck = {}): string {
  if (!out) throw new AlibiError('no output file given', 'give the path of the file to write', 2);
  if (opts.casePath && isCaseOrSidecar(out, opts.casePath)) {
    throw new AlibiError(
      `${out} is the case file ${opts.casePath} (or a file SQLite keeps beside it): writing there would destroy the case`,
      'choose another file name for the output',
      1,
      'refused',
    );
  }
  const abs = resolve(out);
  if (existsSync(abs)) {
    if (statSync(abs).isDirectory()) throw new AlibiError(`${out} is a folder`, 'give the path of a file inside it', 1, 'io');
    if (!opts.force) {
      throw new AlibiError(`${out} already exists`, { cli: 'choose another file name, or pass --force to replace it', app: 'choose another file name, or confirm replacing it' }, 1, 'exists');
    }
  }
  return abs;
}
