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
export async function drawCytoscape(g: CompareGraph, layout: 'concentric' | 'cose' | 'grid'): Promise<number> {
  const container = freshContainer();
  const t0 = performance.now();
  const cy = cytoscape({
    container,
    elements: [
      ...g.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind, depth: n.depth } })),
      ...g.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target } })),
    ],
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 8, width: 10, height: 10 } },
      { selector: 'edge', style: { width: 1, 'line-color': '#bbb' } },
    ],
    layout:
      layout === 'concentric'
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

/** vis-network with physics (its default) or with physics off on a deterministic ring layout. */
export async function drawVisNetwork(g: CompareGraph, mode: 'physics' | 'fixed'): Promise<number> {
  const container = freshContainer();
  const t0 = performance.now();
  const rings = new Map<number, number>();
  const nodes = g.nodes.map((n) => {
    const i = rings.get(n.depth) ?? 0;
    rings.set(n.depth, i + 1);
    return { id: n.id, label: n.label, group: n.kind, depth: n.depth, i };
  });
  const perDepth = new Map<number, number>();
  for (const n of nodes) perDepth.set(n.depth, (perDepth.get(n.depth) ?? 0) + 1);
  const data = {
    nodes: new DataSet(
      nodes.map((n) => {
        if (mode === 'physics') return { id: n.id, label: n.label, group: n.group };
        const a = (2 * Math.PI * n.i) / (perDepth.get(n.depth) ?? 1);
        const r = n.depth * 400;
        return { id: n.id, label: n.label, group: n.group, x: r * Math.cos(a), y: r * Math.sin(a) };
      }),
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
