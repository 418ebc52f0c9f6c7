import { AlibiError } from '../core/errors';
import { translator } from '../core/i18n/translator';
import { messageLang } from './lang';

/** Prints `value` as JSON when asked, otherwise the human rendering. */
export function emit<T>(json: boolean | undefined, value: T, human: (v: T) => string): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human(value) + '\n');
}

/**
 * Error messages quote file content (a first line, header names): keep line breaks, show every other control
 * character (terminal escapes) and bidi override as `?` so a hostile file cannot drive the terminal.
 */
export const plainText = (s: string) => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');

/** Case data on one line (a file name, a problem quoting the case): every control character, line breaks included, as `?`. */
export const oneLine = (s: string | null | undefined) => plainText(s ?? '').replace(/\n/g, '?');

/** `alibi: <message>` and its hint, as printed on stderr. */
export function errorText(e: AlibiError): string {
  const tr = translator(messageLang());
  const message = e.msg ? tr.msg(e.msg, e.message) : e.message;
  const hint = e.hintMsg ? tr.msg(e.hintMsg, e.hint) : e.hint;
  return plainText(`alibi: ${message}\n${hint ? `  ${tr.t('cli.whatToDo', { hint })}\n` : ''}`);
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

export function fail(e: unknown): never {
  if (e instanceof AlibiError) {
    process.stderr.write(errorText(e));
    process.exit(e.exitCode);
  }
  const sys = e as NodeJS.ErrnoException;
  if (typeof sys?.code === 'string' && Object.hasOwn(FS_HINTS, sys.code)) {
    // A file-system refusal (bad --out, a folder, no permission, disk full): the path and what to do, no stack.
    process.stderr.write(plainText(`alibi: ${sys.message}\n  what to do: ${FS_HINTS[sys.code]}\n`));
    process.exit(1);
  }
  process.stderr.write(`alibi: unexpected error: ${plainText((e as Error)?.stack ?? String(e))}\n`);
  process.exit(1);
}

/** Wraps a command action so AlibiErrors become clean messages and exit codes. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      fail(e);
    }
  };
}

/** A text table; every cell goes through `oneLine`, since cells carry case data (user agents, paths, file names). */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : oneLine(String(r[c])))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => Math.min(row[i].length, 60))));
  const line = (vals: string[]) => vals.map((v, i) => v.slice(0, 60).padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
