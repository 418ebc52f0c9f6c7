// Redaction and pruning applied to a share copy (never to the original case). The copy is meant to be handed
// to someone who must not learn who else is in the files: people no finding is about become stable pseudonyms
// (their IPs, orders and transactions too), the analyst's own words (notes, tags, reasons, labels, saved
// mappings) are withheld, local paths go, and the case key is replaced so nothing can be brute-forced back.
// All of it runs in SQL over temp tables, so a case of millions of events is redacted without loading it.
import { createHmac, randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { Db } from '../casefile/caseFile';
import { GENESIS_HASH, auditRowHash, type AuditRow } from '../casefile/audit';
import { readMeta } from '../casefile/caseFile';
import {
  identifierHmac, nameKey, normaliseEmail, normalisePhone, plainDigest, prehashedHmac, regionForTimeZone, type IdentifierKind,
} from '../breach/normalize';
import { Pseudonymiser, type IdentifierKind as PseudonymKind } from './pseudonym';

/** What the findings point at: the evidence events, and the people those events name. */
export interface EvidenceSet {
  eventIds: number[];
  /** Finding subjects (e-mail, customer id, IP…): the people the case is about, kept in clear. */
  subjects?: { kind: string; value: string }[];
  /** Addresses of infrastructure (own servers, payment providers, crawlers): not people, kept in clear. */
  infrastructureIps?: string[];
}

export interface RedactionCounts {
  /** Events of people no finding is about (named, or co-users of a shared address): pseudonymised. */
  bystanderEvents: number;
  /** Requests from addresses of no linked person and no infrastructure: address pseudonymised, line dropped. */
  bystanderRequests: number;
  rawLinesDropped: number;
  rejectedLinesDropped: number;
  pseudonymised: {
    emails: number; phones: number; names: number; customers: number; cards: number;
    ips: number; orders: number; transactions: number;
  };
  /** The analyst's own words, withheld: they can name anyone. */
  analystText: { notes: number; tags: number; overrideReasons: number; infraLabels: number; verdictReason: number; savedMappings: number };
  localPaths: number;
  auditEntriesRedacted: number;
  breachEntries: { rekeyed: number; dropped: number };
}

export interface PruneCounts {
  eventsKept: number;
  eventsDropped: number;
  rejectsDropped: number;
}

/** Short on purpose: it is written once per removed line (tens of thousands of rows); the manifest says why. */
export const REDACTED_RAW = '[redacted]';
export const REDACTED_TEXT = '[withheld from the shared copy]';

function loadEvidence(db: Db, evidence: EvidenceSet): void {
  db.exec('DROP TABLE IF EXISTS temp.evidence_ids; CREATE TEMP TABLE evidence_ids(id INTEGER PRIMARY KEY)');
  const ins = db.prepare('INSERT OR IGNORE INTO temp.evidence_ids(id) VALUES (?)');
  for (const id of evidence.eventIds) ins.run(id);
}

const count = (db: Db, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

/** Keeps only the events the findings cite (and their tags); sources, audit, notes and breach entries stay. */
export function pruneToEvidence(db: Db, evidence: EvidenceSet): PruneCounts {
  return db.transaction(() => {
    loadEvidence(db, evidence);
    db.prepare('DELETE FROM tags WHERE event_id NOT IN (SELECT id FROM temp.evidence_ids)').run();
    // `events` is a view (compact storage): its INSTEAD OF trigger's changes are not counted, so count before and after.
    const before = count(db, 'SELECT count(*) AS n FROM events');
    db.prepare('DELETE FROM events WHERE id NOT IN (SELECT id FROM temp.evidence_ids)').run();
    const dropped = before - count(db, 'SELECT count(*) AS n FROM events');
    // Rejected rows are not evidence of anything and carry raw lines of whoever was in the file.
    const rejectsDropped = db.prepare('DELETE FROM rejects').run().changes;
    dropUnusedStrings(db);
    return { eventsKept: count(db, 'SELECT count(*) AS n FROM events'), eventsDropped: dropped, rejectsDropped };
  })();
}

/**
 * Compact storage interns user agents, paths and referers in `strings`; a value no event uses any more
 * (a stranger's referer before redaction) must not stay in the copy.
 */
export function dropUnusedStrings(db: Db): number {
  return db
    .prepare(`DELETE FROM strings WHERE id NOT IN (
  SELECT method_id FROM event_rows WHERE method_id IS NOT NULL UNION SELECT path_id FROM event_rows WHERE path_id IS NOT NULL
  UNION SELECT proto_id FROM event_rows WHERE proto_id IS NOT NULL UNION SELECT user_agent_id FROM event_rows WHERE user_agent_id IS NOT NULL
  UNION SELECT referer_id FROM event_rows WHERE referer_id IS NOT NULL)`)
    .run().changes;
}

/** A pseudonymous address in the IPv6 documentation prefix (RFC 3849): still an address, never a real one. */
function pseudoIp(key: Buffer, ip: string): string {
  const h = createHmac('sha256', key).update(`ip\0${ip.trim().toLowerCase()}`).digest('hex');
  return `2001:db8:${h.slice(0, 4)}:${h.slice(4, 8)}:${h.slice(8, 12)}:${h.slice(12, 16)}:${h.slice(16, 20)}:${h.slice(20, 24)}`;
}

/**
 * The people the case is about: the finding subjects, then everyone an evidence event ties to them by e-mail,
 * customer id or phone (not by address: customers behind one carrier-NAT address are strangers to each other).
 * Without subjects (an older caller), the people the evidence events name.
 */
function collectLinked(db: Db, evidence: EvidenceSet): void {
  db.exec(`
DROP TABLE IF EXISTS temp.linked;
CREATE TEMP TABLE linked(kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID;
DROP TABLE IF EXISTS temp.linked_ips;
CREATE TEMP TABLE linked_ips(ip TEXT PRIMARY KEY) WITHOUT ROWID;`);
  const add = db.prepare('INSERT OR IGNORE INTO temp.linked(kind, value) VALUES (?, ?)');
  const addIp = db.prepare('INSERT OR IGNORE INTO temp.linked_ips(ip) VALUES (?)');
  const subjects = evidence.subjects ?? [];
  for (const s of subjects) {
    if (s.kind === 'email' || s.kind === 'name') add.run(s.kind, s.value.trim().toLowerCase());
    else if (s.kind === 'customer' || s.kind === 'phone') add.run(s.kind, s.value.trim());
    else if (s.kind === 'ip') addIp.run(s.value.trim());
  }
  for (const ip of evidence.infrastructureIps ?? []) addIp.run(ip.trim());
  const personOf = `
SELECT 'email', lower(trim(email)) FROM ev WHERE email IS NOT NULL AND email <> ''
UNION SELECT 'phone', trim(phone) FROM ev WHERE phone IS NOT NULL AND phone <> ''
UNION SELECT 'name', lower(trim(name)) FROM ev WHERE name IS NOT NULL AND name <> ''
UNION SELECT 'customer', trim(customer_id) FROM ev WHERE customer_id IS NOT NULL AND customer_id <> ''`;
  const hasPersonSubject = subjects.some((s) => ['email', 'name', 'customer', 'phone'].includes(s.kind));
  if (!hasPersonSubject && subjects.length === 0) {
    db.exec(`INSERT OR IGNORE INTO temp.linked WITH ev AS (SELECT * FROM events WHERE id IN (SELECT id FROM temp.evidence_ids)) ${personOf}`);
  } else {
    // Grow from the subjects through evidence events until nothing new is tied (a few rounds at most).
    for (let round = 0; round < 8; round++) {
      const added = db
        .prepare(`INSERT OR IGNORE INTO temp.linked WITH ev AS (
  SELECT * FROM events e WHERE e.id IN (SELECT id FROM temp.evidence_ids) AND EXISTS (SELECT 1 FROM temp.linked l WHERE
    (l.kind = 'email' AND l.value = lower(trim(e.email))) OR (l.kind = 'phone' AND l.value = trim(e.phone)) OR
    (l.kind = 'customer' AND l.value = trim(e.customer_id)))) ${personOf}`)
        .run().changes;
      if (added === 0) break;
    }
  }
}

const LINKED_MATCH = `EXISTS (SELECT 1 FROM temp.linked l WHERE
  (l.kind = 'email' AND l.value = lower(trim(e.email))) OR (l.kind = 'phone' AND l.value = trim(e.phone)) OR
  (l.kind = 'name' AND l.value = lower(trim(e.name))) OR (l.kind = 'customer' AND l.value = trim(e.customer_id)))`;
const NAMES_SOMEONE = 'coalesce(e.email, e.phone, e.name, e.customer_id, e.card_key, e.card_fingerprint, e.card_last4) IS NOT NULL';

/**
 * Pseudonymises everyone no finding is about, withholds the analyst's free text, removes local paths,
 * gives the copy its own key (breach entries of linked people re-keyed, all others dropped) and re-chains
 * the audit log over redacted details. `newKey` is the copy's key (hex), never the original's; the pseudonyms'
 * key is random and discarded, so no one can tell whose a pseudonym is.
 */
export function redactBystanders(db: Db, evidence: EvidenceSet, newKey: string): RedactionCounts {
  // Pseudonyms use a key of their own, kept nowhere: with the copy's key (stored in it for breach matching) a
  // recipient could hash every customer number, phone or order id and read the bystanders back.
  const key = randomBytes(32);
  const p = new Pseudonymiser(key);
  const pseudo = (kind: string, value: unknown) =>
    value === null || value === undefined || value === '' ? value : kind === 'ip' ? pseudoIp(key, String(value)) : p.pseudonym(kind as PseudonymKind, String(value));
  db.function('alibi_pseudonym', { deterministic: true }, pseudo);
  const oldKey = (db.prepare("SELECT value FROM meta WHERE key = 'hmac_key'").get() as { value: string } | undefined)?.value;

  return db.transaction(() => {
    loadEvidence(db, evidence);
    collectLinked(db, evidence);
    // A person event is a bystander's when nothing in it points to a linked person (evidence or not).
    db.exec(`
DROP TABLE IF EXISTS temp.bystander_ids;
CREATE TEMP TABLE bystander_ids(id INTEGER PRIMARY KEY);
INSERT INTO temp.bystander_ids SELECT e.id FROM events e WHERE ${NAMES_SOMEONE} AND NOT ${LINKED_MATCH};
INSERT OR IGNORE INTO temp.linked_ips SELECT DISTINCT coalesce(e.client_ip, e.ip) FROM events e
  WHERE ${NAMES_SOMEONE} AND e.id NOT IN (SELECT id FROM temp.bystander_ids) AND coalesce(e.client_ip, e.ip) IS NOT NULL;
INSERT OR IGNORE INTO temp.linked_ips SELECT DISTINCT e.ip FROM events e
  WHERE ${NAMES_SOMEONE} AND e.id NOT IN (SELECT id FROM temp.bystander_ids) AND e.ip IS NOT NULL;
DROP TABLE IF EXISTS temp.request_ids;
CREATE TEMP TABLE request_ids(id INTEGER PRIMARY KEY);
INSERT INTO temp.request_ids SELECT e.id FROM events e
  WHERE NOT (${NAMES_SOMEONE}) AND coalesce(e.client_ip, e.ip) IS NOT NULL
    AND coalesce(e.client_ip, e.ip) NOT IN (SELECT ip FROM temp.linked_ips);
DROP TABLE IF EXISTS temp.bystander_ips;
CREATE TEMP TABLE bystander_ips(ip TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT OR IGNORE INTO temp.bystander_ips SELECT ip FROM (
  SELECT ip FROM events WHERE id IN (SELECT id FROM temp.bystander_ids UNION ALL SELECT id FROM temp.request_ids)
  UNION SELECT client_ip FROM events WHERE id IN (SELECT id FROM temp.bystander_ids UNION ALL SELECT id FROM temp.request_ids))
WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM temp.linked_ips);
`);
    const distinct = (col: string, expr = col) =>
      count(db, `SELECT count(DISTINCT ${expr}) AS n FROM events WHERE id IN (SELECT id FROM temp.bystander_ids) AND ${col} IS NOT NULL AND ${col} <> ''`);
    const pseudonymised = {
      emails: distinct('email', 'lower(trim(email))'),
      phones: distinct('phone'),
      names: distinct('name', 'lower(trim(name))'),
      customers: distinct('customer_id'),
      cards: distinct('coalesce(card_fingerprint, card_key, card_last4)'),
      ips: count(db, 'SELECT count(*) AS n FROM temp.bystander_ips'),
      orders: distinct('order_id'),
      transactions: distinct('transaction_id'),
    };
    const ipExpr = (col: string) => `CASE WHEN ${col} IN (SELECT ip FROM temp.bystander_ips) THEN alibi_pseudonym('ip', ${col}) ELSE ${col} END`;
    const bystanderEvents = count(db, 'SELECT count(*) AS n FROM temp.bystander_ids');
    const bystanderRequests = count(db, 'SELECT count(*) AS n FROM temp.request_ids');
    db.prepare(`
UPDATE events SET
  email = alibi_pseudonym('email', email),
  phone = alibi_pseudonym('phone', phone),
  name = alibi_pseudonym('name', name),
  customer_id = alibi_pseudonym('customer', customer_id),
  card_fingerprint = alibi_pseudonym('card', card_fingerprint),
  card_key = alibi_pseudonym('card', card_key),
  card_last4 = NULL, card_bin = NULL, card_expiry = NULL,
  order_id = alibi_pseudonym('order', order_id),
  transaction_id = alibi_pseudonym('transaction', transaction_id),
  ip = ${ipExpr('ip')}, client_ip = ${ipExpr('client_ip')}, xff = NULL,
  raw = ?, extra = NULL
WHERE id IN (SELECT id FROM temp.bystander_ids)`).run(REDACTED_RAW);
    // Requests of strangers: the address goes, and so do the query string and the referer's path (they carry
    // e-mails, tokens and search terms); method, path, status, size and user agent stay for the analysis.
    db.prepare(`
UPDATE events SET
  ip = ${ipExpr('ip')}, client_ip = ${ipExpr('client_ip')}, xff = NULL,
  path = CASE WHEN instr(path, '?') > 0 THEN substr(path, 1, instr(path, '?') - 1) || '?[query withheld]' ELSE path END,
  referer = CASE WHEN referer IS NULL OR referer IN ('', '-') THEN referer ELSE '[referer withheld]' END,
  raw = ?, extra = NULL
WHERE id IN (SELECT id FROM temp.request_ids)`).run(REDACTED_RAW);
    // Any other place a stranger's address is written (an override the analyst set on it).
    db.prepare(`UPDATE ip_overrides SET ip = ${ipExpr('ip')}`).run();
    const rejectedLinesDropped = db.prepare("UPDATE rejects SET raw = '[redacted]' WHERE raw <> '[redacted]'").run().changes;

    const analystText = withholdAnalystText(db, p);
    const localPaths = db.prepare('UPDATE sources SET file_path = NULL WHERE file_path IS NOT NULL').run().changes;
    const breachEntries = rekeyBreachEntries(db, oldKey, newKey);
    db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('hmac_key', ?)").run(newKey);
    const ipMap = (ip: string) => (db.prepare('SELECT 1 FROM temp.bystander_ips WHERE ip = ?').get(ip) ? pseudoIp(key, ip) : ip);
    dropUnusedStrings(db);
    const auditEntriesRedacted = rechainRedactedAudit(db, (tag) => p.pseudonym('tag', tag), ipMap);
    db.exec('DROP TABLE temp.bystander_ids; DROP TABLE temp.request_ids; DROP TABLE temp.bystander_ips; DROP TABLE temp.linked; DROP TABLE temp.linked_ips; DROP TABLE temp.evidence_ids;');
    return {
      bystanderEvents, bystanderRequests, rawLinesDropped: bystanderEvents + bystanderRequests, rejectedLinesDropped,
      pseudonymised, analystText, localPaths, auditEntriesRedacted, breachEntries,
    };
  })();
}

function withholdAnalystText(db: Db, p: Pseudonymiser): RedactionCounts['analystText'] {
  const tagOf = (t: unknown) => p.pseudonym('tag', String(t));
  db.function('alibi_tag', { deterministic: true }, tagOf);
  return {
    notes: db.prepare('UPDATE notes SET text = ?').run(REDACTED_TEXT).changes,
    // A tag keeps its grouping (same tag, same pseudonym) but not its words.
    tags: db.prepare('UPDATE tags SET tag = alibi_tag(tag)').run().changes,
    overrideReasons: db.prepare('UPDATE ip_overrides SET reason = ?').run(REDACTED_TEXT).changes,
    infraLabels: db.prepare('UPDATE infra SET label = ?').run(REDACTED_TEXT).changes,
    verdictReason: db.prepare("UPDATE meta SET value = ? WHERE key = 'verdict_reason'").run(REDACTED_TEXT).changes,
    savedMappings: db.prepare('DELETE FROM presets').run().changes,
  };
}

/**
 * Breach entries are HMACs under the case key; with the key, a phone HMAC falls to brute force in seconds.
 * The copy gets a new key: entries that match a person shown in clear in the copy are re-computed under it,
 * every other entry (strangers in the breach list) is dropped.
 */
function rekeyBreachEntries(db: Db, oldKey: string | undefined, newKey: string): { rekeyed: number; dropped: number } {
  const total = count(db, 'SELECT count(*) AS n FROM breach_entries');
  if (total === 0) return { rekeyed: 0, dropped: 0 };
  db.exec('DROP TABLE IF EXISTS temp.rekey; CREATE TEMP TABLE rekey(old TEXT PRIMARY KEY, new TEXT NOT NULL) WITHOUT ROWID;');
  if (oldKey) {
    const region = regionForTimeZone(readMeta(db).tz);
    const put = db.prepare('INSERT OR IGNORE INTO temp.rekey(old, new) VALUES (?, ?)');
    const macs = (k: string, kind: IdentifierKind, v: string) => [
      identifierHmac(k, kind, v), prehashedHmac(k, 'sha256', plainDigest('sha256', v)), prehashedHmac(k, 'sha1', plainDigest('sha1', v)),
    ];
    const rows = db
      .prepare(`SELECT DISTINCT email, phone, name FROM events e WHERE id NOT IN (SELECT id FROM temp.bystander_ids)
        AND coalesce(email, phone, name) IS NOT NULL`)
      .raw()
      .all() as [string | null, string | null, string | null][]; // all(): the loop writes to temp.rekey on this connection
    for (const [email, phone, name] of rows) {
      const ids: [IdentifierKind, string | null][] = [['email', normaliseEmail(email)], ['phone', normalisePhone(phone, region)], ['name', nameKey(name)]];
      for (const [kind, v] of ids) {
        if (!v) continue;
        const olds = macs(oldKey, kind, v);
        const news = macs(newKey, kind, v);
        olds.forEach((o, i) => put.run(o, news[i]));
      }
    }
  }
  const dropped = db.prepare('DELETE FROM breach_entries WHERE hmac NOT IN (SELECT old FROM temp.rekey)').run().changes;
  const rekeyed = db.prepare('UPDATE breach_entries SET hmac = (SELECT new FROM temp.rekey WHERE old = breach_entries.hmac)').run().changes;
  db.exec('DROP TABLE temp.rekey');
  return { rekeyed, dropped };
}

const HASH = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Detail keys whose string values are vocabulary or provenance, never a person's data or the analyst's words. */
const SAFE_KEYS = new Set([
  'format', 'preset', 'parser_version', 'encoding', 'tz', 'verdict', 'before', 'role', 'table', 'separator', 'kind',
  'breaches', 'breachDate', 'breach_date', 'title', 'title_msg', 'action', 'pseudonymise', 'basePreset', 'base_preset',
]);
const FILE_KEYS = new Set(['file', 'from', 'manifest']);
const DROPPED_KEYS = new Set(['path', 'file_path']);

/** Audit details with every string that is not a hash, a time or a known vocabulary value withheld. */
export function redactDetails(value: unknown, tagPseudonym: (t: string) => string, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => redactDetails(v, tagPseudonym, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!DROPPED_KEYS.has(k)) out[k] = redactDetails(v, tagPseudonym, k);
    }
    return out;
  }
  if (typeof value !== 'string') return value;
  if (key === 'tag') return tagPseudonym(value);
  if (FILE_KEYS.has(key)) return basename(value.replace(/\\/g, '/'));
  if (SAFE_KEYS.has(key) || HASH.test(value) || ISO_TIME.test(value)) return value;
  return REDACTED_TEXT;
}

