// Trust is bound to content, and opening a case writable changes its bytes (WAL mode) while writes sit in a -wal
// beside it. The engine records the content after every write (checkpointed), so the consultant's own case killed
// with -9 is still theirs when reopened; a file swapped in, or a -wal planted beside a trusted case, is a stranger.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startEngine, type TestEngine } from '../../support/engineHarness';
import { TrustStore } from '../../../src/core/api/trustStore';
import { createCase } from '../../../src/core/casefile/caseFile';
import type { WireResult } from '../../../src/main/engine/protocol';

const running: TestEngine[] = [];
afterEach(() => {
  for (const e of running.splice(0)) e.client.dispose();
});

function value<T>(r: WireResult): T {
  if (!r.ok) throw new Error(`${r.error.code ?? ''} ${r.error.message}`);
  return r.value as T;
}

async function killed(e: TestEngine): Promise<void> {
  const child = e.children.at(-1)!;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('trust after a crash', () => {
  it("the consultant's case killed with -9 while open and written is still theirs, writable, with the write", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alibi-data-'));
    const path = join(mkdtempSync(join(tmpdir(), 'alibi-case-')), 'case.alibi');
    const e = await startEngine(dataDir);
    running.push(e);
    value(await e.client.call('caseCreate', { path, title: 'Crash test' }));
    value(await e.client.call('noteAdd', { targetKind: 'case', targetId: 'case', text: 'written just before the crash' }));
    await killed(e);
    // The file is in WAL mode now (header changed since creation), yet its recovered content is known.
    expect(readFileSync(path)[18]).toBe(2);
    expect(new TrustStore(dataDir).check(path).trusted).toBe(true);
    // The next call restarts the engine, which reopens the case: writable, not "received from someone else".
    const info = value<{ readOnly: boolean }>(await e.client.call('caseCurrent', {}));
    expect(info.readOnly).toBe(false);
    const notes = value<{ text: string }[]>(await e.client.call('notesList', {}));
    expect(notes.map((n) => n.text)).toContain('written just before the crash');
    // Opened writable and killed again with no write at all: still trusted.
    await killed(e);
    expect(new TrustStore(dataDir).check(path).trusted).toBe(true);
  });

  it('a file swapped in at a trusted path, and a -wal planted beside a trusted case, are untrusted and open read-only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alibi-data-'));
    const dir = mkdtempSync(join(tmpdir(), 'alibi-case-'));
    const path = join(dir, 'case.alibi');
    const e = await startEngine(dataDir);
    running.push(e);
    value(await e.client.call('caseCreate', { path, title: 'Mine' }));
    value(await e.client.call('caseClose', {}));
    const trust = new TrustStore(dataDir);
    expect(trust.check(path).trusted).toBe(true);
    const mine = readFileSync(path);

    // Someone else's case, same name, same place.
    const other = join(dir, 'other.alibi');
    createCase(other, { title: 'Not mine' }).close();
    copyFileSync(other, path);
    expect(trust.check(path).trusted).toBe(false);
    writeFileSync(path, mine);
    expect(trust.check(path).trusted).toBe(true);

    // A -wal that rewrites the title, made on a copy of the trusted file and planted beside it.
    const forger = join(dir, 'forger.alibi');
    copyFileSync(path, forger);
    const raw = new Database(forger);
    raw.pragma('journal_mode = WAL');
    raw.pragma('wal_autocheckpoint = 0');
    raw.prepare("UPDATE meta SET value = 'Forged title' WHERE key = 'title'").run();
    copyFileSync(`${forger}-wal`, `${path}-wal`);
    raw.close();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    expect(trust.check(path).trusted).toBe(false);
    const opened = await e.client.call('caseOpen', { path });
    if (opened.ok) expect((opened.value as { readOnly: boolean }).readOnly).toBe(true);
    expect(existsSync(path)).toBe(true);
  });
});
