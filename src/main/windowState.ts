// The window's size, position and maximised state across launches, kept in userData/window-state.json. Pure
// Node (no Electron import): main passes the displays' work areas, so a window saved on a monitor that is gone
// comes back on a visible one. A corrupt or hostile file means the default window, never an error.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect | null;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 800, height: 560 };

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** A saved state from JSON text; anything malformed or absurd is dropped. */
export function parseWindowState(text: string): WindowState {
  try {
    const v = JSON.parse(text) as { bounds?: Partial<Rect>; maximized?: unknown };
    const b = v?.bounds;
    const bounds =
      b && isInt(b.x, -100_000, 100_000) && isInt(b.y, -100_000, 100_000) && isInt(b.width, 1, 100_000) && isInt(b.height, 1, 100_000)
        ? { x: b.x, y: b.y, width: b.width, height: b.height }
        : null;
    return { bounds, maximized: v?.maximized === true };
  } catch {
    return { bounds: null, maximized: false };
  }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Bounds to open the window with: the saved ones clamped into the display they overlap most (at least the
 * minimum size, at most the work area); null (= centred default) when the saved window is on no display now.
 */
export function fitToDisplays(saved: Rect | null, workAreas: readonly Rect[]): Rect | null {
  if (!saved || workAreas.length === 0) return null;
  const best = workAreas.reduce((a, b) => (overlap(saved, b) > overlap(saved, a) ? b : a));
  if (overlap(saved, best) === 0) return null;
  const width = Math.min(Math.max(saved.width, MIN_SIZE.width), best.width);
  const height = Math.min(Math.max(saved.height, MIN_SIZE.height), best.height);
  const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - height);
  return { x, y, width, height };
}

export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(readFileSync(file, 'utf8').slice(0, 10_000));
  } catch {
    return { bounds: null, maximized: false };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename: a crash mid-write never leaves a half file.
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
