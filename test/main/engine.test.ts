// The engine process (src/main/engine): the API served from a separate process, as the Electron app runs it
// (utilityProcess), here in real Node child processes. Calls and their errors, import progress pushed back,
// PDF printing asked of main, cancel of a long call without losing the open case, recovery from a crash, and
// one process per case: a second process is refused the case (never corrupting it) until the first lets go.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO } from '../support/paths';
import { startEngine, type TestEngine } from '../support/engineHarness';
import type { WireResult } from '../../src/main/engine/protocol';

const running: TestEngine[] = [];
afterEach(() => {
  for (const e of running.splice(0)) e.client.dispose();
});

async function engine(dataDir = mkdtempSync(join(tmpdir(), 'alibi-data-')), hooks = {}): Promise<TestEngine> {
  const e = await startEngine(dataDir, hooks);
  running.push(e);
  return e;
}

function value<T>(r: WireResult): T {
  if (!r.ok) throw new Error(`${r.error.code ?? ''} ${r.error.message}`);
  return r.value as T;
}

function newCasePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'alibi-case-')), 'case.alibi');
}

describe('engine process', () => {
  it('serves the API from its own process, with the registry checks', async () => {
    const e = await engine();
    expect(await e.client.methods()).toEqual(expect.arrayContaining(['caseOpen', 'caseCreate', 'importStart', 'reportExport']));
    const path = newCasePath();
    const info = value<{ path: string; title: string }>(await e.client.call('caseCreate', { path, title: 'Two processes' }));
    expect(info.path).toBe(path);
    expect(value<{ path: string }>(await e.client.call('caseCurrent', {})).path).toBe(path);
    expect(e.children[0].pid).not.toBe(process.pid);
    const unknown = await e.client.call('dropTables', {});
    expect(unknown.ok).toBe(false);
    const invalid = await e.client.call('caseSetVerdict', { verdict: 'guilty', reason: 'x' });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.error.message).toMatch(/invalid arguments for caseSetVerdict/);
  });

  it('pushes import progress back to main while the import runs in the engine', async () => {
    const e = await engine();
    value(await e.client.call('caseCreate', { path: newCasePath() }));
    const { jobId } = value<{ jobId: string }>(await e.client.call('importStart', { files: [{ path: join(REPO, 'resources/sample/shop-access.log') }] }));
    await expect.poll(() => e.events.some((ev) => (ev.payload as { jobId: string; state: string }).jobId === jobId && (ev.payload as { state: string }).state !== 'running'), { timeout: 60_000 }).toBe(true);
    const last = e.events.filter((ev) => ev.channel === 'import-progress').at(-1)!.payload as { state: string; results: { rowsAccepted?: number }[] };
    expect(last.state).toBe('done');
    const summary = value<{ events: number }>(await e.client.call('caseSummary', {}));
    expect(summary.events).toBeGreaterThan(1000);
  });

  it('asks main to print the PDF (only main has Chromium) and reports its failure', async () => {
    const printed: string[] = [];
    let fail = false;
    const e = await engine(undefined, {
      onHostRequest: async (req: { html: string; path: string }) => {
        if (fail) throw new Error('printer on fire');
        printed.push(req.html);
        writeFileSync(req.path, '%PDF-1.7 test');
      },
    });
    const path = newCasePath();
    value(await e.client.call('caseCreate', { path, title: 'Printed' }));
    const out = join(path, '..', 'report.pdf');
    value(await e.client.call('reportExport', { path: out, format: 'pdf' }));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('Printed');
    expect(readFileSync(out, 'utf8')).toBe('%PDF-1.7 test');
    fail = true;
    const r = await e.client.call('reportExport', { path: join(path, '..', 'again.pdf'), format: 'pdf' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/printer on fire/);
  });

  it('cancels a long call by stopping the engine; the next call gets a fresh engine with the same case open', async () => {
    const e = await engine();
    const path = newCasePath();
    value(await e.client.call('caseCreate', { path, title: 'Still open' }));
    // Building the sample case (several imports) is the longest call the API has.
    e.busy.length = 0;
    const long = e.client.call('caseOpenSample', {});
    // Main is told once the call has run past busyAfterMs (the window shows it; the user can cancel).
    await expect.poll(() => e.busy.some((b) => (b as { method?: string } | null)?.method === 'caseOpenSample'), { timeout: 10_000 }).toBe(true);
    expect(e.client.cancel()).toBe(true);
    const r = await long;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('cancelled');
    expect(e.busy.at(-1)).toBeNull();
    expect(e.children[0].killed || e.children[0].exitCode !== null || e.children[0].signalCode !== null).toBe(true);
    const current = value<{ path: string; title: string }>(await e.client.call('caseCurrent', {}));
    expect(current).toMatchObject({ path, title: 'Still open' });
    expect(e.children).toHaveLength(2);
    expect(e.client.cancel()).toBe(false); // nothing running
  });

  it('recovers from an engine crash: the running call fails with a clear error, the next one works', async () => {
    const e = await engine();
    const path = newCasePath();
    value(await e.client.call('caseCreate', { path }));
    const pending = e.client.call('caseOpenSample', {});
    await new Promise((r) => setTimeout(r, 50));
    e.children[0].kill('SIGKILL');
    const r = await pending;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'engine-stopped', message: expect.stringMatching(/stopped unexpectedly/) });
    expect(value<{ path: string }>(await e.client.call('caseCurrent', {})).path).toBe(path);
  });
});

