// Aggregation of the entity graph before drawing: the leaves of one neighbour that share a kind (68 orders
// carried by the provider's IP, 12 pages of one device…) become one counted bundle ("68 orders"), expanded on
// demand. Plus the shortest path between two drawn entities (breadth-first search over the drawn links).
import type { GraphEdge, GraphNode, GraphResult } from '../../core/graph/graph';
import { t } from '../i18n';
import { clip, formatCount } from '../format';

export interface DrawnNode extends GraphNode {
  /** A bundle: the ids of the entities it stands for. */
  members?: string[];
}

export interface BundledGraph {
  nodes: DrawnNode[];
  edges: GraphEdge[];
  /** Entity id → bundle id, for entities folded into a bundle. */
  bundleOf: Map<string, string>;
}

/** Fewer leaves than this stay individual nodes. */
export const MIN_BUNDLE = 6;

/** "68 orders" / "68 commandes", in the language on screen. */
export function bundleLabel(kind: string, n: number): string {
  return t('ui.gr.bundleOf', { kind, count: n, n: formatCount(n) });
}

/** The label of an entity in the language on screen: the engine names customers and orders in English
 *  ("customer 1874"), and counts the kinds it collapses ("12 orders"); other labels are the case's own data. */
export function localLabel(n: GraphNode): string {
  if (n.collapsed != null) return bundleLabel(n.kind, n.collapsed);
  if (n.kind === 'customer' || n.kind === 'order') return t('ui.gr.node', { kind: n.kind, value: clip(n.value, 80) });
  return n.label;
}

/**
 * Aggregates the drawn graph. Around a focus, the entities of one kind at depth 1 (the 73 orders a provider IP
 * carried) become one bundle, with the depth-2 entities linked only through them folded inside; elsewhere the
 * leaves of one neighbour that share a kind become a bundle; in the overview (no focus), the entities that are
 * not hubs then go into one bundle per kind. The focus, IPs near it (their role is the point) and bundles listed in
 * `expanded` stay individual.
 */
export function bundleLeaves(r: Pick<GraphResult, 'nodes' | 'edges' | 'focus'>, expanded: ReadonlySet<string> = new Set()): BundledGraph {
  const adj = new Map<string, string[]>();
  for (const e of r.edges) {
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
    adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
  }
  const byId = new Map(r.nodes.map((n) => [n.id, n]));
  const focusId = r.focus ? `${r.focus.kind}:${r.focus.value}` : null;
  const bundleOf = new Map<string, string>();
  const members = new Map<string, GraphNode[]>(); // the bundle's own entities (its kind); descendants only in bundleOf
  const fold = (groups: Map<string, GraphNode[]>) => {
    for (const [key, list] of groups) {
      if (list.length < MIN_BUNDLE || expanded.has(key)) continue;
      members.set(key, list);
      for (const m of list) bundleOf.set(m.id, key);
    }
  };
  if (focusId) {
    const hubs = new Map<string, GraphNode[]>();
    for (const n of r.nodes) {
      if (n.depth !== 1 || n.kind === 'ip' || n.collapsed) continue;
      const key = `bundle:${focusId}:${n.kind}`;
      hubs.set(key, [...(hubs.get(key) ?? []), n]);
    }
    fold(hubs);
    const hubOf = new Map<string, string>();
    for (const [key, list] of hubs) for (const m of list) hubOf.set(m.id, key);
    // Depth-2 entities reached only through one bundle's members go inside it; reached only through the members
    // of an opened bundle, they become bundles of their own by kind ("68 customers"), to open in turn.
    const opened = new Map<string, GraphNode[]>();
    for (const n of r.nodes) {
      if (n.depth !== 2 || n.collapsed) continue;
      const via = new Set((adj.get(n.id) ?? []).filter((m) => (byId.get(m)?.depth ?? 2) < 2).map((m) => hubOf.get(m) ?? null));
      if (via.size !== 1 || via.has(null)) continue;
      const hub = [...via][0]!;
      if (members.has(hub)) bundleOf.set(n.id, hub);
      else if (n.kind !== 'ip') opened.set(`${hub}:${n.kind}`, [...(opened.get(`${hub}:${n.kind}`) ?? []), n]);
    }
    fold(opened);
  }
  const leaves = new Map<string, GraphNode[]>();
  for (const n of r.nodes) {
    if (bundleOf.has(n.id) || n.id === focusId || n.collapsed || (n.kind === 'ip' && n.depth <= 1)) continue;
    const links = [...new Set((adj.get(n.id) ?? []).map((m) => bundleOf.get(m) ?? m))];
    if (links.length !== 1) continue;
    const key = `bundle:${links[0]}:${n.kind}`;
    leaves.set(key, [...(leaves.get(key) ?? []), n]);
  }
  fold(leaves);
  if (!focusId) {
    // The overview: every entity but the hubs (20 links or more) and the IPs (their role is the point) goes into
    // one bundle per kind ("73 orders"), to open on demand.
    const quiet = new Map<string, GraphNode[]>();
    for (const n of r.nodes) {
      if (bundleOf.has(n.id) || n.collapsed || n.kind === 'ip' || n.degree >= 20) continue;
      const key = `bundle:overview:${n.kind}`;
      quiet.set(key, [...(quiet.get(key) ?? []), n]);
    }
    fold(quiet);
  }

  const inside = new Map<string, number>();
  for (const b of bundleOf.values()) inside.set(b, (inside.get(b) ?? 0) + 1);
  const nodes: DrawnNode[] = r.nodes.filter((n) => !bundleOf.has(n.id));
  for (const [key, list] of members) {
    const first = list[0];
    nodes.push({
      id: key, kind: first.kind, value: key, label: bundleLabel(first.kind, list.length), role: null,
      depth: first.depth, degree: 1, events: list.reduce((s, m) => s + m.events, 0), collapsed: inside.get(key) ?? list.length,
      members: list.map((m) => m.id),
    });
  }
  const edges = new Map<string, GraphEdge>();
  for (const e of r.edges) {
    const source = bundleOf.get(e.source) ?? e.source;
    const target = bundleOf.get(e.target) ?? e.target;
    if (source === target) continue; // inside one bundle
    const id = source === e.source && target === e.target ? e.id : [source, target].sort().join('~');
    const had = edges.get(id);
    edges.set(id, had ? { ...had, weight: had.weight + e.weight } : { ...e, id, source, target });
  }
  return { nodes, edges: [...edges.values()], bundleOf };
}

/** Shortest path (fewest links) between two drawn nodes, as node ids from `from` to `to`; null when unlinked. */
export function shortestPath(edges: readonly GraphEdge[], from: string, to: string): string[] | null {
  if (from === to) return [from];
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
    adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
  }
  const prev = new Map<string, string>([[from, from]]);
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of adj.get(n) ?? []) {
        if (prev.has(m)) continue;
        prev.set(m, n);
        if (m === to) {
          const path = [to];
          while (path[0] !== from) path.unshift(prev.get(path[0])!);
          return path;
        }
        next.push(m);
      }
    }
    frontier = next;
  }
  return null;
}
