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
import { localInputToUtc } from '../timeline/caseTime';
import { ROLE_LABELS, labelOf } from '../labels';
import { COLUMN_LABELS, COLUMN_WIDTHS, DEFAULT_COLUMNS, GROUPABLE, STAR_TAG, loadColumns, saveColumns } from './gridColumns';
import './grid.css';

const ROW_H = 26;
const PAGE = 100;
const OVERSCAN = 6;
const FILTER_DEBOUNCE_MS = 250;

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
  const body = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, GridRow[]>());
  const loading = useRef(new Set<number>());
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
    if (!groupBy) return setGroups(null);
    let stale = false;
    api.gridGroups({ query, column: groupBy, limit: 50 }).then((g) => !stale && setGroups(g), (e) => !stale && setError(errorText(e)));
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
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);

  const fetchPage = useCallback(
    (p: number) => {
      if (pages.current.has(p) || loading.current.has(p)) return;
      const my = querySeq.current;
      loading.current.add(p);
      api.gridPage({ query, offset: p * PAGE, limit: PAGE, columns: columns.length ? columns : ['ts'] }).then(
        (rows) => {
          if (my !== querySeq.current) return;
          loading.current.delete(p);
          pages.current.set(p, rows);
          setPagesVersion((v) => v + 1);
        },
        (e) => {
          loading.current.delete(p);
          if (my === querySeq.current) setError(errorText(e));
        },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey, columns],
  );

  // Columns changed: the cached pages lack the new ones.
  useEffect(() => {
    pages.current = new Map();
    setPagesVersion((v) => v + 1);
  }, [columns]);

  useEffect(() => {
    if (!count) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) fetchPage(p);
  }, [first, last, count, fetchPage, pagesVersion]);

  const rowAt = (i: number): GridRow | undefined => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE];

  // Another view selected an event (timeline, finding evidence): bring its row into view.
  useEffect(() => {
    const id = sel.selectedEventId;
    if (id == null || rowAt(active)?.id === id) return;
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
    const n = Math.max(0, Math.min(total - 1, i));
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
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + pageRows),
      PageUp: () => move(active - pageRows),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => move(active),
      ' ': () => {
        const r = rowAt(active);
        if (r) void toggleStar(r);
      },
    };
    const k = keys[e.key];
    if (k) {
      e.preventDefault();
      k();
    }
  };

  const sortBy = (c: GridColumn) => setSort((s) => (s.column === c ? { column: c, desc: !s.desc } : { column: c, desc: false }));
  const template = `28px ${columns.map((c) => `${COLUMN_WIDTHS[c] ?? 120}px`).join(' ')}`;
  // Rows are keyed by slot, not by index: a far jump reuses the DOM rows instead of mounting new ones.
  const slots = Math.ceil(viewH / ROW_H) + 2 * OVERSCAN + 2;
  const rows: { i: number; r: GridRow | undefined }[] = [];
  for (let i = first; i < last; i++) rows.push({ i, r: rowAt(i) });
  const shared = Object.entries(sel.filters) as [keyof SharedFilters, string][];
  const anyFilter = shared.length > 0 || Object.keys(appliedCols).length > 0 || !!appliedText || fromMs != null || toMs != null || onlyStarred;

  return (
    <div className="grid-root" data-testid="events-grid">
      <div className="grid-toolbar" role="toolbar" aria-label="Grid filters">
        <label className="tl-filter">
          <span>search the raw lines</span>
          <input aria-label="search the raw lines" type="search" value={text} onChange={(e) => setText(e.target.value)} size={22} />
        </label>
        <label className="tl-filter">
          <span>from ({tz})</span>
          <input aria-label="from" placeholder="2025-11-23 07:00" size={16} value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </label>
        <label className="tl-filter">
          <span>to ({tz})</span>
          <input aria-label="to" placeholder="2025-11-23 08:00" size={16} value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </label>
        <label className="grid-check">
          <input type="checkbox" checked={onlyStarred} onChange={(e) => setOnlyStarred(e.target.checked)} /> starred only
        </label>
        <label className="tl-filter">
          <span>group by</span>
          <select aria-label="group by" value={groupBy} onChange={(e) => setGroupBy(e.target.value as GridColumn | '')}>
            <option value="">no grouping</option>
            {GROUPABLE.map((c) => (
              <option key={c} value={c}>{COLUMN_LABELS[c]}</option>
            ))}
          </select>
        </label>
        <button type="button" aria-expanded={chooser} onClick={() => setChooser(!chooser)}>Columns…</button>
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
            Clear all filters
          </button>
        )}
        <span className="grow" />
        <ExportWhatYouSee query={query} columns={columns} total={total} />
      </div>
      {chooser && <ColumnChooser columns={columns} onChange={(c) => (setColumns(c), saveColumns(c))} onClose={() => setChooser(false)} />}
      {shared.length > 0 && (
        <div className="grid-chips" aria-label="Filter shared with the timeline">
          <span className="muted small">Shared with the timeline:</span>
          {shared.map(([k, v]) => (
            <button key={k} className="chip" onClick={() => selection.setFilters({ ...sel.filters, [k]: '' })} aria-label={`remove filter ${k} ${v}`}>
              {k}: {v} ✕
            </button>
          ))}
        </div>
      )}
      {groups && groupBy && (
        <div className="grid-groups" aria-label={`Groups by ${COLUMN_LABELS[groupBy]}`}>
          <span className="muted small">{plural(groups.distinct, { one: '# group', other: '# groups' })} — pick one to filter:</span>
          {groups.groups.map((g) => (
            <button
              key={g.value ?? '∅'}
              className="chip"
              onClick={() => {
                setColFilters({ ...colFilters, [groupBy]: g.value === null ? '' : `=${g.value}` });
                setGroupBy('');
              }}
            >
              {g.value ?? '(empty)'} <span className="chip-count">{formatCount(g.count)}</span>
            </button>
          ))}
        </div>
      )}
      <div className="grid-status" aria-live="polite">
        {count && (anyFilter ? `${formatCount(count.total)} of ${plural(count.caseTotal, { one: '# event', other: '# events' })}` : plural(count.total, { one: '# event', other: '# events' }))}
        {count && <span className="muted"> · {count.ms} ms</span>}
        <span className="muted small"> · ↑ ↓ PgUp PgDn to move, Enter shows the detail, Space stars the row</span>
        {badRange && <span className="tl-error" role="alert"> Write times as 2025-11-23 07:02 (case zone).</span>}
        {error && <span className="tl-error" role="alert"> {error}</span>}
      </div>
      <div
        className="grid-table"
        role="grid"
        aria-label="Events"
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
        aria-activedescendant={rowAt(active) ? `grid-row-${active}` : undefined}
      >
        <div className="grid-head" role="rowgroup" ref={head}>
          <div className="grid-row grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
            <div role="columnheader" className="grid-cell" title="starred">★</div>
            {columns.map((c) => (
              <div key={c} role="columnheader" className="grid-cell" aria-sort={sort.column === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button className="grid-sort" onClick={() => sortBy(c)} title={`Sort by ${COLUMN_LABELS[c]}`}>
                  {COLUMN_LABELS[c]} {sort.column === c ? (sort.desc ? '▼' : '▲') : ''}
                </button>
                {c !== 'ts' && (
                  <input
                    className="grid-colfilter"
                    aria-label={`filter ${COLUMN_LABELS[c]}`}
                    placeholder="filter"
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
          aria-label="Event rows: arrow keys move, Enter shows the detail, Space stars"
          onKeyDown={onKey}
          onScroll={(e) => {
            const el = e.target as HTMLDivElement;
            setScrollTop(el.scrollTop);
            if (head.current) head.current.scrollLeft = el.scrollLeft;
          }}
          data-testid="grid-body"
        >
          <div style={{ height: total * ROW_H, position: 'relative' }}>
            {count && total === 0 && <p className="grid-empty">No event matches these filters.</p>}
            {rows.map(({ i, r }) => (
              <GridRowView
                key={i % slots}
                index={i}
                row={r}
                columns={columns}
                template={template}
                tz={tz}
                role={r ? roles.get(String(r.cells.client_ip ?? r.cells.ip ?? '')) : undefined}
                active={i === active}
                selected={!!r && r.id === sel.selectedEventId}
                evidence={!!r && evidence.has(r.id)}
                onPick={pick}
                onStar={toggleStar}
              />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  index: number;
  row: GridRow | undefined;
  columns: GridColumn[];
  template: string;
  tz: string;
  role: string | undefined;
  active: boolean;
  selected: boolean;
  evidence: boolean;
  onPick(index: number, row: GridRow | undefined): void;
  onStar(row: GridRow): void;
}

/** One row; memoised so a scroll step only renders the rows that come into view. */
const GridRowView = memo(function GridRowView({ index, row: r, columns, template, tz, role, active, selected, evidence, onPick, onStar }: RowProps) {
  const starred = !!r && r.tags.includes(STAR_TAG);
  return (
    <div
      id={`grid-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`grid-row${active ? ' active' : ''}${selected ? ' selected' : ''}${evidence ? ' evidence' : ''}${role ? ` row-role-${role}` : ''}`}
      style={{ top: index * ROW_H, gridTemplateColumns: template }}
      data-event-id={r?.id}
      onClick={() => onPick(index, r)}
    >
      <div role="gridcell" className="grid-cell">
        {r && (
          <button
            className="star"
            tabIndex={-1}
            aria-pressed={starred}
            aria-label={starred ? 'unstar' : 'star'}
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
  return <span title={typeof v === 'string' && v.length > 40 ? v : undefined}>{typeof v === 'number' && column === 'amount' ? v.toFixed(2) : String(v)}</span>;
}

function ColumnChooser({ columns, onChange, onClose }: { columns: GridColumn[]; onChange: (c: GridColumn[]) => void; onClose: () => void }) {
  return (
    <fieldset className="grid-chooser" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <legend>Columns shown (and exported)</legend>
      {(Object.keys(COLUMN_LABELS) as GridColumn[]).map((c) => (
        <label key={c}>
          <input
            type="checkbox"
            checked={columns.includes(c)}
            onChange={(e) => onChange(e.target.checked ? (Object.keys(COLUMN_LABELS) as GridColumn[]).filter((x) => x === c || columns.includes(x)) : columns.filter((x) => x !== c))}
          />{' '}
          {COLUMN_LABELS[c]}
        </label>
      ))}
      <button type="button" onClick={() => onChange(DEFAULT_COLUMNS)}>Default columns</button>
      <button type="button" onClick={onClose}>Done</button>
    </fieldset>
  );
}

/** CSV of exactly the rows of the current filter and sort, with exactly the columns shown. */
function ExportWhatYouSee({ query, columns, total }: { query: GridQuery; columns: GridColumn[]; total: number }) {
  const [path, setPath] = useState('');
  const [semicolon, setSemicolon] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    let target = path.trim();
    if (!target && api.pickSavePath) target = (await api.pickSavePath({ title: 'Export the rows shown', defaultName: 'events-shown.csv' })) ?? '';
    if (!target) {
      setMsg({ ok: false, text: 'Type where to write the CSV file first.' });
      return;
    }
    setBusy(true);
    setMsg(null);
    try {
      const r = await api.gridExport({ query, columns, path: target, separator: semicolon ? ';' : ',' });
      setMsg({ ok: true, text: `${plural(r.rows, { one: '# row written', other: '# rows written' })} to ${r.path}` });
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="grid-export">
      {!api.pickSavePath && <input aria-label="CSV file path" placeholder="/path/to/events.csv" value={path} onChange={(e) => setPath(e.target.value)} size={18} />}
      <label className="grid-check">
        <input type="checkbox" checked={semicolon} onChange={(e) => setSemicolon(e.target.checked)} /> “;” (French Excel)
      </label>
      <button type="button" className="primary" disabled={busy || total === 0 || columns.length === 0} onClick={run}>
        Export what you see ({formatCount(total)})
      </button>
      {msg && <span className={msg.ok ? 'ok small' : 'tl-error small'} role="status" data-testid="grid-export-result">{msg.text}</span>}
    </div>
  );
}
