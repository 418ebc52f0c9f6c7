// The event filter shared by every event export (the app's current timeline filter, or CLI flags).
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { EVENT_KINDS, type EventRow } from '../types';

export interface EventFilter {
  /** ISO 8601 instant or epoch ms, inclusive. */
  from?: string | number;
  /** ISO 8601 instant or epoch ms, inclusive. */
  to?: string | number;
  /** Matches the source's IP or the resolved client IP. */
  ip?: string;
  kind?: string;
  sourceId?: number;
  limit?: number;
}

export interface EventWithSource extends EventRow {
  source_file: string;
}

function toMs(v: string | number, name: string): number {
  if (typeof v === 'number') return v;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw new AlibiError(`--${name} "${v}" is not a date`, 'use ISO 8601, e.g. 2025-09-07T07:00:00+02:00', 2);
  return ms;
}

/** Iterates matching events in time order, one row at a time. */
export function iterateEvents(db: Db, f: EventFilter = {}): IterableIterator<EventWithSource> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.from !== undefined) {
    where.push('e.ts >= @from');
    params.from = toMs(f.from, 'from');
  }
  if (f.to !== undefined) {
    where.push('e.ts <= @to');
    params.to = toMs(f.to, 'to');
  }
  if (f.ip) {
    where.push('(e.ip = @ip OR e.client_ip = @ip)');
    params.ip = f.ip;
  }
  if (f.kind) {
    if (!(EVENT_KINDS as readonly string[]).includes(f.kind)) {
      throw new AlibiError(`unknown event kind "${f.kind}"`, `use one of: ${EVENT_KINDS.join(', ')}`, 2);
    }
    where.push('e.kind = @kind');
    params.kind = f.kind;
  }
  if (f.sourceId !== undefined) {
    where.push('e.source_id = @sourceId');
    params.sourceId = f.sourceId;
  }
  const limit = f.limit !== undefined && f.limit >= 0 ? ` LIMIT ${Math.floor(f.limit)}` : '';
  const sql =
    'SELECT e.*, s.file_name AS source_file FROM events e JOIN sources s ON s.id = e.source_id' +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY e.ts, e.id${limit}`;
  return db.prepare(sql).iterate(params) as IterableIterator<EventWithSource>;
}
