// Remembered window geometry (src/main/windowState.ts): survives a restart, never lands off screen, and a
// hostile or corrupt state file only means the default window.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitToDisplays, loadWindowState, MIN_SIZE, parseWindowState, saveWindowState } from '../../src/main/windowState';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const external = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('round-trips through the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'alibi-ws-')), 'sub', 'window-state.json');
    saveWindowState(file, { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true });
    expect(loadWindowState(file)).toEqual({ bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true });
  });

  it('reads corrupt, hostile or absurd files as "no saved state"', () => {
    for (const text of ['', '{', 'null', '[]', '{"bounds":{"x":"0","y":0,"width":10,"height":10}}', '{"bounds":{"x":0,"y":0,"width":1e12,"height":10}}', '{"bounds":{"x":0.5,"y":0,"width":10,"height":10}}']) {
      expect(parseWindowState(text).bounds, text).toBeNull();
    }
    expect(parseWindowState('{"maximized":"yes"}').maximized).toBe(false);
    expect(loadWindowState('/nonexistent/alibi/window-state.json')).toEqual({ bounds: null, maximized: false });
  });

  it('keeps a window that is on a display where it was', () => {
    const b = { x: 2000, y: 100, width: 1400, height: 900 };
    expect(fitToDisplays(b, [laptop, external])).toEqual(b);
  });

  it('drops a window saved on a monitor that is gone, and clamps one that hangs over the edge', () => {
    expect(fitToDisplays({ x: 2000, y: 100, width: 1400, height: 900 }, [laptop])).toBeNull();
    expect(fitToDisplays({ x: 1500, y: -50, width: 3000, height: 300 }, [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: MIN_SIZE.height });
    expect(fitToDisplays(null, [laptop])).toBeNull();
    expect(fitToDisplays({ x: 0, y: 0, width: 100, height: 100 }, [])).toBeNull();
  });
});
