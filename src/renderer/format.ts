// Display helpers. Everything returns plain strings rendered as React text (never HTML).

export function formatTime(ms: number | string | null | undefined, tz: string): string {
  if (ms === null || ms === undefined || ms === '') return '—';
  const d = typeof ms === 'number' ? new Date(ms) : new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
    }).format(d) + ` ${tzShort(tz)}`;
  } catch {
    return d.toISOString();
  }
}

function tzShort(tz: string): string {
  return tz === 'UTC' ? 'UTC' : tz.split('/').pop()!.replace(/_/g, ' ');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}

/** Long hostile values (megabyte lines) are cut for display; the full text stays in the case. */
export function clip(s: string | null | undefined, max = 300): string {
  if (s === null || s === undefined) return '';
  return s.length > max ? `${s.slice(0, max)}… (${formatCount(s.length)} chars)` : s;
}
