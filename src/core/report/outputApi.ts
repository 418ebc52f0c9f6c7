// What leaves the case: the report (HTML/PDF), spreadsheet and Timesketch exports, and the share copy. Every
// host calls these same methods, so every output is checked and recorded in the audit log the same way.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import { appendAudit } from '../casefile/audit';
import { sha256File } from '../casefile/verify';
import { AlibiError } from '../errors';
import { defineApi, type ApiContext } from '../apiContract';
import { exportEventsCsv, exportFindingsCsv, exportIpRolesCsv } from '../export/csvExport';
import { exportTimesketchCsv, exportTimesketchJsonl } from '../export/timesketch';
import { shareCase } from '../share/shareCase';
import { evidenceFromAnalysis } from '../share/redact';
import { isCaseOrSidecar } from '../export/outputPath';
import { parseIp } from '../enrich/ipAddress';
import { eventFilterSchema } from '../eventFilter';
import { renderReportHtml } from './report';
import { renderReportPdf } from './pdf';
import { DEFAULT_LANG, LANGS, type Lang } from '../i18n';
import { csvOptionsFor } from '../export/csvLocale';
import { getCaseLang } from '../casefile/caseLang';

const path = z.string().min(1).max(4096);

/** The open case and its journal files: no output may ever be written over them. */
function assertNotCase(ctx: ApiContext, out: string, what: string, hint: string): void {
  const casePath = resolve(ctx.casePath());
  // isCaseOrSidecar compares real paths and inodes: a symlink or hard link to the case is the case.
  if (isCaseOrSidecar(out, casePath) || extname(out).toLowerCase() === '.alibi') {
    throw new AlibiError(`${out} is a case file name: ${what} cannot be written there`, hint, 1, 'refused');
  }
}

function assertFree(out: string, overwrite: boolean): void {
  if (!overwrite && existsSync(out)) {
    throw new AlibiError(`${out} already exists`, { cli: 'choose another --out, or pass --force to replace it', app: 'choose another file name, or confirm replacing it' }, 1, 'exists');
  }
}

/** Records an output in the audit log when the case may be written (a read-only, received case is left untouched). */
function audit(ctx: ApiContext, action: string, target: string, details: Record<string, unknown>): boolean {
  const db = ctx.db();
  if (db.readonly) return false;
  appendAudit(db, { action, target, details });
  return true;
}

