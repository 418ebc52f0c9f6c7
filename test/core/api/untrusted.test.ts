// Untrusted by default, through every door: a case file this user did not make or accept is checked as hostile
// input and opened read-only — every read command leaves it byte-identical (no migration, no audit entry, no
// journal left beside it); a write needs the explicit `--accept` step, which is recorded in its audit log; trust
// follows the file's content, not its path.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../../src/core/sample/demoCase';
import { createHandlers, inProcessRunner, type Service } from '../../../src/core/api';
import { runCli } from '../../support/cli';
import { REPO } from '../../support/paths';


let received: string;
let home: string;
let outDir: string;

const alibi = (args: string[], env: Record<string, string> = {}) => runCli(args, { ALIBI_HOME: home, ...env });

beforeAll(async () => {
  // Built by "someone else": in-process, into a folder the CLI's trust store has never seen.
  const dir = mkdtempSync(join(tmpdir(), 'alibi-received-'));
  received = (await buildDemoCase(dir)).casePath;
  home = mkdtempSync(join(tmpdir(), 'alibi-home-'));
  outDir = mkdtempSync(join(tmpdir(), 'alibi-received-out-'));
});

describe('a received case', () => {
  it('is byte-identical after every read command, with no journal left beside it', () => {
    const before = readFileSync(received);
    const reads: string[][] = [
      ['open-check', received],
      ['verify', received, '--json'],
      ['ips', received, '--json'],
      ['findings', received, '--json'],
      ['analyze', received, '--json'],
      ['snapshot', received, '--json'],
      ['block-impact', received, '51.91.102.137', '--json'],
      ['events', received, '--limit', '5', '--json'],
      ['sources', received, '--json'],
      ['rejects', received, '--json'],
      ['infra', received, 'list', '--json'],
      ['report', received, '--out', join(outDir, 'report.html')],
      ['export', received, 'events', '--out', join(outDir, 'events.csv')],
      ['export', received, 'findings', '--out', join(outDir, 'findings.csv')],
      ['export', received, 'ips', '--out', join(outDir, 'ips.csv')],
    ];
    for (const args of reads) {
      const r = alibi(args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      expect(readFileSync(received).equals(before), `${args[0]} changed the received case`).toBe(true);
    }
    expect(readdirSync(join(received, '..')).filter((f) => /-(wal|shm|journal)$/.test(f))).toEqual([]);
    // The outputs were written; the case says so only once it is the user's (no silent audit entry).
    expect(existsSync(join(outDir, 'report.html'))).toBe(true);
    expect(alibi(['report', received, '--out', join(outDir, 'r2.html')]).out).toMatch(/not recorded in the audit log/);
  });

  it('refuses a write without consent, names the way to consent, and stays unchanged', () => {
    const before = readFileSync(received);
    const r = alibi(['role', received, '90.14.207.118', 'shared', '--reason', 'office NAT']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/read-only/);
    expect(r.err).toMatch(/--accept/);
    expect(readFileSync(received).equals(before)).toBe(true);
  });

  it('accepting it is recorded in its audit log; the accepted content is then trusted, a swapped-in file is not', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'alibi-accept-')), 'case.alibi');
    copyFileSync(received, copy);
    const r = alibi(['role', copy, '90.14.207.118', 'shared', '--reason', 'office NAT', '--accept']);
    expect(r.code, r.err).toBe(0);
    // Now the user's: a second write needs no flag.
    expect(alibi(['role', copy, '90.14.207.118', 'clear', '--reason', 'was wrong']).code).toBe(0);
    const audit = alibi(['verify', copy, '--json']);
    expect(JSON.parse(audit.out).ok).toBe(true);
    // Same path, other content (the untouched received file): a stranger again.
    copyFileSync(received, copy);
    const again = alibi(['role', copy, '90.14.207.118', 'shared', '--reason', 'office NAT']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/--accept/);
  });

  it('a hostile file is refused by every command before any engine code runs', () => {
    const hostile = join(outDir, 'hostile.alibi');
    copyFileSync(received, hostile);
    // A foreign trigger appended by "the sender": the untrusted-file check must refuse it.
    const sqlite = spawnSync(process.execPath, ['-e', `
      const D = require(${JSON.stringify(join(REPO, 'node_modules/better-sqlite3'))});
      const db = new D(${JSON.stringify(hostile)});
      db.exec("CREATE TRIGGER evil AFTER INSERT ON audit BEGIN UPDATE events SET raw = 'pwned'; END");
      db.close();`], { encoding: 'utf8' });
    expect(sqlite.status, sqlite.stderr).toBe(0);
    const before = readFileSync(hostile);
    for (const args of [['ips', hostile], ['report', hostile, '--out', join(outDir, 'h.html')], ['role', hostile, '90.14.207.118', 'shared', '--reason', 'office NAT', '--accept']]) {
      const r = alibi(args);
      expect(r.code, args[0]).toBe(1);
      expect(r.err).toMatch(/cannot be opened|refused|trigger/i);
    }
    expect(readFileSync(hostile).equals(before)).toBe(true);
    writeFileSync(join(outDir, 'done'), '');
  });
});

describe('a received case in the app', () => {
  const app = (dataDir: string): Service => {
    const svc: Service = createHandlers({ kind: 'app', dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => {} });
    return svc;
  };

  it('opens read-only, refuses a write with a button to press (no flag), and "Work on this case" is audited', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'alibi-app-received-')), 'case.alibi');
    copyFileSync(received, file);
    const before = readFileSync(file);
    const userData = mkdtempSync(join(tmpdir(), 'alibi-app-userdata-'));
    const a = app(userData);
    expect((await a.handlers.caseOpen({ path: file })).readOnly).toBe(true);
    await a.handlers.findingsList({});
    const refused = await a.call('noteAdd', { targetKind: 'case', targetId: 'case', text: 'mine' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', hint: expect.stringMatching(/Work on this case/) } });
    expect(!refused.ok && refused.error.hint).not.toMatch(/--/);
    a.dispose();
    expect(readFileSync(file).equals(before)).toBe(true);

    // The recent-cases list does not make it trusted: only accepting does.
    const b = app(userData);
    expect((await b.handlers.caseOpen({ path: file })).readOnly).toBe(true);
    const accepted = await b.handlers.caseAccept({});
    expect(accepted.readOnly).toBe(false);
    await b.handlers.noteAdd({ targetKind: 'case', targetId: 'case', text: 'mine now' });
    expect((await b.handlers.auditList({ limit: 5 })).map((r) => r.action)).toEqual(expect.arrayContaining(['case.accept', 'note.add']));
    b.dispose();

    // Reopened by the same user: trusted (its content is the one they wrote). Swapped for another file: not.
    const c = app(userData);
    expect((await c.handlers.caseOpen({ path: file })).readOnly).toBe(false);
    c.dispose();
    copyFileSync(received, file);
    const d = app(userData);
    expect((await d.handlers.caseOpen({ path: file })).readOnly).toBe(true);
    d.dispose();
  });
});
