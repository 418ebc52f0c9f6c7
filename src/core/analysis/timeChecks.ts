// Clock checks between sources. An order and its payment happen seconds apart; when every payment of one file
// sits about an hour after its order in another, one of the two files' clocks or time zones is wrong (local
// time read as UTC, a server on winter time…): warn with the offset instead of letting windows silently shift.
// Local times written without an offset are ambiguous in the hour repeated when clocks go back: flag those
// events instead of choosing silently.
import { DateTime } from 'luxon';
import type { Db } from '../casefile/caseFile';
import { readBusinessRows, type BusinessRows } from './businessRows';
import type { CaseLinks } from './caseLinks';
import type { TimeCheck } from './types';
import { msg } from '../i18n/message';

const HOUR = 3_600_000;
const MIN_PAIRS = 3;

interface SourceInfo {
  id: number;
  name: string;
  tz: string | null;
}

export function timeChecks(db: Db, links: CaseLinks, biz: BusinessRows = readBusinessRows(db)): TimeCheck[] {
  const sources = new Map(
    (db.prepare('SELECT id, file_name AS name, tz FROM sources').all() as SourceInfo[]).map((s) => [s.id, s]),
  );
  return [...clockOffsets(biz, links, sources), ...repeatedHours(db, sources)];
}

function clockOffsets(biz: BusinessRows, links: CaseLinks, sources: Map<number, SourceInfo>): TimeCheck[] {
  // first order row per order key, then each payment row of that order from another source (orders, then payments,
  // each in id order)
  const orders = new Map<string, { ts: number; src: number; id: number }>();
  const pairs = new Map<string, { offsets: number[]; ids: number[] }>();
  for (const kind of ['order', 'payment'] as const) {
    for (let i = 0; i < biz.length; i++) {
      const o = biz.orderId[i];
      const tx = biz.tx[i];
      if (biz.kind[i] !== kind || (o === null && tx === null)) continue;
      const id = biz.id[i];
      const ts = biz.ts[i];
      const src = biz.sourceId[i];
      const key = links.orderIdOf(o, tx);
      if (!key) continue;
      if (kind === 'order') {
        if (!orders.has(key)) orders.set(key, { ts, src, id });
        continue;
      }
      const ord = orders.get(key);
      if (!ord || ord.src === src) continue;
      const pk = `${ord.src}>${src}`;
      const p = pairs.get(pk) ?? { offsets: [], ids: [] };
      p.offsets.push((ts - ord.ts) / 1000);
      if (p.ids.length < 6) p.ids.push(ord.id, id);
      pairs.set(pk, p);
    }
  }
  const out: TimeCheck[] = [];
  for (const [k, p] of pairs) {
    if (p.offsets.length < MIN_PAIRS) continue;
    const sorted = [...p.offsets].sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    // consistent: most pairs within 10 minutes of the median
    const near = sorted.filter((x) => Math.abs(x - median) <= 600).length;
    if (Math.abs(median) < 1800 || near < 0.8 * sorted.length) continue;
    const [a, b] = k.split('>').map((x) => sources.get(Number(x)));
    const hours = median / 3600;
    const whole = Math.abs(hours - Math.round(hours)) < 0.1;
    out.push({
      kind: 'clock-offset',
      severity: 'warning',
      text:
        `${b?.name ?? 'payments'} is consistently ${fmtOffset(median)} ${median > 0 ? 'after' : 'before'} ${a?.name ?? 'orders'} for the same orders (${near} of ${sorted.length} pairs): ` +
        (whole ? 'one file\'s time zone is probably wrong (local time read as UTC, or the reverse). ' : 'one server\'s clock is probably off. ') +
        `Check the import time zones (${a?.name}: ${a?.tz ?? 'offsets in the file'}; ${b?.name}: ${b?.tz ?? 'offsets in the file'}) before reading windows across these sources.`,
      sources: [a?.name ?? '?', b?.name ?? '?'],
      offsetSeconds: Math.round(median),
      evidenceEventIds: p.ids,
      msg: msg('timeCheck.clockOffset', {
        later: b?.name ?? '?', earlier: a?.name ?? '?', offset: fmtOffset(median), direction: median > 0 ? 'after' : 'before',
        near, total: sorted.length, whole: whole ? 'yes' : 'no',
        tzEarlier: a?.tz ?? msg('timeCheck.offsetsInFile'), tzLater: b?.tz ?? msg('timeCheck.offsetsInFile'),
      }),
    });
  }
  return out;
}

const fmtOffset = (s: number) => {
  const a = Math.abs(s);
  const h = Math.floor(a / 3600);
  const m = Math.round((a % 3600) / 60);
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
};

/** Fall-back transitions of `tz` between two instants: the instants [T − 1 h, T + 1 h) share wall-clock times. */
function fallBacks(tz: string, from: number, to: number): number[] {
  const out: number[] = [];
  let prev = DateTime.fromMillis(from, { zone: tz }).offset;
  if (!DateTime.fromMillis(from, { zone: tz }).isValid) return out;
  for (let t = from - (from % HOUR) + HOUR; t <= to + HOUR; t += HOUR) {
    const off = DateTime.fromMillis(t, { zone: tz }).offset;
    if (off < prev) out.push(t);
    prev = off;
  }
  return out;
}

const WITH_OFFSET = /(z|[+-]\d\d:?\d\d|\b(utc|gmt|[a-z]{2,4}t))\s*$/i;

function repeatedHours(db: Db, sources: Map<number, SourceInfo>): TimeCheck[] {
  const out: TimeCheck[] = [];
  for (const s of sources.values()) {
    if (!s.tz || s.tz === 'UTC' || s.tz.startsWith('column:')) continue;
    const r = db.prepare('SELECT min(ts) AS lo, max(ts) AS hi, (SELECT ts_text FROM events WHERE source_id = ? LIMIT 1) AS sample FROM events WHERE source_id = ?').get(s.id, s.id) as {
      lo: number | null; hi: number | null; sample: string | null;
    };
    if (r.lo === null || r.hi === null || (r.sample && WITH_OFFSET.test(r.sample.slice(0, 64)))) continue;
    if (r.hi - r.lo > 3 * 366 * 24 * HOUR) continue; // a scan per hour: bounded to a few years
    for (const t of fallBacks(s.tz, r.lo, r.hi)) {
      const hit = db.prepare('SELECT count(*) AS n, min(id) AS first FROM events WHERE source_id = ? AND ts >= ? AND ts < ?').get(s.id, t - HOUR, t + HOUR) as { n: number; first: number | null };
      if (!hit.n) continue;
      const day = DateTime.fromMillis(t, { zone: s.tz }).toISODate();
      const ids = (db.prepare('SELECT id FROM events WHERE source_id = ? AND ts >= ? AND ts < ? LIMIT 10').raw().all(s.id, t - HOUR, t + HOUR) as [number][]).map((x) => x[0]);
      out.push({
        kind: 'dst-repeated-hour',
        severity: 'warning',
        text: `${s.name}: ${hit.n} event${hit.n > 1 ? 's' : ''} written in local time (${s.tz}) without an offset fall in the hour repeated on ${day} when clocks went back: each could be either of two instants an hour apart. Alibi read them as one of them; do not rely on their order or on windows across that hour.`,
        sources: [s.name],
        evidenceEventIds: ids,
        msg: msg('timeCheck.dstRepeated', { source: s.name, count: hit.n, tz: s.tz, day: day ?? '' }),
      });
    }
  }
  return out;
}
