// The IP / entity graph (vis-network, chosen on measurements: see README.md beside this file). It shows the
// neighbourhood of the focused entity (the shared selection's focusEntity) to depth 1 or 2, coloured by IP role,
// with noise controls. Clicking a node focuses it: the detail pane shows it and the graph recentres on it.
import { t, tr } from '../i18n';
import { useEffect, useRef, useState } from 'react';
import { DataSet, Network } from 'vis-network/standalone/esm/vis-network.mjs';
import type { EntityKind, GraphResult, GraphNode } from '../../core/graph/graph';
import { api } from '../api';
import { selection, useSelection } from '../selection';
import { errorText } from '../useAsync';
import { FOCUS_OUTLINE, KIND_STYLE, PATH_COLOUR, ROLE_COLOURS, nodeColour, ringLayout } from './graphStyle';
import { bundleLabel, bundleLeaves, localLabel, shortestPath, type BundledGraph, type DrawnNode } from './bundle';
import { KIND_LABELS, ROLE_LABELS, labelOf } from '../labels';
import { formatCount } from '../format';
import './graph.css';

const KINDS: EntityKind[] = ['ip', 'customer', 'email', 'card', 'order', 'device'];
/** An entity kind in the language on screen. */
const kindLabel = (k: string): string => labelOf(KIND_LABELS, k);

