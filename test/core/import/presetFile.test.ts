// A saved mapping as a small file: exported from one case, imported into another (CLI and API), checked as
// untrusted input, audited; and the case home's coverage gaps (what an export cannot carry, who supplies it).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { importFile } from '../../../src/core/import/importFile';
import { exportPresetFile, importPresetFile, parsePresetFile } from '../../../src/core/import/presetFile';
import { coverageGaps } from '../../../src/core/import/coverage';
import { CSV_PRESETS } from '../../../src/core/import/presets';
import { CLI, fixture, REPO } from '../../support/paths';
import { newCase, tmpDir } from '../../support/newCase';
import { events } from '../../support/caseState';


describe('preset files', () => {
  it("exports a case's mapping and another case imports with it (audited on both sides)", async () => {
    const a = newCase();
    await importFile(a.db, fixture('custom-tab.tsv'), { map: { timestamp: 'When', ip: 'client address', email: 'Mail' }, savePresetAs: 'helpdesk' });
    const file = exportPresetFile(a.db, 'helpdesk');
    expect(file).toMatchObject({ alibi_preset: 1, name: 'helpdesk', base_preset: null, mapping: { timestamp: 'When', ip: 'Client address', email: 'Mail' } });

    const b = newCase();
    const text = JSON.stringify(file);
    expect(importPresetFile(b.db, parsePresetFile(text))).toMatchObject({ name: 'helpdesk' });
    expect(b.db.prepare("SELECT count(*) FROM audit WHERE action = 'preset.save' AND target = 'helpdesk'").pluck().get()).toBe(1);
    const r = await importFile(b.db, fixture('custom-tab.tsv'), { preset: 'helpdesk' });
    expect(r).toMatchObject({ preset: 'helpdesk', accepted: 2 });
    expect(events(b.db)[0]).toMatchObject({ ip: '90.12.34.56', email: 'jean.dupont@example.fr' });
    // Same name again: refused unless replaced or renamed.
    expect(() => importPresetFile(b.db, parsePresetFile(text))).toThrow(/already saved/);
    expect(importPresetFile(b.db, parsePresetFile(text), { as: 'helpdesk-2' }).name).toBe('helpdesk-2');
    expect(importPresetFile(b.db, parsePresetFile(text), { replace: true }).name).toBe('helpdesk');
  });

  it('refuses hostile or broken files before writing anything, saying what is wrong', () => {
    const { db } = newCase();
    const good = { alibi_preset: 1, name: 'x', base_preset: null, mapping: { timestamp: 'When' } };
    const bad: [unknown, RegExp][] = [
      ['{not json', /not JSON/],
      [{ ...good, mapping: { timestamp: 'When', evil: 'x' } }, /mapping/],
      [{ ...good, mapping: { timestamp: 'W'.repeat(300) } }, /mapping\.timestamp/],
      [{ ...good, name: '../../etc/passwd' }, /name/],
      [{ ...good, alibi_preset: 2 }, /alibi_preset/],
      [{ ...good, extra: 1 }, /unrecognized|extra/i],
    ];
    for (const [content, re] of bad) {
      expect(() => parsePresetFile(typeof content === 'string' ? content : JSON.stringify(content)), String(re)).toThrow(re);
    }
    expect(() => importPresetFile(db, parsePresetFile(JSON.stringify({ ...good, name: 'shop-orders' })))).toThrow(/built-in/);
    expect(() => importPresetFile(db, parsePresetFile(JSON.stringify({ ...good, base_preset: 'nope' })))).toThrow(/does not have/);
    expect(db.prepare('SELECT count(*) FROM presets').pluck().get()).toBe(0);
  });

  it('CLI: preset export → file → preset import into another case; an existing --out needs --force', async () => {
    const a = newCase();
    await importFile(a.db, fixture('custom-tab.tsv'), { map: { timestamp: 'When', ip: 'client address' }, savePresetAs: 'client-layout' });
    a.db.close();
    const b = newCase();
    b.db.close();
    const out = join(tmpDir(), 'client-layout.json');
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8' });
    expect(run('preset', 'export', a.path, 'client-layout', '--out', out).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ name: 'client-layout', mapping: { timestamp: 'When', ip: 'Client address' } });
    expect(run('preset', 'export', a.path, 'client-layout', '--out', out).status).toBe(2);
    expect(run('preset', 'export', a.path, 'nope').status).toBe(1);
    const imp = run('preset', 'import', b.path, out, '--json', '--accept');
    expect(imp.status, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ name: 'client-layout' });
    const list = JSON.parse(run('preset', 'list', b.path, '--json').stdout) as { name: string; builtIn: boolean }[];
    expect(list.filter((p) => !p.builtIn).map((p) => p.name)).toEqual(['client-layout']);
    writeFileSync(join(tmpDir(), 'bad.json'), '{"alibi_preset":1}');
    expect(run('preset', 'import', b.path, join(tmpDir(), 'bad.json'), '--accept').status).toBe(1);
    expect(existsSync(out)).toBe(true);
  });
});

describe('coverage gaps', () => {
  it("a Shopify export names the missing customer IP, and the file that supplies it once imported", async () => {
    const { db } = newCase();
    const shopify = CSV_PRESETS.find((p) => p.variant === 'shopify')!;
    const file = join(tmpDir(), 'orders_export.csv');
    writeFileSync(file, [shopify.sample.header, ...shopify.sample.rows].join('\n'));
    await importFile(db, file);
    const [gap] = coverageGaps(db);
    expect(gap).toMatchObject({ sourceId: 1, file: 'orders_export.csv', preset: 'shop-orders (shopify)', field: 'ip', suppliedBy: [] });
    expect(gap.message).toMatch(/no customer IP/);
    const adyen = CSV_PRESETS.find((p) => p.variant === 'adyen')!;
    const adyenFile = join(tmpDir(), 'received_payments.csv');
    writeFileSync(adyenFile, [adyen.sample.header, ...adyen.sample.rows].join('\n'));
    await importFile(db, adyenFile);
    expect(coverageGaps(db)).toEqual([{ ...gap, suppliedBy: [{ sourceId: 2, file: 'received_payments.csv' }] }]);
  });
});
