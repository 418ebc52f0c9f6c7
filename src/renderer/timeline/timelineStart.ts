// The timeline's first questions to the engine, asked as soon as the view is wanted: while its chunk (vis-timeline)
// is still being fetched and run, the engine already reads the case's extent and lanes. Kept out of the timeline's
// chunk so the app's first chunk can ask them; the view takes the answers when it mounts (once).
import { api } from '../api';
import { selection } from '../selection';
import type { EventFilters, TimelineExtent, TimelineGroupBy } from '../../core/timeline/timeline';

export interface LaneQuery {
  groupBy: TimelineGroupBy;
  filters: EventFilters;
}

/** Lanes and markers for a grouping and filter; the IP roles and the alerts only when not known yet. */
export function askLanes(q: LaneQuery, known: { roles: boolean; alerts: boolean }) {
  return Promise.all([
    api.timelineGroups({ groupBy: q.groupBy, filters: q.filters, limit: 60 }),
    api.timelineMarkers({}),
    known.roles ? Promise.resolve(null) : api.ipList({}).catch(() => []),
    known.alerts ? Promise.resolve(null) : api.alertsList({}).catch(() => []),
  ]);
}

export interface TimelineStart {
  /** The lane query the lanes were asked for (JSON): the view uses them only if it still shows that. */
  key: string;
  extent: ReturnType<typeof api.timelineExtent>;
  /** The extent once it is in: a view mounting after it came builds at once, without a render to learn it. */
  extentIn?: TimelineExtent;
  lanes: ReturnType<typeof askLanes>;
}

/** The extent and the first lanes (per source, the shared filter: what a newly opened timeline shows). */
export function askStart(q: LaneQuery): TimelineStart {
  const start: TimelineStart = { key: JSON.stringify(q), extent: api.timelineExtent({}), lanes: askLanes(q, { roles: false, alerts: false }) };
  start.extent.then((e) => (start.extentIn = e), () => undefined); // a failure: the view reports it, or asks again
  start.lanes.catch(() => undefined);
  return start;
}

let asked: TimelineStart | null = null;

/** Ask before the view exists (its chunk is loading). */
export function askStartEarly(): void {
  asked = askStart({ groupBy: 'source', filters: selection.get().filters });
}

/** The answers asked early, once; null when none are waiting. */
export function takeStart(): TimelineStart | null {
  const a = asked;
  asked = null;
  return a;
}
