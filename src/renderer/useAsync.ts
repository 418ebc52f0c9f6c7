// Runs an API call when its inputs change and keeps {data, error, loading}; reload() runs it again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isMsg, type MessageId } from '../core/i18n';
import { t, tr } from './i18n';

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
  const err = e as { message?: string; hint?: string; msg?: unknown; hintMsg?: unknown };
  const raw = String(err?.message ?? e);
  // The engine's errors carry their message ids: said in the language on screen, the English words as fallback.
  const message = isMsg(err?.msg) ? tr().msg(err.msg, raw) : raw;
  const hint = isMsg(err?.hintMsg) && err.hint ? tr().msg(err.hintMsg, err.hint) : err?.hint;
  for (const [re, id] of SYSTEM_ERRORS) {
    if (re.test(raw)) {
      const path = /'([^']{1,4096})'/.exec(raw)?.[1];
      const file = path ? path.split(/[\\/]/).pop() || path : '';
      return t(id, { file, named: file ? 'yes' : 'no' });
    }
  }
  return hint ? `${message} — ${hint}` : message;
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
