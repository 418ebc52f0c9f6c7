// Browser-side harness of the graph-library measurement (bench/ui.bench.ts bundles it into a page and drives it
// in Chromium): the same focus graph drawn by cytoscape and by vis-network, timed from data to first painted
// frame after layout. Not part of the app.
import cytoscape from 'cytoscape';
import { Network, DataSet } from 'vis-network/standalone/esm/vis-network.mjs';

export interface CompareGraph {
  nodes: { id: string; label: string; kind: string; depth: number }[];
  edges: { id: string; source: string; target: string }[];
}

const nextPaint = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

function freshContainer(): HTMLElement {
  document.body.replaceChildren();
  const div = document.createElement('div');
  div.style.cssText = 'width:1200px;height:800px;position:relative';
  document.body.appendChild(div);
  return div;
}

/** cytoscape with a given layout; returns ms from construction to the painted frame after layout. */
export async function drawCytoscape(g: CompareGraph, layout: 'concentric' | 'cose' | 'grid' | 'preset', labels = true): Promise<number> {
  const container = freshContainer();
  const t0 = performance.now();
  const cy = cytoscape({
    container,
    elements: [
      ...g.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind, depth: n.depth } })),
      ...g.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target } })),
    ],
    style: [
      { selector: 'node', style: labels ? { label: 'data(label)', 'font-size': 8, width: 10, height: 10 } : { width: 10, height: 10 } },
      { selector: 'edge', style: { width: 1, 'line-color': '#bbb' } },
    ],
    pixelRatio: 1,
    layout:
      layout === 'preset'
        ? { name: 'preset', positions: ringPositions(g) }
        : layout === 'concentric'
        ? { name: 'concentric', concentric: (n: cytoscape.NodeSingular) => 3 - Number(n.data('depth')), levelWidth: () => 1, animate: false }
        : layout === 'cose'
          ? { name: 'cose', animate: false, numIter: 1000 }
          : { name: 'grid', animate: false },
  });
  await nextPaint();
  const ms = performance.now() - t0;
  cy.destroy();
  return ms;
}

/** The same deterministic rings for both libraries: depth d on a circle of radius 400·d. */
export function ringPositions(g: CompareGraph): Record<string, { x: number; y: number }> {
  const count = new Map<number, number>();
  for (const n of g.nodes) count.set(n.depth, (count.get(n.depth) ?? 0) + 1);
  const seen = new Map<number, number>();
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of g.nodes) {
    const i = seen.get(n.depth) ?? 0;
    seen.set(n.depth, i + 1);
    const a = (2 * Math.PI * i) / (count.get(n.depth) ?? 1);
    out[n.id] = { x: n.depth * 400 * Math.cos(a), y: n.depth * 400 * Math.sin(a) };
  }
  return out;
}

/** vis-network with physics (its default) or with physics off on a deterministic ring layout. */
export async function drawVisNetwork(g: CompareGraph, mode: 'physics' | 'fixed'): Promise<number> {
  const container = freshContainer();
  const t0 = performance.now();
  const pos = ringPositions(g);
  const data = {
    nodes: new DataSet(
      g.nodes.map((n) => (mode === 'physics' ? { id: n.id, label: n.label, group: n.kind } : { id: n.id, label: n.label, group: n.kind, ...pos[n.id] })),
    ),
    edges: new DataSet(g.edges.map((e) => ({ id: e.id, from: e.source, to: e.target }))),
  };
  const network = new Network(container, data, {
    physics: mode === 'physics' ? { stabilization: { iterations: 1000, updateInterval: 1000 } } : false,
    nodes: { shape: 'dot', size: 6, font: { size: 8 } },
    edges: { smooth: false },
  });
  await new Promise<void>((resolve) => {
    if (mode === 'fixed') network.once('afterDrawing', () => resolve());
    else network.once('stabilizationIterationsDone', () => network.once('afterDrawing', () => resolve()));
  });
  await nextPaint();
  const ms = performance.now() - t0;
  network.destroy();
  return ms;
}

declare global {
  interface Window {
    graphCompare: { drawCytoscape: typeof drawCytoscape; drawVisNetwork: typeof drawVisNetwork };
  }
}
window.graphCompare = { drawCytoscape, drawVisNetwork };
