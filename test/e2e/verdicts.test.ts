// The decisions an analyst must take, on the IPs and Findings screens in Chromium against the real engine (loopback
// bridge): a role conflict ("analyst decision needed") with the evidence for and against and what would change the
// verdict, block proposals narrowest first each with its duration and impact, a finding's severity note, the clock
// check between two files — worded as the CLI words them, in English and in French.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { analyzeCase } from '../../src/core/analysis/analyze';
import { translator } from '../../src/core/i18n/translator';
import { CHROMIUM, openSession, screenshot, type Session } from '../support/browser';
import { HOUR, MIN, newCase, T0 } from '../support/newCase';
import { DECISION, decisionCase } from '../support/scenarios';

describe.skipIf(!existsSync(CHROMIUM))('conflicts, block proposals and severity notes on screen (Chromium + bridge)', () => {
  let s: Session;
  const c = newCase();
  decisionCase(c);
  // and a PSP file read in the wrong zone: its payments sit an hour after their orders (a clock check)
  const source = (name: string, tz: string) =>
    Number(c.db.prepare(`INSERT INTO sources(file_name, size, sha256, format, parser_version, imported_at, tz) VALUES (?, 0, ?, 'test', 'test', '2025-11-23T00:00:00Z', ?)`).run(name, name, tz).lastInsertRowid);
  const [orders, psp] = [source('shop-orders.csv', 'Europe/Paris'), source('psp.csv', 'UTC')];
  for (let i = 0; i < 6; i++) {
    const t = T0 + 5 * HOUR + i * 20 * MIN;
    c.add({ kind: 'order', ts: t, source_id: orders, order_id: `Z${i}`, transaction_id: `ch_z${i}`, ip: `90.14.${10 + i}.7`, email: `z${i}@example.fr`, decision: 'processing' });
    c.add({ kind: 'payment', ts: t + HOUR + 4000, source_id: psp, order_id: `Z${i}`, transaction_id: `ch_z${i}`, card_key: `fp_z${i}`, decision: 'Paid' });
  }
  const analysis = analyzeCase(c.db);
  c.db.close();

  beforeAll(async () => {
    s = await openSession({}, { locale: 'en-GB' });
    await s.page.evaluate((p) => window.alibi.caseOpen({ path: p }), c.path);
    await s.page.reload();
    await s.page.getByTestId('case-title').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the IP list names the address with conflicting evidence; its detail shows the conflict, for/against and what would change it', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'IPs' }).click();
    const banner = page.getByTestId('ip-conflicts');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.textContent()).toContain(`${DECISION.conflicted} conflict: evidence for payment provider (server-to-server) and for attacker (abusive automation) — analyst decision needed`);
    await banner.getByRole('button', { name: DECISION.conflicted }).click();
    const detail = page.getByTestId('ip-detail');
    await detail.waitFor();
    expect(await page.getByTestId('ip-role').getAttribute('data-role')).toBe('provider');
    const conflict = page.getByTestId('ip-conflict');
    expect(await conflict.textContent()).toContain('Conflict — analyst decision needed');
    expect(await conflict.textContent()).toContain("a provider's server does not shop");
    expect(await page.getByTestId('ip-for').textContent()).toContain("inside Stripe's published webhook addresses");
    expect(await page.getByTestId('ip-against').textContent()).toContain('the shopper address of 6 order/payment attempts');
    expect(await page.getByTestId('ip-would-change').textContent()).toContain('an order or payment placed from this address');
    // a signal's events open in the timeline
    await page.getByTestId('ip-against').getByRole('button').first().click();
    await screenshot(page, 'verdicts-01-conflict');
  });

  it("an attacker's detail lists the narrowest block first, then its /24, each with its impact — the CLI's words", async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'IPs' }).click();
    await page.locator(`tr[data-ip="${DECISION.testerA}"]`).click();
    const list = page.getByTestId('block-proposals');
    await list.waitFor({ timeout: 60_000 });
    const items = list.locator('li');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).getAttribute('data-scope')).toBe('address');
    expect(await items.nth(1).getAttribute('data-scope')).toBe('prefix');
    const en = translator('en');
    const expected = analysis.blocks.find((b) => b.ip === DECISION.testerA)!.proposals.map((p) => en.msg(p.msg!));
    expect(expected[1]).toMatch(/^block the range 162\.243\.150\.0\/24 for 24 hours: safe to block — would cut 0 customers/);
    for (const [i, line] of expected.entries()) expect(await items.nth(i).textContent()).toContain(line);
    // the same counts as the CLI: the tester's throwaway orders are reported apart, not as orders the block would cut
    const impact = await page.getByTestId('block-impact').textContent();
    expect(impact).toContain(`Blocking ${DECISION.testerA} would have cut 0 customers, 0 orders, 0 successful payments, 0 provider calls`);
    expect(impact).toContain("orders placed by the tester's throwaway identities: 8, amount 15.00 — not legitimate revenue");
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, 'verdicts-02-proposals');
  });

  it('the finding on the conflicted address says why its severity was kept', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Findings' }).click();
    const notes = page.getByTestId('severity-note');
    await notes.first().waitFor({ timeout: 60_000 });
    const expected = analysis.findings.filter((f) => f.severityNoteMsg).map((f) => `Severity: ${translator('en').msg(f.severityNoteMsg!)}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(await notes.allTextContents()).toEqual(expected);
    await notes.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'verdicts-03-severity-note');
  });

  it('the clock check between the two files is shown above the findings', async () => {
    const { page } = s;
    const box = page.getByTestId('time-checks');
    await box.waitFor({ timeout: 60_000 });
    expect(analysis.timeChecks.map((x) => x.kind)).toEqual(['clock-offset']);
    expect(await box.textContent()).toContain(translator('en').msg(analysis.timeChecks[0].msg!));
    expect(await box.textContent()).toMatch(/the times of psp\.csv are consistently 1 h after those of shop-orders\.csv/);
  });

  it('in French: the conflict, the proposals and the severity notes in French', async () => {
    const { page } = s;
    await page.getByTestId('lang-picker').selectOption('fr');
    await page.getByRole('tab', { name: 'Adresses IP', exact: true }).click();
    const banner = page.getByTestId('ip-conflicts');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.textContent()).toContain('des indices contradictoires — décision de l’analyste nécessaire');
    await page.locator(`tr[data-ip="${DECISION.testerB}"]`).click();
    const list = page.getByTestId('block-proposals');
    await list.waitFor();
    expect(await list.textContent()).toContain('bloquer la plage 162.243.150.0/24 pendant 24 heures : blocage sans risque — couperait 0 client');
    expect(await page.getByTestId('ip-detail').textContent()).toContain('Ce qui changerait ce verdict');
    await screenshot(page, 'verdicts-04-fr-proposals');
    await page.getByRole('tab', { name: 'Constats', exact: true }).click();
    await page.getByTestId('severity-note').first().waitFor();
    expect(await page.getByTestId('severity-note').first().textContent()).toMatch(/^Gravité : gravité maintenue/);
    expect(await page.getByTestId('time-checks').textContent()).toContain('Contrôles d’horloge entre les sources');
    expect(await page.getByTestId('time-checks').textContent()).toMatch(/les horodatages de psp\.csv sont systématiquement 1 h après ceux de shop-orders\.csv/);
    expect(s.offsite).toEqual([]);
    expect(s.dialogs).toEqual([]);
  });
});
