// The IP / entity graph (vis-network, chosen on measurements: see README.md beside this file). It shows the
// neighbourhood of the focused entity (the shared selection's focusEntity) to depth 1 or 2, coloured by IP role,
// with noise controls. Clicking a node focuses it: the detail pane shows it and the graph recentres on it.
import { useEffect, useRef, useState } from 'react';
import { DataSet, Network } from 'vis-network/standalone/esm/vis-network.mjs';
import type { EntityKind, GraphResult, GraphNode } from '../../core/graph/graph';
import { api } from '../api';
import { selection, useSelection } from '../selection';
import { errorText } from '../useAsync';
import { KIND_STYLE, ROLE_COLOURS, nodeColour, ringLayout } from './graphStyle';
import './graph.css';

const KINDS: EntityKind[] = ['ip', 'customer', 'email', 'card', 'order', 'device'];

export function GraphView() {
  const container = useRef<HTMLDivElement>(null);
  const net = useRef<Network | null>(null);
  const drawn = useRef(new Map<string, GraphNode>());
  const sel = useSelection();
  const focus = sel.focusEntity;
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
      if (!node || node.collapsed) return; // a "N orders" group: nothing to focus
      selection.focus({ kind: node.kind, value: node.value });
    });
    n.on('hoverNode', (p: { node: string }) => {
      const d = drawn.current.get(String(p.node));
      if (!d) return;
      const role = d.role ? ` · role ${d.role}` : '';
      setHover(`${d.kind} ${d.value}${role} · ${d.degree} links · ${d.events} events`);
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
      .then((r) => {
        if (stale || !net.current) return;
        setError(null);
        setResult(r);
        drawn.current = new Map(r.nodes.map((n) => [n.id, n]));
        draw(net.current, r);
        requestAnimationFrame(() => {
          setMs(performance.now() - t0);
          container.current?.setAttribute('data-drawn', `${r.focus ? `${r.focus.kind}:${r.focus.value}` : 'overview'}|${r.nodes.length}`);
        });
      })
      .catch((e) => !stale && setError(errorText(e)));
    return () => {
      stale = true;
    };
  }, [focus?.kind, focus?.value, depth, hideLeaves, collapse, limit]);

  const hiddenText = result && result.hidden > 0
    ? `${result.hidden.toLocaleString('en-US')} more hidden (${Object.entries(result.hiddenByKind).map(([k, n]) => `${n} ${k}`).join(', ')})`
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
          <select aria-label="focus kind" value={draftKind} onChange={(e) => setDraftKind(e.target.value as EntityKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
          <input aria-label="focus value" placeholder="IP, e-mail, card key, order…" value={draftValue} onChange={(e) => setDraftValue(e.target.value)} />
          <button type="submit">Focus</button>
          <button type="button" onClick={() => selection.focus(null)}>Overview</button>
        </form>
        <label>
          depth{' '}
          <select aria-label="depth" value={depth} onChange={(e) => setDepth(Number(e.target.value) as 1 | 2)}>
            <option value={1}>1</option>
            <option value={2}>2</option>
          </select>
        </label>
        <label>
          <input type="checkbox" aria-label="hide leaves" checked={hideLeaves} onChange={(e) => setHideLeaves(e.target.checked)} /> hide single-link nodes
        </label>
        <span className="gr-collapse">
          collapse:
          {KINDS.filter((k) => k !== 'ip').map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                aria-label={`collapse ${k}`}
                checked={collapse.includes(k)}
                onChange={(e) => setCollapse(e.target.checked ? [...collapse, k] : collapse.filter((x) => x !== k))}
              />
              {k}
            </label>
          ))}
        </span>
        <label>
          max nodes{' '}
          <select aria-label="max nodes" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {[100, 400, 1000, 3000].map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="gr-status" aria-live="polite">
        {focus ? `Focus: ${focus.kind} ${focus.value}` : 'Overview: orders, payments, decisions and provider calls'}
        {result && ` · ${result.nodes.length} nodes, ${result.edges.length} links`}
        {hiddenText && <span className="gr-hidden"> · {hiddenText}</span>}
        {result && result.hiddenLeaves > 0 && ` · ${result.hiddenLeaves} single-link nodes hidden`}
        {result?.eventsTruncated && ' · neighbourhood sampled (very active entity)'}
        {ms != null && <span className="muted"> · {Math.round(ms)} ms</span>}
        {error && <span className="gr-error" role="alert"> {error}</span>}
      </div>
      <div className="gr-body">
        <div className="gr-canvas" ref={container} data-testid="graph" />
        <aside className="gr-legend" aria-label="legend">
          <div className="gr-legend-title">IP role</div>
          {Object.entries(ROLE_COLOURS).map(([role, colour]) => (
            <div key={role} className="gr-legend-row">
              <span className="gr-swatch" style={{ background: colour, borderRadius: '50%' }} />
              {role}
            </div>
          ))}
          <div className="gr-legend-title">entities</div>
          {KINDS.filter((k) => k !== 'ip').map((k) => (
            <div key={k} className="gr-legend-row">
              <span className={`gr-swatch gr-shape-${KIND_STYLE[k].shape}`} style={{ background: KIND_STYLE[k].colour }} />
              {KIND_STYLE[k].label}
            </div>
          ))}
          <div className="gr-hover">{hover ?? 'Hover a node for its detail; click to focus it.'}</div>
        </aside>
      </div>
    </div>
  );
}

/** Swap the data: rings by depth around the focus (or by degree for the overview), then fit. */
function draw(n: Network, r: GraphResult): void {
  const pos = ringLayout(r.nodes, r.focus != null);
  const big = r.nodes.length > 800;
  // the rings grow with the node count and fit() zooms out: grow the dots too so they stay visible
  const base = Math.max(7, Math.sqrt(r.nodes.length));
  n.setData({
    nodes: new DataSet(
      r.nodes.map((x) => ({
        id: x.id,
        label: x.label, // canvas text
        shape: x.collapsed ? 'box' : KIND_STYLE[x.kind].shape,
        color: { background: nodeColour(x.kind, x.role), border: x.depth === 0 ? '#000' : '#ffffff' },
        size: x.depth === 0 ? base * 2.3 : x.role === 'provider' ? base * 1.7 : base,
        borderWidth: x.depth === 0 ? 3 : 1,
        font: { size: x.depth === 0 ? base * 2 : base * 1.4, ...(x.collapsed ? { color: '#fff' } : {}) },
        // thousands of labels overlap: draw them only once zoomed in enough to read
        ...(big && x.depth > 0 ? { scaling: { label: { drawThreshold: 9 } } } : {}),
        ...pos.get(x.id)!,
      })),
    ),
    edges: new DataSet(r.edges.map((e) => ({ id: e.id, from: e.source, to: e.target, width: Math.min(5, 1 + Math.log2(e.weight)) }))),
  });
  n.fit({ animation: false });
  if (r.focus) n.selectNodes([`${r.focus.kind}:${r.focus.value}`]);
}
