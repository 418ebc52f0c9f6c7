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

/**
 * Deterministic rings: the focus in the middle, depth-1 entities on a ring, depth-2 on an outer ring (the overview
 * rings by degree). Measured far cheaper than any force layout for thousands of nodes (README.md).
 */
export function ringLayout<N extends { id: string; kind: string; depth: number; degree: number }>(nodes: N[], focused: boolean): Map<string, { x: number; y: number }> {
  const ringOf = (n: N) => (focused ? n.depth : n.degree >= 20 ? 0 : n.degree >= 4 ? 1 : 2);
  const rings = new Map<number, N[]>();
  for (const n of nodes) rings.set(ringOf(n), [...(rings.get(ringOf(n)) ?? []), n]);
  const out = new Map<string, { x: number; y: number }>();
  let radius = 0;
  for (const r of [...rings.keys()].sort((a, b) => a - b)) {
    // kinds side by side on a ring: orders in one arc, cards in another — links then run in bundles
    const ring = rings.get(r)!.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : 1));
    // 22 px of circumference per node, and each ring clear of the previous one
    const needed = (ring.length * 34) / (2 * Math.PI);
    // a lone node on the innermost ring (the focus, or the overview's hub) sits in the middle
    radius = ring.length === 1 && out.size === 0 ? 0 : Math.max(radius + 200, needed);
    ring.forEach((n, i) => {
      const a = (2 * Math.PI * i) / ring.length + r * 0.3;
      out.set(n.id, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
    });
  }
  return out;
}

