// The investigation timeline (vis-timeline): one lane per source, IP or customer; counts per time bucket when
// zoomed out, the individual events when zoomed in; re-queried from the engine for the visible window only.
// Alerts and findings are marked on the axis. Every item is built with textContent (see timelineItems.ts).
import { t } from '../i18n';
import { EVENT_KINDS } from '../../core/vocabulary';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Timeline } from 'vis-timeline/esnext';
import { DataSet } from 'vis-data/esnext';
import moment from 'moment';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import './timeline.css';
import type {
  EventFilters, TimelineExtent, TimelineGroupBy, TimelineMarker, TimelineWindowResult,
} from '../../core/timeline/timeline';
import { api } from '../api';
import { selection, useSelection } from '../selection';
import { errorText } from '../useAsync';
import { formatInZone, localInputToUtc, zoneOffsetMinutes } from './caseTime';
import { casePad, initialWindow, windowArgs } from '../../core/timeline/windowPlan';
import {
  MARKER_GROUP_ID, bucketItems, evidenceItems, eventItems, groupItems, groupTemplate, itemTemplate, markerItems, tipTemplate,
  type ItemPayload,
} from './timelineItems';
import type { CaseAlert } from '../../core/alerts/caseAlerts';
import { EVENT_KIND_LABELS, ROLE_LABELS, ROLE_SHORT_LABELS, labelOf } from '../labels';
import { formatCount } from '../format';
import { HideInfraSwitch } from '../HideInfraSwitch';
import { askLanes, askStart, takeStart, type TimelineStart, type WindowPrefetch } from './timelineStart';

const NONE_GROUP = '~none';
const MAX_EVIDENCE_MARKS = 60;

const DEBOUNCE_MS = 120;
const KIND_CHOICES = ['', ...EVENT_KINDS];

interface Status {
  text: string;
  ms: number | null;
}

