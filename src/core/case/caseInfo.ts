// What the app's title bar and the CLI header say about the open case.
import { readMeta } from '../casefile/caseFile';
import type { ApiContext } from '../apiContract';
import { readVerdictMeta } from './verdictMeta';
import { getCaseLang } from '../casefile/caseLang';
import type { Lang, Msg } from '../i18n';

export interface CaseInfo {
  path: string;
  caseId: string;
  title: string;
  /** Set when Alibi chose the title (untitled, the sample): shown in the host's language. */
  titleMsg?: Msg;
  tz: string;
  createdAt: string;
  schemaVersion: number;
  verdict: string | null;
  verdictReason: string | null;
  /** The case's language for its report and exports, or null when it never chose one. */
  lang: Lang | null;
  /** Opened read-only (a received case, or a file not yet migrated): writes need the user's consent first. */
  readOnly: boolean;
}

export function caseInfo(ctx: Pick<ApiContext, 'db' | 'casePath'>): CaseInfo {
  const db = ctx.db();
  const m = readMeta(db);
  const v = readVerdictMeta(db);
  return {
    path: ctx.casePath(),
    caseId: m.caseId,
    title: m.title,
    ...(m.titleMsg ? { titleMsg: m.titleMsg } : {}),
    tz: m.tz,
    createdAt: m.createdAt,
    schemaVersion: m.schemaVersion,
    verdict: v.verdict,
    verdictReason: v.reason,
    lang: getCaseLang(db),
    readOnly: db.readonly,
  };
}
