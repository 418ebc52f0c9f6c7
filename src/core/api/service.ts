// createHandlers: the Handlers map implemented over the engine. Used by Electron main (behind IPC) and by the
// test bridge (behind HTTP) — the same code, so the end-to-end tests exercise what the app runs.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { appendAudit, listAudit } from '../casefile/audit';
import { createCase, openCase, readMeta, getMetaValue, setMetaValue, type Db } from '../casefile/caseFile';
import { verifyCase } from '../casefile/verify';
import { AlibiError } from '../errors';
import type { RejectRow, SourceRow, CanonicalField } from '../types';
import type { Finding, Severity } from '../analysis/types';
import { classifyIps, ipProfile, setIpRoleOverride } from '../analysis/ipRoles';
import { blockImpact } from '../analysis/blockImpact';
import { runFindings } from '../analysis/findings';
import { breachExposure } from '../breach/exposure';
import { ipDataInfo } from '../enrich/ipIndex';
import { buildDemoCase } from '../sample/demoCase';
import { checkCaseFile } from '../share/openUntrusted';
import { extractShareContainer, isShareContainer } from '../share/shareContainer';
import { shareCase } from '../share/shareCase';
import { renderReportHtml } from '../report/report';
import { renderReportPdf } from '../report/pdf';
import { csvOptionsFor } from '../export/csvLocale';
import { getCaseLang } from '../casefile/caseLang';
import { DEFAULT_LANG } from '../i18n/locale';
import { exportEventsCsv, exportFindingsCsv, exportIpRolesCsv } from '../export/csvExport';
import { CaseSession } from './context';
import { createTimelineHandlers } from './timelineHandlers';
import { createGraphHandlers } from './graphHandlers';
import { ImportJobs, type ImportRunner } from './importJobs';
import { previewImport } from '../import/preview';
import { exportPresetFile, importPresetFile, parsePresetFile } from '../import/presetFile';
import { savePreset } from '../import/sourceTransaction';
import { coverageGaps } from '../import/coverage';
import { PRESET_NAMES } from '../import/presets';
import { RecentCases } from './recentCases';
import { createEventGridHandlers } from '../events/eventHandlers';
import { caseAlerts } from '../alerts/caseAlerts';
import type {
  Async, CaseInfo, CaseSummary, Handlers, ImportJobStatus, IpDetail, NoteRow, PresetRow,
} from './handlers';

export interface HostServices {
  /** Per-user folder: the sample case and the recent-cases list live there. */
  dataDir: string;
  runImport: ImportRunner;
  emitImportProgress(e: ImportJobStatus): void;
  /** PDF writer of the host (Electron's printToPDF); default: the engine's headless-Chromium printer. */
  printPdf?: (html: string, path: string) => Promise<void>;
}

export interface Service {
  handlers: Handlers;
  session: CaseSession;
  /** Close the case and stop running imports (window closed, bridge stopped). */
  dispose(): void;
}

const SEVERITIES: Severity[] = ['high', 'medium', 'low'];

