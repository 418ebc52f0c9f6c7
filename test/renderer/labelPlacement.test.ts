// The graph's label placement rule on made-up positions: no two placed labels overlap, none covers another
// node's marker, all lie inside the canvas; the focus and a hovered node go first and keep their full text;
// a crowded node gets its shortened text or no label at all, and the count of those left out is returned.
import { describe, expect, it } from 'vitest';
import { LONG_CHARS, placeLabels, shorten, type LabelRequest, type PlacedLabel } from '../../src/renderer/graph/labelPlacement';

const measure = (text: string) => [...text].length * 7;
const view = { width: 400, height: 200, centre: { x: 200, y: 100 } };
const cross = (a: PlacedLabel, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function check(requests: LabelRequest[], placed: PlacedLabel[]): void {
  for (const [i, a] of placed.entries()) {
    expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= view.width && a.y + a.h <= view.height, `${a.text} inside`).toBe(true);
    for (const b of placed.slice(i + 1)) expect(cross(a, b), `${a.text} / ${b.text}`).toBe(false);
    for (const q of requests) {
      if (q.id === a.id || q.priority <= 0) continue;
      expect(cross(a, { x: q.x - q.r, y: q.y - q.r, w: 2 * q.r, h: 2 * q.r }), `${a.text} over ${q.id}`).toBe(false);
    }
  }
}

describe('placeLabels', () => {
  it('a crowded column: labels stacked without overlap, the rest counted as left out', () => {
    // 30 nodes 8 px apart in one column: only one label in two can fit (16 px high)
    const requests = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, text: `order 482${i}`, x: 300, y: 20 + i * 6, r: 2, priority: 10 + i }));
    const { placed, hidden } = placeLabels(requests, view, measure);
    check(requests, placed);
    expect(placed.length).toBeGreaterThan(5);
    expect(placed.length + hidden).toBe(30);
    // the higher priority (lower number) wins the contested room
    expect(placed.map((p) => p.id)).toContain('n0');
  });

  it('the focus keeps its full text and goes first, even over a neighbour; a long label is shortened', () => {
    const long = 'julien.moreau@example.net · a very long user agent string that goes on';
    const requests: LabelRequest[] = [
      { id: 'other', text: 'customer 1874', x: 200, y: 118, r: 5, priority: 5 },
      { id: 'focus', text: 'julien.moreau@example.net', x: 200, y: 100, r: 8, priority: 0 },
      { id: 'long', text: long, x: 40, y: 40, r: 4, priority: 6 },
    ];
    const { placed } = placeLabels(requests, view, measure);
    check(requests, placed);
    expect(placed[0]).toMatchObject({ id: 'focus', text: 'julien.moreau@example.net' });
    expect(placed.find((p) => p.id === 'long')?.text).toBe(shorten(long, LONG_CHARS));
    expect(shorten(long, LONG_CHARS)).toHaveLength(LONG_CHARS);
  });

  it('labels face away from the centre and never leave the canvas', () => {
    const requests: LabelRequest[] = [
      { id: 'right', text: 'right node', x: 300, y: 100, r: 4, priority: 1 },
      { id: 'left', text: 'left node', x: 100, y: 100, r: 4, priority: 1 },
      { id: 'edge', text: 'a label that cannot fit left', x: 3, y: 40, r: 2, priority: 1 },
      { id: 'off', text: 'off screen', x: -50, y: 100, r: 2, priority: 1 },
    ];
    const { placed } = placeLabels(requests, view, measure);
    check(requests, placed);
    const at = (id: string) => placed.find((p) => p.id === id)!;
    expect(at('right').x).toBeGreaterThan(300);
    expect(at('left').x + at('left').w).toBeLessThan(100);
    expect(at('edge').x).toBeGreaterThanOrEqual(0);
    expect(placed.some((p) => p.id === 'off')).toBe(false);
  });
});

describe('shorten', () => {
  it('draws a bidi override or a control as U+FFFD, never as a reordering', () => {
    expect(shorten('invoice\u202Egpj.exe', 40)).toBe('invoice\uFFFDgpj.exe');
    expect(shorten('a\u0007b', 40)).toBe('a\uFFFDb');
    expect(shorten('😀'.repeat(20), 5)).toBe(`${'😀'.repeat(4)}…`);
  });
});
