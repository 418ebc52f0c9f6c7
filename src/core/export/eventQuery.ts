// Events for the exports, in time order, narrowed by the one event filter (src/core/events/eventFilter.ts).
import type { Db } from '../casefile/caseFile';
import type { EventRow } from '../types';
import { eventFilterSql, type EventFilter as BaseFilter } from '../eventFilter';

/** The one event filter, plus an optional cap on the number of events. */
export type EventFilter = BaseFilter & { limit?: number };

export interface EventWithSource extends EventRow {
  source_file: string;
}

/** Iterates matching events in time order, one row at a time. */
export function iterateEvents(db: Db, f: EventFilter = {}): IterableIterator<EventWithSource> {
  const where = eventFilterSql(f, 'e.');
  const limit = f.limit !== undefined && f.limit >= 0 ? ` LIMIT ${Math.floor(f.limit)}` : '';
  const sql = `SELECT e.*, s.file_name AS source_file FROM events e JOIN sources s ON s.id = e.source_id WHERE ${where.sql} ORDER BY e.ts, e.id${limit}`;
  return db.prepare(sql).iterate(...where.params) as IterableIterator<EventWithSource>;
}
