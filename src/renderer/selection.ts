// Shared focus/selection store between the workbench panes (findings, IP list, timeline, graph, detail).
// A tiny external store read with useSyncExternalStore: no React context provider required, so the timeline and graph views
// can be mounted with no props.
import { useSyncExternalStore } from 'react';

import type { EntityKind } from '../core/vocabulary';
import type { ViewFilter } from '../core/eventFilter';

export type { EntityKind };

/** The one filter the events grid and the timeline share: the engine's event filter (src/core/eventFilter.ts). */
export type SharedFilters = ViewFilter;

export interface Selection {
  /** The event shown in the event detail pane. */
  selectedEventId: number | null;
  /** The entity the graph focuses on and the IP detail pane shows (kind 'ip'). */
  focusEntity: { kind: EntityKind; value: string } | null;
  /** Evidence rows to highlight (a finding's events). */
  highlightEventIds: number[];
  /** Time window (ms UTC) the timeline should show. */
  window: { from: number; to: number } | null;
  /** Which of the two the user picked last: the detail pane shows it first. */
  lastPicked: 'event' | 'entity';
  /** The filter the grid and the timeline both apply. */
  filters: SharedFilters;
}

const initial: Selection = { selectedEventId: null, focusEntity: null, highlightEventIds: [], window: null, lastPicked: 'entity', filters: {} };
let state: Selection = initial;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export const selection = {
  get(): Selection {
    return state;
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  update(patch: Partial<Selection>): void {
    const lastPicked = 'selectedEventId' in patch && !('focusEntity' in patch) ? 'event' : 'focusEntity' in patch && !('selectedEventId' in patch) ? 'entity' : state.lastPicked;
    state = { ...state, lastPicked, ...patch };
    emit();
  },
  selectEvent(id: number | null): void {
    selection.update({ selectedEventId: id });
  },
  focus(entity: Selection['focusEntity']): void {
    selection.update({ focusEntity: entity });
  },
  /** Open evidence: highlight these events and show their time span (padded) in the timeline. */
  showEvidence(eventIds: number[], window: Selection['window'], focusEntity?: Selection['focusEntity']): void {
    selection.update({
      highlightEventIds: eventIds,
      window,
      selectedEventId: eventIds[0] ?? null,
      ...(focusEntity !== undefined ? { focusEntity } : {}),
    });
  },
  /** Replace the shared filter (empty values dropped). */
  setFilters(filters: SharedFilters): void {
    const clean = Object.fromEntries(
      Object.entries(filters).filter(([, v]) => (typeof v === 'string' && v.trim()) || (Array.isArray(v) && v.length > 0)),
    ) as SharedFilters;
    selection.update({ filters: clean });
  },
  reset(): void {
    state = initial;
    emit();
  },
};

export function useSelection(): Selection {
  return useSyncExternalStore(selection.subscribe, selection.get, selection.get);
}
