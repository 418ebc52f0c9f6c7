// Colours, shapes and the cytoscape stylesheet of the entity graph. Labels are drawn on the canvas as text
// (cytoscape never parses a label as HTML), which is why case data can go into `label` as is.
import type cytoscape from 'cytoscape';
import type { EntityKind } from '../../core/api/graphHandlers';

export const ROLE_COLOURS: Record<string, string> = {
  customer: '#2e7d32',
  provider: '#ef6c00',
  own: '#1565c0',
  shared: '#8e24aa',
  crawler: '#757575',
  unknown: '#90a4ae',
};

export const KIND_STYLE: Record<EntityKind, { shape: string; colour: string; label: string }> = {
  ip: { shape: 'ellipse', colour: ROLE_COLOURS.unknown, label: 'IP (colour = role)' },
  customer: { shape: 'round-rectangle', colour: '#5d4037', label: 'customer' },
  email: { shape: 'diamond', colour: '#00838f', label: 'e-mail' },
  card: { shape: 'rectangle', colour: '#6a1b9a', label: 'card' },
  order: { shape: 'triangle', colour: '#558b2f', label: 'order' },
  device: { shape: 'hexagon', colour: '#546e7a', label: 'device (IP + user agent)' },
};

export function graphStylesheet(): cytoscape.StylesheetJson {
  const kinds = Object.entries(KIND_STYLE).map(([kind, s]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { shape: s.shape, 'background-color': s.colour },
  }));
  const roles = Object.entries(ROLE_COLOURS).map(([role, colour]) => ({
    selector: `node[kind = "ip"][role = "${role}"]`,
    style: { 'background-color': colour },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 9,
        color: '#222',
        'text-valign': 'bottom',
        'text-margin-y': 2,
        'text-max-width': '160px',
        'text-wrap': 'ellipsis',
        width: 14,
        height: 14,
        'min-zoomed-font-size': 7,
      },
    },
    ...kinds,
    ...roles,
    { selector: 'node[depth = 0]', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#000', 'font-size': 12, 'font-weight': 'bold' } },
    { selector: 'node[kind = "ip"][role = "provider"]', style: { width: 24, height: 24 } },
    { selector: 'node[collapsed]', style: { shape: 'round-tag', 'background-opacity': 0.6 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffb300' } },
    { selector: 'edge', style: { width: 'mapData(weight, 1, 20, 1, 5)', 'line-color': '#c5c9cf', 'curve-style': 'haystack' } },
  ];
}
