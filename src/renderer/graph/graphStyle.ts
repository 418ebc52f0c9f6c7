// Colours, shapes and node positions of the entity graph. vis-network draws labels on the canvas as text (never
// parsed as HTML), so case data can go into `label` as is; no node gets a `title` (its tooltip path takes HTML).
import type { EntityKind } from '../../core/graph/graph';

export const ROLE_COLOURS: Record<string, string> = {
  customer: '#2e7d32',
  provider: '#b45309',
  own: '#1565c0',
  shared: '#8e24aa',
  crawler: '#5f6368',
  attacker: '#9f1239',
  unknown: '#4f6470',
};

/** Outline of the focused entity and colour of a shortest path: colours no legend entry uses. */
export const FOCUS_OUTLINE = '#000000';
export const PATH_COLOUR = '#d4a000';

/** vis-network shapes per entity kind; the legend draws the same shape names with CSS. */
export const KIND_STYLE: Record<EntityKind, { shape: string; colour: string; label: string }> = {
  ip: { shape: 'dot', colour: ROLE_COLOURS.unknown, label: 'IP (colour = role)' },
  customer: { shape: 'square', colour: '#5d4037', label: 'customer' },
  email: { shape: 'diamond', colour: '#00838f', label: 'e-mail' },
  card: { shape: 'square', colour: '#6a1b9a', label: 'card' },
  order: { shape: 'triangle', colour: '#558b2f', label: 'order' },
  device: { shape: 'hexagon', colour: '#546e7a', label: 'device (IP + user agent)' },
};

export function nodeColour(kind: EntityKind, role: string | null): string {
  if (kind === 'ip') return ROLE_COLOURS[role ?? 'unknown'] ?? ROLE_COLOURS.unknown;
  return KIND_STYLE[kind].colour;
}

/** The pane the layout is planned for (CSS pixels); a hidden pane measures 0, so a laptop-sized default stands in. */
export interface Pane {
  width: number;
  height: number;
}

/** Vertical distance between two nodes of a column: one label (16 px) and a little air. */
const ROW = 20;
/** Half a node's marker at the opening zoom, the gap between a marker and its label, and between columns. */
const MARK = 9;
const LABEL_GAP = 3;
const COL_GAP = 16;
const PAD = 10;

export interface LayoutNode {
  id: string;
  kind: string;
  depth: number;
  degree: number;
}

export interface Layout {
  pos: Map<string, { x: number; y: number }>;
  /** Half the width and height the layout needs around (0, 0), its labels included (CSS pixels at zoom 1). */
  half: { x: number; y: number };
}

/**
 * Columns on both sides of the focus, planned in screen pixels for the pane (a two-sided radial tree): the
 * focus in the middle with its label under it, depth-1 entities in columns left and right, depth-2 in columns
 * further out (the overview levels by degree instead of depth). Each column is as wide as its longest label and
 * its rows one label high, so at the opening zoom no label can run into another; labels face outwards. A
 * neighbourhood too big for the pane gets more rows, keeping the pane's shape, and the view zooms out to fit.
 * Depth-2 entities go to the side and height of the entities they hang off, so links stay short. Kinds sit
 * together in a column (orders with orders). Linear in the nodes and links, far cheaper than any force layout.
 */
export function sidesLayout<N extends LayoutNode>(
  nodes: readonly N[],
  edges: readonly { source: string; target: string }[],
  focused: boolean,
  pane: Pane,
  labelWidth: (n: N) => number,
): Layout {
  const w = pane.width > 0 ? pane.width : 800;
  const h = pane.height > 0 ? pane.height : 360;
  const levelOf = (n: N) => (focused ? n.depth : n.degree >= 20 ? 0 : n.degree >= 4 ? 1 : 2);
  const byLevel = new Map<number, N[]>();
  for (const n of nodes) byLevel.set(levelOf(n), [...(byLevel.get(levelOf(n)) ?? []), n]);
  const levels = [...byLevel.keys()].sort((a, b) => a - b).map((k) => byLevel.get(k)!);
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
    adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
  }
  // a lone node on the first level (the focus, or the overview's only hub) sits in the middle, its label under it
  const centre = levels[0]?.length === 1 ? levels.shift()![0] : null;
  const centreHalf = centre ? Math.max(40, labelWidth(centre) / 2 + COL_GAP) : 0;
  const fitRows = Math.max(3, Math.floor((h - 2 * PAD) / ROW));
  const largest = Math.max(1, ...levels.map((l) => Math.ceil(l.length / 2)));
  let best: Layout | null = null;
  // more rows until the block has the pane's shape (a big neighbourhood), then the view zooms out to fit it
  for (let rows = fitRows; ; rows = Math.ceil(rows * 1.3)) {
    const layout = placeColumns(levels, adj, centre, centreHalf, rows, labelWidth);
    best = layout;
    if (layout.half.x / layout.half.y <= w / h || rows >= largest) break;
  }
  return best;
}

