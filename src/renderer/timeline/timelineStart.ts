// The timeline's first questions to the engine, asked as soon as the view is wanted: while its chunk (vis-timeline)
// is still being fetched and run, the engine already reads the case's lanes, and its extent with the first window
// (planned from the extent by the engine: one trip, not the extent's and then the window's). Kept out of the
// timeline's chunk so the app's first chunk can ask them; the view takes the answers when it mounts (once), and uses
// each only if it is still the question it would ask.
import { api } from '../api';
import { selection } from '../selection';
import { initialWindow, windowArgs } from '../../core/timeline/windowPlan';
import type { EventFilters, TimelineExtent, TimelineFirstWindow, TimelineGroupBy, TimelineWindowResult } from '../../core/timeline/timeline';

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
  /** The first window, asked with the extent (per source only: its question does not depend on the lanes). */
  window?: Promise<WindowPrefetch | null>;
}

/** The extent and the first lanes (per source, the shared filter: what a newly opened timeline shows). */
export function askStart(q: LaneQuery): TimelineStart {
  return withExtent(q, askLanesFirst(q), api.timelineExtent({}));
}

function askLanesFirst(q: LaneQuery): TimelineStart['lanes'] {
  const lanes = askLanes(q, { roles: false, alerts: false });
  lanes.catch(() => undefined); // a failure: the view reports it, or asks again
  return lanes;
}

function withExtent(q: LaneQuery, lanes: TimelineStart['lanes'], extent: Promise<TimelineExtent>): TimelineStart {
  const start: TimelineStart = { key: JSON.stringify(q), extent, lanes };
  extent.then((e) => (start.extentIn = e), () => undefined); // a failure: the view reports it, or asks again
  return start;
}

/** Asked before the view exists (its chunk is loading): the lanes at once, the extent with the first window. */
let asked: { q: LaneQuery; lanes: TimelineStart['lanes']; start?: TimelineStart } | null = null;

/** Ask the lanes before the view exists (its chunk is loading). */
export function askStartEarly(): void {
  const q: LaneQuery = { groupBy: 'source', filters: selection.get().filters };
  asked = { q, lanes: askLanesFirst(q) };
}

/**
 * Ask the extent and the first window, for a view about to be drawn where `placeholder` stands: the timeline's canvas
 * fills the same pane, inside its 1 px border (timeline.css). A width guessed wrong only costs the view its own
 * question. The engine plans the window from the extent with the view's own plan (windowPlan.ts); the page writes
 * that question down from the extent that came with it, as the view will write its own.
 */
export function askWindowEarly(placeholder: HTMLElement): void {
  const a = asked;
  if (!a || a.start) return;
  const { q } = a;
  const wanted = selection.get().window;
  const width = placeholder.offsetWidth - 2;
  const t0 = performance.now();
  const first: Promise<TimelineFirstWindow> = api.timelineFirstWindow({ width, filters: q.filters, wanted });
  // the extent alone if that answer fails (the view then asks its first window itself)
  a.start = withExtent(q, a.lanes, first.then((r) => r.extent, () => api.timelineExtent({})));
  a.start.window = first.then(
    ({ extent: e, window }): WindowPrefetch | null => {
      if (e.first == null || e.last == null || !window) return null;
      const w = initialWindow({ first: e.first, last: e.last }, wanted);
      return { key: JSON.stringify(windowArgs(w.from, w.to, width, q, [])), t0, result: Promise.resolve(window) };
    },
    () => null, // the view asks again
  );
}

/** The answers asked early, once; null when none are waiting. */
export function takeStart(): TimelineStart | null {
  const a = asked;
  asked = null;
  return a && (a.start ?? withExtent(a.q, a.lanes, api.timelineExtent({})));
}
