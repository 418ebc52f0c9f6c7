// The case as a whole: its summary (the app's case home, `alibi` headers), the integrity check, the imported
// sources and their rejected rows, and the audit log.
import { coverageGaps, type CoverageGap } from '../import/coverage';
import { z } from 'zod';
import { listAudit } from '../casefile/audit';
import { verifyCase } from '../casefile/verify';
import type { RejectRow, SourceRow } from '../types';
import type { BreachHit, Finding, Severity } from '../analysis/types';
import { defineApi, type ApiContext } from '../apiContract';
import { caseInfo, type CaseInfo } from './caseInfo';
import { eventFilterSchema } from '../eventFilter';
import { iterateEvents, type EventWithSource } from '../export/eventQuery';
import { rejectReasonMsg } from '../i18n/rejectReason';

export interface CaseSummary {
  info: CaseInfo;
  sources: SourceRow[];
  events: number;
  rejected: number;
  findings: { total: number; bySeverity: Record<Severity, number>; top: Finding[] } | { error: string };
  breach: BreachHit[] | { error: string };
  notes: number;
  auditRows: number;
  /** What an imported export cannot carry (Shopify: no customer IP) and which other file supplies it. */
  coverageGaps: CoverageGap[];
}

const SEVERITIES: Severity[] = ['high', 'medium', 'low'];
const none = z.object({}).strict();

function summary(ctx: ApiContext): CaseSummary {
  const db = ctx.db();
  const sources = db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[];
  const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  let findings: CaseSummary['findings'];
  let breach: CaseSummary['breach'];
  try {
    const a = ctx.analysis();
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, a.findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
    // analyzeCase returns findings in report order (severity, then strength): the top five are the first five.
    findings = { total: a.findings.length, bySeverity, top: a.findings.slice(0, 5) };
    breach = a.breach;
  } catch (e) {
    // A failing analysis must not hide what the case holds: the case home shows the error in place.
    findings = { error: (e as Error).message };
    breach = { error: (e as Error).message };
  }
  return {
    info: caseInfo(ctx),
    sources,
    events,
    rejected: sources.reduce((n, s) => n + s.rows_rejected, 0),
    findings,
    breach,
    notes: (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n,
    auditRows: (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n,
    coverageGaps: coverageGaps(db),
  };
}

export const caseApi = defineApi(
  {
    caseSummary: none,
    /** expectHead: the chain head printed in a report or share manifest; the file's chain must contain it. */
    caseVerify: z.object({ expectHead: z.string().regex(/^[0-9a-f]{64}$/i).optional() }).strict(),
    sourceList: none,
    sourceRejects: z
      .object({
        sourceId: z.number().int().positive().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(10_000).default(100),
      })
      .strict(),
    auditList: z.object({ limit: z.number().int().min(1).max(10000).default(500) }).strict(),
    /** Events in time order through the one event filter (`alibi events`). */
    eventsList: z.object({ filter: eventFilterSchema.optional(), limit: z.number().int().min(1).max(100_000).default(100) }).strict(),
  },
  (ctx: ApiContext) => ({
    caseSummary: () => summary(ctx),
    caseVerify: ({ expectHead }: { expectHead?: string }) => verifyCase(ctx.db(), { expectHead }),
    sourceList: () => ctx.db().prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[],
    sourceRejects: ({ sourceId, offset, limit }: { sourceId?: number; offset: number; limit: number }) => {
      const db = ctx.db();
      const where = sourceId === undefined ? '' : 'WHERE source_id = @sourceId';
      const filter = sourceId === undefined ? {} : { sourceId };
      const total = (db.prepare(`SELECT count(*) AS n FROM rejects ${where}`).get(filter) as { n: number }).n;
      const rows = db
        .prepare(`SELECT * FROM rejects ${where} ORDER BY source_id, row_no LIMIT @limit OFFSET @offset`)
        .all({ ...filter, limit, offset }) as RejectRow[];
      // the reason as recorded (evidence) and as a message every host shows in its reader's language
      return { total, rows: rows.map((r) => ({ ...r, reasonMsg: rejectReasonMsg(r.reason) })) };
    },
    auditList: ({ limit }: { limit: number }) => listAudit(ctx.db(), limit),
    eventsList: ({ filter, limit }: { filter?: z.output<typeof eventFilterSchema>; limit: number }): EventWithSource[] => [
      ...iterateEvents(ctx.db(), { ...filter, limit }),
    ],
  }),
);
