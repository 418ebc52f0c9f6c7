// Errors as data: every failure the user can act on carries a stable code, a message (what went wrong, where)
// and a hint (what to do). A hint may differ per host — the CLI names a flag, the app a button or menu — so
// the app never tells anyone to pass `--force`.

/** Stable error codes, the same through every host (IPC, HTTP bridge, CLI --json). */
import { translator } from './i18n/translator';
import { isMsg, type Msg } from './i18n/message';

export const ERROR_CODES = [
  'bad-input', // a file, a value or an argument the user gave is wrong
  'usage', // the command line itself is wrong (CLI exit 2)
  'no-case', // the call needs an open case
  'not-found', // the thing named is not in the case
  'exists', // the target already exists and overwriting was not asked for
  'refused', // an untrusted or unsafe file, or a write the user has not consented to
  'busy', // another writer holds the case
  'cancelled',
  'io', // the file system refused (permissions, missing folder, disk full)
  'unknown-method',
  'invalid-args', // the caller's arguments failed the method's schema (a bug in the caller)
  'internal', // a bug in Alibi
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Host = 'cli' | 'app';

/** What to do, said once for everyone or phrased per host. */
export type Hint = string | { cli: string; app: string };
/** The same as catalogue messages. */
export type HintMsg = Msg | { cli: Msg; app: Msg };

/** The error as it crosses every boundary: plain JSON, the hint already phrased for the host. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** The message and hint as catalogue messages, when the error has them: hosts render them in the user's language. */
  msg?: Msg;
  hintMsg?: Msg;
}

/** An error the user can act on: what went wrong (with where) and what to do about it. */
export class AlibiError extends Error {
  public readonly code: ErrorCode;
  /** The same error as data (message id + parameters), for hosts that show it in the user's language. */
  msg?: Msg;
  hintMsg?: HintMsg;

  /** An error built from catalogue messages; `message` and `hint` hold the English text. */
  static of(msg: Msg, hintMsg?: HintMsg, exitCode: 1 | 2 = 1, code?: ErrorCode): AlibiError {
    const en = translator('en');
    const hint = !hintMsg ? undefined : isMsg(hintMsg) ? en.msg(hintMsg) : { cli: en.msg(hintMsg.cli), app: en.msg(hintMsg.app) };
    const e = new AlibiError(en.msg(msg), hint, exitCode, code);
    e.msg = msg;
    e.hintMsg = hintMsg;
    return e;
  }

  /** The error again from its data (as it crossed a host boundary), its messages kept for the user's language. */
  static fromData(d: ErrorData, exitCode: 1 | 2 = 1): AlibiError {
    const e = new AlibiError(d.message, d.hint, exitCode, d.code);
    e.msg = d.msg;
    e.hintMsg = d.hintMsg;
    return e;
  }

  constructor(
    message: string,
    public readonly hint?: Hint,
    /** CLI exit code: 1 bad input, 2 usage. */
    public readonly exitCode: 1 | 2 = 1,
    code?: ErrorCode,
  ) {
    super(message);
    this.name = 'AlibiError';
    this.code = code ?? (exitCode === 2 ? 'usage' : 'bad-input');
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function hintFor(hint: Hint | undefined, host: Host): string | undefined {
  if (hint === undefined) return undefined;
  return typeof hint === 'string' ? hint : hint[host];
}

const FS_HINTS: Record<string, string> = {
  ENOENT: 'check the path: the file, or the folder it goes into, does not exist',
  ENOTDIR: 'check the path: a part of it is a file, not a folder',
  EISDIR: 'this is a folder: give the path of a file',
  EACCES: 'you may not read or write there: choose another place or fix the permissions',
  EPERM: 'you may not read or write there: choose another place or fix the permissions',
  EROFS: 'this disk is read-only: choose another place',
  ENOSPC: 'the disk is full: free some space or choose another disk',
  EEXIST: 'it already exists: choose another name',
};

/** Any thrown value as error data for one host: AlibiErrors as they are, file-system refusals named, the rest internal. */
export function toErrorData(e: unknown, host: Host): ErrorData {
  if (e instanceof AlibiError) {
    const hint = hintFor(e.hint, host);
    const hintMsg = e.hintMsg && (isMsg(e.hintMsg) ? e.hintMsg : e.hintMsg[host]);
    return { code: e.code, message: e.message, ...(hint ? { hint } : {}), ...(e.msg ? { msg: e.msg } : {}), ...(hintMsg ? { hintMsg } : {}) };
  }
  if (e instanceof CancelledError || (e as Error)?.name === 'CancelledError') return { code: 'cancelled', message: 'cancelled' };
  const sys = e as NodeJS.ErrnoException;
  if (typeof sys?.code === 'string' && Object.hasOwn(FS_HINTS, sys.code)) {
    return { code: 'io', message: sys.message, hint: FS_HINTS[sys.code] };
  }
  if (typeof sys?.code === 'string' && sys.code.startsWith('SQLITE_BUSY')) {
    return { code: 'busy', message: 'the case is busy: another program is writing to it', hint: 'wait for the other import to finish, then try again' };
  }
  return { code: 'internal', message: (e as Error)?.message ?? String(e), hint: 'this is a bug in Alibi; please report it with the steps that led here' };
}
