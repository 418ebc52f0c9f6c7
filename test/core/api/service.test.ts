// The API service over the real engine, without a browser: the sample case, notes/tags/verdict written and
// audited, argument validation at the boundary, import jobs with progress and cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHandlers, type Service } from '../../../src/core/api/service';
import { dispatch } from '../../../src/core/api/dispatch';
import { inProcessRunner, workerRunner } from '../../../src/core/api/importRunners';
import type { ImportJobStatus } from '../../../src/core/api/handlers';
import { verifyAuditChain } from '../../../src/core/casefile/audit';
import { APACHE_LOG } from '../../support/paths';


describe('API service on the sample case', () => {
  let svc: Service;
  const events: ImportJobStatus[] = [];
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alibi-svc-'));
    svc = createHandlers({ dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: (e) => events.push(e) });
    await svc.handlers.caseOpenSample({});
  });
  afterAll(() => svc?.dispose());

  it('opens the sample case and summarises it', async () => {
    const s = await svc.handlers.caseSummary({});
    expect(s.info.title).toMatch(/Multi-CB/);
    expect(s.sources.length).toBeGreaterThanOrEqual(6);
    expect(s.events).toBeGreaterThan(100);
    expect('total' in s.findings && s.findings.total).toBeGreaterThan(0);
    expect((await svc.handlers.caseRecent({}))[0].path).toBe(svc.session.casePath());
  });

  it('returns role and block impact of the provider IP', async () => {
    const d = await svc.handlers.ipDetail({ ip: '51.91.102.137' });
    expect(d.profile.role).toBe('provider');
    expect(d.impact.verdict).toBe('do-not-block');
    const c = await svc.handlers.ipDetail({ ip: '90.14.207.118' });
    expect(c.profile.role).toBe('customer');
  });

  it('writes notes, tags and the verdict to the audit log, and the chain verifies', async () => {
    const before = (await svc.handlers.auditList({ limit: 10000 })).length;
    await svc.handlers.noteAdd({ targetKind: 'case', targetId: 'case', text: '<b>not html</b>' });
    await svc.handlers.noteAdd({ targetKind: 'ip', targetId: '51.91.102.137', text: 'provider, do not block' });
    expect(await svc.handlers.eventTag({ id: 1, tag: 'evidence' })).toEqual(['evidence']);
    expect(await svc.handlers.eventUntag({ id: 1, tag: 'evidence' })).toEqual([]);
    const info = await svc.handlers.caseSetVerdict({ verdict: 'legitimate', reason: 'household sharing cards' });
    expect(info.verdict).toBe('legitimate');
    const audit = await svc.handlers.auditList({ limit: 10000 });
    expect(audit.length - before).toBe(5);
    expect(audit.map((a) => a.action).slice(0, 5)).toEqual(['verdict', 'tag.remove', 'tag.add', 'note.add', 'note.add']);
    expect(verifyAuditChain(svc.session.db()).ok).toBe(true);
    expect((await svc.handlers.notesList({ targetKind: 'ip', targetId: '51.91.102.137' }))[0].text).toBe('provider, do not block');
  });

  it('refuses bad arguments and unknown methods at the boundary', async () => {
    const bad = await dispatch(svc.handlers, 'noteAdd', { targetKind: 'script', targetId: 'x', text: 'y' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/invalid arguments for noteAdd: targetKind/);
    const extra = await dispatch(svc.handlers, 'caseOpen', { path: '/x', evil: 1 });
    expect(extra.ok).toBe(false);
    const unknown = await dispatch(svc.handlers, 'constructor', {});
    expect(!unknown.ok && unknown.error.message).toMatch(/unknown API method/);
    const ok = await dispatch(svc.handlers, 'eventDetail', { id: 1 });
    expect(ok.ok).toBe(true);
  });

  it('previews the real Apache log and imports it as a job with progress', async () => {
    const p = await svc.handlers.importPreview({ path: APACHE_LOG });
    expect(p.format).toBe('combined');
    expect(p.rows).toHaveLength(20);
    expect(p.rows[0][1]).toBe('83.149.9.216');
    const { jobId } = await svc.handlers.importStart({ files: [{ path: APACHE_LOG }] });
    let st = await svc.handlers.importStatus({ jobId });
    for (let i = 0; i < 600 && st.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      st = await svc.handlers.importStatus({ jobId });
    }
    expect(st.error).toBeNull();
    expect(st.state).toBe('done');
    expect(st.results[0].accepted + st.results[0].rejected).toBe(10_000);
    expect(events.at(-1)?.state).toBe('done');
    // Same file again: refused as a duplicate, reported as a failed job with the importer's message.
    const again = await svc.handlers.importStart({ files: [{ path: APACHE_LOG }] });
    for (let i = 0; i < 600 && (st = await svc.handlers.importStatus(again)).state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(st.state).toBe('failed');
    expect(st.error).toMatch(/already imported/);
    // Two files, the second refused: the first stays imported and is reported.
    const small = join(mkdtempSync(join(tmpdir(), 'alibi-svc-')), 'small.log');
    writeFileSync(small, '198.51.100.9 - - [23/Nov/2025:06:41:00 +0100] "GET / HTTP/1.1" 200 10 "-" "curl/8.5.0"\n');
    const two = await svc.handlers.importStart({ files: [{ path: small }, { path: APACHE_LOG }] });
    for (let i = 0; i < 600 && (st = await svc.handlers.importStatus(two)).state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(st.state).toBe('failed');
    expect(st.results.map((r) => r.accepted)).toEqual([1]);
  });
});

describe('opening case files from elsewhere', () => {
  it('refuses a file that is not a case, with what and what to do', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alibi-svc-'));
    const svc = createHandlers({ dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => undefined });
    const fake = join(dataDir, 'not-a-case.alibi');
    writeFileSync(fake, 'hello, I am a text file renamed to .alibi\n');
    const r = await dispatch(svc.handlers, 'caseOpen', { path: fake });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/cannot be opened/);
    expect(!r.ok && r.error.hint).toBeTruthy();
    expect(await svc.handlers.caseCurrent({})).toBeNull();
    svc.dispose();
  });
});