describe('one process per case', () => {
  it('refuses a case open in another process with a clear message, and never touches it', async () => {
    // Two windows of one user: one per-user folder, so B trusts the case A made (trust follows content, per user).
    const userData = mkdtempSync(join(tmpdir(), 'alibi-data-'));
    const a = await engine(userData);
    const b = await engine(userData);
    const path = newCasePath();
    value(await a.client.call('caseCreate', { path, title: 'Held by A' }));
    value(await a.client.call('noteAdd', { targetKind: 'case', targetId: '', text: 'written by A' }));
    const before = readFileSync(path);
    const r = await b.client.call('caseOpen', { path });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('case-in-use');
      expect(r.error.message).toBe(`case.alibi is already open in Alibi process ${a.children[0].pid} on this computer since ${JSON.parse(readFileSync(`${path}.lock`, 'utf8')).since}`);
      expect(r.error.hint).toMatch(/close the case there/);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(value(await b.client.call('caseCurrent', {}))).toBeNull();

    // A lets go: B may open it, and A is then refused.
    value(await a.client.call('caseClose', {}));
    expect(existsSync(`${path}.lock`)).toBe(false);
    value(await b.client.call('caseOpen', { path }));
    const back = await a.client.call('caseOpen', { path });
    expect(back.ok).toBe(false);
    value(await b.client.call('noteAdd', { targetKind: 'case', targetId: '', text: 'written by B' }));
    value(await b.client.call('caseClose', {}));
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT text FROM notes ORDER BY id').all() as { text: string }[]).map((n) => n.text)).toEqual(['written by A', 'written by B']);
    db.close();
  });

  it('takes over the lock of a process that died (kill -9), and a copy of a locked case opens', async () => {
    const a = await engine();
    const path = newCasePath();
    value(await a.client.call('caseCreate', { path }));
    a.children[0].kill('SIGKILL');
    await new Promise((r) => a.children[0].once('exit', r));
    expect(existsSync(`${path}.lock`)).toBe(true); // left behind by the crash
    const b = await engine();
    value(await b.client.call('caseOpen', { path }));
    const copy = join(path, '..', 'copy.alibi');
    copyFileSync(path, copy);
    const c = await engine();
    // A copy is another file: not locked. (Opening it runs the untrusted-file check like any unknown file.)
    const r = await c.client.call('caseOpen', { path: copy });
    if (!r.ok) expect(r.error.code).not.toBe('case-in-use');
  });
});

describe('engine without the Electron build of better-sqlite3', () => {
  it('says what is missing and how to get it, instead of a loader error', async () => {
    const { startEngine: start } = await import('../support/engineHarness');
    const e = await start(mkdtempSync(join(tmpdir(), 'alibi-data-')), {}, { nativeBinding: '/nonexistent/better_sqlite3.node' });
    running.push(e);
    expect(value(await e.client.call('caseCurrent', {}))).toBeNull();
    const r = await e.client.call('caseCreate', { path: newCasePath() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'native-module-missing', hint: expect.stringMatching(/electron-native/) });
  });
});

describe('engine that cannot start', () => {
  it('answers every call with a clear error instead of throwing', async () => {
    const { EngineClient } = await import('../../src/main/engine/client');
    let exit: (code: number | null) => void = () => {};
    const client = new EngineClient(
      () => ({ post: () => {}, onMessage: () => {}, onExit: (cb) => (exit = cb), kill: () => {} }),
      { onEvent: () => {}, onHostRequest: async () => {} },
    );
    const pending = client.call('caseCurrent', {});
    exit(1);
    const r = await pending;
    expect(r).toMatchObject({ ok: false, error: { code: 'engine-stopped', message: expect.stringMatching(/could not start: the engine process exited \(code 1\)/) } });
  });
});
