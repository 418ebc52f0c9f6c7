// The analyst's own annotations of a case: notes (on the case, an event or an IP), tags on events, and the
// verdict. Every change is one transaction with its audit entry.
import { z } from 'zod';
import type { Db } from '../casefile/caseFile';
import { getMetaValue, setMetaValue } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { AlibiError } from '../errors';
import { NOTE_TARGETS, VERDICTS, type NoteTarget, type Verdict } from '../vocabulary';
import { defineApi, type ApiContext } from '../apiContract';
import { caseInfo } from '../case/caseInfo';
import { readVerdictMeta, type VerdictState } from '../case/verdictMeta';

export interface NoteRow {
  id: number;
  at: string;
  target_kind: NoteTarget;
  target_id: string;
  text: string;
}

export function listNotes(db: Db, kind?: NoteTarget, id?: string): NoteRow[] {
  const where: string[] = [];
  const params: string[] = [];
  if (kind) (where.push('target_kind = ?'), params.push(kind));
  if (id !== undefined) (where.push('target_id = ?'), params.push(id));
  const sql = `SELECT id, at, target_kind, target_id, text FROM notes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`;
  return db.prepare(sql).all(...params) as NoteRow[];
}

export function addNote(db: Db, kind: NoteTarget, targetId: string, text: string): NoteRow {
  if (kind === 'event') assertEvent(db, Number(targetId));
  const at = new Date().toISOString();
  const target = kind === 'case' ? 'case' : targetId;
  const id = db.transaction(() => {
    const r = db.prepare('INSERT INTO notes(at, target_kind, target_id, text) VALUES (?, ?, ?, ?)').run(at, kind, target, text);
    appendAudit(db, { action: 'note.add', target: `${kind}:${target}`, details: { noteId: Number(r.lastInsertRowid), text } });
    return Number(r.lastInsertRowid);
  })();
  return { id, at, target_kind: kind, target_id: target, text };
}

export function eventTags(db: Db, eventId: number): string[] {
  return (db.prepare('SELECT tag FROM tags WHERE event_id = ? ORDER BY tag').all(eventId) as { tag: string }[]).map((r) => r.tag);
}

export function tagEvent(db: Db, id: number, tag: string): string[] {
  assertEvent(db, id);
  db.transaction(() => {
    const r = db.prepare('INSERT OR IGNORE INTO tags(event_id, tag, at) VALUES (?, ?, ?)').run(id, tag, new Date().toISOString());
    if (r.changes) appendAudit(db, { action: 'tag.add', target: `event:${id}`, details: { tag } });
  })();
  return eventTags(db, id);
}

export function untagEvent(db: Db, id: number, tag: string): string[] {
  db.transaction(() => {
    const r = db.prepare('DELETE FROM tags WHERE event_id = ? AND tag = ?').run(id, tag);
    if (r.changes) appendAudit(db, { action: 'tag.remove', target: `event:${id}`, details: { tag } });
  })();
  return eventTags(db, id);
}

export function setVerdict(db: Db, verdict: Verdict, reason: string): VerdictState {
  const before = getMetaValue(db, 'verdict') ?? null;
  db.transaction(() => {
    setMetaValue(db, 'verdict', verdict);
    setMetaValue(db, 'verdict_reason', reason);
    appendAudit(db, { action: 'verdict', target: 'case', details: { verdict, reason, before } });
  })();
  return readVerdictMeta(db);
}

function assertEvent(db: Db, id: number): void {
  if (!Number.isInteger(id) || !db.prepare('SELECT 1 FROM events WHERE id = ?').get(id)) {
    throw new AlibiError(`event ${id} is not in this case`, { cli: 'see the event ids with `alibi events <case>`', app: 'select an event from the timeline' }, 1, 'not-found');
  }
}

const tagArgs = z.object({ id: z.number().int().positive(), tag: z.string().min(1).max(64) }).strict();

export const notesApi = defineApi(
  {
    eventTag: tagArgs,
    eventUntag: tagArgs,
    notesList: z.object({ targetKind: z.enum(NOTE_TARGETS).optional(), targetId: z.string().max(256).optional() }).strict(),
    noteAdd: z.object({ targetKind: z.enum(NOTE_TARGETS), targetId: z.string().max(256), text: z.string().min(1).max(20000) }).strict(),
    caseSetVerdict: z.object({ verdict: z.enum(VERDICTS), reason: z.string().max(4000) }).strict(),
  },
  (ctx: ApiContext) => ({
    eventTag: ({ id, tag }: { id: number; tag: string }) => tagEvent(ctx.writableDb(), id, tag),
    eventUntag: ({ id, tag }: { id: number; tag: string }) => untagEvent(ctx.writableDb(), id, tag),
    notesList: ({ targetKind, targetId }: { targetKind?: NoteTarget; targetId?: string }) => listNotes(ctx.db(), targetKind, targetId),
    noteAdd: ({ targetKind, targetId, text }: { targetKind: NoteTarget; targetId: string; text: string }) =>
      addNote(ctx.writableDb(), targetKind, targetId, text),
    caseSetVerdict: ({ verdict, reason }: { verdict: Verdict; reason: string }) => {
      setVerdict(ctx.writableDb(), verdict, reason);
      return caseInfo(ctx);
    },
  }),
);
