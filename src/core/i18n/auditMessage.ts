// An audit entry in words, in any language. Entries are stored as data — an action code (the message id's key)
// and its details as JSON (the parameters) — never as a sentence, so every entry, the oldest included, reads in
// the language of whoever opens the log; an action this version does not know is shown by its code.
import type { MessageId } from './catalog';
import { msg, type Msg, type MsgValue } from './message';
import { ROLE_MSG, VERDICT_MSG, termOr } from './terms';
import { caseTitleMsg } from './caseTitle';

/** Action code → catalogue message, with the detail fields it names. */
const AUDIT_MSG: Record<string, { id: MessageId; params: string[] }> = {
  'case.create': { id: 'audit.caseCreate', params: ['title', 'tz'] },
  'case.lang': { id: 'audit.caseLang', params: ['lang'] },
  'case.accept': { id: 'audit.caseAccept', params: ['schemaVersion', 'migratedTo'] },
  'case.share': { id: 'audit.caseShare', params: ['size', 'redact', 'onlyEvidence'] },
  'case.share.copy': { id: 'audit.caseShareCopy', params: ['redact', 'onlyEvidence'] },
  import: { id: 'audit.import', params: ['file', 'accepted', 'rejected', 'format'] },
  'import.breach': { id: 'audit.importBreach', params: ['file', 'accepted', 'breaches'] },
  'preset.save': { id: 'audit.presetSave', params: [] },
  'note.add': { id: 'audit.noteAdd', params: [] },
  'tag.add': { id: 'audit.tagAdd', params: ['tag'] },
  'tag.remove': { id: 'audit.tagRemove', params: ['tag'] },
  verdict: { id: 'audit.verdict', params: ['verdict', 'reason'] },
  'export.csv': { id: 'audit.exportCsv', params: ['rows', 'table'] },
  'report.export': { id: 'audit.reportExport', params: ['format', 'lang'] },
  'infra.add': { id: 'audit.infraAdd', params: ['role', 'label'] },
  'infra.remove': { id: 'audit.infraRemove', params: ['role', 'label'] },
  'ip.role.override': { id: 'audit.ipRoleOverride', params: ['role', 'reason'] },
  'ip.role.clear': { id: 'audit.ipRoleClear', params: ['previous'] },
};

/** Detail fields holding a code of the vocabulary: shown by its word in the reader's language. */
const TERMS: Record<string, Record<string, MessageId>> = { verdict: VERDICT_MSG, role: ROLE_MSG, previous: ROLE_MSG };

/** Detail values as message parameters: numbers stay numbers, anything else is short text (details are untrusted). */
function param(v: unknown): string | number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => String(x).slice(0, 100)).join(', ').slice(0, 300);
  return v === null || v === undefined ? '' : String(v).slice(0, 300);
}

/** The entry as a message: `audit.<action>` with the details it names (`target` too), or `audit.other` for an unknown action. */
export function auditMessage(entry: { action: string; target: string | null; details: string }): Msg {
  const known = Object.prototype.hasOwnProperty.call(AUDIT_MSG, entry.action) ? AUDIT_MSG[entry.action] : undefined;
  if (!known) return msg('audit.other', { action: entry.action.slice(0, 100) });
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(entry.details);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
  } catch {
    /* a hand-edited entry: the message without its details (the raw text is still shown beside it) */
  }
  const params: Record<string, MsgValue> = { target: param(entry.target) };
  for (const k of known.params) {
    const v = param(details[k]);
    const term = TERMS[k] && typeof v === 'string' ? termOr(TERMS[k], v) : null;
    params[k] = term ? msg(term) : v;
  }
  // A title Alibi chose reads in the reader's language, like on every other screen.
  const title = entry.action === 'case.create' ? caseTitleMsg(details.title_msg) : undefined;
  if (title) params.title = title;
  return msg(known.id, params);
}
