// The graph's aggregation and layout on a made-up neighbourhood (no browser): around a focus, ten orders are one
// bundle with their customers folded inside; opening it shows the orders and bundles the customers that hung from
// them; the overview bundles every non-hub entity but IPs by kind; the two-sided column layout puts the focus in
// the middle, leaves each column as wide as its labels and one row per label, and grows with the neighbourhood.
import { describe, expect, it, vi } from 'vitest';
import type { GraphEdge, GraphNode } from '../../src/core/graph/graph';

vi.stubGlobal('localStorage', { getItem: () => 'en', setItem: () => undefined });
vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
const { bundleLeaves } = await import('../../src/renderer/graph/bundle');
const { fitScale, sidesLayout } = await import('../../src/renderer/graph/graphStyle');

const node = (kind: GraphNode['kind'], value: string, depth: 0 | 1 | 2, degree = 1): GraphNode =>
  ({ id: `${kind}:${value}`, kind, value, label: `${kind} ${value}`, role: null, depth, degree, events: 1 });
const edge = (a: GraphNode, b: GraphNode): GraphEdge => ({ id: `${a.id}|${b.id}`, source: a.id, target: b.id, weight: 1 });

/** A provider IP carrying ten orders, each of one customer of its own, and one other IP. */
function provider() {
  const focus = node('ip', '51.91.102.137', 0, 11);
  const orders = Array.from({ length: 10 }, (_, i) => node('order', `4821${i}`, 1, 2));
  const customers = orders.map((_, i) => node('customer', `c${i}`, 2));
  const ip = node('ip', '90.14.207.118', 1);
  return {
    focus: { kind: 'ip' as const, value: focus.value },
    nodes: [focus, ...orders, ...customers, ip],
    edges: [...orders.map((o) => edge(focus, o)), ...orders.map((o, i) => edge(o, customers[i])), edge(focus, ip)],
  };
}

describe('bundleLeaves', () => {
  it('folds the orders and what hangs from them; opening them bundles the customers in turn', () => {
    const g = provider();
    const closed = bundleLeaves(g);
    const orders = closed.nodes.find((n) => n.members);
    expect(orders).toMatchObject({ kind: 'order', label: '10 orders', collapsed: 20 });
    expect(closed.nodes.map((n) => n.id).sort()).toEqual([orders!.id, 'ip:51.91.102.137', 'ip:90.14.207.118'].sort());
    const opened = bundleLeaves(g, new Set([orders!.id]));
    expect(opened.nodes.filter((n) => n.kind === 'order' && !n.members)).toHaveLength(10);
    const customers = opened.nodes.find((n) => n.members);
    expect(customers).toMatchObject({ kind: 'customer', label: '10 customers', depth: 2 });
    // each order keeps its own link to the customers' bundle
    expect(opened.edges.filter((e) => e.target === customers!.id || e.source === customers!.id)).toHaveLength(10);
    const all = bundleLeaves(g, new Set([orders!.id, customers!.id]));
    expect(all.nodes.some((n) => n.members)).toBe(false);
    expect(all.nodes).toHaveLength(g.nodes.length);
  });

  it('the overview keeps hubs and IPs and bundles the rest by kind', () => {
    const hub = node('customer', 'guest', 1, 30);
    const ips = Array.from({ length: 8 }, (_, i) => node('ip', `10.0.0.${i}`, 1, 2));
    const cards = Array.from({ length: 8 }, (_, i) => node('card', `k${i}`, 1, 2));
    const edges = [...ips.map((ip, i) => edge(ip, cards[i])), ...cards.map((c) => edge(c, hub))];
    const b = bundleLeaves({ focus: null, nodes: [hub, ...ips, ...cards], edges });
    expect(b.nodes.filter((n) => n.kind === 'ip')).toHaveLength(8);
    expect(b.nodes.find((n) => n.id === hub.id)).toBeDefined();
    expect(b.nodes.find((n) => n.members)).toMatchObject({ kind: 'card', label: '8 cards' });
  });
});

describe('sidesLayout', () => {
  const width = (n: GraphNode) => n.label.length * 7;
  it('focus in the middle, columns one label high per row and as wide as their labels, outwards', () => {
    const g = provider();
    const pane = { width: 700, height: 150 };
    const b = bundleLeaves(g, new Set(['bundle:ip:51.91.102.137:order']));
    const layout = sidesLayout(b.nodes, b.edges, true, pane, width);
    expect(layout.pos.get('ip:51.91.102.137')).toEqual({ x: 0, y: 0 });
    const byColumn = new Map<number, { y: number; w: number }[]>();
    for (const n of b.nodes) {
      const p = layout.pos.get(n.id)!;
      if (n.depth === 0) continue;
      byColumn.set(p.x, [...(byColumn.get(p.x) ?? []), { y: p.y, w: width(n) }]);
    }
    const xs = [...byColumn.keys()].sort((a, b) => a - b);
    for (const list of byColumn.values()) {
      const ys = list.map((l) => l.y).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(20);
    }
    // on each side, the next column out starts beyond the widest label of the one before
    for (let i = 1; i < xs.length; i++) {
      if (Math.sign(xs[i]) !== Math.sign(xs[i - 1]) || xs[i] < 0) continue;
      expect(xs[i] - xs[i - 1]).toBeGreaterThan(Math.max(...byColumn.get(xs[i - 1])!.map((l) => l.w)));
    }
    // both sides of the focus are used
    expect(xs.some((x) => x < 0) && xs.some((x) => x > 0)).toBe(true);
    expect(fitScale(layout, pane)).toBeLessThanOrEqual(1);
  });

  it('a neighbourhood too big for the pane gets more rows and a zoom below 1', () => {
    const focus = node('ip', 'f', 0, 300);
    const many = Array.from({ length: 300 }, (_, i) => node('order', `${i}`, 1));
    const pane = { width: 700, height: 150 };
    const layout = sidesLayout([focus, ...many], many.map((m) => edge(focus, m)), true, pane, width);
    expect(layout.half.x / layout.half.y).toBeLessThan(700 / 150 * 1.5);
    expect(fitScale(layout, pane)).toBeLessThan(1);
    expect(new Set([...layout.pos.values()].map((p) => `${p.x},${p.y}`)).size).toBe(301);
  });
});
