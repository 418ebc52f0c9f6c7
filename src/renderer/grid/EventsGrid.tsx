// The events grid (the core of a Timeline Explorer): every event of the current filter in a virtualised table —
// only the rows on screen exist in the DOM and only their page is fetched, the engine sorts and filters, so a
// case of a million events scrolls like a small one. Sortable columns, per-column filters, free text, time
// range, grouping, IP-role colours, column chooser, keyboard navigation, stars and tags, export what you see.
// Shares the selection (selected event → detail pane, timeline) and the filter (ip, customer, …) with the timeline.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import type { GridColumn, GridQuery, GridRow, GridCount, GridGroup } from '../../core/events/eventGrid';
import { api } from '../api';
import { selection, useSelection, type SharedFilters } from '../selection';
import { errorText } from '../useAsync';
import { formatCount, formatTime, formatUtc, plural } from '../format';
import { t, tr, useLang } from '../i18n';
import { localInputToUtc } from '../timeline/caseTime';
import { EVENT_KIND_LABELS, ROLE_LABELS, labelOf } from '../labels';
import { EVENT_KINDS } from '../../core/vocabulary';
import { COLUMN_LABELS, columnLabel, COLUMN_WIDTHS, displayValue, DEFAULT_COLUMNS, GROUPABLE, STAR_TAG, loadColumns, saveColumns } from './gridColumns';
import { HideInfraSwitch } from '../HideInfraSwitch';
import './grid.css';

const ROW_H = 26;
const PAGE = 100;
const OVERSCAN = 6;
const FILTER_DEBOUNCE_MS = 250;
const GROUP_LIMIT = 200;

/** A group of the grouped view: its header row at `start`, then its `rows` when it is open. */
interface Segment {
  g: GridGroup;
  key: string;
  start: number;
  rows: number;
}
/** What a line of the grid shows: an event row (of a group, or of the flat list) or a group's header. */
type Slot = { kind: 'row'; seg: Segment | null; n: number } | { kind: 'group'; seg: Segment };

const groupKey = (g: GridGroup) => (g.value === null ? '\u0000' : `=${g.value}`);

/**
 * The rows of one group: the grouped column equal to the group's value ("=" alone: empty). A value longer than
 * a column filter holds (user agents) is matched on its first 250 characters.
 */
function groupQuery(query: GridQuery, column: GridColumn, g: GridGroup): GridQuery {
  const v = g.value === null ? '=' : g.value.length > 250 ? g.value.slice(0, 250) : `=${g.value}`;
  return { ...query, columns: { ...query.columns, [column]: v } };
}