export function TimelineView() {
  const container = useRef<HTMLDivElement>(null);
  const tl = useRef<Timeline | null>(null);
  const items = useRef(new DataSet<ItemPayload>());
  const groups = useRef(new DataSet<ReturnType<typeof groupItems>[number]>());
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const groupIds = useRef<string[]>([]);
  const markersRef = useRef<TimelineMarker[]>([]);
  const stripBox = useRef<HTMLDivElement>(null);
  const strip = useRef<Timeline | null>(null);
  const stripItems = useRef(new DataSet<ItemPayload>());
  const roles = useRef(new Map<string, string>());
  const alerts = useRef<CaseAlert[]>([]);
  const sel = useSelection();
  const selRef = useRef(sel);
  selRef.current = sel;

  // The extent and first lanes asked while this chunk loaded (lazyViews.tsx), or now; taken once per mount.
  const [start] = useState(() => takeStart() ?? askStart({ groupBy: 'source', filters: selection.get().filters }));
  const [extent, setExtent] = useState<TimelineExtent | null>(() => start.extentIn ?? null);
  const [groupBy, setGroupBy] = useState<TimelineGroupBy>('source');
  // The filter is the one the events grid shares (selection store); the form edits a draft of it.
  const filters: EventFilters = sel.filters;
  const [draft, setDraft] = useState<EventFilters>(sel.filters);
  useEffect(() => setDraft(sel.filters), [sel.filters]);
  const [jump, setJump] = useState('');
  const [status, setStatus] = useState<Status>({ text: t('ui.tl.loading'), ms: null });
  const [error, setError] = useState<string | null>(null);
  const tz = extent?.tz ?? 'UTC';
  const tzRef = useRef(tz);
  tzRef.current = tz;
  const queryRef = useRef({ groupBy, filters });
  queryRef.current = { groupBy, filters };

  const fmt = useCallback((ms: number) => formatInZone(ms, tzRef.current), []);

  /**
   * The window to query for a visible span: round buckets, plus a margin each side for panning. `width`: the view's,
   * when the caller has it (reading it lays the page out when anything changed since the last layout).
   */
  const windowQuery = useCallback(
    (start: number, end: number, width = container.current?.clientWidth ?? 1000) => windowArgs(start, end, width, queryRef.current, groupIds.current),
    [],
  );

  /** The window asked for last: a range event that ends where it began (vis-timeline's first draw) asks nothing. */
  const askedKey = useRef('');
  /** Show a window's answer: swap the non-marker items, say what is shown, and mark the step once painted. */
  const show = useCallback((r: TimelineWindowResult, my: number, t0: number) => {
    setError(null);
    const s = selRef.current;
    const next =
      r.mode === 'events'
        ? eventItems(r.events, new Set(s.highlightEventIds), s.selectedEventId, fmt)
        : bucketItems(r, fmt);
    const keep = new Set(next.map((i) => i.id));
    const stale = items.current.getIds({ filter: (i: ItemPayload) => !i.id.startsWith('w:') && !i.id.startsWith('x:') && !keep.has(i.id) });
    items.current.remove(stale);
    items.current.update(next);
    const ms = performance.now() - t0;
    setStatus({
      ms,
      text:
        r.mode === 'events'
          ? t('ui.tl.inView', { count: r.events.length, n: formatCount(r.events.length) })
          : t('ui.tl.inViewBuckets', { count: r.total, n: formatCount(r.total), bucket: describeMs(r.bucketMs) }),
    });
    container.current?.setAttribute('data-mode', r.mode);
    // query + render of this step, read by the UI bench and the e2e tests
    requestAnimationFrame(() => {
      container.current?.setAttribute('data-step-ms', String(Math.round(performance.now() - t0)));
      container.current?.setAttribute('data-seq', String(my));
    });
  }, [fmt]);

  /**
   * Query the visible window and swap the non-marker items. `early`: the same window's answer, asked for before the
   * lanes were known (used only when the view still shows exactly that window).
   */
  const load = useCallback(async (early?: WindowPrefetch) => {
    const view = tl.current;
    if (!view) return;
    const w = view.getWindow();
    const args = windowQuery(w.start.getTime(), w.end.getTime());
    const key = JSON.stringify(args);
    askedKey.current = key;
    const my = ++seq.current;
    const reuse = early && early.key === key;
    const t0 = reuse ? early.t0 : performance.now();
    let r: TimelineWindowResult;
    try {
      r = await (reuse ? early.result : api.timelineWindow(args));
    } catch (e) {
      if (my === seq.current) setError(errorText(e));
      return;
    }
    if (my !== seq.current) return; // a newer window was asked for meanwhile
    show(r, my, t0);
  }, [show, windowQuery]);

  const windowMoved = useCallback((width?: number) => {
    const w = tl.current?.getWindow();
    return !w || JSON.stringify(windowQuery(w.start.getTime(), w.end.getTime(), width)) !== askedKey.current;
  }, [windowQuery]);

  /** Load after a pause; `onlyIfMoved` (range events) skips it when the window asked for is still the one shown. */
  const forced = useRef(false);
  const schedule = useCallback((onlyIfMoved = false) => {
    if (timer.current) clearTimeout(timer.current);
    if (!onlyIfMoved) forced.current = true;
    timer.current = setTimeout(() => {
      const run = forced.current || windowMoved();
      forced.current = false;
      if (run) void load();
    }, DEBOUNCE_MS);
  }, [load, windowMoved]);

  /** Groups (lanes) and markers for the current grouping and filters; the alert's lanes open first. */
  const fetchGroups = useCallback(() => askLanes(queryRef.current, { roles: roles.current.size > 0, alerts: alerts.current.length > 0 }), []);
  const loadGroups = useCallback(async (early?: ReturnType<typeof fetchGroups>) => {
    const by = queryRef.current.groupBy;
    const [g, markers, ipList, alertList] = await (early ?? fetchGroups());
    if (ipList) roles.current = new Map(ipList.map((p) => [p.ip, p.role]));
    if (alertList) alerts.current = alertList;
    markersRef.current = markers;
    const blocked = alerts.current.filter((a) => a.action === 'blocked');
    const shownIds = new Set(g.groups.map((x) => x.id));
    // A source lane is a file: only the alert's files that hold events under the current filter get one.
    const alertLanes = by === 'source' ? (await alertSourcesOf(blocked)).filter((id) => shownIds.has(id)) : alertLanesOf(blocked, by);
    // IP lanes carry their role. The infrastructure switch is part of the filter: the engine already left those
    // events out of every lane (per source, IP or customer); the alert's pinned lanes follow it too.
    const hidden = new Set(queryRef.current.filters.excludeIps ?? []);
    const laneOf = (id: string) => {
      const role = by === 'ip' ? roles.current.get(id) : undefined;
      return role ? { role, roleLabel: labelOf(ROLE_LABELS, role), roleBadge: labelOf(ROLE_SHORT_LABELS, role) } : {};
    };
    const named = g.groups.slice(0, 40).map((x) => (x.id === NONE_GROUP ? { ...x, label: t('ui.tl.noneLane') } : x));
    const lanes = groupItems(named, laneOf, alertLanes.filter((id) => !(by === 'ip' && hidden.has(id))));
    groupIds.current = lanes.map((x) => x.id);
    groups.current.clear();
    groups.current.add(lanes);
    showFirstLanes(container.current);
    const marks = markerItems(markers, fmt);
    items.current.clear();
    items.current.add(marks.filter((i) => i.id.startsWith('w:')));
    stripItems.current.clear();
    stripItems.current.add(marks.filter((i) => i.id.startsWith('m:')));
    if (tl.current) markDecisions(tl.current, markers, fmt);
  }, [fmt, fetchGroups]);

  /** The selected finding's or alert's evidence events, marked in their lanes at every zoom level. */
  const loadEvidence = useCallback(async () => {
    const ids = selRef.current.highlightEventIds.slice(0, MAX_EVIDENCE_MARKS);
    const by = queryRef.current.groupBy;
    const details = await Promise.all(ids.map((id) => api.eventDetail({ id }).catch(() => null)));
    const marks = details.flatMap((d) => {
      if (!d) return [];
      const e = d.event;
      const group = by === 'source' ? String(e.source_id) : by === 'ip' ? (e.client_ip ?? e.ip ?? NONE_GROUP) : (e.customer_id ?? e.email?.toLowerCase() ?? NONE_GROUP);
      return [{ id: e.id, ts: e.ts, group, label: `${labelOf(EVENT_KIND_LABELS, e.kind)} ${e.decision ?? e.path ?? e.order_id ?? ''}`.trim() }];
    }).filter((m) => groupIds.current.includes(m.group));
    items.current.remove(items.current.getIds({ filter: (i: ItemPayload) => i.id.startsWith('x:') }));
    items.current.add(evidenceItems(marks, fmt));
  }, [fmt]);

  // Create the timeline once the case extent is known (at the first render when it came while this view's chunk
  // loaded); its first lanes were asked for in the same trip.
  const mountGroups = useRef<{ key: string; result: ReturnType<typeof fetchGroups>; window?: TimelineStart['window'] } | null>({ key: start.key, result: start.lanes, window: start.window });
  useEffect(() => {
    // also when it came between the first render and this effect (extentIn set, the state still empty)
    let cancelled = false;
    start.extent.then(
      (e) => !cancelled && setExtent((was) => was ?? e),
      (e) => !cancelled && setError(errorText(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [start]);

  // A layout effect: with its answers in, the timeline is built before the browser paints this render (its toolbar
  // alone was a frame of its own before, and the build waited for React's passive effects after it).
  useLayoutEffect(() => {
    if (!extent || !container.current) return;
    if (extent.first == null || extent.last == null) {
      setStatus({ text: t('ui.tl.empty'), ms: null });
      return;
    }
    const caseSpan = { first: extent.first, last: extent.last };
    const initial = initialWindow(caseSpan, selRef.current.window);
    const zone = extent.tz;
    // The first lanes and the first window are asked for at once (the lanes usually while this chunk loaded); a
    // window of per-source lanes does not depend on which lanes are shown.
    const early = mountGroups.current;
    mountGroups.current = null;
    const lanesKey = JSON.stringify(queryRef.current);
    const earlyGroups = early && early.key === lanesKey ? early.result : fetchGroups();
    let earlyWindow: WindowPrefetch | undefined;
    if (queryRef.current.groupBy === 'source') {
      const args = windowQuery(initial.from, initial.to);
      const key = JSON.stringify(args);
      // asked while this chunk loaded, if that was this very question; else now
      const mine: WindowPrefetch = { key, t0: performance.now(), result: Promise.resolve(null as never) };
      mine.result = (early?.window ?? Promise.resolve(null)).then((ahead) => {
        const reused = ahead?.key === key;
        container.current?.setAttribute('data-first-window', reused ? 'asked-early' : 'asked-by-view'); // read by the e2e tests
        if (reused) return ((mine.t0 = ahead.t0), ahead.result);
        mine.t0 = performance.now();
        return api.timelineWindow(args);
      });
      earlyWindow = mine;
      askedKey.current = key;
      earlyWindow.result.catch(() => undefined); // load() reports it, or asks again
    }
    // vis-timeline redraws every lane and item synchronously on each change of its data until its first draw: the
    // lanes, the markers and the first window's counts go in before it is built, so it draws them once.
    const box = container.current;
    let live = true;
    let built: { view: Timeline; st: Timeline | null } | null = null;
    const span = extent.last - extent.first + casePad(caseSpan);
    const limits = { min: new Date(extent.first - span * 2), max: new Date(extent.last + span * 2) };
    const build = () => {
      // No start/end option: given them, vis-timeline keeps its lanes hidden until a "rangechanged" event, which it
      // sends 200 ms after its first draw, and shows them only at the redraw after that (up to its 1 s resize check).
      // Built without them it shows its first draw; the window is set right after, before anything is painted.
      // Built out of the layout: vis-timeline draws every lane synchronously when given its lanes (its items come
      // after), laying out the page, and draws again in the next frame with the items; it skips a draw of a container
      // that has no width. Hidden while it is built, it draws once, in that frame, lanes and items together.
      box.style.display = 'none';
      const view = new Timeline(box, items.current as never, groups.current as never, {
        min: limits.min,
        max: limits.max,
        zoomMin: 1000,
        stack: true, // event labels and markers stay readable; bucket ranges never overlap in a lane
        selectable: true,
        showCurrentTime: false,
        groupOrder: 'order',
        // Items stack from the top of their lane, and the lanes open scrolled to the first ones (the alert's): with
        // vis-timeline's default 'bottom' item orientation the lane area keeps its bottom in view, i.e. the last lanes.
        orientation: { axis: 'top', item: 'top' },
        height: '100%',
        verticalScroll: true, // many lanes: a vertical scrollbar, the axis and the alert strip stay put
        margin: { item: { horizontal: 0, vertical: 4 } },
        moment: (d: Date) => moment(d).utcOffset(zoneOffsetMinutes(new Date(d).getTime(), zone)),
        template: (item: ItemPayload) => itemTemplate(item),
        groupTemplate: (group: { content?: string; count?: number } | null) => groupTemplate(group),
        tooltip: { followMouse: true, delay: 200, template: tipTemplate },
      } as never);
      tl.current = view;
      // The lane labels scroll with the lanes: reachable from the keyboard (arrow keys scroll it) and named.
      const labels = box.querySelector('.vis-panel.vis-left');
      labels?.setAttribute('tabindex', '0');
      labels?.setAttribute('aria-label', t('ui.tl.laneLabels'));
      (box as HTMLDivElement & { __timeline?: Timeline }).__timeline = view; // for the UI bench
      view.setWindow(new Date(initial.from), new Date(initial.to), { animation: false });
      box.style.display = ''; // before anything is painted: the same task
      // Each skipped draw still counted towards vis-timeline's cap of 5 draws in a row while its sizes settle (it
      // resets the count only after a draw that settled): start the real first draw's count afresh.
      (view as unknown as { redrawCount: number }).redrawCount = 0;
      view.on('rangechanged', () => schedule(true));
      view.on('select', (p: { items: (string | number)[] }) => {
        const id = String(p.items[0] ?? '');
        const item = id ? items.current.get(id) : null;
        if (!item) return;
        if (item.eventId != null) selection.selectEvent(item.eventId);
        else if (item.bucket) view.setWindow(new Date(item.bucket.start), new Date(item.bucket.end));
        else if (item.marker) openMarker(view, item.marker);
      });
      return view;
    };
    // The alert strip: anti-fraud decisions and findings in their own small timeline above the lanes, pinned
    // whatever lane is scrolled into view, and moving with the main timeline. Built once the lanes have drawn:
    // each vis-timeline draw lays out the page, and the strip's two first draws came before the lanes showed.
    const buildStrip = (view: Timeline) => {
      // One labelled group, as wide as the lanes' labels (CSS), so both time axes line up.
      const st = new Timeline(stripBox.current!, stripItems.current as never, new DataSet([{ id: MARKER_GROUP_ID, content: t('ui.tl.strip') }]) as never, {
        min: limits.min,
        max: limits.max,
        zoomMin: 1000,
        stack: true,
        showMajorLabels: false,
        showMinorLabels: false,
        showCurrentTime: false,
        selectable: true,
        maxHeight: 98, // three rows; more scroll inside the strip rather than hide behind the lanes' axis
        verticalScroll: true,
        orientation: { axis: 'top', item: 'top' }, // stack from the top: the provider's decisions stay in view
        // the provider's decisions first, then the engine's findings
        order: (a: ItemPayload, b: ItemPayload) => (a.marker?.type === b.marker?.type ? a.start - b.start : a.marker?.type === 'decision' ? -1 : 1),
        margin: { item: { horizontal: 0, vertical: 2 } },
        moment: (d: Date) => moment(d).utcOffset(zoneOffsetMinutes(new Date(d).getTime(), zone)),
        template: (item: ItemPayload) => itemTemplate(item),
        groupTemplate: (group: { content?: string } | null) => groupTemplate(group),
        tooltip: { followMouse: true, delay: 200, template: tipTemplate },
      } as never);
      strip.current = st;
      const w = view.getWindow();
      st.setWindow(w.start, w.end, { animation: false });
      let syncing = false;
      // The strip follows every move of the lanes; the lanes follow only what the user does in the strip (an echo
      // of a programmatic move would cut an animated jump short).
      const follow = (other: Timeline, onlyByUser = false) => (p: { start: Date; end: Date; byUser?: boolean }) => {
        if (syncing || (onlyByUser && !p.byUser)) return;
        syncing = true;
        other.setWindow(p.start, p.end, { animation: false });
        syncing = false;
      };
      view.on('rangechange', follow(st));
      view.on('rangechanged', follow(st));
      st.on('rangechange', follow(view, true));
      st.on('rangechanged', follow(view, true));
      st.on('select', (p: { items: (string | number)[] }) => {
        const item = stripItems.current.get(String(p.items[0] ?? ''));
        if (item?.marker) openMarker(view, item.marker);
      });
      return st;
    };
    /** The strip, and the decision lines' titles, once the lanes' first draw is on screen: vis-timeline draws in the
     *  frame after it is built; these come in a task after the frame that follows (rAF callbacks run in the order
     *  they were asked). */
    const stripAfterLanes = (view: Timeline, decisions: TimelineMarker[]) =>
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
        if (!live || !built || built.st) return;
        titleDecisions(view, decisions, fmt);
        built.st = buildStrip(view);
      })));
    void loadGroups(earlyGroups)
      .catch((e) => live && setError(errorText(e)))
      .then(async () => {
        const firstWindow = earlyWindow && (await earlyWindow.result.catch(() => null));
        if (!live || !box.isConnected) return;
        if (firstWindow && earlyWindow) show(firstWindow, ++seq.current, earlyWindow.t0);
        performance.mark('timeline: first answers in'); // read by the UI bench (ALIBI_UI_MARKS=1)
        // The view's width, read before the build (the timeline takes the width it is given): read after it, it laid
        // the new timeline out once more before its first frame (~18 ms of the first paint).
        const width = box.clientWidth;
        built = { view: build(), st: null };
        performance.mark('timeline: built');
        // the decision lines are in the first paint; their titles, a formatted time each, come with the strip
        markDecisions(built.view, markersRef.current);
        stripAfterLanes(built.view, markersRef.current);
        // What changed while the first answers were on their way: another pane's window, the grouping or the filter.
        const wanted = selRef.current.window;
        if (wanted && (wanted.from !== initial.from || wanted.to !== initial.to)) built.view.setWindow(new Date(wanted.from), new Date(wanted.to));
        if (JSON.stringify(queryRef.current) !== lanesKey) void loadGroups().then(() => (load(), loadEvidence()), (e) => setError(errorText(e)));
        else {
          // the window vis-timeline settled on is not the one asked for (or none was): ask for it
          if (!firstWindow || windowMoved(width)) void load();
          void loadEvidence();
        }
      });
    return () => {
      live = false;
      if (timer.current) clearTimeout(timer.current);
      built?.view.destroy();
      built?.st?.destroy();
      tl.current = null;
      strip.current = null;
    };
  }, [extent, schedule, load, show, loadGroups, loadEvidence, fetchGroups, windowQuery, windowMoved, fmt]);

  // Regroup or refilter: new lanes, then a fresh window.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!tl.current) return;
    void loadGroups().then(() => (load(), loadEvidence()), (e) => setError(errorText(e)));
  }, [groupBy, filters, loadGroups, load, loadEvidence]);

  // Another pane asked for a window (a finding's evidence): show it.
  useEffect(() => {
    if (sel.window && tl.current) tl.current.setWindow(new Date(sel.window.from), new Date(sel.window.to));
  }, [sel.window]);

  // Highlight and selection changes restyle the events already drawn and move the evidence marks. Changes only: the
  // timeline is built with the ones of its first render, and may already be when these effects first run (it is
  // built in a layout effect), where they would ask its first window again.
  const styledFor = useRef({ highlight: sel.highlightEventIds, selected: sel.selectedEventId });
  useEffect(() => {
    const was = styledFor.current;
    styledFor.current = { highlight: sel.highlightEventIds, selected: sel.selectedEventId };
    if (tl.current && (was.highlight !== sel.highlightEventIds || was.selected !== sel.selectedEventId)) schedule();
  }, [sel.highlightEventIds, sel.selectedEventId, schedule]);
  const markedFor = useRef(sel.highlightEventIds);
  useEffect(() => {
    const was = markedFor.current;
    markedFor.current = sel.highlightEventIds;
    if (tl.current && was !== sel.highlightEventIds) void loadEvidence();
  }, [sel.highlightEventIds, loadEvidence]);

  const doJump = () => {
    const ms = localInputToUtc(jump.trim().replace(' ', 'T'), tz);
    if (ms == null || !tl.current) {
      setError(t('ui.tl.notADate', { text: jump }));
      return;
    }
    setError(null);
    try {
      tl.current.addCustomTime(new Date(ms), 'jump');
    } catch {
      tl.current.setCustomTime(new Date(ms), 'jump');
    }
    tl.current.setCustomTimeTitle(t('ui.tl.jumped', { time: formatInZone(ms, tz) }), 'jump');
    tl.current.setWindow(new Date(ms - 5 * 60_000), new Date(ms + 5 * 60_000));
  };

  const field = (k: 'ip' | 'customer' | 'email' | 'card' | 'status', label: string, width = 9) => (
    <label className="tl-filter">
      <span>{label}</span>
      <input
        aria-label={t('ui.grid.filterColumn', { column: label })}
        size={width}
        value={draft[k] ?? ''}
        onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
      />
    </label>
  );

  return (
    <div className="tl-root">
      <form
        className="tl-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          selection.setFilters(draft);
        }}
      >
        <label className="tl-filter">
          <span>{t('ui.tl.lanes')}</span>
          <select aria-label={t('ui.grid.groupBy')} data-testid="lane-mode" value={groupBy} onChange={(e) => setGroupBy(e.target.value as TimelineGroupBy)}>
            <option value="source">{t('ui.tl.perSource')}</option>
            <option value="ip">{t('ui.tl.perIp')}</option>
            <option value="customer">{t('ui.tl.perCustomer')}</option>
          </select>
        </label>
        {field('ip', t('ui.col.ip'), 12)}
        {field('customer', t('ui.tl.customer'))}
        {field('email', t('ui.tl.email'), 14)}
        {field('card', t('ui.tl.card'))}
        <label className="tl-filter">
          <span>{t('ui.tl.kind')}</span>
          <select aria-label={t('ui.grid.filterColumn', { column: t('ui.tl.kind') })} value={draft.kind ?? ''} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
            {KIND_CHOICES.map((k) => (
              <option key={k} value={k}>{k ? labelOf(EVENT_KIND_LABELS, k) : t('ui.tl.anyKind')}</option>
            ))}
          </select>
        </label>
        {field('status', t('ui.tl.status'), 6)}
        <button type="submit">{t('ui.tl.filter')}</button>
        <button type="button" onClick={() => (setDraft({}), selection.setFilters({}))}>{t('ui.tl.clear')}</button>
        <span className="tl-sep" />
        <label className="tl-filter">
          <span>{t('ui.tl.jumpTo', { tz })}</span>
          <input
            aria-label={t('ui.tl.jumpToShort')}
            placeholder="2025-11-23 07:02:04"
            size={19}
            value={jump}
            onChange={(e) => setJump(e.target.value)}
          />
        </label>
        <button type="button" onClick={doJump}>{t('ui.tl.go')}</button>
        <button type="button" onClick={() => tl.current?.fit()}>{t('ui.tl.whole')}</button>
        <HideInfraSwitch />
      </form>
      <div className="tl-status" aria-live="polite">
        {status.text}
        {status.ms != null && <span className="muted"> · {Math.round(status.ms)} ms</span>}
        {error && <span className="tl-error" role="alert"> {error}</span>}
      </div>
      <div className="tl-strip" ref={stripBox} data-testid="alert-strip" role="region" aria-label={t('ui.tl.strip')} />
      <div className="tl-canvas" ref={container} data-testid="timeline" />
    </div>
  );
}