describe('exporting the report', () => {
  it('refuses to write the report over the open case file (a typed output path), and the case survives', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alibi-svc-'));
    const svc = createHandlers({ dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => undefined });
    const info = await svc.handlers.caseCreate({ path: join(dataDir, 'c.alibi'), title: 'report target test', tz: 'UTC' });
    for (const target of [info.path, `${info.path}-wal`, join(dataDir, '.', 'c.alibi')]) {
      const r = await dispatch(svc.handlers, 'reportExport', { path: target, format: 'html' });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/case file/);
    }
    // The one output field serves report and share copy: a stale "copy.alibi" or "report.html" must not get a PDF.
    const shared = join(dataDir, 'copy.alibi');
    writeFileSync(shared, 'a share copy made earlier');
    for (const [target, format] of [[shared, 'pdf'], [join(dataDir, 'new.ALIBI'), 'html'], [join(dataDir, 'report.html'), 'pdf'], [join(dataDir, 'report.pdf'), 'html']]) {
      const r = await dispatch(svc.handlers, 'reportExport', { path: target, format });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.hint).toBeTruthy();
    }
    expect(readFileSync(shared, 'utf8')).toBe('a share copy made earlier');
    expect(existsSync(join(dataDir, 'report.html'))).toBe(false);
    const ok = await svc.handlers.reportExport({ path: join(dataDir, 'report.HTM'), format: 'html' });
    expect(ok.bytes).toBeGreaterThan(1000);
    const v = await svc.handlers.caseVerify({});
    expect(v.ok).toBe(true);
    expect((await svc.handlers.caseSummary({})).info.title).toBe('report target test');
    svc.dispose();
  });
});

describe('saving a share copy from the app', () => {
  it('writes a redacted copy that opens as a case, and refuses a report or CSV name for it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alibi-svc-'));
    const svc = createHandlers({ dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => undefined });
    await svc.handlers.caseOpenSample({});
    for (const name of ['report.pdf', 'report.html', 'events.csv']) {
      const r = await dispatch(svc.handlers, 'shareCopy', { path: join(dataDir, name), redact: true });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.hint).toMatch(/\.alibi/);
      expect(existsSync(join(dataDir, name))).toBe(false);
    }
    const copy = await svc.handlers.shareCopy({ path: join(dataDir, 'copy.alibi'), redact: true });
    expect(copy.bytes).toBeGreaterThan(0);
    expect(existsSync(`${copy.path}.manifest.json`)).toBe(true);
    const info = await svc.handlers.caseOpen({ path: copy.path });
    expect(info.title).toMatch(/Multi-CB/);
    svc.dispose();
  });
});

