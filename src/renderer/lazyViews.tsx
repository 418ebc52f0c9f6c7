// The heavy views, each in its own chunk: a screen loads only what it draws. The timeline (vis-timeline), the graph
// (vis-network), the events grid and the import wizard are fetched and run when their screen first opens; before
// this split every screen paid for all of them (1.8 MB parsed and run before the first timeline paint).
// Used by the app and by the UI bench's page, so the bench measures the views as the app loads them.
import { useEffect, useLayoutEffect, useRef, useState, type ComponentType } from 'react';
import { t } from './i18n';
import { errorText } from './useAsync';
import { askStartEarly, askWindowEarly, takeStart } from './timeline/timelineStart';

/** Work a view's screen can start before the view's chunk has run; dropped if the screen closes before it shows. */
interface EarlyWork {
  ask(): void;
  /** The placeholder is on the page (the view will be drawn in its place, as wide). */
  placed?(placeholder: HTMLElement): void;
  drop(): void;
}

/**
 * A view loaded on first use: "Loading…" in its place until its chunk has run, then the view. Not React.lazy:
 * a Suspense boundary holds back what it reveals for up to 300 ms after its fallback showed (React's
 * anti-flicker throttle), which delayed the first timeline paint by that much.
 */
function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, early?: EarlyWork): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  // The chunk is asked for first: its fetch is the longest wait; the early answers come in meanwhile.
  const start = () => {
    if (loading) return loading;
    loading = load().then((c) => (loaded = c));
    early?.ask();
    return loading;
  };
  return function LazyView(props: P) {
    const [view, setView] = useState<{ c: ComponentType<P> } | null>(() => (loaded ? { c: loaded } : null));
    const [error, setError] = useState<string | null>(null);
    const shown = useRef(!!view);
    shown.current = !!view;
    if (!view) void start().catch(() => undefined); // asked while rendering: the chunk's fetch starts at once
    useEffect(() => {
      if (view) return;
      let live = true;
      start().then((c) => live && setView({ c }), (e) => {
        loading = null; // a later mount asks again
        if (live) setError(errorText(e));
      });
      return () => {
        live = false;
      };
    }, [view]);
    // closed before the view showed: its early answers would be stale by the time it opens again
    useEffect(() => () => void (shown.current || early?.drop()), []);
    const placeholder = useRef<HTMLDivElement>(null);
    useLayoutEffect(() => {
      if (placeholder.current) early?.placed?.(placeholder.current);
    }, []);
    if (view) return <view.c {...props} />;
    if (error) return <div className="error-box" role="alert">{error}</div>;
    return <div className="loading view-loading" role="status" ref={placeholder}>{t('ui.app.loading')}</div>;
  };
}

export const TimelineView = lazyView(() => import('./timeline/TimelineView').then((m) => m.TimelineView), { ask: askStartEarly, placed: askWindowEarly, drop: () => void takeStart() });
export const GraphView = lazyView(() => import('./graph/GraphView').then((m) => m.GraphView));
export const EventsGrid = lazyView(() => import('./grid/EventsGrid').then((m) => m.EventsGrid));
export const ImportWizard = lazyView(() => import('./components/ImportWizard').then((m) => m.ImportWizard));