/** The lanes of the case's alerts per IP or per customer: the customers' IPs and the provider's, or the customer
 *  ids and e-mail (lower-cased, as the engine keys a customer lane without an id). */
function alertLanesOf(alerts: CaseAlert[], by: TimelineGroupBy): string[] {
  const ids = alerts.flatMap((a) => (by === 'ip' ? a.ips.map((i) => i.ip) : by === 'customer' ? [...a.customerIds, ...(a.email ? [a.email.toLowerCase()] : [])] : []));
  return [...new Set(ids)];
}

/** The alert's lanes per source: the file of the provider's decision, then the file of the blocked customer's
 *  orders (a few alerts at most: the lanes open on them). */
async function alertSourcesOf(alerts: CaseAlert[]): Promise<string[]> {
  const ids = await Promise.all(alerts.slice(0, 3).map(async (a) => {
    const customer = a.email ? { email: a.email } : a.customerIds[0] ? { customer: a.customerIds[0] } : null;
    const [decision, orders] = await Promise.all([
      api.eventDetail({ id: a.eventId }).catch(() => null),
      customer ? api.timelineGroups({ groupBy: 'source', filters: { ...customer, kind: 'order' }, limit: 3 }).catch(() => null) : null,
    ]);
    return [...(decision ? [String(decision.event.source_id)] : []), ...(orders?.groups.map((o) => o.id) ?? [])];
  }));
  return [...new Set(ids.flat())];
}

