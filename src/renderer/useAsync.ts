// Runs an API call when its inputs change and keeps {data, error, loading}; reload() runs it again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageId } from '../core/i18n';
import { t } from './i18n';

export interface AsyncState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Raw system errors (a file moved away, a locked folder) in words, so `ENOENT: …` never reaches the screen. */
const SYSTEM_ERRORS: [RegExp, MessageId][] = [
  [/^ENOENT\b/, 'ui.error.notFound'],
  [/^(EACCES|EPERM)\b/, 'ui.error.notAllowed'],
  [/^EISDIR\b/, 'ui.error.isFolder'],
  [/^ENOSPC\b/, 'ui.error.diskFull'],
  [/^EBUSY\b/, 'ui.error.busy'],
];

export function errorText(e: unknown): string {
  const err = e as { message?: string; hint?: string };
  const message = String(err?.message ?? e);
  for (const [re, id] of SYSTEM_ERRORS) {
    if (re.test(message)) {
      const path = /'([^']{1,4096})'/.exec(message)?.[1];
      const file = path ? path.split(/[\\/]/).pop() || path : '';
      return t(id, { file, named: file ? 'yes' : 'no' });
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