export function GraphView() {
  const container = useRef<HTMLDivElement>(null);
  const net = useRef<Network | null>(null);
  const drawn = useRef(new Map<string, DrawnNode>());
  const sel = useSelection();
  // With nothing focused, the graph opens on the customer of the case's first blocked alert, not on a hairball.
  const [overview, setOverview] = useState(false);
  const [alertFocus, setAlertFocus] = useState<GraphResult['focus']>(null);
  useEffect(() => {
    api.alertsList({}).then((list) => {
      const a = list.find((x) => x.action === 'blocked') ?? list[0];
      if (a?.email) setAlertFocus({ kind: 'email', value: a.email });
    }, () => undefined);
  }, []);
  const focus = sel.focusEntity ?? (overview ? null : alertFocus);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [bundled, setBundled] = useState<BundledGraph | null>(null);
  const [pathTo, setPathTo] = useState('');
  const [pathPick, setPathPick] = useState(false);
  const pathPickRef = useRef(pathPick);
  pathPickRef.current = pathPick;
  const [depth, setDepth] = useState<1 | 2>(2);
  const [hideLeaves, setHideLeaves] = useState(false);
  const [collapse, setCollapse] = useState<EntityKind[]>([]);
  const [limit, setLimit] = useState(400);
  const [result, setResult] = useState<GraphResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  const [draftKind, setDraftKind] = useState<EntityKind>('ip');
  const [draftValue, setDraftValue] = useState('');

  // One network for the view's life; its data is swapped per query. Physics off: positions come from ringLayout.
  useEffect(() => {
    if (!container.current) return;
    const n = new Network(container.current, { nodes: new DataSet([]), edges: new DataSet([]) }, {
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 10_000_000, hideEdgesOnDrag: true, hideEdgesOnZoom: true },
      nodes: { shape: 'dot', size: 7, font: { size: 10, color: '#222' }, borderWidth: 1 },
      edges: { smooth: false, color: { color: '#c5c9cf', highlight: '#555' } },
    });
    n.on('click', (p: { nodes: string[] }) => {
      const node = drawn.current.get(String(p.nodes[0] ?? ''));
      if (!node) return;
      if (pathPickRef.current) {
        setPathTo(node.id);
        setPathPick(false);
        return;
      }
      if (node.members) {
        setExpanded((x) => new Set([...x, node.id])); // a "68 orders" bundle: open it
        return;
      }
      if (node.collapsed) return; // an engine-collapsed kind: nothing to focus
      selection.focus({ kind: node.kind, value: node.value });
    });
    n.on('hoverNode', (p: { node: string }) => {
      const d = drawn.current.get(String(p.node));
      if (!d) return;
      if (d.members) return setHover(t('ui.gr.bundleHover', { label: d.label, count: d.collapsed ?? d.members.length }));
      setHover(t('ui.gr.nodeHover', {
        kind: kindLabel(d.kind), value: d.value, role: d.role ? labelOf(ROLE_LABELS, d.role) : '', hasRole: d.role ? 'yes' : 'no',
        links: d.degree, events: d.events, nEvents: formatCount(d.events),
      }));
    });
    n.on('blurNode', () => setHover(null));
    net.current = n;
    // Tests read what was drawn from the container (labels are canvas text, not DOM).
    (container.current as HTMLDivElement & { __graph?: () => GraphNode[] }).__graph = () => [...drawn.current.values()];
    return () => {
      n.destroy();
      net.current = null;
    };
  }, []);

  // Query and draw whenever the focus or a noise control changes.
  useEffect(() => {
    let stale = false;
    const t0 = performance.now();
    api
      .graph({ focus: focus ?? null, depth, hideLeaves, collapseKinds: collapse, limit })
      .then((answer) => {
        if (stale || !net.current) return;
        const r = { ...answer, nodes: answer.nodes.map((n) => ({ ...n, label: localLabel(n) })) };
        setError(null);
        setResult(r);
        setExpanded(new Set());
        setPathTo('');
        const b = bundleLeaves(r);
        setBundled(b);
        drawn.current = new Map(b.nodes.map((n) => [n.id, n]));
        draw(net.current, r, b, null);
        requestAnimationFrame(() => {
          setMs(performance.now() - t0);
          container.current?.setAttribute('data-drawn', `${r.focus ? `${r.focus.kind}:${r.focus.value}` : 'overview'}|${b.nodes.length}`);
        });
      })
      .catch((e) => !stale && setError(errorText(e)));
    return () => {
      stale = true;
    };
  }, [focus?.kind, focus?.value, depth, hideLeaves, collapse, limit]);

  // A bundle opened, or a path asked for: redraw the same result, no new query.
  const path = bundled && result?.focus && pathTo ? shortestPath(bundled.edges, `${result.focus.kind}:${result.focus.value}`, pathTo) : null;
  useEffect(() => {
    if (!result || !net.current) return;
    const b = bundleLeaves(result, expanded);
    setBundled(b);
    drawn.current = new Map(b.nodes.map((n) => [n.id, n]));
    const p = result.focus && pathTo ? shortestPath(b.edges, `${result.focus.kind}:${result.focus.value}`, pathTo) : null;
    draw(net.current, result, b, p);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expanded, pathTo]);

  const hiddenText = result && result.hidden > 0
    ? t('ui.gr.moreHidden', { n: formatCount(result.hidden), kinds: tr().list(Object.entries(result.hiddenByKind).map(([k, n]) => bundleLabel(k, n ?? 0))) })
    : null;

  return (
    <div className="gr-root">
      <div className="gr-toolbar">
        <form
          className="gr-focus"
          onSubmit={(e) => {
            e.preventDefault();
            if (draftValue.trim()) selection.focus({ kind: draftKind, value: draftValue.trim() });
          }}
        >
          <select aria-label={t('ui.gr.focusKind')} value={draftKind} onChange={(e) => setDraftKind(e.target.value as EntityKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>{kindLabel(k)}</option>
            ))}
          </select>
          <input aria-label={t('ui.gr.focusValue')} placeholder={t('ui.gr.focusExample')} value={draftValue} onChange={(e) => setDraftValue(e.target.value)} />
          <button type="submit">{t('ui.gr.focus')}</button>
          <button type="button" onClick={() => (setOverview(true), selection.focus(null))}>{t('ui.gr.overview')}</button>
        </form>
        <label>
          {t('ui.gr.depth')}{' '}
          <select aria-label={t('ui.gr.depth')} value={depth} onChange={(e) => setDepth(Number(e.target.value) as 1 | 2)}>
            <option value={1}>1</option>
            <option value={2}>2</option>
          </select>
        </label>
        <label>
          <input type="checkbox" aria-label={t('ui.gr.hideLeaves')} checked={hideLeaves} onChange={(e) => setHideLeaves(e.target.checked)} /> {t('ui.gr.hideLeavesText')}
        </label>
        <span className="gr-collapse">
          {t('ui.gr.collapse')}
          {KINDS.filter((k) => k !== 'ip').map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                aria-label={t('ui.gr.collapseKind', { kind: kindLabel(k) })}
                checked={collapse.includes(k)}
                onChange={(e) => setCollapse(e.target.checked ? [...collapse, k] : collapse.filter((x) => x !== k))}
              />
              {kindLabel(k)}
            </label>
          ))}
        </span>
        <label>
          {t('ui.gr.maxNodes')}{' '}
          <select aria-label={t('ui.gr.maxNodes')} value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {[100, 400, 1000, 3000].map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
      </div>
      {result?.focus && bundled && (
        <div className="gr-toolbar">
          <label>
            {t('ui.gr.pathFrom')}{' '}
            <select aria-label={t('ui.gr.pathTo')} value={pathTo} onChange={(e) => setPathTo(e.target.value)}>
              <option value="">{t('ui.gr.pick')}</option>
              {bundled.nodes.filter((n) => n.depth > 0).slice(0, 500).map((n) => (
                <option key={n.id} value={n.id}>{t('ui.gr.kindValue', { kind: kindLabel(n.kind), value: n.members ? n.label : n.value })}</option>
              ))}
            </select>
          </label>
          <button type="button" aria-pressed={pathPick} onClick={() => setPathPick(!pathPick)}>{pathPick ? t('ui.gr.clickNode') : t('ui.gr.pickOnGraph')}</button>
          {expanded.size > 0 && <button type="button" onClick={() => setExpanded(new Set())}>{t('ui.gr.bundleAgain')}</button>}
          {pathTo && (
            <span className="gr-path" data-testid="graph-path">
              {path ? t('ui.gr.path', { path: path.map((id) => drawn.current.get(id)?.label ?? id).join(' → '), count: path.length - 1 }) : t('ui.gr.noPath')}
            </span>
          )}
        </div>
      )}
      <div className="gr-status" aria-live="polite">
        {focus ? t('ui.gr.focusStatus', { kind: kindLabel(focus.kind), value: focus.value }) : t('ui.gr.overviewStatus')}
        {result && bundled && ` · ${t('ui.gr.drawn', { nodes: bundled.nodes.length, entities: result.nodes.length, links: bundled.edges.length })}`}
        {hiddenText && <span className="gr-hidden"> · {hiddenText}</span>}
        {result && result.hiddenLeaves > 0 && ` · ${t('ui.gr.leavesHidden', { count: result.hiddenLeaves })}`}
        {result?.eventsTruncated && ` · ${t('ui.gr.sampled')}`}
        {ms != null && <span className="muted"> · {Math.round(ms)} ms</span>}
        {error && <span className="gr-error" role="alert"> {error}</span>}
      </div>
      <div className="gr-body">
        <div className="gr-canvas" ref={container} data-testid="graph" />
        <aside className="gr-legend" aria-label={t('ui.gr.legend')} tabIndex={0}>
          <div className="gr-legend-row"><span className="gr-swatch gr-focus-swatch" /> {t('ui.gr.focused')}</div>
          <div className="gr-legend-row"><span className="gr-swatch gr-bundle-swatch" /> {t('ui.gr.bundle')}</div>
          <div className="gr-legend-title">{t('ui.gr.ipRole')}</div>
          {Object.entries(ROLE_COLOURS).map(([role, colour]) => (
            <div key={role} className="gr-legend-row">
              <span className="gr-swatch" style={{ background: colour, borderRadius: '50%' }} />
              {labelOf(ROLE_LABELS, role)}
            </div>
          ))}
          <div className="gr-legend-title">{t('ui.gr.entities')}</div>
          {KINDS.filter((k) => k !== 'ip').map((k) => (
            <div key={k} className="gr-legend-row">
              <span className={`gr-swatch gr-shape-${KIND_STYLE[k].shape}`} style={{ background: KIND_STYLE[k].colour }} />
              {kindLabel(k)}
            </div>
          ))}
          <div className="gr-hover">{hover ?? t('ui.gr.hover')}</div>
        </aside>
      </div>
    </div>
  );
}

