// Redaction and pruning applied to a share copy (never to the original case). Both work in SQL over
// temp tables so a case of millions of events is redacted without loading it.
import type { Db } from '../casefile/caseFile';
import { Pseudonymiser } from './pseudonym';

/** What the findings point at: the evidence events, and the people those events name. */
export interface EvidenceSet {
  eventIds: number[];
  /** Finding subjects (e-mail, customer id…) kept in clear even without an evidence row. */
  subjects?: { kind: string; value: string }[];
}

export interface RedactionCounts {
  bystanderEvents: number;
  rawLinesDropped: number;
  rejectedLinesDropped: number;
  pseudonymised: { emails: number; phones: number; names: number; customers: number; cards: number };
}

export interface PruneCounts {
  eventsKept: number;
  eventsDropped: number;
  rejectsDropped: number;
}

export const REDACTED_RAW = '[redacted by alibi share --redact: raw line of a person not linked to a finding]';

function loadEvidence(db: Db, evidence: EvidenceSet): void {
  db.exec('DROP TABLE IF EXISTS temp.evidence_ids; CREATE TEMP TABLE evidence_ids(id INTEGER PRIMARY KEY)');
  const ins = db.prepare('INSERT OR IGNORE INTO temp.evidence_ids(id) VALUES (?)');
  for (const id of evidence.eventIds) ins.run(id);
}

/** Keeps only the events the findings cite (and their tags); sources, audit, notes and breach entries stay. */
export function pruneToEvidence(db: Db, evidence: EvidenceSet): PruneCounts {
  return db.transaction(() => {
    loadEvidence(db, evidence);
    db.prepare('DELETE FROM tags WHERE event_id NOT IN (SELECT id FROM temp.evidence_ids)').run();
    // Straight from the compact table (`events` is its view): one statement instead of a trigger per row.
    const dropped = db.prepare('DELETE FROM event_rows WHERE id NOT IN (SELECT id FROM temp.evidence_ids)').run().changes;
    // Rejected rows are not evidence of anything and carry raw lines of whoever was in the file.
    const rejectsDropped = db.prepare('DELETE FROM rejects').run().changes;
    const kept = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    return { eventsKept: kept, eventsDropped: dropped, rejectsDropped };
  })();
}

/**
 * Pseudonymises the people no finding is about: their e-mails, phones, names and customer ids become
 * stable pseudonyms, their cards lose last4/BIN/expiry and get a pseudonymous key (so card counts still
 * work), their raw lines and unmapped columns are dropped. People named by an evidence event stay in clear.
 */
export function redactBystanders(db: Db, evidence: EvidenceSet, key: Buffer): RedactionCounts {
  const p = new Pseudonymiser(key);
  db.function('alibi_pseudonym', { deterministic: true }, (kind: unknown, value: unknown) =>
    value === null || value === undefined || value === '' ? value : p.pseudonym(kind as 'email', String(value)),
  );
  return db.transaction(() => {
    loadEvidence(db, evidence);
    db.exec(`
DROP TABLE IF EXISTS temp.linked;
CREATE TEMP TABLE linked(kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID;
INSERT OR IGNORE INTO temp.linked SELECT 'email', lower(trim(email)) FROM events WHERE id IN (SELECT id FROM temp.evidence_ids) AND email IS NOT NULL AND email <> '';
INSERT OR IGNORE INTO temp.linked SELECT 'phone', trim(phone) FROM events WHERE id IN (SELECT id FROM temp.evidence_ids) AND phone IS NOT NULL AND phone <> '';
INSERT OR IGNORE INTO temp.linked SELECT 'name', lower(trim(name)) FROM events WHERE id IN (SELECT id FROM temp.evidence_ids) AND name IS NOT NULL AND name <> '';
INSERT OR IGNORE INTO temp.linked SELECT 'customer', trim(customer_id) FROM events WHERE id IN (SELECT id FROM temp.evidence_ids) AND customer_id IS NOT NULL AND customer_id <> '';
`);
    const addSubject = db.prepare('INSERT OR IGNORE INTO temp.linked(kind, value) VALUES (?, ?)');
    for (const s of evidence.subjects ?? []) {
      if (s.kind === 'email' || s.kind === 'name') addSubject.run(s.kind, s.value.trim().toLowerCase());
      else if (s.kind === 'customer' || s.kind === 'phone') addSubject.run(s.kind, s.value.trim());
    }
    // A bystander event names someone (or a card) and nothing in it points to a linked person.
    db.exec(`
DROP TABLE IF EXISTS temp.bystander_ids;
CREATE TEMP TABLE bystander_ids(id INTEGER PRIMARY KEY);
INSERT INTO temp.bystander_ids
SELECT e.id FROM events e
WHERE e.id NOT IN (SELECT id FROM temp.evidence_ids)
  AND coalesce(e.email, e.phone, e.name, e.customer_id, e.card_key, e.card_fingerprint, e.card_last4) IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM temp.linked l WHERE
        (l.kind = 'email' AND l.value = lower(trim(e.email))) OR
        (l.kind = 'phone' AND l.value = trim(e.phone)) OR
        (l.kind = 'name' AND l.value = lower(trim(e.name))) OR
        (l.kind = 'customer' AND l.value = trim(e.customer_id)));
`);
    const distinct = (col: string, expr = col) =>
      (db.prepare(`SELECT count(DISTINCT ${expr}) AS n FROM events WHERE id IN (SELECT id FROM temp.bystander_ids) AND ${col} IS NOT NULL AND ${col} <> ''`).get() as { n: number }).n;
    const pseudonymised = {
      emails: distinct('email', 'lower(trim(email))'),
      phones: distinct('phone'),
      names: distinct('name', 'lower(trim(name))'),
      customers: distinct('customer_id'),
      cards: distinct('coalesce(card_fingerprint, card_key, card_last4)'),
    };
    // `events` is a view whose trigger writes the compact table: `changes` does not count those rows.
    const bystanderEvents = db.prepare('SELECT count(*) FROM temp.bystander_ids').pluck().get() as number;
    db
      .prepare(`
UPDATE events SET
  email = alibi_pseudonym('email', email),
  phone = alibi_pseudonym('phone', phone),
  name = alibi_pseudonym('name', name),
  customer_id = alibi_pseudonym('customer', customer_id),
  card_fingerprint = alibi_pseudonym('card', card_fingerprint),
  card_key = alibi_pseudonym('card', card_key),
  card_last4 = NULL, card_bin = NULL, card_expiry = NULL,
  raw = ?, extra = NULL
WHERE id IN (SELECT id FROM temp.bystander_ids)`)
      .run(REDACTED_RAW);
    const rejectedLinesDropped = db.prepare("UPDATE rejects SET raw = '[redacted]' WHERE raw <> '[redacted]'").run().changes;
    db.exec('DROP TABLE temp.bystander_ids; DROP TABLE temp.linked; DROP TABLE temp.evidence_ids;');
    return { bystanderEvents, rawLinesDropped: bystanderEvents, rejectedLinesDropped, pseudonymised };
  })();
}
