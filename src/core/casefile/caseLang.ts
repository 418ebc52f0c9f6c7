// The case's language: the language its report and exports are written in for the client. Stored in the
// case meta (so a shared case keeps it), changed through an audited action, overridable at each export.
import type { Db } from './caseFile';
import { getMetaValue, setMetaValue } from './caseFile';
import { appendAudit } from './audit';
import { parseLang, type Lang } from '../i18n/locale';

/** The stored language, or null when the case never chose one (hosts then fall back to the user's). */
export function getCaseLang(db: Db): Lang | null {
  return parseLang(getMetaValue(db, 'lang'));
}

export function setCaseLang(db: Db, lang: Lang): void {
  const before = getCaseLang(db);
  if (before === lang) return;
  db.transaction(() => {
    setMetaValue(db, 'lang', lang);
    appendAudit(db, { action: 'case.lang', target: 'case', details: { lang, before } });
  })();
}
