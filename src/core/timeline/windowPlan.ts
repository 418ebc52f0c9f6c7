// Which window the timeline asks the engine for: the first one (the whole case, or the window another pane asked
// for) and, for a visible span, round buckets with a margin each side. Shared by the view, the questions asked
// while its chunk loads (src/renderer/timeline/timelineStart.ts) and the engine's first-window answer
// (timelineFirstWindow), so an answer planned early is the one the view would ask for. Pure (the page runs it: see
// RENDERER_SHARED in .dependency-cruiser.cjs); no date library: this module is in the app's first chunk.
import type { EventFilters, TimelineGroupBy } from './timeline';

export const MAX_EVENTS = 300; // hundreds, not all: measured to keep a zoom step under 200 ms (bench/ui.bench.ts)

const NICE_STEPS = [
  1, 5, 10, 50, 100, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000,
  2_592_000_000, 7_776_000_000, 31_536_000_000,
];

/** A bucket width from a round series, so counts do not jitter while panning: the smallest ≥ span / wanted. */
export function niceBucketMs(spanMs: number, wanted: number): number {
  const raw = spanMs / Math.max(1, wanted);
  return NICE_STEPS.find((s) => s >= raw) ?? Math.ceil(raw);
}

/** The margin shown each side of the whole case. */
export function casePad(extent: { first: number; last: number }): number {
  return Math.max(60_000, (extent.last - extent.first) * 0.02);
}

/** The window a newly built timeline shows: the one another pane asked for, else the whole case with a margin. */
export function initialWindow(extent: { first: number; last: number }, wanted: { from: number; to: number } | null) {
  const pad = casePad(extent);
  return wanted ?? { from: extent.first - pad, to: extent.last + pad };
}

/**
 * The window to query for a visible span, drawn `width` px wide: ~1 bucket per 22 px, and a quarter-window margin
 * each side so a pan shows counts at once (both measured against the < 200 ms step target: fewer DOM items per step).
 */
export function windowArgs(start: number, end: number, width: number, q: { groupBy: TimelineGroupBy; filters: EventFilters }, groups: string[]) {
  const span = end - start;
  const bucketMs = niceBucketMs(span, Math.max(20, Math.floor(width / 22)));
  const from = Math.floor((start - span / 4) / bucketMs) * bucketMs;
  const n = Math.ceil((end + span / 4 - from) / bucketMs);
  // Per source every lane is shown (the engine folds nothing): the lane list is not part of the question.
  return { from, to: from + n * bucketMs, buckets: n, maxEvents: MAX_EVENTS, groupBy: q.groupBy, filters: q.filters, ...(q.groupBy === 'source' ? {} : { groups }) };
}
