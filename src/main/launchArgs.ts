// Which case the OS asked us to open: a command-line path (first launch, or a second launch handed over by the
// single-instance lock), a macOS open-file event, or — when none — the last case. Pure (no Electron import) so
// every rule is unit-tested under Node; src/main/index.ts wires it to app events.
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASE_EXTENSION = '.alibi';

export interface ArgvContext {
  /** app.isPackaged: a packaged app's argv is [exe, ...args]; a development one's is [electron, appPath, ...args]. */
  packaged: boolean;
  /** The launching process's working directory (a second instance's, for the hand-off). */
  cwd: string;
}

/** True for a path that names a case file (by extension; the content is checked later as untrusted input). */
export function isCasePath(p: string): boolean {
  const name = basename(p);
  return name.toLowerCase().endsWith(CASE_EXTENSION) && name.length > CASE_EXTENSION.length;
}

/** A command-line operand as an absolute path: file:// URLs (some desktops pass them) and relative paths. */
function toPath(arg: string, cwd: string): string | null {
  if (arg.startsWith('file://')) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  if (arg.includes('\0') || /^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return null; // other URL schemes: never a file
  return isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
}

/**
 * The case file named on a command line, or null. Switches (`--no-sandbox`, `--user-data-dir=…`, macOS's
 * `-psn_…`) are skipped wherever Chromium put them; after `--` every argument is an operand. Files that are not
 * `.alibi` are ignored; when several cases are named, the first wins.
 */
export function caseFromArgv(argv: readonly string[], ctx: ArgvContext): string | null {
  const operands: string[] = [];
  let switches = true;
  for (const arg of argv.slice(1)) {
    if (switches && arg === '--') switches = false;
    else if (switches && arg.startsWith('-')) continue;
    else operands.push(arg);
  }
  // In development the first operand is the app itself (`electron .` or `electron /path/to/alibi`).
  const files = ctx.packaged ? operands : operands.slice(1);
  for (const arg of files) {
    if (arg.length > 4096) continue;
    const p = toPath(arg, ctx.cwd);
    if (p && isCasePath(p)) return p;
  }
  return null;
}

/**
 * Requests to open a case that may arrive before the window can take them (macOS sends open-file before
 * `ready`; a second launch can come while the first is still starting). Held until a handler attaches; only
 * the latest request is kept, since only one case is open at a time.
 */
export class OpenRequests {
  private pending: string | null = null;
  private handler: ((path: string) => void) | null = null;

  request(path: string): void {
    if (this.handler) this.handler(path);
    else this.pending = path;
  }

  /** The request waiting for the handler, if any (read at launch, before attaching). */
  take(): string | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }

  attach(handler: (path: string) => void): void {
    this.handler = handler;
    const p = this.take();
    if (p) handler(p);
  }
}

export interface LaunchChoice {
  path: string;
  /** 'request': the user asked for this file now; 'last': reopening the previous session's case. */
  reason: 'request' | 'last';
}

/**
 * The case to open when the app starts: one the OS asked for (command line, open-file), else the most recent
 * case when the user keeps that preference. The last case still goes through the untrusted-file check when opened.
 */
export function caseAtLaunch(requested: string | null, recent: readonly { path: string }[], reopenLast: boolean): LaunchChoice | null {
  if (requested) return { path: requested, reason: 'request' };
  if (reopenLast && recent[0]) return { path: recent[0].path, reason: 'last' };
  return null;
}

/**
 * The case a second launch asks the running app to open. The second instance sends its own argv and working
 * directory as the lock's additional data (Chromium may reorder or extend the argv it passes itself); when that
 * data is missing or malformed, the argv and directory Electron reports are used.
 */
export function secondInstanceCase(argv: readonly string[], cwd: string, additionalData: unknown, packaged: boolean): string | null {
  const d = additionalData as { argv?: unknown; cwd?: unknown } | null | undefined;
  const sentArgv = Array.isArray(d?.argv) && d.argv.length <= 1000 && d.argv.every((a) => typeof a === 'string') ? (d.argv as string[]) : null;
  const sentCwd = typeof d?.cwd === 'string' && isAbsolute(d.cwd) ? d.cwd : null;
  return caseFromArgv(sentArgv ?? argv, { packaged, cwd: sentCwd ?? cwd });
}