export const outputApi = defineApi(
  {
    reportExport: z
      .object({
        path,
        format: z.enum(['html', 'pdf']).optional(),
        consultant: z.string().max(200).optional(),
        client: z.string().max(200).optional(),
        pseudonymise: z.boolean().default(true),
        /** The report's language; default: the case's language. */
        lang: z.enum(LANGS as [Lang, ...Lang[]]).optional(),
        /** Replace an existing file: only when the user said so (CLI `--force`; app: main sets it once the user confirmed). */
        overwrite: z.boolean().default(false),
      })
      .strict(),
    csvExport: z
      .object({
        path,
        table: z.enum(['events', 'findings', 'ips']),
        format: z.enum(['csv', 'timesketch-csv', 'timesketch-jsonl']).default('csv'),
        /** Default: from the language (`;` and decimal commas for French). */
        separator: z.enum([',', ';']).optional(),
        /** Default: the case's language. */
        lang: z.enum(LANGS as [Lang, ...Lang[]]).optional(),
        /** At most this many events (events only). */
        limit: z.number().int().min(0).optional(),
        filter: eventFilterSchema.optional(),
        /** As for reportExport: never replace an existing file unasked. */
        overwrite: z.boolean().default(false),
      })
      .strict(),
    shareCopy: z.object({ path, redact: z.boolean().default(true), onlyEvidence: z.boolean().default(false), overwrite: z.boolean().default(false) }).strict(),
  },
  (ctx: ApiContext) => ({
    async reportExport(a: { path: string; format?: 'html' | 'pdf'; consultant?: string; client?: string; pseudonymise: boolean; lang?: Lang; overwrite: boolean }) {
      const ext = extname(a.path).toLowerCase();
      const format = a.format ?? (ext === '.pdf' ? 'pdf' : 'html');
      assertNotCase(ctx, a.path, 'the report', `choose a name ending in .${format}, e.g. report.${format}`);
      if ((format === 'pdf' && (ext === '.html' || ext === '.htm')) || (format === 'html' && ext === '.pdf')) {
        throw new AlibiError(`a ${format.toUpperCase()} report cannot be written to ${a.path}`, `choose a name ending in .${format}, or export as ${ext === '.pdf' ? 'PDF' : 'HTML'}`);
      }
      assertFree(a.path, a.overwrite);
      const db = ctx.db();
      const opts = { analysis: ctx.analysis(), blockImpact: (ip: string) => ctx.blockImpact(ip), consultant: a.consultant, client: a.client, pseudonymise: a.pseudonymise, lang: a.lang };
      if (format === 'pdf' && !ctx.printPdf) await renderReportPdf(db, a.path, opts);
      else {
        const html = await renderReportHtml(db, opts);
        if (format === 'html') writeFileSync(a.path, html);
        else await ctx.printPdf!(html, a.path);
      }
      const sha256 = await sha256File(a.path);
      const audited = audit(ctx, 'report.export', a.path, { format, sha256, pseudonymise: a.pseudonymise, lang: a.lang ?? null });
      return { path: a.path, format, lang: a.lang ?? null, bytes: statSync(a.path).size, sha256, audited };
    },
    async csvExport(a: { path: string; table: 'events' | 'findings' | 'ips'; format: 'csv' | 'timesketch-csv' | 'timesketch-jsonl'; separator?: ',' | ';'; lang?: Lang; limit?: number; filter?: z.output<typeof eventFilterSchema>; overwrite: boolean }) {
      assertNotCase(ctx, a.path, 'an export', a.format === 'timesketch-jsonl' ? 'choose a name ending in .jsonl' : 'choose a name ending in .csv');
      if (a.format !== 'csv' && a.table !== 'events') {
        throw new AlibiError(`${a.format} is a timeline format: it exports events only`, { cli: 'use --format csv for findings and ips', app: 'export findings and IPs as CSV' }, 2);
      }
      assertFree(a.path, a.overwrite);
      const db = ctx.db();
      const opts = csvOptionsFor(a.lang ?? getCaseLang(db) ?? DEFAULT_LANG, a.separator);
      const filter = { ...a.filter, limit: a.limit };
      const r =
        a.table === 'events'
          ? a.format === 'timesketch-jsonl'
            ? await exportTimesketchJsonl(db, a.path, filter)
            : a.format === 'timesketch-csv'
              ? await exportTimesketchCsv(db, a.path, filter, opts)
              : await exportEventsCsv(db, a.path, filter, opts)
          : a.table === 'findings'
            ? await exportFindingsCsv(ctx.analysis().findings, a.path, opts)
            : // An "address" that is not one (a case edited outside Alibi) has no block impact: an empty cell, not a failed export.
              await exportIpRolesCsv(ctx.analysis().ips, a.path, { ...opts, impact: (ip) => (parseIp(ip) ? ctx.blockImpact(ip) : undefined) });
      const audited = audit(ctx, 'export.csv', a.path, { table: a.table, format: a.format, separator: opts.separator, filter: a.filter ?? null, limit: a.limit ?? null, rows: r.rows });
      return { path: r.out, table: a.table, format: a.format, separator: opts.separator, rows: r.rows, bytes: statSync(r.out).size, audited };
    },
    async shareCopy(a: { path: string; redact: boolean; onlyEvidence: boolean; overwrite: boolean }) {
      // One output field serves the report and the share copy: a report or CSV name must not get a SQLite file.
      const ext = extname(a.path).toLowerCase();
      if (ext !== '' && ext !== '.alibi' && ext !== '.alibiz') {
        throw new AlibiError(`${a.path} is not a case-file name: the share copy is a case file`, 'choose a name ending in .alibiz (compressed, e-mail size) or .alibi, e.g. share-copy.alibiz');
      }
      const r = await shareCase(ctx.db(), {
        out: a.path,
        redact: a.redact,
        onlyEvidence: a.onlyEvidence,
        evidence: evidenceFromAnalysis(ctx.analysis()),
        force: a.overwrite,
      });
      return { path: r.out, bytes: statSync(r.out).size, manifestPath: r.manifestPath, manifest: r.manifest };
    },
  }),
);