function placeColumns<N extends LayoutNode>(
  levels: readonly N[][],
  adj: Map<string, string[]>,
  centre: N | null,
  centreHalf: number,
  rows: number,
  labelWidth: (n: N) => number,
): Layout {
  const pos = new Map<string, { x: number; y: number }>();
  const side = new Map<string, 1 | -1>();
  const half = { x: centre ? centreHalf : 1, y: centre ? MARK + LABEL_GAP + 16 + 2 : 1 };
  if (centre) (pos.set(centre.id, { x: 0, y: 0 }), side.set(centre.id, 1));
  const cursor = { 1: centre ? centreHalf : COL_GAP, [-1]: centre ? centreHalf : COL_GAP } as Record<1 | -1, number>;
  const byKind = (a: N, b: N) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : 1);
  for (const level of levels) {
    // side and height of what each node hangs off (nodes of earlier levels), if anything
    const anchor = new Map<string, { side: number; y: number }>();
    for (const n of level) {
      const placed = (adj.get(n.id) ?? []).filter((m) => pos.has(m) && m !== centre?.id);
      if (placed.length) {
        anchor.set(n.id, {
          side: placed.reduce((s, m) => s + side.get(m)!, 0),
          y: placed.reduce((s, m) => s + pos.get(m)!.y, 0) / placed.length,
        });
      }
    }
    const sides: Record<1 | -1, N[]> = { 1: [], [-1]: [] };
    const sorted = [...level].sort(byKind);
    const loose = sorted.filter((n) => !anchor.get(n.id)?.side);
    for (const n of sorted) {
      const a = anchor.get(n.id);
      if (a?.side) sides[a.side > 0 ? 1 : -1].push(n);
    }
    // the rest split evenly, kinds kept together: the first ones right, the others left
    const rightShare = Math.max(0, Math.ceil((sorted.length) / 2) - sides[1].length);
    loose.forEach((n, i) => sides[i < rightShare ? 1 : -1].push(n));
    for (const s of [1, -1] as const) {
      const list = sides[s];
      if (!list.length) continue;
      // hung nodes follow the height of what they hang off; kinds stay together otherwise
      list.sort((a, b) => (anchor.get(a.id)?.y ?? 0) - (anchor.get(b.id)?.y ?? 0) || byKind(a, b));
      for (let c = 0; c < list.length; c += rows) {
        const column = list.slice(c, c + rows);
        const x = cursor[s] + MARK;
        const widest = Math.max(...column.map(labelWidth));
        const step = column.length > 1 ? Math.max(ROW, Math.min(2 * ROW, (rows * ROW) / column.length)) : 0;
        column.forEach((n, i) => {
          const y = (i - (column.length - 1) / 2) * step;
          pos.set(n.id, { x: s * x, y });
          side.set(n.id, s);
          half.y = Math.max(half.y, Math.abs(y) + ROW / 2);
        });
        cursor[s] = x + MARK + LABEL_GAP + widest + COL_GAP;
        half.x = Math.max(half.x, cursor[s] - COL_GAP + 2);
      }
    }
  }
  return { pos, half };
}

/** The zoom that shows a whole layout around (0, 0), labels included: 1 when it fits the pane. */
export function fitScale(layout: Layout, pane: Pane): number {
  const w = pane.width > 0 ? pane.width : 800;
  const h = pane.height > 0 ? pane.height : 360;
  return Math.min(1, (w / 2 - 4) / layout.half.x, (h / 2 - 4) / layout.half.y);
}
