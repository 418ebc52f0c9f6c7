import { AlibiError, toErrorData } from '../core/errors';
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
export function errorText(e: unknown): string {
  const d = toErrorData(e, 'cli');
  // errors given as catalogue messages are printed in the CLI's language (--lang, else the locale)
  const tr = translator(messageLang());
  const message = d.msg ? tr.msg(d.msg, d.message) : d.message;
  const hint = d.hintMsg ? tr.msg(d.hintMsg, d.hint) : d.hint;
  return plainText(`alibi: ${d.code === 'internal' ? 'unexpected error: ' : ''}${message}\n${hint ? `  ${tr.t('cli.whatToDo', { hint })}\n` : ''}`);
}

/** Exit code of an error: 2 for a usage error, 1 for everything else. */
export function exitCodeOf(e: unknown): 1 | 2 {
  return e instanceof AlibiError ? e.exitCode : 1;
}

export function fail(e: unknown): never {
  process.stderr.write(errorText(e));
  if (toErrorData(e, 'cli').code === 'internal' && process.env.ALIBI_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  process.exit(exitCodeOf(e));
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

/** A text table (headers default to the column keys); every cell goes through `oneLine`, since cells carry case data (user agents, paths, file names). */
export function table(rows: Record<string, unknown>[], columns: string[], headers: string[] = columns): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : oneLine(String(r[c])))));
  const widths = columns.map((_, i) => Math.max(headers[i].length, ...cells.map((row) => Math.min(row[i].length, 60))));
  const line = (vals: string[]) => vals.map((v, i) => v.slice(0, 60).padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
