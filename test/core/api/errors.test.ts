// Errors cross every door as data {code, message, hint}, with the hint phrased for the host: the CLI names a
// flag or a command, the app a button or a menu — the app never tells anyone to pass `--force`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, inProcessRunner, type Service } from '../../../src/core/api';

const services: Service[] = [];
afterAll(() => services.forEach((s) => s.dispose()));

function service(kind: 'app' | 'cli'): Service {
  const dataDir = mkdtempSync(join(tmpdir(), `alibi-errors-${kind}-`));
  const svc: Service = createHandlers({ kind, dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => {} });
  services.push(svc);
  return svc;
}

describe('errors as data, phrased per host', () => {
  const hosts = { app: null as unknown as Service, cli: null as unknown as Service };
  beforeAll(async () => {
    hosts.app = service('app');
    hosts.cli = service('cli');
  });

  it('no case open: same code and message, a menu for the app and a command line for the CLI', async () => {
    const app = await hosts.app.call('caseSummary', {});
    const cli = await hosts.cli.call('caseSummary', {});
    expect(app).toMatchObject({ ok: false, error: { code: 'no-case', message: 'no case open' } });
    expect(cli).toMatchObject({ ok: false, error: { code: 'no-case', message: 'no case open' } });
    expect(!app.ok && app.error.hint).toMatch(/File > Open case/);
    expect(!cli.ok && cli.error.hint).toMatch(/alibi <command> <case>/);
  });

  it('app hints never name a command-line flag; CLI hints do', async () => {
    for (const h of [hosts.app, hosts.cli]) await h.handlers.caseOpenSample({});
    const exists = join(mkdtempSync(join(tmpdir(), 'alibi-exists-')), 'out.csv');
    writeFileSync(exists, 'keep me');
    const calls: [string, unknown][] = [
      ['blockImpact', { ip: 'not-an-ip' }],
      ['ipSetRole', { ip: 'not-an-ip', role: 'customer', reason: 'because' }],
      ['csvExport', { path: exists, table: 'events', overwrite: false }],
      ['csvExport', { path: join(tmpdir(), 'x.csv'), table: 'ips', format: 'timesketch-csv' }],
      ['entityDetail', { kind: 'ip', value: '203.0.113.250' }],
      ['ipDetail', { ip: '203.0.113.250' }],
      ['noteAdd', { targetKind: 'event', targetId: '999999999', text: 'x' }],
    ];
    for (const [method, args] of calls) {
      const app = await hosts.app.call(method, args);
      const cli = await hosts.cli.call(method, args);
      expect(app.ok, method).toBe(false);
      expect(cli.ok, method).toBe(false);
      if (app.ok || cli.ok) continue;
      expect(app.error.code, method).toBe(cli.error.code);
      expect(app.error.message, method).toBe(cli.error.message);
      expect(app.error.hint ?? '', method).not.toMatch(/(^|\s)--[a-z]|`alibi /);
    }
    const ex = await hosts.cli.call('csvExport', { path: exists, table: 'events', overwrite: false });
    expect(ex).toMatchObject({ ok: false, error: { code: 'exists', hint: expect.stringMatching(/--force/) } });
    const exApp = await hosts.app.call('csvExport', { path: exists, table: 'events', overwrite: false });
    expect(exApp).toMatchObject({ ok: false, error: { code: 'exists', hint: expect.stringMatching(/confirm replacing/) } });
  });

  it('an unknown method and bad arguments are refused before any engine code, with their own codes', async () => {
    expect(await hosts.app.call('dropTables', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await hosts.app.call('noteAdd', { targetKind: 'case' })).toMatchObject({ ok: false, error: { code: 'invalid-args', message: expect.stringMatching(/noteAdd/) } });
    // A direct call on the handlers map is checked the same way (defaults applied, extra keys refused).
    await expect(hosts.app.handlers.auditList({ limit: 0 })).rejects.toMatchObject({ code: 'invalid-args' });
  });
});
