import { AlibiError } from '../core/errors';

/** Prints `value` as JSON when asked, otherwise the human rendering. */
export function emit<T>(json: boolean | undefined, value: T, human: (v: T) => string): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human(value) + '\n');
}

export function fail(e: unknown): never {
  if (e instanceof AlibiError) {
    process.stderr.write(`alibi: ${e.message}\n${e.hint ? `  what to do: ${e.hint}\n` : ''}`);
    process.exit(e.exitCode);
  }
  process.stderr.write(`alibi: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
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

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => Math.min(row[i].length, 60))));
  const line = (vals: string[]) => vals.map((v, i) => v.slice(0, 60).padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