describe('CSV exports from the app', () => {
  it('exports events, findings and IP roles as spreadsheet-safe CSV (BOM, formulas inert, ; for French Excel)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alibi-svc-'));
    const svc = createHandlers({ dataDir, runImport: inProcessRunner(() => svc.session.db()), emitImportProgress: () => undefined });
    const info = await svc.handlers.caseCreate({ path: join(dataDir, 'c.alibi'), title: 'csv test', tz: 'UTC' });
    const log = join(dataDir, 'hostile.log');
    writeFileSync(log, '198.51.100.9 - - [23/Nov/2025:06:41:00 +0100] "GET /cart HTTP/1.1" 200 10 "<img src=x onerror=alert(1)>" "=HYPERLINK(http://x)"\n');
    const { jobId } = await svc.handlers.importStart({ files: [{ path: log }] });
    let st = await svc.handlers.importStatus({ jobId });
    for (let i = 0; i < 600 && st.state === 'running'; i++) (await new Promise((r) => setTimeout(r, 20)), (st = await svc.handlers.importStatus({ jobId })));
    expect(st.state).toBe('done');
    const out = join(dataDir, 'events.csv');
    const r = await dispatch(svc.handlers, 'csvExport', { path: out, table: 'events', filter: { ip: '198.51.100.9' } });
    expect(r.ok && (r.value as { rows: number }).rows).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain(",'=HYPERLINK(http://x),");
    expect(text).not.toContain(',=HYPERLINK');
    const ips = join(dataDir, 'ips.csv');
    await svc.handlers.csvExport({ path: ips, table: 'ips', separator: ';' });
    expect(readFileSync(ips, 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFip;role;/);
    await svc.handlers.csvExport({ path: join(dataDir, 'findings.csv'), table: 'findings' });
    expect(existsSync(join(dataDir, 'findings.csv'))).toBe(true);
    // Never over the case file, never a path that is not chosen for a CSV; the arguments are checked.
    expect((await dispatch(svc.handlers, 'csvExport', { path: info.path, table: 'events' })).ok).toBe(false);
    expect((await dispatch(svc.handlers, 'csvExport', { path: out, table: 'sqlite_master' })).ok).toBe(false);
    expect((await svc.handlers.auditList({ limit: 10 })).map((a) => a.action)).toContain('export.csv');
    expect((await svc.handlers.caseVerify({})).ok).toBe(true);
    svc.dispose();
  });
});

describe('import jobs in a worker thread', () => {
  it('reports progress and cancels, leaving the case as before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alibi-svc-'));
    const seen: ImportJobStatus[] = [];
    const svc = createHandlers({ dataDir, runImport: workerRunner(), emitImportProgress: (e) => seen.push(e) });
    await svc.handlers.caseCreate({ path: join(dataDir, 'c.alibi'), title: 'cancel test', tz: 'UTC' });
    // 300,000 lines: long enough that the cancel lands mid-file.
    const big = join(dataDir, 'big.log');
    const line = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} - - [23/Nov/2025:06:${String(Math.floor(i / 6000) % 60).padStart(2, '0')}:00 +0100] "GET /p/${i} HTTP/1.1" 200 ${i % 5000} "-" "Mozilla/5.0"\n`;
    const chunks: string[] = [];
    for (let i = 0; i < 300_000; i++) chunks.push(line(i));
    writeFileSync(big, chunks.join(''));
    const auditBefore = (await svc.handlers.auditList({ limit: 10000 })).length;
    const { jobId } = await svc.handlers.importStart({ files: [{ path: big }] });
    for (let i = 0; i < 300 && !seen.some((e) => e.progress && e.progress.rows > 0); i++) await new Promise((r) => setTimeout(r, 20));
    const progress = seen.find((e) => e.progress && e.progress.rows > 0)?.progress;
    expect(progress?.bytesTotal).toBeGreaterThan(0);
    expect(progress?.rowsPerSecond).toBeGreaterThan(0);
    await svc.handlers.importCancel({ jobId });
    let st = await svc.handlers.importStatus({ jobId });
    for (let i = 0; i < 600 && st.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      st = await svc.handlers.importStatus({ jobId });
    }
    expect(st.state).toBe('cancelled');
    const s = await svc.handlers.caseSummary({});
    expect(s.sources).toHaveLength(0);
    expect(s.events).toBe(0);
    expect((await svc.handlers.auditList({ limit: 10000 })).length).toBe(auditBefore);
    svc.dispose();
  });
});
