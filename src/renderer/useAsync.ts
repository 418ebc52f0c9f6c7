// Runs an API call when its inputs change and keeps {data, error, loading}; reload() runs it again.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Raw system errors (a file moved away, a locked folder) in words, so `ENOENT: …` never reaches the screen. */
const SYSTEM_ERRORS: [RegExp, (file: string) => string][] = [
  [/^ENOENT\b/, (f) => `${f} was not found: it may have been moved, renamed or deleted. Choose the file again.`],
  [/^(EACCES|EPERM)\b/, (f) => `Alibi is not allowed to open ${f}. Check the file's permissions, or copy it to a folder you own.`],
  [/^EISDIR\b/, (f) => `${f} is a folder, not a file. Choose a file inside it.`],
  [/^ENOSPC\b/, () => 'The disk is full: free some space and try again.'],
  [/^EBUSY\b/, (f) => `${f} is in use by another program. Close it there and try again.`],
];

export function errorText(e: unknown): string {
  const err = e as { message?: string; hint?: string };
  const message = String(err?.message ?? e);
  for (const [re, say] of SYSTEM_ERRORS) {
    if (re.test(message)) {
      const path = /'([^']{1,4096})'/.exec(message)?.[1];
      return say(path ? (path.split(/[\\/]/).pop() || path) : 'The file');
    }
  }
  return err?.hint ? `${message} — ${err.hint}` : message;
}

export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    fn().then(
      (v) => {
        if (mine !== seq.current) return; // a newer call superseded this one
        setData(v);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
