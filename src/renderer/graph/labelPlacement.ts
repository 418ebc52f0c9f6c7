// Where the graph's labels go on screen. vis-network draws a label under each node whatever its neighbours, so
// on a ring they run into one another ("order 48210order 48217"). The view draws its own labels instead, at one
// size in screen pixels (readable at any zoom), and this module picks, by priority, the labels that fit: each
// tries the side facing away from the centre first, then the other sides, then a shortened text; a label that
// would cover another label, another node or the canvas edge is left out until a zoom or a hover makes room.
// Pure: positions in, boxes out (the measuring of text is passed in), so the rule is tested without a canvas.

/** Controls and bidi overrides/isolates/marks: the canvas would hide them or let them reorder a case's value
 *  ("gpj.exe" drawn as "exe.jpg"); drawn as U+FFFD instead, as the report and the CLI do. */
const HIDDEN_OR_REORDERING = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

export interface LabelRequest {
  id: string;
  text: string;
  /** Node centre on screen (CSS pixels, relative to the canvas). */
  x: number;
  y: number;
  /** Half the node's drawn size on screen. */
  r: number;
  /** Lower goes first; the hovered and focused nodes get the lowest. */
  priority: number;
  bold?: boolean;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** Top-left corner and size of the label's box (background included), CSS pixels relative to the canvas. */
  x: number;
  y: number;
  w: number;
  h: number;
  bold: boolean;
}

export const LABEL_FONT_PX = 12;
/** Height of a label's box: the text and its white background. */
export const LABEL_BOX_H = 16;
const PAD_X = 3;
const GAP = 3;
/** Labels longer than this are cut; when even that does not fit, SHORT_CHARS is tried before leaving it out. */
export const LONG_CHARS = 34;
export const SHORT_CHARS = 16;
const CELL = 64;

/** The text cut to `max` characters with an ellipsis (by code points: never half an emoji), controls and bidi
 *  characters shown as U+FFFD. */
export function shorten(text: string, max: number): string {
  const chars = [...text.replace(HIDDEN_OR_REORDERING, '\uFFFD')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

type Box = { x: number; y: number; w: number; h: number };

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Boxes bucketed by 64-pixel cells: a test looks only at the cells a box covers. */
class BoxGrid {
  private cells = new Map<string, Box[]>();
  private keys(b: Box): string[] {
    const out: string[] = [];
    for (let cx = Math.floor(b.x / CELL); cx <= Math.floor((b.x + b.w) / CELL); cx++) {
      for (let cy = Math.floor(b.y / CELL); cy <= Math.floor((b.y + b.h) / CELL); cy++) out.push(`${cx},${cy}`);
    }
    return out;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
  hits(b: Box, except?: Box): boolean {
    for (const k of this.keys(b)) for (const o of this.cells.get(k) ?? []) if (o !== except && overlaps(o, b)) return true;
    return false;
  }
}

/**
 * Picks the labels to draw: no two placed boxes overlap, none covers a node marker but its own (except the focus's
 * and the hovered node's, which may rather than be cut), all lie inside `width` × `height`. `centre` is the
 * screen point the layout turns around (labels face away from it).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  view: { width: number; height: number; centre: { x: number; y: number } },
  measure: (text: string, bold: boolean) => number,
): { placed: PlacedLabel[]; hidden: number } {
  const markers = new BoxGrid();
  const own = new Map<string, Box>();
  for (const q of requests) {
    const r = Math.max(1, q.r);
    const b = { x: q.x - r, y: q.y - r, w: 2 * r, h: 2 * r };
    own.set(q.id, b);
    markers.add(b);
  }
  const labels = new BoxGrid();
  const placed: PlacedLabel[] = [];
  let hidden = 0;
  const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.w <= view.width && b.y + b.h <= view.height;
  for (const q of [...requests].sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1))) {
    // nodes off screen have no label to show
    if (q.x < -q.r || q.y < -q.r || q.x > view.width + q.r || q.y > view.height + q.r) continue;
    const bold = q.bold ?? false;
    let done = false;
    const long = shorten(q.text, LONG_CHARS);
    const short = shorten(q.text, SHORT_CHARS);
    // The focus and the hovered node (priority ≤ 0) keep their full text even over a neighbour's marker.
    const tries: [string, boolean][] = [[long, true], ...(q.priority <= 0 ? [[long, false] as [string, boolean]] : []), ...(short !== long ? [[short, true] as [string, boolean]] : [])];
    for (const [text, clearOfMarkers] of tries) {
      const w = Math.ceil(measure(text, bold)) + 2 * PAD_X;
      for (const b of candidates(q, w, view.centre)) {
        if (!inside(b) || labels.hits(b) || (clearOfMarkers && markers.hits(b, own.get(q.id)))) continue;
        labels.add(b);
        placed.push({ id: q.id, text, ...b, bold });
        done = true;
        break;
      }
      if (done) break;
    }
    if (!done) hidden++;
  }
  return { placed, hidden };
}

/** The boxes a label may take around its node: facing away from the centre first, then below, above, right, left. */
function candidates(q: LabelRequest, w: number, centre: { x: number; y: number }): Box[] {
  const h = LABEL_BOX_H;
  const r = Math.max(1, q.r);
  const below = { x: q.x - w / 2, y: q.y + r + GAP, w, h };
  const above = { x: q.x - w / 2, y: q.y - r - GAP - h, w, h };
  const right = { x: q.x + r + GAP, y: q.y - h / 2, w, h };
  const left = { x: q.x - r - GAP - w, y: q.y - h / 2, w, h };
  const dx = q.x - centre.x;
  const dy = q.y - centre.y;
  const len = Math.hypot(dx, dy);
  // the focus itself (at the centre): below first
  const first = len < 1 ? below : Math.abs(dx) / len > 0.5 ? (dx > 0 ? right : left) : dy > 0 ? below : above;
  return [first, ...[below, above, right, left].filter((b) => b !== first)];
}
