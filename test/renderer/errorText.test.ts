// What the screen says for errors: the engine's message and hint, raw system errors (ENOENT…) in words.
import { describe, expect, it, vi } from 'vitest';

// The renderer's language comes from the profile: English here.
vi.stubGlobal('localStorage', { getItem: () => 'en', setItem: () => undefined });
vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
const { errorText } = await import('../../src/renderer/useAsync');

describe('error texts on screen', () => {
  it('never shows a raw Node error code', () => {
    expect(errorText(new Error("ENOENT: no such file or directory, open '/home/ana/exports/orders.csv'"))).toBe(
      'orders.csv was not found: it may have been moved, renamed or deleted. Choose the file again.',
    );
    expect(errorText({ message: "EACCES: permission denied, open 'C:\\Users\\ana\\x.log'" })).toMatch(/^Alibi is not allowed to open x\.log/);
    expect(errorText({ message: 'bad header', hint: 'map the date column' })).toBe('bad header — map the date column');
  });
});
