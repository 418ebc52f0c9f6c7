// The timeline's first questions to the engine, asked as soon as the view is wanted: while its chunk (vis-timeline)
// is still being fetched and run, the engine already reads the case's extent and lanes, then the first window once
// the extent is in. Kept out of the timeline's chunk so the app's first chunk can ask them; the view takes the
// answers when it mounts (once), and uses each only if it is still the question it would ask.
import { api } from '../api';
import { selection } from '../selection';
import { initialWindow, windowArgs } from './windowPlan';
import type { EventFilters, TimelineExtent, TimelineGroupBy, TimelineWindowResult } from '../../core/timeline/timeline';

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

/** A window query sent ahead, with its key (its arguments) and when it was sent. */
export interface WindowPrefetch {
  key: string;
  t0: number;
  result: Promise<TimelineWindowResult>;
}

export interface TimelineStart {
  /** The lane query the lanes were asked for (JSON): the view uses them only if it still shows that. */
  key: string;
  extent: ReturnType<typeof api.timelineExtent>;
  /** The extent once it is in: a view mounting after it came builds at once, without a render to learn it. */
  extentIn?: TimelineExtent;
  lanes: ReturnType<typeof askLanes>;
  /** The first window, asked once the extent is in (per source only: its question does not depend on the lanes). */
  window?: Promise<WindowPrefetch | null>;
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

/**
 * Ask the first window too, for a view about to be drawn where `placeholder` stands: the timeline's canvas fills the
 * same pane, inside its 1 px border (timeline.css). A width guessed wrong only costs the view its own question.
 */
export function askWindowEarly(placeholder: HTMLElement): void {
  const a = asked;
  const q = a && (JSON.parse(a.key) as LaneQuery);
  if (!a || q?.groupBy !== 'source' || a.window) return;
  const width = placeholder.offsetWidth - 2;
  a.window = a.extent.then(
    (e) => {
      if (e.first == null || e.last == null) return null;
      const w = initialWindow({ first: e.first, last: e.last }, selection.get().window);
      const args = windowArgs(w.from, w.to, width, q, []);
      const ahead = { key: JSON.stringify(args), t0: performance.now(), result: api.timelineWindow(args) };
      ahead.result.catch(() => undefined); // the view asks again
      return ahead;
    },
    () => null,
  );
}

/** The answers asked early, once; null when none are waiting. */
export function takeStart(): TimelineStart | null {
  const a = asked;
  asked = null;
  return a;
}