export function createHandlers(host: HostServices): Service {
  const session = new CaseSession();
  const recent = new RecentCases(host.dataDir);
  // Analysis results are recomputed only after something that changes them (import, override).
  let cache: { findings?: Finding[] } = {};
  const invalidate = () => {
    cache = {};
  };
  const jobs = new ImportJobs(host.runImport, host.emitImportProgress, invalidate);

  const findings = (db: Db): Finding[] => (cache.findings ??= runFindings(db));
  const timeline = createTimelineHandlers(session, findings);
  const graph = createGraphHandlers(session);

  function info(): CaseInfo {
    const db = session.db();
    const m = readMeta(db);
    return {
      path: session.casePath()!,
      caseId: m.caseId,
      title: m.title,
      tz: m.tz,
      createdAt: m.createdAt,
      schemaVersion: m.schemaVersion,
      verdict: m.verdict ?? null,
      verdictReason: getMetaValue(db, 'verdict_reason') ?? null,
    };
  }

  function use(db: Db, path: string): CaseInfo {
    jobs.cancelAll();
    session.set(db, path);
    invalidate();
    const i = info();
    recent.add(path, i.title);
    return i;
  }

  function notes(db: Db, kind?: string, id?: string): NoteRow[] {
    const where: string[] = [];
    const params: string[] = [];
    if (kind) (where.push('target_kind = ?'), params.push(kind));
    if (id !== undefined) (where.push('target_id = ?'), params.push(id));
    const sql = `SELECT id, at, target_kind, target_id, text FROM notes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`;
    return db.prepare(sql).all(...params) as NoteRow[];
  }

  function tags(db: Db, eventId: number): string[] {
    return (db.prepare('SELECT tag FROM tags WHERE event_id = ? ORDER BY tag').all(eventId) as { tag: string }[]).map((r) => r.tag);
  }

  function ipDetail(ip: string): IpDetail {
    const db = session.db();
    const profile = ipProfile(db, ip);
    if (!profile) throw new AlibiError(`IP ${ip} does not appear in this case`, 'pick an IP from the IP list');
    return { profile, impact: blockImpact(db, ip), notes: notes(db, 'ip', ip) };
  }

  function presets(db: Db): PresetRow[] {
    const saved = db.prepare('SELECT name, base_preset, mapping_json FROM presets ORDER BY name').all() as {
      name: string; base_preset: string | null; mapping_json: string;
    }[];
    return [
      ...PRESET_NAMES.map((name) => ({ name, basePreset: null, mapping: {}, builtIn: true })),
      ...saved.map((s) => ({ name: s.name, basePreset: s.base_preset, mapping: JSON.parse(s.mapping_json) as Partial<Record<CanonicalField, string>>, builtIn: false })),
    ];
  }

  const handlers: Handlers = {
    ...wrapAsync(timeline),
    ...wrapAsync(graph),
    ...createEventGridHandlers(session),
    async alertsList() {
      const db = session.db();
      return caseAlerts(db, { findings: findings(db), ips: classifyIps(db), breach: breachExposure(db), blockImpact: (ip) => blockImpact(db, ip) });
    },

    // ---- case
    async caseCurrent() {
      return session.casePath() ? info() : null;
    },
    async caseOpen({ path: given }) {
      // A received share container is unpacked and checked beside itself (`x.alibiz` → `x.alibi`), then opened.
      const path = existsSync(given) && statSync(given).isFile() && isShareContainer(given) ? await extractShareContainer(given) : given;
      // A case file not made or opened here before may come from anyone: check it as untrusted input first.
      if (!recent.list().some((r) => r.path === path)) {
        const check = checkCaseFile(path);
        if (!check.ok) throw new AlibiError(`${path} cannot be opened: ${check.problems.join('; ')}`, check.hint);
      }
      return use(openCase(path), path);
    },
    async caseCreate({ path, title, tz }) {
      const file = path.endsWith('.alibi') ? path : `${path}.alibi`;
      return use(createCase(file, { title, tz }), file);
    },
    async caseOpenSample() {
      const dir = join(host.dataDir, 'sample');
      const file = join(dir, 'sample.alibi');
      let exists = false;
      try {
        exists = statSync(file).isFile();
      } catch {
        exists = false;
      }
      if (!exists) {
        mkdirSync(dir, { recursive: true });
        await buildDemoCase(dir);
      }
      return use(openCase(file), file);
    },
    async caseClose() {
      jobs.cancelAll();
      session.close();
      invalidate();
      return null;
    },
    async caseSummary() {
      const db = session.db();
      const sources = db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[];
      const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      let findingsPart: CaseSummary['findings'];
      try {
        const all = findings(db);
        const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, all.filter((f) => f.severity === s).length])) as Record<Severity, number>;
        const top = [...all].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)).slice(0, 5);
        findingsPart = { total: all.length, bySeverity, top };
      } catch (e) {
        findingsPart = { error: (e as Error).message };
      }
      let breach: CaseSummary['breach'];
      try {
        breach = breachExposure(db);
      } catch (e) {
        breach = { error: (e as Error).message };
      }
      return {
        info: info(),
        sources,
        events,
        rejected: sources.reduce((n, s) => n + s.rows_rejected, 0),
        findings: findingsPart,
        breach,
        notes: (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n,
        auditRows: (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n,
        coverageGaps: coverageGaps(db),
      };
    },
    async caseRecent() {
      return recent.list();
    },
    async caseSetVerdict({ verdict, reason }) {
      const db = session.db();
      const before = getMetaValue(db, 'verdict') ?? null;
      db.transaction(() => {
        setMetaValue(db, 'verdict', verdict);
        setMetaValue(db, 'verdict_reason', reason);
        appendAudit(db, { action: 'verdict', target: 'case', details: { verdict, reason, before } });
      })();
      return info();
    },
    async caseVerify() {
      const r = await verifyCase(session.db());
      return { ok: r.ok, problems: r.problems, audit: r.audit };
    },
    async sourceRejects({ sourceId, offset = 0, limit = 100 }) {
      const db = session.db();
      const total = (db.prepare('SELECT count(*) AS n FROM rejects WHERE source_id = ?').get(sourceId) as { n: number }).n;
      const rows = db.prepare('SELECT * FROM rejects WHERE source_id = ? ORDER BY row_no LIMIT ? OFFSET ?').all(sourceId, limit, offset) as RejectRow[];
      return { total, rows };
    },
    async auditList({ limit = 500 }) {
      return listAudit(session.db(), limit);
    },

    // ---- notes and tags
    async eventTag({ id, tag }) {
      const db = session.db();
      assertEvent(db, id);
      db.transaction(() => {
        const r = db.prepare('INSERT OR IGNORE INTO tags(event_id, tag, at) VALUES (?, ?, ?)').run(id, tag, new Date().toISOString());
        if (r.changes) appendAudit(db, { action: 'tag.add', target: `event:${id}`, details: { tag } });
      })();
      return tags(db, id);
    },
    async eventUntag({ id, tag }) {
      const db = session.db();
      db.transaction(() => {
        const r = db.prepare('DELETE FROM tags WHERE event_id = ? AND tag = ?').run(id, tag);
        if (r.changes) appendAudit(db, { action: 'tag.remove', target: `event:${id}`, details: { tag } });
      })();
      return tags(db, id);
    },
    async notesList({ targetKind, targetId }) {
      return notes(session.db(), targetKind, targetId);
    },
    async noteAdd({ targetKind, targetId, text }) {
      const db = session.db();
      if (targetKind === 'event') assertEvent(db, Number(targetId));
      const at = new Date().toISOString();
      const target = targetKind === 'case' ? 'case' : targetId;
      const id = db.transaction(() => {
        const r = db.prepare('INSERT INTO notes(at, target_kind, target_id, text) VALUES (?, ?, ?, ?)').run(at, targetKind, target, text);
        appendAudit(db, { action: 'note.add', target: `${targetKind}:${target}`, details: { noteId: Number(r.lastInsertRowid), text } });
        return Number(r.lastInsertRowid);
      })();
      return { id, at, target_kind: targetKind, target_id: target, text };
    },

    // ---- import
    async importPreview({ path, preset, mapping }) {
      const db = session.casePath() ? session.db() : null;
      const saved = db ? presets(db).filter((p) => !p.builtIn).map((p) => p.name) : [];
      return previewImport(db, path, { preset, mapping, savedPresetNames: saved });
    },
    async importStart({ files }) {
      session.db();
      return { jobId: jobs.start(session.casePath()!, files) };
    },
    async importCancel({ jobId }) {
      return jobs.cancel(jobId);
    },
    async importStatus({ jobId }) {
      return jobs.status(jobId);
    },
    async presetList() {
      return presets(session.db());
    },
    async presetSave({ name, basePreset, mapping }) {
      const db = session.db();
      if (PRESET_NAMES.includes(name)) {
        throw new AlibiError(`"${name}" is a built-in preset`, 'choose another name for your mapping');
      }
      db.transaction(() => savePreset(db, name, basePreset, mapping))();
      return { name, basePreset, mapping, builtIn: false };
    },
    async presetExport({ name }) {
      return exportPresetFile(session.db(), name);
    },
    async presetImport({ text, as, replace }) {
      const saved = importPresetFile(session.db(), parsePresetFile(text), { as, replace });
      return { ...saved, mapping: saved.mapping as Partial<Record<CanonicalField, string>>, builtIn: false };
    },

    // ---- analysis
    async ipList() {
      return classifyIps(session.db());
    },
    async ipDetail({ ip }) {
      return ipDetail(ip);
    },
    async ipSetRole({ ip, role, reason }) {
      setIpRoleOverride(session.db(), ip, role, reason);
      invalidate();
      return ipDetail(ip);
    },
    async findingsList() {
      return findings(session.db());
    },
    async breachExposure() {
      return breachExposure(session.db());
    },
    async ipDataInfo() {
      return ipDataInfo();
    },

    // ---- report and share
    async reportExport({ path, format = 'html', lang }) {
      const db = session.db();
      // The output path may be typed by hand: never let the report overwrite the open case (or its WAL files).
      const casePath = resolve(session.casePath()!);
      if ([casePath, `${casePath}-wal`, `${casePath}-shm`, `${casePath}-journal`].includes(resolve(path))) {
        throw new AlibiError('the report cannot be written over the case file itself', 'choose another file name, e.g. report.pdf');
      }
      // One output field serves the report and the share copy: a name left over for the other must not get it.
      const ext = extname(path).toLowerCase();
      if (ext === '.alibi') throw new AlibiError(`${path} is a case-file name, not a report`, `choose a name ending in .${format}`);
      if ((format === 'pdf' && (ext === '.html' || ext === '.htm')) || (format === 'html' && ext === '.pdf')) {
        throw new AlibiError(`a ${format.toUpperCase()} report cannot be written to ${path}`, `choose a name ending in .${format}, or export as ${ext === '.pdf' ? 'PDF' : 'HTML'}`);
      }
      // Without a choice the report is in the case's language (renderReportHtml reads it).
      if (format === 'html') writeFileSync(path, await renderReportHtml(db, { lang }));
      else if (host.printPdf) await host.printPdf(await renderReportHtml(db, { lang }), path);
      else await renderReportPdf(db, path, { lang });
      appendAudit(db, { action: 'report.export', target: path, details: { format, lang: lang ?? null } });
      return { path, bytes: statSync(path).size };
    },
    async shareCopy({ path, redact = true }) {
      const db = session.db();
      // One output field serves the report and the share copy: a report or CSV name must not get a SQLite file.
      const ext = extname(path).toLowerCase();
      if (ext !== '' && ext !== '.alibi' && ext !== '.alibiz') {
        throw new AlibiError(`${path} is not a case-file name: the share copy is a case file`, 'choose a name ending in .alibiz (compressed, e-mail size) or .alibi, e.g. share-copy.alibiz');
      }
      const cited = findings(db);
      const r = await shareCase(db, {
        out: path,
        redact,
        evidence: { eventIds: cited.flatMap((f) => f.evidenceEventIds), subjects: cited.map((f) => f.subject) },
      });
      return { path: r.out, bytes: statSync(r.out).size };
    },
    async csvExport({ path, table, separator: chosen, lang, filter }) {
      const db = session.db();
      if (resolve(path) === resolve(session.casePath()!) || extname(path).toLowerCase() === '.alibi') {
        throw new AlibiError(`${path} is a case-file name, not a CSV export`, 'choose a name ending in .csv');
      }
      const opts = csvOptionsFor(lang ?? getCaseLang(db) ?? DEFAULT_LANG, chosen);
      const separator = opts.separator;
      const r =
        table === 'events'
          ? await exportEventsCsv(db, path, filter ?? {}, opts)
          : table === 'findings'
            ? await exportFindingsCsv(findings(db), path, opts)
            : await exportIpRolesCsv(classifyIps(db), path, { ...opts, impact: (ip) => blockImpact(db, ip) });
      appendAudit(db, { action: 'export.csv', target: path, details: { table, separator, filter: filter ?? null, rows: r.rows } });
      return { path: r.out, rows: r.rows, bytes: statSync(r.out).size };
    },
  };

  return {
    handlers,
    session,
    dispose() {
      jobs.cancelAll();
      session.close();
    },
  };
}

function assertEvent(db: Db, id: number): void {
  if (!Number.isInteger(id) || !db.prepare('SELECT 1 FROM events WHERE id = ?').get(id)) {
    throw new AlibiError(`event ${id} is not in this case`, 'select an event from the timeline');
  }
}

/** D2's handler groups may be synchronous; the UI always sees promises. */
function wrapAsync<T extends object>(group: T): Async<T> {
  const out: Record<string, (...a: unknown[]) => Promise<unknown>> = {};
  for (const [k, fn] of Object.entries(group)) {
    if (typeof fn === 'function') out[k] = async (...a: unknown[]) => (fn as (...x: unknown[]) => unknown).apply(group, a);
  }
  return out as Async<T>;
}
