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
import { FOCUS_OUTLINE, KIND_STYLE, PATH_COLOUR, ROLE_COLOURS, fitScale, nodeColour, sidesLayout, type Pane } from './graphStyle';
import { LABEL_FONT_PX, LONG_CHARS, SHORT_CHARS, placeLabels, shorten, type LabelRequest, type PlacedLabel } from './labelPlacement';
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
  const labels = useRef(new Map<string, LabelInfo>());
  const hovered = useRef<string | null>(null);
  const placed = useRef<PlacedLabel[]>([]);
  /** The pane the drawn layout was planned for. */
  const lastPane = useRef<Pane | null>(null);
  const [labelsHidden, setLabelsHidden] = useState(0);
  const sel = useSelection();
  // With nothing focused, the graph opens on the customer of the case's first blocked alert, not on a hairball.
  const [overview, setOverview] = useState(false);
  // undefined until the alerts are read: no throwaway overview is drawn (and read by a test) before the alert's graph
  const [alertFocus, setAlertFocus] = useState<GraphResult['focus'] | undefined>(undefined);
  useEffect(() => {
    api.alertsList({}).then((list) => {
      const a = list.find((x) => x.action === 'blocked') ?? list[0];
      setAlertFocus(a?.email ? { kind: 'email', value: a.email } : null);
    }, () => setAlertFocus(null));
  }, []);
  const waiting = !sel.focusEntity && !overview && alertFocus === undefined;
  const focus = sel.focusEntity ?? (overview ? null : alertFocus ?? null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [bundled, setBundled] = useState<BundledGraph | null>(null);
  const [pathTo, setPathTo] = useState('');
  /** The path's other end: '' is the focus. */
  const [pathFrom, setPathFrom] = useState('');
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

  // One network for the view's life; its data is swapped per query. Physics off: positions come from sidesLayout.
  useEffect(() => {
    if (!container.current) return;
    const n = new Network(container.current, { nodes: new DataSet([]), edges: new DataSet([]) }, {
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 10_000_000, hideEdgesOnDrag: true, hideEdgesOnZoom: true },
      nodes: { shape: 'dot', size: 7, borderWidth: 1 },
      edges: { smooth: false, color: { color: '#c5c9cf', highlight: '#555' } },
    });
    const el = container.current;
    // After each frame (zoom, pan, hover, drag) the labels that fit are drawn over the nodes.
    n.on('afterDrawing', (ctx: CanvasRenderingContext2D) => {
      const r = drawLabels(n, ctx, labels.current, hovered.current, { width: el.clientWidth, height: el.clientHeight });
      placed.current = r.placed;
      setLabelsHidden(r.hidden);
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
      // a hovered node's label goes first: it shows even where the zoom had left it out
      hovered.current = d.id;
      n.redraw();
      if (d.members) return setHover(t('ui.gr.bundleHover', { label: d.label, count: d.collapsed ?? d.members.length }));
      setHover(t('ui.gr.nodeHover', {
        kind: kindLabel(d.kind), value: d.value, role: d.role ? labelOf(ROLE_LABELS, d.role) : '', hasRole: d.role ? 'yes' : 'no',
        links: d.degree, events: d.events, nEvents: formatCount(d.events),
      }));
    });
    n.on('blurNode', () => {
      hovered.current = null;
      setHover(null);
      n.redraw();
    });
    net.current = n;
    // Tests read what was drawn from the container (labels are canvas text, not DOM): the nodes, the label boxes
    // drawn in the last frame, and the network itself (its own positions and zoom).
    Object.assign(el, { __graph: () => [...drawn.current.values()], __labels: () => placed.current, __network: () => n });
    return () => {
      n.destroy();
      net.current = null;
    };
  }, []);

  // Query and draw whenever the focus or a noise control changes.
  useEffect(() => {
    if (waiting) return;
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
        setPathFrom('');
        const b = bundleLeaves(r);
        setBundled(b);
        drawn.current = new Map(b.nodes.map((n) => [n.id, n]));
        lastPane.current = paneOf(container.current);
        draw(net.current, r, b, null, lastPane.current, labels.current);
        requestAnimationFrame(() => {
          setMs(performance.now() - t0);
          container.current?.setAttribute('data-drawn', `${r.focus ? `${r.focus.kind}:${r.focus.value}` : 'overview'}|${b.nodes.length}`);
        });
      })
      .catch((e) => !stale && setError(errorText(e)));
    return () => {
      stale = true;
    };
  }, [focus?.kind, focus?.value, depth, hideLeaves, collapse, limit, waiting]);

  // The pane resized (window, splitter): the layout is planned for the pane, so plan it again once it settles.
  const [pane, setPane] = useState('');
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const obs = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = paneOf(el);
        const was = lastPane.current;
        if (was && (now.width !== was.width || now.height !== was.height)) setPane(`${now.width}x${now.height}`);
      }, 200);
    });
    obs.observe(el);
    return () => (clearTimeout(timer), obs.disconnect());
  }, []);

  // A bundle opened, a path asked for, the pane resized: redraw the same result, no new query.
  const fromId = (r: GraphResult | null) => pathFrom || (r?.focus ? `${r.focus.kind}:${r.focus.value}` : '');
  const path = bundled && fromId(result) && pathTo ? shortestPath(bundled.edges, fromId(result), pathTo) : null;
  useEffect(() => {
    if (!result || !net.current) return;
    const b = bundleLeaves(result, expanded);
    setBundled(b);
    drawn.current = new Map(b.nodes.map((n) => [n.id, n]));
    const p = fromId(result) && pathTo ? shortestPath(b.edges, fromId(result), pathTo) : null;
    lastPane.current = paneOf(container.current);
    draw(net.current, result, b, p, lastPane.current, labels.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expanded, pathTo, pathFrom, pane]);

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
      {bundled && (
        <div className="gr-toolbar">
          <label>
            {t('ui.gr.pathFrom')}{' '}
            <select className="gr-path-end" aria-label={t('ui.gr.pathFromLabel')} value={pathFrom} onChange={(e) => setPathFrom(e.target.value)}>
              <option value="">{result?.focus ? t('ui.gr.theFocus') : t('ui.gr.pick')}</option>
              {pathEnds(bundled)}
            </select>
          </label>
          <label>
            {t('ui.gr.pathToWord')}{' '}
            <select className="gr-path-end" aria-label={t('ui.gr.pathTo')} value={pathTo} onChange={(e) => setPathTo(e.target.value)}>
              <option value="">{t('ui.gr.pick')}</option>
              {pathEnds(bundled)}
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
      {/* one line whatever it says: how many labels are left out depends on the canvas height, so a status that
          wrapped to a second line would shrink the canvas, change that count and the line again (a layout loop) */}
      <div className="gr-status" aria-live="polite" ref={(el) => { if (el) el.title = el.textContent ?? ''; }}>
        {focus ? t('ui.gr.focusStatus', { kind: kindLabel(focus.kind), value: focus.value }) : t('ui.gr.overviewStatus')}
        {result && bundled && ` · ${t('ui.gr.drawn', { nodes: bundled.nodes.length, entities: result.nodes.length, links: bundled.edges.length })}`}
        {hiddenText && <span className="gr-hidden"> · {hiddenText}</span>}
        {result && result.hiddenLeaves > 0 && ` · ${t('ui.gr.leavesHidden', { count: result.hiddenLeaves })}`}
        {result?.eventsTruncated && ` · ${t('ui.gr.sampled')}`}
        {labelsHidden > 0 && <span className="muted" data-testid="graph-labels-hidden"> · {t('ui.gr.labelsHidden', { count: labelsHidden })}</span>}
        {ms != null && <span className="muted"> · {Math.round(ms)} ms</span>}
      </div>
      {error && <div className="gr-error" role="alert">{error}</div>}
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

/** The entities a shortest path may start or end at, as options (the first 500 drawn; the focus is its own option). */
function pathEnds(b: BundledGraph) {
  return b.nodes.filter((n) => n.depth > 0).slice(0, 500).map((n) => (
    <option key={n.id} value={n.id}>{t('ui.gr.kindValue', { kind: kindLabel(n.kind), value: n.members ? n.label : n.value })}</option>
  ));
}

/** What the label pass needs of each drawn node: its text, its size on screen at zoom 1, its priority. */
interface LabelInfo {
  text: string;
  /** Half the node's size in canvas units. */
  size: number;
  priority: number;
  bold: boolean;
}

/** Label order when they compete for room: the focus, then the shortest path, then bundles ("68 customers"),
 *  then the IPs with a known role, then the rest by depth; busier entities first within each. */
function labelPriority(x: DrawnNode, onPath: boolean, focused: boolean): number {
  const base = focused && x.depth === 0 ? 0 : onPath ? 1 : x.members ? 2 : x.kind === 'ip' && x.role && x.role !== 'unknown' ? 3 : x.depth <= 1 ? 4 : 5;
  return base * 1e7 - Math.min(x.events, 1e7 - 1);
}

/** Swap the data: rings by depth around the focus (or by degree for the overview), planned for the pane's size. */
function draw(n: Network, r: GraphResult, b: BundledGraph, path: string[] | null, pane: Pane, labels: Map<string, LabelInfo>): void {
  const boldLabel = (x: DrawnNode) => x.depth === 0 || x.members != null || x.collapsed != null;
  // columns as wide as the labels; when that is too wide for the pane, as wide as their shortened text
  const plan = (chars: number) => sidesLayout(b.nodes, b.edges, r.focus != null, pane, (x) => textWidth(shorten(x.label, chars), boldLabel(x)) + 6);
  let layout = plan(LONG_CHARS);
  if (fitScale(layout, pane) < 1) {
    const narrow = plan(SHORT_CHARS);
    if (fitScale(narrow, pane) > fitScale(layout, pane)) layout = narrow;
  }
  const pos = layout.pos;
  const onPath = new Set(path ?? []);
  const pathEdges = new Set<string>();
  if (path) for (let i = 1; i < path.length; i++) pathEdges.add([path[i - 1], path[i]].sort().join('|'));
  const scale = fitScale(layout, pane);
  // markers fit their row (the layout's unit); the focus keeps a size that finds it even when zoomed out to fit
  const px = (x: DrawnNode) => (x.depth === 0 ? 11 / Math.max(scale, 0.5) : x.members ? 9.5 : x.role === 'provider' ? 8.5 : 7);
  labels.clear();
  n.setData({
    nodes: new DataSet(
      b.nodes.map((x) => {
        const focus = x.depth === 0;
        const hollow = x.members != null || x.collapsed != null;
        const colour = {
          // a bundle is its kind's shape, hollow
          background: hollow ? '#ffffff' : nodeColour(x.kind, x.role),
          // the focus ring is black and dashed: a colour no legend entry uses
          border: focus ? FOCUS_OUTLINE : onPath.has(x.id) ? PATH_COLOUR : hollow ? nodeColour(x.kind, null) : '#ffffff',
        };
        // hovering or clicking keeps the colours: vis-network's own highlight would hide the role and the focus ring
        labels.set(x.id, { text: x.label, size: px(x), priority: labelPriority(x, onPath.has(x.id), r.focus != null), bold: boldLabel(x) });
        return {
          id: x.id,
          // no vis-network label: the view draws them itself, one size on screen and never over one another
          shape: KIND_STYLE[x.kind].shape,
          color: { ...colour, highlight: colour, hover: colour },
          size: px(x),
          borderWidth: focus || onPath.has(x.id) ? 4 : hollow ? 3 : 1,
          shapeProperties: focus ? { borderDashes: [5, 3] } : {},
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
  n.moveTo({ position: { x: 0, y: 0 }, scale, animation: false });
}

const paneOf = (el: HTMLElement | null): Pane => ({ width: el?.clientWidth ?? 0, height: el?.clientHeight ?? 0 });

const measures = new Map<string, number>();
let measurer: CanvasRenderingContext2D | null = null;
const labelFont = (bold: boolean) => `${bold ? '600 ' : ''}${LABEL_FONT_PX}px system-ui, sans-serif`;

/** Width of a label's text on screen (cached: the same labels are measured at every frame). */
function textWidth(text: string, bold: boolean): number {
  const key = `${bold ? 'b' : 'n'}${text}`;
  let w = measures.get(key);
  if (w == null) {
    measurer ??= document.createElement('canvas').getContext('2d');
    if (!measurer) return text.length * LABEL_FONT_PX * 0.6;
    measurer.font = labelFont(bold);
    w = measurer.measureText(text).width;
    if (measures.size > 20_000) measures.clear();
    measures.set(key, w);
  }
  return w;
}

/** Draws the labels that fit (labelPlacement.ts) over the network, in screen pixels; returns what it placed. */
function drawLabels(n: Network, ctx: CanvasRenderingContext2D, labels: Map<string, LabelInfo>, hovered: string | null, pane: Pane): ReturnType<typeof placeLabels> {
  const scale = n.getScale();
  const pos = n.getPositions([...labels.keys()]);
  const requests: LabelRequest[] = [];
  for (const [id, l] of labels) {
    const p = pos[id];
    if (!p) continue;
    const s = n.canvasToDOM(p);
    requests.push({ id, text: l.text, x: s.x, y: s.y, r: l.size * scale, priority: id === hovered ? -1 : l.priority, bold: l.bold });
  }
  const result = placeLabels(requests, { ...pane, centre: n.canvasToDOM({ x: 0, y: 0 }) }, textWidth);
  // the context is in canvas units (zoom and pan applied): draw in CSS pixels instead
  const ratio = ctx.getTransform().a / scale;
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.textBaseline = 'middle';
  for (const l of result.placed) {
    ctx.fillStyle = 'rgba(255,255,255,0.88)';
    ctx.fillRect(l.x, l.y, l.w, l.h);
    ctx.fillStyle = '#1d2330';
    ctx.font = labelFont(l.bold);
    ctx.fillText(l.text, l.x + 3, l.y + l.h / 2 + 0.5);
  }
  ctx.restore();
  return result;
}
