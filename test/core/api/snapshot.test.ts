// The analysis snapshot kept in the case file: computed once per state of its inputs, reused by the next
// command (a new process), recomputed after any input change, never read from or written into a received file,
// never carried by a share copy — and a snapshot forged by someone else, with the right fingerprint and a valid
// seal under *their* key, is ignored.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../../src/core/sample/demoCase';
import { analyzeCase } from '../../../src/core/analysis/analyze';
import { openCase } from '../../../src/core/casefile/caseFile';
import type { SnapshotState } from '../../../src/core/apiContract';
import type { CaseAnalysis } from '../../../src/core/analysis/types';
import { createHandlers, inProcessRunner } from '../../../src/core/api';
import { analysisFingerprint, writeStoredSnapshot } from '../../../src/core/api/snapshot';
import { TrustStore } from '../../../src/core/api/trustStore';
import { cliOf } from '../../support/cli';
import { tmpDir } from '../../support/newCase';
import { fixture } from '../../support/paths';

const PROVIDER_IP = '51.91.102.137';

const json = <T>(r: { code: number | null; out: string; err: string }): T => {
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as T;
};
const rows = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT fingerprint, engine FROM analysis_snapshots').all() as { fingerprint: string; engine: string }[];
  } finally {
    db.close();
  }
};
/** The analysis recomputed from scratch on a read-only connection: what any stored snapshot must equal. */
const fresh = (path: string): CaseAnalysis => {
  const db = openCase(path, { readonly: true });
  try {
    return analyzeCase(db);
  } finally {
    db.close();
  }
};
const withoutTime = ({ generatedAt: _g, ...rest }: CaseAnalysis) => rest;

describe('the analysis snapshot through the CLI (one process per command)', () => {
  let home: string;
  let alibi: ReturnType<typeof cliOf>;
  let casePath: string;
  const snapshot = () => json<SnapshotState>(alibi('snapshot', casePath, '--json'));

  beforeAll(() => {
    home = tmpDir('alibi-snap-home-');
    alibi = cliOf(home);
    const dir = tmpDir('alibi-snap-');
    expect(alibi('demo', '--out', dir).code).toBe(0);
    casePath = join(dir, 'sample.alibi');
  });

  it('is computed by the first command, stored in the case when it ends, and reused by the next', () => {
    const first = snapshot();
    expect(first).toMatchObject({ origin: 'computed', kept: 'on-close' });
    expect(rows(casePath).map((r) => r.fingerprint)).toEqual([first.fingerprint]);
    const second = snapshot();
    expect(second).toMatchObject({ origin: 'case-file', kept: 'case-file', fingerprint: first.fingerprint, computedAt: first.computedAt });

    const a1 = json<CaseAnalysis>(alibi('analyze', casePath, '--json'));
    const a2 = json<CaseAnalysis>(alibi('analyze', casePath, '--json'));
    expect(a2).toEqual(a1);
    expect(withoutTime(a1)).toEqual(JSON.parse(JSON.stringify(withoutTime(fresh(casePath)))));
    // Still the user's own case, verifying cleanly: writes work without --accept.
    expect(alibi('verify', casePath).code).toBe(0);
    const t = new Date().toISOString();
    expect(alibi('role', casePath, '37.171.66.212', 'shared', '--reason', 'mobile carrier NAT').code).toBe(0);
    // The write command needed the analysis of the new state (its answer shows the IP's profile): computed then.
    expect(snapshot()).toMatchObject({ origin: 'case-file', kept: 'case-file' });
    expect(snapshot().computedAt >= t).toBe(true);
    expect(snapshot().fingerprint).not.toBe(first.fingerprint);
  });

  it('is recomputed after each input change, and only then', () => {
    // Each change gives a new fingerprint and a snapshot computed after it (by the first command that needs it),
    // which the following commands reuse.
    const afterChange = (change: () => void): SnapshotState => {
      const before = snapshot();
      const t = new Date().toISOString();
      change();
      const after = snapshot();
      expect(after.fingerprint).not.toBe(before.fingerprint);
      expect(after.computedAt >= t).toBe(true);
      expect(snapshot()).toMatchObject({ origin: 'case-file', fingerprint: after.fingerprint, computedAt: after.computedAt });
      return after;
    };
    // an analyst's role override
    afterChange(() => expect(alibi('role', casePath, PROVIDER_IP, 'customer', '--reason', 'analyst says so').code).toBe(0));
    expect(json<{ ip: string; role: string }[]>(alibi('ips', casePath, '--json')).find((p) => p.ip === PROVIDER_IP)?.role).toBe('customer');
    // the infrastructure register
    afterChange(() => expect(alibi('infra', casePath, 'add', '198.51.100.0/24', '--role', 'cdn', '--label', 'CDN').code).toBe(0));
    // a new import (the import itself does not analyse: the next read command computes)
    const imp = afterChange(() => expect(alibi('import', casePath, fixture('nginx-main.log')).code).toBe(0));
    expect(imp.origin).toBe('computed');
    // thresholds: a what-if is its own snapshot, and the default one stays
    const low = json<CaseAnalysis>(alibi('analyze', casePath, '--threshold', 'cardsPerIp24h=1', '--json'));
    expect(low.thresholds.cardsPerIp24h).toBe(1);
    expect(rows(casePath).length).toBe(2);
    expect(json<CaseAnalysis>(alibi('analyze', casePath, '--threshold', 'cardsPerIp24h=1', '--json'))).toEqual(low);
    expect(snapshot()).toMatchObject({ origin: 'case-file', fingerprint: imp.fingerprint });
  });

  it('an unknown threshold name is an error that lists the valid names', () => {
    const r = alibi('analyze', casePath, '--threshold', 'cardsPerIP24h=1');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no threshold named "cardsPerIP24h"/);
    expect(r.err).toMatch(/cardsPerIp24h, .*smallAmount/);
  });

  it('a share copy carries no snapshot', () => {
    snapshot();
    expect(rows(casePath).length).toBeGreaterThan(0);
    const out = join(tmpDir(), 'copy.alibi');
    expect(alibi('share', casePath, '--out', out).code).toBe(0);
    expect(rows(out)).toEqual([]);
  });
});

