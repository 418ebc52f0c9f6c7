// The investigation view: D2's timeline above, D2's entity graph below; both read and write the shared
// selection store (focus, highlighted evidence, visible window). Resolved through import.meta.glob so the
// workbench still builds and runs while one of the views is being written.
import type { ComponentType } from 'react';

type ViewModule = Record<string, ComponentType>;
const views = (import.meta as unknown as { glob(p: string[], o: { eager: true }): Record<string, ViewModule> }).glob(
  ['../timeline/TimelineView.tsx', '../graph/GraphView.tsx'],
  { eager: true },
);
const TimelineView = views['../timeline/TimelineView.tsx']?.TimelineView ?? views['../timeline/TimelineView.tsx']?.default;
const GraphView = views['../graph/GraphView.tsx']?.GraphView ?? views['../graph/GraphView.tsx']?.default;

export function Investigate() {
  return (
    <div className="investigate">
      <section className="pane timeline-pane">{TimelineView ? <TimelineView /> : <p className="muted">Timeline not available in this build.</p>}</section>
      <section className="pane graph-pane">{GraphView ? <GraphView /> : <p className="muted">Graph not available in this build.</p>}</section>
    </div>
  );
}