/** Swap the data: rings by depth around the focus (or by degree for the overview), then fit. */
function draw(n: Network, r: GraphResult, b: BundledGraph, path: string[] | null): void {
  const pos = ringLayout(b.nodes, r.focus != null);
  const onPath = new Set(path ?? []);
  const pathEdges = new Set<string>();
  if (path) for (let i = 1; i < path.length; i++) pathEdges.add([path[i - 1], path[i]].sort().join('|'));
  const big = b.nodes.length > 300;
  // fit() scales the rings to the pane: label and dot sizes follow the layout's extent so they stay readable
  let extent = 1;
  for (const p of pos.values()) extent = Math.max(extent, Math.abs(p.x), Math.abs(p.y));
  const fs = Math.min(80, Math.max(14, extent / 14));
  n.setData({
    nodes: new DataSet(
      b.nodes.map((x) => {
        const focus = x.depth === 0;
        return {
          id: x.id,
          label: x.label, // canvas text
          shape: x.members ? 'box' : x.collapsed ? 'box' : KIND_STYLE[x.kind].shape,
          color: {
            background: x.members ? '#ffffff' : nodeColour(x.kind, x.role),
            // the focus ring is black and dashed: a colour no legend entry uses
            border: focus ? FOCUS_OUTLINE : onPath.has(x.id) ? PATH_COLOUR : x.members ? nodeColour(x.kind, null) : '#ffffff',
          },
          size: (focus ? 1.2 : x.role === 'provider' ? 0.95 : 0.7) * fs,
          borderWidth: focus ? 4 : onPath.has(x.id) ? 4 : x.members ? 2 : 1,
          shapeProperties: focus ? { borderDashes: [5, 3] } : {},
          // one label size on screen: readable when zoomed in, hidden rather than unreadable when zoomed far out
          font: { size: focus ? fs * 1.15 : fs, color: '#1d2330', face: 'system-ui, sans-serif', background: 'rgba(255,255,255,0.85)' },
          scaling: { label: { drawThreshold: big ? 7 : 4, maxVisible: 26 } },
          ...pos.get(x.id)!,
        };
      }),
    ),
    edges: new DataSet(
      b.edges.map((e) => {
        const hot = pathEdges.has([e.source, e.target].sort().join('|'));
        return { id: e.id, from: e.source, to: e.target, width: hot ? 4 : Math.min(5, 1 + Math.log2(e.weight)), ...(hot ? { color: { color: PATH_COLOUR } } : {}) };
      }),
    ),
  });
  // no selectNodes(): its highlight colour would hide the focus's role colour; the dashed outline marks it
  n.fit({ animation: false });
}