describe('a snapshot in a received case', () => {
  it('is ignored even with the right fingerprint and a valid seal under the sender\'s key; the file stays byte-identical', async () => {
    // The sender (attacker) builds a real case, then plants a snapshot that hides every finding and calls the
    // provider an attacker — correct fingerprint, sealed with the key of their own Alibi.
    const attackerHome = tmpDir('alibi-attacker-');
    const sent = (await buildDemoCase(tmpDir('alibi-sent-'))).casePath;
    const real = fresh(sent);
    expect(real.findings.length).toBeGreaterThan(0);
    const forged: CaseAnalysis = { ...real, findings: [], ips: real.ips.map((p) => (p.ip === PROVIDER_IP ? { ...p, role: 'attacker' } : p)) };
    const db = openCase(sent, { migrate: false });
    writeStoredSnapshot(db, analysisFingerprint(db), forged, new Date().toISOString(), new TrustStore(attackerHome).machineKey());
    db.close();
    expect(rows(sent).length).toBe(1);

    const me = cliOf(tmpDir('alibi-receiver-'));
    const bytes = readFileSync(sent);
    const seen = json<CaseAnalysis>(me('analyze', sent, '--json'));
    expect(seen.findings.length).toBe(real.findings.length);
    expect(seen.ips.find((p) => p.ip === PROVIDER_IP)?.role).toBe('provider');
    expect(json<SnapshotState>(me('snapshot', sent, '--json'))).toMatchObject({ origin: 'computed', kept: 'memory' });
    expect(readFileSync(sent).equals(bytes)).toBe(true);

    // Accepted as the receiver's own (no input changes): the planted row still does not pass their key, and
    // their own snapshot replaces it.
    expect(me('share', sent, '--out', join(tmpDir(), 'back.alibi'), '--accept').code).toBe(0);
    const state = json<SnapshotState>(me('snapshot', sent, '--json'));
    expect(state.kept).toBe('case-file');
    const mine = json<CaseAnalysis>(me('analyze', sent, '--json'));
    expect(mine.findings.length).toBe(real.findings.length);
    expect(mine.ips.find((p) => p.ip === PROVIDER_IP)?.role).toBe('provider');
    expect(json<SnapshotState>(me('snapshot', sent, '--json'))).toMatchObject({ origin: 'case-file', fingerprint: state.fingerprint });
  });

  it('the same planted row sealed with this user\'s own key is reused (the seal is what tells them apart)', async () => {
    const home = tmpDir('alibi-own-');
    const me = cliOf(home);
    const dir = tmpDir('alibi-own-case-');
    expect(me('demo', '--out', dir).code).toBe(0);
    const path = join(dir, 'sample.alibi');
    const real = fresh(path);
    const marked: CaseAnalysis = { ...real, findings: [] };
    const db = openCase(path, { migrate: false });
    writeStoredSnapshot(db, analysisFingerprint(db), marked, '2026-01-01T00:00:00.000Z', new TrustStore(home).machineKey());
    db.close();
    // The file changed outside the CLI: make it this user's again, as the app would after writing it.
    new TrustStore(home).trust(path);
    expect(json<CaseAnalysis>(me('analyze', path, '--json')).findings).toEqual([]);
    expect(json<SnapshotState>(me('snapshot', path, '--json'))).toMatchObject({ origin: 'case-file', computedAt: '2026-01-01T00:00:00.000Z' });
  });
});

describe('the analysis snapshot in the app (writable case, one engine process per launch)', () => {
  it('is stored at once, reused by the next launch, and not invalidated by a note', async () => {
    const dataDir = tmpDir('alibi-snap-app-');
    const path = join(tmpDir(), 'sample.alibi');
    const launch = () => {
      const svc = createHandlers({ dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => undefined });
      return svc;
    };
    const built = await buildDemoCase(tmpDir());
    copyFileSync(built.casePath, path);
    new TrustStore(dataDir).trust(path);

    const one = launch();
    await one.handlers.caseOpen({ path, write: true });
    expect(await one.handlers.analysisSnapshot({})).toMatchObject({ origin: 'computed', kept: 'case-file' });
    const findings = await one.handlers.findingsList({});
    await one.handlers.noteAdd({ targetKind: 'ip', targetId: PROVIDER_IP, text: 'provider, do not block' });
    one.dispose();

    const two = launch();
    await two.handlers.caseOpen({ path, write: true });
    // A note is not an input of the analysis: the stored snapshot still holds.
    expect(await two.handlers.analysisSnapshot({})).toMatchObject({ origin: 'case-file', kept: 'case-file' });
    expect(await two.handlers.findingsList({})).toEqual(findings);
    await two.handlers.ipSetRole({ ip: PROVIDER_IP, role: 'shared', reason: 'analyst check' });
    expect(await two.handlers.analysisSnapshot({})).toMatchObject({ origin: 'computed', kept: 'case-file' });
    const bad = await two.call('findingsList', { thresholds: { nope: 1 } });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'usage', message: 'there is no threshold named "nope"' });
    expect(!bad.ok && bad.error.hint).toMatch(/^use one of: cardsPerEmail24h, /);
    two.dispose();
  });
});
