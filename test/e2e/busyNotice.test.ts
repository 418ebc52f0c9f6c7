// The long-call notice (src/renderer/components/BusyNotice.tsx) as the Electron preload drives it: the host
// reports a call running long, the page shows what runs with a Cancel button, Cancel asks the host to stop it,
// and the notice goes when the host says nothing runs. The bridge has no such host, so the test plays the
// preload's two functions (onBusy, cancelRunning) on top of the bridge's window.alibi.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../support/bridge';
import { buildRenderer, CHROMIUM, screenshot } from '../support/browser';

let bridge: Bridge;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  bridge = await startBridge({ rendererDir: await buildRenderer() });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    let real: Record<string, unknown> | undefined;
    w.__busy = { cancels: 0, emit: (_v: unknown) => {} };
    Object.defineProperty(window, 'alibi', {
      configurable: true,
      get: () => real,
      // The bridge's object is frozen: the page gets a copy with the preload's two extra functions.
      set: (v: Record<string, unknown>) => {
        const state = w.__busy as { cancels: number; emit(v: unknown): void };
        real = Object.freeze({
          ...v,
          onBusy: (cb: (v: unknown) => void) => {
            state.emit = cb;
            return () => {};
          },
          cancelRunning: async () => {
            state.cancels++;
            return true;
          },
        });
      },
    });
  });
  await page.goto(bridge.url);
  await page.getByTestId('open-sample').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
});

describe('long-call notice', () => {
  it('shows what runs, cancels through the host, and goes away when nothing runs', async () => {
    await expect(page.getByTestId('busy-notice').count()).resolves.toBe(0);
    await page.evaluate(() => (window as unknown as { __busy: { emit(v: unknown): void } }).__busy.emit({ method: 'caseOpenSample', since: Date.now() }));
    const notice = page.getByTestId('busy-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Building the sample case');
    expect(await notice.getAttribute('role')).toBe('status');
    await screenshot(page, '31-busy-notice');
    await notice.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __busy: { cancels: number } }).__busy.cancels)).toBe(1);
    expect(await notice.getByRole('button').isDisabled()).toBe(true);
    await page.evaluate(() => (window as unknown as { __busy: { emit(v: unknown): void } }).__busy.emit(null));
    await expect.poll(() => page.getByTestId('busy-notice').count()).toBe(0);
  });
});