export function EventsGrid({ tz }: { tz: string }) {
  const sel = useSelection();
  const [columns, setColumns] = useState<GridColumn[]>(loadColumns);
  const [colFilters, setColFilters] = useState<Partial<Record<GridColumn, string>>>({});
  const [appliedCols, setAppliedCols] = useState<Partial<Record<GridColumn, string>>>({});
  const [text, setText] = useState('');
  const [appliedText, setAppliedText] = useState('');
  const [range, setRange] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [onlyStarred, setOnlyStarred] = useState(false);
  const [sort, setSort] = useState<{ column: GridColumn; desc: boolean }>({ column: 'ts', desc: false });
  const [groupBy, setGroupBy] = useState<GridColumn | ''>('');
  const [count, setCount] = useState<GridCount | null>(null);
  const [groups, setGroups] = useState<{ groups: GridGroup[]; distinct: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(400);
  const [pagesVersion, setPagesVersion] = useState(0);
  const [roles, setRoles] = useState<Map<string, string>>(new Map());
  const [chooser, setChooser] = useState(false);
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(new Set());
  const body = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  /** Fetched pages, keyed `<group key>#<page>` (the flat list's key is empty). */
  const pages = useRef(new Map<string, GridRow[]>());
  const loading = useRef(new Set<string>());
  const querySeq = useRef(0);

  // Typed as the app writes times (2025-11-23 07:02[:04]) in the case zone; the end of a range is inclusive.
  const fromMs = range.from.trim() ? localInputToUtc(range.from.trim().replace(' ', 'T'), tz) : null;
  const toMs = range.to.trim() ? localInputToUtc(range.to.trim().replace(' ', 'T'), tz) : null;
  const badRange = (range.from.trim() && fromMs == null) || (range.to.trim() && toMs == null);
  const query: GridQuery = useMemo(
    () => ({
      filters: sel.filters,
      columns: appliedCols,
      ...(appliedText ? { text: appliedText } : {}),
      ...(fromMs != null ? { from: fromMs } : {}),
      ...(toMs != null ? { to: toMs } : {}),
      ...(onlyStarred ? { tag: STAR_TAG } : {}),
      sort,
    }),
    [sel.filters, appliedCols, appliedText, fromMs, toMs, onlyStarred, sort],
  );
  const queryKey = JSON.stringify(query);

  // IP roles colour the rows (same colours as the graph legend and the IP list).
  useEffect(() => {
    api.ipList({}).then((list) => setRoles(new Map(list.map((p) => [p.ip, p.role]))), () => undefined);
  }, []);

  // Column filters and free text apply after a pause in typing, not per keystroke.
  useEffect(() => {
    const t = setTimeout(() => setAppliedCols(Object.fromEntries(Object.entries(colFilters).filter(([, v]) => v && v.trim()))), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [colFilters]);
  useEffect(() => {
    const t = setTimeout(() => setAppliedText(text.trim()), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  // A new query: count it (the engine materialises its ids once) and drop the cached pages.
  useEffect(() => {
    const my = ++querySeq.current;
    pages.current = new Map();
    loading.current = new Set();
    setError(null);
    api.gridCount({ query }).then(
      (c) => {
        if (my !== querySeq.current) return;
        setCount(c);
        setActive((a) => Math.min(a, Math.max(0, c.total - 1)));
        setPagesVersion((v) => v + 1);
        body.current?.setAttribute('data-query-ms', String(c.ms));
      },
      (e) => my === querySeq.current && setError(errorText(e)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey]);

  useEffect(() => {
    setOpenGroups(new Set());
    setActive(0);
  }, [groupBy]);
  useEffect(() => {
    if (!groupBy) return setGroups(null);
    let stale = false;
    api.gridGroups({ query, column: groupBy, limit: GROUP_LIMIT }).then((g) => !stale && setGroups(g), (e) => !stale && setError(errorText(e)));
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey, groupBy]);

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    // For the UI bench: one scroll step rendered synchronously (React commit + layout), its cost in ms.
    (el as HTMLDivElement & { __scrollTo?: (y: number) => number }).__scrollTo = (y: number) => {
      const t0 = performance.now();
      el.scrollTop = y;
      flushSync(() => setScrollTop(el.scrollTop));
      void el.offsetHeight;
      return performance.now() - t0;
    };
    const ro = new ResizeObserver(() => setViewH(el.clientHeight));
    ro.observe(el);
    setViewH(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const total = count?.total ?? 0;
  // Grouped: each group is a header line, followed by its events when it is open (collapsed at first).
  const grouped = !!(groupBy && groups);
  const segments = useMemo(() => {
    let start = 0;
    return (groups?.groups ?? []).map((g) => {
      const key = groupKey(g);
      const seg: Segment = { g, key, start, rows: openGroups.has(key) ? g.count : 0 };
      start += 1 + seg.rows;
      return seg;
    });
  }, [groups, openGroups]);
  const lines = grouped ? segments.reduce((n, x) => n + 1 + x.rows, 0) : total;
  const slotAt = (i: number): Slot => {
    if (!grouped) return { kind: 'row', seg: null, n: i };
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].start <= i) lo = mid;
      else hi = mid - 1;
    }
    const seg = segments[lo];
    return i === seg.start ? { kind: 'group', seg } : { kind: 'row', seg, n: i - seg.start - 1 };
  };
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(lines, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);

  const fetchPage = useCallback(
    (seg: Segment | null, p: number) => {
      const key = `${seg?.key ?? ''}#${p}`;
      if (pages.current.has(key) || loading.current.has(key)) return;
      const my = querySeq.current;
      loading.current.add(key);
      const q = seg && groupBy ? groupQuery(query, groupBy, seg.g) : query;
      api.gridPage({ query: q, offset: p * PAGE, limit: PAGE, columns: columns.length ? columns : ['ts'] }).then(
        (rows) => {
          if (my !== querySeq.current) return;
          loading.current.delete(key);
          pages.current.set(key, rows);
          setPagesVersion((v) => v + 1);
        },
        (e) => {
          loading.current.delete(key);
          if (my === querySeq.current) setError(errorText(e));
        },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey, columns, groupBy],
  );

  // Columns changed: the cached pages lack the new ones.
  useEffect(() => {
    pages.current = new Map();
    setPagesVersion((v) => v + 1);
  }, [columns]);

  // The pages on screen are asked for once the frame is drawn (a scroll step renders first), and not at all when
  // the next step has already moved on (a scrollbar drag asks only for where it stops long enough).
  useEffect(() => {
    if (!count) return;
    const t = setTimeout(() => {
      for (let i = first; i < last; i++) {
        const slot = slotAt(i);
        if (slot.kind === 'row') fetchPage(slot.seg, Math.floor(slot.n / PAGE));
      }
    }, 0);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, last, count, fetchPage, pagesVersion, segments]);

  const rowAt = (i: number): GridRow | undefined => {
    const slot = slotAt(i);
    return slot.kind === 'row' ? pages.current.get(`${slot.seg?.key ?? ''}#${Math.floor(slot.n / PAGE)}`)?.[slot.n % PAGE] : undefined;
  };
  const toggleGroup = (seg: Segment, open = !openGroups.has(seg.key)) => {
    const next = new Set(openGroups);
    if (open) next.add(seg.key);
    else next.delete(seg.key);
    setOpenGroups(next);
    setActive(seg.start);
    scrollToRow(seg.start);
  };

  // Another view selected an event (timeline, finding evidence): bring its row into view.
  useEffect(() => {
    const id = sel.selectedEventId;
    if (grouped || id == null || rowAt(active)?.id === id) return;
    let stale = false;
    api.gridIndexOf({ query, id }).then((i) => {
      if (stale || i < 0) return;
      setActive(i);
      scrollToRow(i);
    }, () => undefined);
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sel.selectedEventId, queryKey]);

  const scrollToRow = (i: number) => {
    const el = body.current;
    if (!el) return;
    const top = i * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
  };

  const move = (i: number) => {
    const n = Math.max(0, Math.min(lines - 1, i));
    setActive(n);
    scrollToRow(n);
    const r = rowAt(n);
    if (r) selection.selectEvent(r.id);
  };

  const toggleStar = useCallback(async (r: GridRow) => {
    try {
      const starred = r.tags.includes(STAR_TAG);
      const tags = starred ? await api.eventUntag({ id: r.id, tag: STAR_TAG }) : await api.eventTag({ id: r.id, tag: STAR_TAG });
      // A new row object, so the memoised row renders again.
      for (const page of pages.current.values()) {
        const k = page.findIndex((x) => x.id === r.id);
        if (k >= 0) page[k] = { ...page[k], tags };
      }
      setPagesVersion((v) => v + 1);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  const pick = useCallback((i: number, r: GridRow | undefined) => {
    setActive(i);
    if (r) selection.selectEvent(r.id);
  }, []);
  const evidence = useMemo(() => new Set(sel.highlightEventIds), [sel.highlightEventIds]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor(viewH / ROW_H) - 1);
    const slot = grouped ? slotAt(active) : null;
    // On a group's header: Enter or Space opens/closes it, → opens, ← closes; ← on one of its rows goes to the header.
    const groupKeys: Record<string, () => void> =
      slot?.kind === 'group'
        ? { Enter: () => toggleGroup(slot.seg), ' ': () => toggleGroup(slot.seg), ArrowRight: () => toggleGroup(slot.seg, true), ArrowLeft: () => toggleGroup(slot.seg, false) }
        : slot?.kind === 'row' && slot.seg
          ? { ArrowLeft: () => move(slot.seg!.start) }
          : {};
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + pageRows),
      PageUp: () => move(active - pageRows),
      Home: () => move(0),
      End: () => move(lines - 1),
      Enter: () => move(active),
      ' ': () => {
        const r = rowAt(active);
        if (r) void toggleStar(r);
      },
    };
    const k = groupKeys[e.key] ?? keys[e.key];
    if (k) {
      e.preventDefault();
      k();
    }
  };

  const sortBy = (c: GridColumn) => setSort((s) => (s.column === c ? { column: c, desc: !s.desc } : { column: c, desc: false }));
  const template = `28px ${columns.map((c) => `${COLUMN_WIDTHS[c] ?? 120}px`).join(' ')}`;
  // Rows as wide as their columns, said outright: with it each row is laid out on its own (CSS containment), not
  // measured from its content, so a scroll step lays out only the rows that changed.
  const rowWidth = 28 + columns.reduce((w, c) => w + (COLUMN_WIDTHS[c] ?? 120), 0);
  // Rows are keyed by slot, not by index: a far jump reuses the DOM rows instead of mounting new ones.
  const slots = Math.ceil(viewH / ROW_H) + 2 * OVERSCAN + 2;
  const rows: { i: number; r: GridRow | undefined }[] = [];
  for (let i = first; i < last; i++) rows.push({ i, r: rowAt(i) });
  const groupOf = (i: number) => (grouped ? slotAt(i) : null);
  // The infrastructure switch shows its own state; the other shared filters are chips.
  const shared = Object.entries(sel.filters).filter(([k]) => k !== 'excludeIps') as [Exclude<keyof SharedFilters, 'excludeIps'>, string][];
  const anyFilter = Object.keys(sel.filters).length > 0 || Object.keys(appliedCols).length > 0 || !!appliedText || fromMs != null || toMs != null || onlyStarred;

  return (
    <div className="grid-root" data-testid="events-grid">
      <div className="grid-toolbar" role="toolbar" aria-label={t('ui.grid.filters')}>
        <label className="tl-filter">
          <span>{t('ui.grid.search')}</span>
          <input aria-label={t('ui.grid.search')} type="search" value={text} onChange={(e) => setText(e.target.value)} size={22} />
        </label>
        <label className="tl-filter">
          <span>{t('ui.grid.from', { tz })}</span>
          <input aria-label={t('ui.grid.fromShort')} placeholder="2025-11-23 07:00" size={16} value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </label>
        <label className="tl-filter">
          <span>{t('ui.grid.to', { tz })}</span>
          <input aria-label={t('ui.grid.toShort')} placeholder="2025-11-23 08:00" size={16} value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </label>
        <HideInfraSwitch />
        <label className="grid-check">
          <input type="checkbox" checked={onlyStarred} onChange={(e) => setOnlyStarred(e.target.checked)} /> {t('ui.grid.starredOnly')}
        </label>
        <label className="tl-filter">
          <span>{t('ui.grid.groupBy')}</span>
          <select aria-label={t('ui.grid.groupBy')} value={groupBy} onChange={(e) => setGroupBy(e.target.value as GridColumn | '')}>
            <option value="">{t('ui.grid.noGrouping')}</option>
            {GROUPABLE.map((c) => (
              <option key={c} value={c}>{columnLabel(c)}</option>
            ))}
          </select>
        </label>
        <button type="button" aria-expanded={chooser} onClick={() => setChooser(!chooser)}>{t('ui.grid.columns')}</button>
        {anyFilter && (
          <button
            type="button"
            onClick={() => {
              selection.setFilters({});
              setColFilters({});
              setText('');
              setRange({ from: '', to: '' });
              setOnlyStarred(false);
            }}
          >
            {t('ui.grid.clear')}
          </button>
        )}
        <span className="grow" />
        <ExportWhatYouSee query={query} columns={columns} total={total} />
      </div>
      {chooser && <ColumnChooser columns={columns} onChange={(c) => (setColumns(c), saveColumns(c))} onClose={() => setChooser(false)} />}
      {shared.length > 0 && (
        <div className="grid-chips" aria-label={t('ui.grid.shared')}>
          <span className="muted small">{t('ui.grid.sharedLabel')}</span>
          {shared.map(([k, v]) => (
            <button key={k} className="chip" onClick={() => selection.setFilters({ ...sel.filters, [k]: '' })} aria-label={t('ui.grid.removeFilter', { key: k, value: v })}>
              {k}: {v} ✕
            </button>
          ))}
        </div>
      )}
      {groups && groupBy && (
        <div className="grid-groups muted small" data-testid="grid-groups-status">
          {t('ui.grid.groups', { count: groups.distinct, column: columnLabel(groupBy) })}
          {groups.distinct > groups.groups.length && ` ${t('ui.grid.groupsMore', { shown: groups.groups.length })}`}
          <button type="button" className="link" onClick={() => setOpenGroups(new Set(segments.map((x) => x.key)))}>{t('ui.grid.expandAll')}</button>
          <button type="button" className="link" onClick={() => setOpenGroups(new Set())}>{t('ui.grid.collapseAll')}</button>
        </div>
      )}
      <div className="grid-status" aria-live="polite">
        {count && (anyFilter ? t('ui.grid.countOf', { shown: formatCount(count.total), count: count.caseTotal }) : plural(count.total, 'ui.count.events'))}
        {count && <span className="muted"> · {count.ms} ms</span>}
        <span className="muted small"> · {t(grouped ? 'ui.grid.keysGrouped' : 'ui.grid.keys')}</span>
        {badRange && <span className="tl-error" role="alert"> {t('ui.grid.badRange')}</span>}
        {error && <span className="tl-error" role="alert"> {error}</span>}
      </div>
      <div
        className="grid-table"
        role="grid"
        aria-label={t('ui.tab.events')}
        aria-rowcount={lines + 1}
        aria-colcount={columns.length + 1}
        aria-activedescendant={rowAt(active) ? `grid-row-${active}` : undefined}
      >
        <div className="grid-head" role="rowgroup" ref={head}>
          <div className="grid-row grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
            <div role="columnheader" className="grid-cell" title={t('ui.grid.starred')}>★</div>
            {columns.map((c) => (
              <div key={c} role="columnheader" className="grid-cell" aria-sort={sort.column === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button className="grid-sort" onClick={() => sortBy(c)} title={t('ui.grid.sortBy', { column: columnLabel(c) })}>
                  {columnLabel(c)} {sort.column === c ? (sort.desc ? '▼' : '▲') : ''}
                </button>
                {c === 'kind' ? (
                  // a closed list: the kinds in words, filtering on their codes (`=payment`)
                  <select
                    className="grid-colfilter"
                    aria-label={t('ui.grid.filterColumn', { column: columnLabel(c) })}
                    value={colFilters.kind ?? ''}
                    onChange={(e) => setColFilters({ ...colFilters, kind: e.target.value })}
                  >
                    <option value="">{t('ui.tl.anyKind')}</option>
                    {EVENT_KINDS.map((k) => (
                      <option key={k} value={`=${k}`}>{labelOf(EVENT_KIND_LABELS, k)}</option>
                    ))}
                  </select>
                ) : c !== 'ts' && (
                  <input
                    className="grid-colfilter"
                    aria-label={t('ui.grid.filterColumn', { column: columnLabel(c) })}
                    placeholder={t('ui.grid.filter')}
                    value={colFilters[c] ?? ''}
                    onChange={(e) => setColFilters({ ...colFilters, [c]: e.target.value })}
                  />
                )}
              </div>
            ))}
          </div>
        </div>
        <div
          className="grid-body"
          role="rowgroup"
          ref={body}
          tabIndex={0}
          aria-label={t('ui.grid.rows')}
          onKeyDown={onKey}
          onScroll={(e) => {
            const el = e.target as HTMLDivElement;
            setScrollTop(el.scrollTop);
            if (head.current) head.current.scrollLeft = el.scrollLeft;
          }}
          data-testid="grid-body"
        >
          <div style={{ height: lines * ROW_H, position: 'relative' }}>
            {count && total === 0 && <p className="grid-empty">{t('ui.grid.noMatch')}</p>}
            {rows.map(({ i, r }) => {
              const slot = groupOf(i);
              if (slot?.kind === 'group') {
                return (
                  <GroupHeaderView
                    key={i % slots}
                    index={i}
                    seg={slot.seg}
                    column={groupBy as GridColumn}
                    open={openGroups.has(slot.seg.key)}
                    active={i === active}
                    width={columns.length + 1}
                    onToggle={(seg) => toggleGroup(seg)}
                  />
                );
              }
              // A row not fetched yet is an empty line of its own kind: a far jump swaps whole rows (one DOM
              // operation each) instead of emptying every cell, and lays out nothing inside them.
              if (!r) return <PendingRow key={`p${i % slots}`} index={i} width={rowWidth} active={i === active} />;
              return (
              <GridRowView
                key={i % slots}
                index={i}
                row={r}
                columns={columns}
                template={template}
                width={rowWidth}
                tz={tz}
                role={r ? roles.get(String(r.cells.client_ip ?? r.cells.ip ?? '')) : undefined}
                active={i === active}
                selected={!!r && r.id === sel.selectedEventId}
                evidence={!!r && evidence.has(r.id)}
                onPick={pick}
                onStar={toggleStar}
              />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

/** A group's header line: its value and count; click, Enter or Space opens and closes it. */
function GroupHeaderView({ index, seg, column, open, active, width, onToggle }: {
  index: number;
  seg: Segment;
  column: GridColumn;
  open: boolean;
  active: boolean;
  width: number;
  onToggle(seg: Segment): void;
}) {
  return (
    <div
      id={`grid-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      className={`grid-row grid-group${active ? ' active' : ''}`}
      style={{ top: index * ROW_H }}
      data-testid="grid-group"
      data-open={open}
    >
      <div role="gridcell" className="grid-cell" aria-colspan={width}>
        <button type="button" className="grid-group-toggle" tabIndex={-1} aria-expanded={open} onClick={() => onToggle(seg)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {seg.g.value == null ? t('ui.grid.empty') : displayValue(column, seg.g.value)}{' '}
          <span className="chip-count">{t('ui.grid.groupCount', { count: seg.g.count, n: formatCount(seg.g.count) })}</span>
        </button>
      </div>
    </div>
  );
}

/** A line whose event is being fetched: its place, its row index for assistive technology, nothing else. */
function PendingRow({ index, width, active }: { index: number; width: number; active: boolean }) {
  return <div id={`grid-row-${index}`} role="row" aria-rowindex={index + 2} aria-busy="true" className={`grid-row${active ? ' active' : ''}`} style={{ top: index * ROW_H, width }} />;
}

interface RowProps {
  index: number;
  row: GridRow | undefined;
  columns: GridColumn[];
  template: string;
  width: number;
  tz: string;
  role: string | undefined;
  active: boolean;
  selected: boolean;
  evidence: boolean;
  onPick(index: number, row: GridRow | undefined): void;
  onStar(row: GridRow): void;
}

/** One row; memoised so a scroll step only renders the rows that come into view. */
const GridRowView = memo(function GridRowView({ index, row: r, columns, template, width, tz, role, active, selected, evidence, onPick, onStar }: RowProps) {
  const starred = !!r && r.tags.includes(STAR_TAG);
  return (
    <div
      id={`grid-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`grid-row${active ? ' active' : ''}${selected ? ' selected' : ''}${evidence ? ' evidence' : ''}${role ? ` row-role-${role}` : ''}`}
      style={{ top: index * ROW_H, gridTemplateColumns: template, width }}
      data-event-id={r?.id}
      onClick={() => onPick(index, r)}
    >
      <div role="gridcell" className="grid-cell">
        {r && (
          <button
            className="star"
            tabIndex={-1}
            aria-pressed={starred}
            aria-label={starred ? t('ui.grid.unstar') : t('ui.grid.star')}
            onClick={(e) => {
              e.stopPropagation();
              onStar(r);
            }}
          >
            {starred ? '★' : '☆'}
          </button>
        )}
      </div>
      {columns.map((c) => (
        <div key={c} role="gridcell" className={`grid-cell col-${c}`}>
          {r ? <Cell column={c} row={r} tz={tz} role={role} /> : ''}
        </div>
      ))}
    </div>
  );
});

function Cell({ column, row, tz, role }: { column: GridColumn; row: GridRow; tz: string; role: string | undefined }) {
  if (column === 'ts') return <span title={formatUtc(row.ts)}>{formatTime(row.ts, tz)}</span>;
  if (column === 'tags') return <>{row.tags.filter((t) => t !== STAR_TAG).map((t) => <span key={t} className="tag">{t}</span>)}</>;
  const v = row.cells[column];
  if (v === null || v === undefined) return null;
  if (column === 'client_ip' && role) {
    return (
      <>
        <span className={`role-dot role-${role}`} aria-hidden="true" />
        {String(v)} <span className="sr-only">({labelOf(ROLE_LABELS, role)})</span>
      </>
    );
  }
  return <span title={typeof v === 'string' && v.length > 40 ? v : undefined}>{typeof v === 'number' && column === 'amount' ? tr().number(v, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : displayValue(column, v)}</span>;
}

function ColumnChooser({ columns, onChange, onClose }: { columns: GridColumn[]; onChange: (c: GridColumn[]) => void; onClose: () => void }) {
  return (
    <fieldset className="grid-chooser" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <legend>{t('ui.grid.chooser')}</legend>
      {(Object.keys(COLUMN_LABELS) as GridColumn[]).map((c) => (
        <label key={c}>
          <input
            type="checkbox"
            checked={columns.includes(c)}
            onChange={(e) => onChange(e.target.checked ? (Object.keys(COLUMN_LABELS) as GridColumn[]).filter((x) => x === c || columns.includes(x)) : columns.filter((x) => x !== c))}
          />{' '}
          {columnLabel(c)}
        </label>
      ))}
      <button type="button" onClick={() => onChange(DEFAULT_COLUMNS)}>{t('ui.grid.defaultColumns')}</button>
      <button type="button" onClick={onClose}>{t('ui.grid.done')}</button>
    </fieldset>
  );
}

/** CSV of exactly the rows of the current filter and sort, with exactly the columns shown. */
function ExportWhatYouSee({ query, columns, total }: { query: GridQuery; columns: GridColumn[]; total: number }) {
  const [semicolon, setSemicolon] = useState(useLang().lang === 'fr');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    // The file comes from main's save dialog (a handle in the app); cancelling it exports nothing.
    const target = await api.pickSavePath({ title: t('ui.grid.exportTitle'), defaultName: 'events-shown.csv' });
    if (!target) return;
    setBusy(true);
    setMsg(null);
    try {
      const r = await api.gridExport({ query, columns, path: target, separator: semicolon ? ';' : ',' });
      setMsg({ ok: true, text: t('ui.grid.written', { count: r.rows, path: r.path }) });
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="grid-export">
      <label className="grid-check">
        <input type="checkbox" checked={semicolon} onChange={(e) => setSemicolon(e.target.checked)} /> {t('ui.grid.semicolon')}
      </label>
      <button type="button" className="primary" disabled={busy || total === 0 || columns.length === 0} onClick={run}>
        {t('ui.grid.export', { n: formatCount(total) })}
      </button>
      {msg && <span className={msg.ok ? 'ok small' : 'tl-error small'} role="status" data-testid="grid-export-result">{msg.text}</span>}
    </div>
  );
}