/** An audit target: ids, hashes, addresses and case references stay; a path becomes its file name; the rest is withheld. */
function redactTarget(target: string | null, ipMap: (ip: string) => string): string | null {
  if (target === null) return null;
  if (HASH.test(target) || /^[0-9a-f-]{36}$/i.test(target) || /^(case|event|ip|entity|customer|email):\d+$/.test(target) || target === 'case') return target;
  if (/^[\d.:a-f]+(\/\d+)?$/i.test(target)) return ipMap(target);
  if (/[\\/]/.test(target)) return basename(target.replace(/\\/g, '/'));
  return REDACTED_TEXT;
}

/**
 * Rewrites the copy's audit log with redacted details and targets, and re-chains it from the start: the
 * copy's chain is its own (the manifest records both heads). The append-only triggers are dropped for the
 * rewrite and put back with the exact SQL the file had.
 */
function rechainRedactedAudit(db: Db, tagPseudonym: (t: string) => string, ipMap: (ip: string) => string): number {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
  const rows = db.prepare('SELECT * FROM audit ORDER BY id').all() as AuditRow[];
  db.prepare('DELETE FROM audit').run();
  const ins = db.prepare('INSERT INTO audit(id, at, actor, action, target, details, prev_hash, hash) VALUES (@id, @at, @actor, @action, @target, @details, @prev_hash, @hash)');
  let prev = GENESIS_HASH;
  let changed = 0;
  for (const r of rows) {
    let details: unknown;
    try {
      details = JSON.parse(r.details);
    } catch {
      details = REDACTED_TEXT;
    }
    const redacted = JSON.stringify(redactDetails(details, tagPseudonym));
    const target = redactTarget(r.target, ipMap);
    if (redacted !== r.details || target !== r.target) changed++;
    const row = { id: r.id, at: r.at, actor: r.actor, action: r.action, target, details: redacted, prev_hash: prev };
    const hash = auditRowHash(row);
    ins.run({ ...row, hash });
    prev = hash;
  }
  for (const t of triggers) db.exec(t.sql);
  return changed;
}

/**
 * Roles of addresses that are infrastructure, not people: kept in clear in a redacted copy. Not 'crawler':
 * that role can rest on a user agent anyone can write, and a person taken for a crawler must not stay in clear.
 */
const INFRASTRUCTURE_ROLES = new Set(['provider', 'own']);

/** What a share copy keeps in clear, from the analysis every host runs: cited events, subjects, infrastructure. */
export function evidenceFromAnalysis(a: {
  findings: { evidenceEventIds: number[]; subject: { kind: string; value: string } }[];
  ips?: { ip: string; role: string }[];
}): EvidenceSet {
  return {
    eventIds: a.findings.flatMap((f) => f.evidenceEventIds),
    subjects: a.findings.map((f) => f.subject),
    infrastructureIps: (a.ips ?? []).filter((p) => INFRASTRUCTURE_ROLES.has(p.role)).map((p) => p.ip),
  };
}