/** Scrolls the lane labels (and with them the lanes: vis-timeline follows its scroll event) back to the first lane. */
function showFirstLanes(container: HTMLElement | null): void {
  const side = container?.querySelector<HTMLElement>('.vis-panel.vis-left');
  if (side && side.scrollTop !== 0) side.scrollTop = 0;
}

/** The provider's decisions as vertical lines across every lane; with `fmt`, their titles too (plain text). */
function markDecisions(view: Timeline, markers: TimelineMarker[], fmt?: (ms: number) => string): void {
  for (const m of markers) {
    if (m.type !== 'decision') continue;
    try {
      view.addCustomTime(new Date(m.start), decisionLine(m));
    } catch {
      view.setCustomTime(new Date(m.start), decisionLine(m)); // already there after a regroup
    }
  }
  if (fmt) titleDecisions(view, markers, fmt);
}

/** The decision lines' titles ("BLOCK Multi-CB 48218 — 23/11/2025 07:02 (Paris time)"). */
function titleDecisions(view: Timeline, markers: TimelineMarker[], fmt: (ms: number) => string): void {
  for (const m of markers) if (m.type === 'decision') view.setCustomTimeTitle(`${m.label} — ${fmt(m.start)}`, decisionLine(m));
}

const decisionLine = (m: TimelineMarker) => `alert-${m.id.replace(/[^\w-]/g, '_')}`;

function openMarker(t: Timeline, m: TimelineMarker): void {
  const end = m.end ?? m.start;
  const pad = Math.max(5 * 60_000, (end - m.start) * 0.2);
  const window = { from: m.start - pad, to: end + pad };
  selection.showEvidence(m.eventIds, window);
  t.setWindow(new Date(window.from), new Date(window.to));
}

function describeMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${formatCount(ms / 1000)} s`;
  if (ms < 3_600_000) return `${formatCount(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${formatCount(ms / 3_600_000)} h`;
  return t('ui.tl.days', { count: Math.round(ms / 86_400_000) });
}

export { MARKER_GROUP_ID };
