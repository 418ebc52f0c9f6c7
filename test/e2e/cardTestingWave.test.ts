// A card-testing wave spread over banks, identities and residential proxies (CT-2) as the French analyst sees it on
// the Findings screen and on one proxy's IP detail, in Chromium against the real engine (loopback bridge).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';
import { newCase } from '../support/newCase';
import { cardTestingWave, ordinaryDay } from '../support/scenarios';

describe.skipIf(!existsSync(CHROMIUM))('a card-testing wave across the shop, in French (Chromium + bridge)', () => {
  let s: Session;
  const c = newCase();
  ordinaryDay(c);
  const ips = cardTestingWave(c);
  c.db.close();

  beforeAll(async () => {
    s = await openSession({}, { locale: 'fr-FR' });
    await s.page.evaluate((p) => window.alibi.caseOpen({ path: p }), c.path);
    await s.page.reload();
    await s.page.getByTestId('case-title').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the Findings screen names the wave, the whole shop as its subject, and its assessment, in French', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Constats', exact: true }).click();
    const finding = page.getByTestId('findings').locator('article', { hasText: 'CT-2' });
    await finding.waitFor({ timeout: 60_000 });
    const text = (await finding.textContent()) ?? '';
    expect(text).toContain('vague de tests de cartes sur toute la boutique en 1 h');
    expect(text).toMatch(/Toute la boutique\s:\s40 IP · 8 BIN/);
    expect(text).toMatch(/40 tentatives refusées pour données de carte ou débitées d’un petit montant/);
    expect(text).toMatch(/Cela ressemble à un test de cartes/);
    expect(text).not.toMatch(/card-testing|whole shop|Looks like/);
    await screenshot(page, 'card-testing-wave-fr');
  });

  it("one proxy's detail says it took part in the wave and what stops it, in French", async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Adresses IP', exact: true }).click();
    await page.locator(`tr[data-ip="${ips[3]}"]`).click();
    const detail = page.getByTestId('ip-detail');
    await detail.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('ip-role').getAttribute('data-role')).toBe('attacker');
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('sur toute la boutique (40 IP · 8 BIN)');
    expect(text).toContain('une règle sur les refus pour données de carte sur toute la boutique');
    await screenshot(page, 'card-testing-wave-ip-fr');
  });
});
