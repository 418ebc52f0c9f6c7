// An instant as the whole app shows it: case zone, 24 h, with the same instant in UTC on hover (and for screen
// readers through the <time> element's machine-readable value).
import { formatTime, formatUtc } from '../format';

export function Time({ ms, tz, utc = false }: { ms: number | string | null | undefined; tz: string; utc?: boolean }) {
  const text = formatTime(ms, tz);
  const u = formatUtc(ms);
  if (!u) return <span>{text}</span>;
  return (
    <time dateTime={new Date(typeof ms === 'number' ? ms : Date.parse(String(ms))).toISOString()} title={u}>
      {text}
      {utc && tz !== 'UTC' && <span className="muted small"> ({u})</span>}
    </time>
  );
}
