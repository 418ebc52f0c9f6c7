// The timeline opens on the alert's lanes, in Chromium against the sample case, in English and in French, at
// 1440×900 and 1280×720: whatever the lane mode (per source, per IP, per customer), the lanes of the blocked
// alert (the provider's decision, the blocked order's file, the customer's IP, the customer) are inside the
// visible lane area when the tab opens or the mode changes, and the alert itself stays in view in the pinned strip.
// Measured with bounding boxes: a lane scrolled out of the area (the last lanes shown first) fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { translator } from '../../src/core/i18n';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';

const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1280x720', width: 1280, height: 720 },
];
/** The sample's blocked Multi-CB alert: the lanes that must be in view, and a lane of the same mode that is not the alert's. */
const ALERT_LANES = {
  source: ['provider-antifraud.csv', 'shop-orders.csv'],
  ip: ['90.14.207.118', '51.91.102.137'],
  customer: ['1874', 'cus_TLq8sVdY2kWm4P'],
} as const;

interface LaneBox {
  text: string;
  alert: boolean;
  top: number;
  bottom: number;
}

/** The lane labels with their boxes, and the box of the area that shows lanes (the rest scrolls out of it). */
async function laneBoxes(page: Page): Promise<{ area: { top: number; bottom: number }; lanes: LaneBox[]; viewport: number }> {
  return page.getByTestId('timeline').evaluate((root) => {
    const area = root.querySelector('.vis-panel.vis-left')!.getBoundingClientRect();
    const lanes = [...root.querySelectorAll('.vis-labelset .vis-label')].map((l) => {
      const r = l.getBoundingClientRect();
      return { text: l.textContent ?? '', alert: !!l.querySelector('.tl-lane-alert'), top: r.top, bottom: r.bottom };
    });
    return { area: { top: area.top, bottom: area.bottom }, lanes, viewport: window.innerHeight };
  });
}

/** Lanes whose first line of label is outside the visible lane area. */
function outOfView(area: { top: number; bottom: number }, lanes: LaneBox[]): string[] {
  return lanes.filter((l) => l.top < area.top - 1 || Math.min(l.bottom, l.top + 18) > area.bottom + 1).map((l) => l.text);
}

for (const lang of ['en', 'fr'] as const) {
  const tx = translator(lang);
  describe.skipIf(!existsSync(CHROMIUM))(`the timeline opens on the alert's lanes (${lang})`, () => {
    let s: Session;

    beforeAll(async () => {
      s = await openSession({}, { locale: lang === 'en' ? 'en-GB' : 'fr-FR' });
      await s.page.getByTestId('open-sample').click();
      await s.page.getByTestId('case-title').waitFor({ timeout: 120_000 });
    });
    afterAll(async () => {
      await s?.close();
    });

    for (const size of SIZES) {
      it(`at ${size.name}, per source, per IP and per customer`, async () => {
        const { page } = s;
        await page.setViewportSize(size);
        // Open the tab afresh at this size (switching tabs unmounts the timeline).
        await page.getByRole('tab', { name: tx.t('ui.tab.home'), exact: true }).click();
        await page.getByRole('tab', { name: tx.t('ui.tab.investigate'), exact: true }).click();
        const strip = page.getByTestId('alert-strip');
        await strip.locator('.vis-item.tl-marker-decision', { hasText: 'Multi-CB' }).first().waitFor({ timeout: 60_000 });
        for (const mode of ['source', 'ip', 'customer'] as const) {
          if (mode !== 'source') await page.getByTestId('lane-mode').selectOption(mode);
          const want = ALERT_LANES[mode];
          // the new lanes are drawn, the alert's flagged
          await expect
            .poll(async () => {
              const { lanes } = await laneBoxes(page);
              return want.every((w) => lanes.some((l) => l.alert && l.text.includes(w)));
            }, { timeout: 30_000 })
            .toBe(true);
          await page.waitForTimeout(300); // a late redraw would move them
          const { area, lanes, viewport } = await laneBoxes(page);
          expect(area.bottom, 'the lane area fits the window').toBeLessThanOrEqual(viewport);
          // the lanes start below the time axis, never under it
          const axis = await page.getByTestId('timeline').evaluate((root) => root.querySelector('.vis-panel.vis-top')!.getBoundingClientRect().bottom);
          expect(area.top, `${mode}: lanes below the axis at ${size.name}`).toBeGreaterThanOrEqual(axis - 1);
          expect(area.bottom - area.top, 'the lane area shows lanes').toBeGreaterThan(40);
          const alertLanes = lanes.filter((l) => l.alert);
          expect(outOfView(area, alertLanes), `${mode}: alert lanes out of view at ${size.name}`).toEqual([]);
          // the alert's lanes come first: no other lane sits above them
          expect(lanes.slice(0, alertLanes.length).every((l) => l.alert), `${mode}: the alert's lanes first`).toBe(true);
          if (mode !== 'source') expect(lanes.length, `${mode}: more lanes than fit, so the scroll position matters`).toBeGreaterThan(alertLanes.length);
          // the alert itself stays in view in the pinned strip above the lanes
          const decision = await strip.locator('.vis-item.tl-marker-decision', { hasText: 'Multi-CB' }).first().boundingBox();
          const stripBox = await strip.boundingBox();
          expect(decision && stripBox && decision.y >= stripBox.y && decision.y + decision.height <= stripBox.y + stripBox.height + 1).toBe(true);
          await screenshot(page, `timeline-lanes-${lang}-${mode}-${size.name}`);
        }
      });
    }
  });
}
