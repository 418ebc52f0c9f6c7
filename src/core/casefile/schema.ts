// The case-file schema and its migrations. A migration is append-only: never edit a published step,
// add a new one. `SCHEMA_VERSION` is the number of steps; a case file records how many it has run.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'case meta, sources, events, rejected rows, audit log',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  preset TEXT,
  parser_version TEXT NOT NULL,
  tz TEXT,
  rows_accepted INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  first_ts INTEGER,
  last_ts INTEGER,
  imported_at TEXT NOT NULL
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  ts_text TEXT NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  row_no INTEGER NOT NULL,
  raw TEXT NOT NULL,
  kind TEXT NOT NULL,
  ip TEXT, method TEXT, path TEXT, status INTEGER, bytes INTEGER, user_agent TEXT, referer TEXT,
  email TEXT, customer_id TEXT, order_id TEXT, transaction_id TEXT,
  card_key TEXT, card_bin TEXT, card_last4 TEXT, card_brand TEXT,
  amount REAL, currency TEXT, decision TEXT, reason TEXT
);
CREATE TABLE rejects (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  row_no INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX events_ts ON events(ts);
CREATE INDEX events_ip ON events(ip);
`,
  },
  {
    version: 2,
    description:
      'forwarded-for chain and client IP, identity and card fields, mapping/encoding provenance, ' +
      'presets, notes, tags, IP role overrides, infrastructure register, breach entries, append-only audit',
    sql: `
ALTER TABLE sources ADD COLUMN file_path TEXT;
ALTER TABLE sources ADD COLUMN encoding TEXT;
ALTER TABLE sources ADD COLUMN tz_assumed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN mapping_json TEXT;
ALTER TABLE sources ADD COLUMN breach_name TEXT;
ALTER TABLE sources ADD COLUMN breach_date TEXT;
ALTER TABLE events ADD COLUMN xff TEXT;
ALTER TABLE events ADD COLUMN client_ip TEXT;
ALTER TABLE events ADD COLUMN phone TEXT;
ALTER TABLE events ADD COLUMN name TEXT;
ALTER TABLE events ADD COLUMN card_key_kind TEXT;
ALTER TABLE events ADD COLUMN card_fingerprint TEXT;
ALTER TABLE events ADD COLUMN card_expiry TEXT;
ALTER TABLE events ADD COLUMN rule TEXT;
ALTER TABLE events ADD COLUMN extra TEXT;
UPDATE events SET client_ip = ip;
CREATE INDEX events_client_ip ON events(client_ip);
CREATE INDEX events_source ON events(source_id, row_no);
CREATE TABLE presets (
  name TEXT PRIMARY KEY,
  base_preset TEXT,
  mapping_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_id TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE tags (
  event_id INTEGER NOT NULL REFERENCES events(id),
  tag TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (event_id, tag)
);
CREATE TABLE ip_overrides (
  ip TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE infra (
  id INTEGER PRIMARY KEY,
  cidr TEXT NOT NULL,
  role TEXT NOT NULL,
  label TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE TABLE breach_entries (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  breach_name TEXT NOT NULL,
  breach_date TEXT,
  kind TEXT NOT NULL,
  hmac TEXT NOT NULL,
  row_no INTEGER NOT NULL
);
CREATE INDEX breach_entries_hmac ON breach_entries(hmac);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`,
  },
  {
    version: 3,
    // IF NOT EXISTS: development builds created some of these lazily; SQLite stores the same SQL either way.
    description: 'indexes for the timeline (per-source bucket counts, alert markers) and the entity graph look-ups',
    sql: `
CREATE INDEX IF NOT EXISTS events_ts_source ON events(ts, source_id);
CREATE INDEX IF NOT EXISTS events_decisions ON events(ts) WHERE kind = 'antifraud_decision';
CREATE INDEX IF NOT EXISTS events_customer_id ON events(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_email_nocase ON events(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_card_key ON events(card_key) WHERE card_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_order_id ON events(order_id) WHERE order_id IS NOT NULL;
`,
  },
  {
    version: 4,
    // Compact storage (issue 12). `events` becomes a view with the same columns, in the same order, over
    // `event_rows`: repeating web-log strings are interned in `strings`, a CLF timestamp text is rebuilt from
    // the instant and its offset, and the raw line is stored only when the parsed fields cannot rebuild it
    // byte for byte (`line_shape` NULL). src/core/casefile/eventLines.ts mirrors both rebuilds in TypeScript:
    // the writer stores a row compactly only when that mirror gives back the exact line. INSTEAD OF triggers
    // keep every INSERT/UPDATE/DELETE on `events` working; an edited row keeps its text as written.
    // Interned columns are scalar sub-queries, not joins: SQLite drops an unused sub-query (count(*), bucket counts
    // stay index-only) but keeps an unused LEFT JOIN in an aggregate. Indexes: chosen by the queries the timeline,
    // the graph and the analysis run; `events_ts` covers (ts, source_id) so the per-source bucket counts read the
    // index alone.
    description: 'compact events: interned strings, rebuilt raw lines and CLF times, events as a view, fewer indexes',
    sql: `
CREATE TABLE strings (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
CREATE TABLE event_rows (
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  ts_text TEXT,
  ts_offset INTEGER,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  row_no INTEGER NOT NULL,
  line_shape INTEGER,
  raw TEXT,
  kind TEXT NOT NULL,
  ip TEXT, xff TEXT, client_ip TEXT,
  method_id INTEGER, path_id INTEGER, path_query TEXT, proto_id INTEGER, status INTEGER, bytes INTEGER,
  user_agent_id INTEGER, referer_id INTEGER,
  email TEXT, phone TEXT, name TEXT, customer_id TEXT, order_id TEXT, transaction_id TEXT,
  card_key TEXT, card_key_kind TEXT, card_fingerprint TEXT, card_bin TEXT, card_last4 TEXT, card_expiry TEXT, card_brand TEXT,
  amount REAL, currency TEXT, decision TEXT, rule TEXT, reason TEXT, extra TEXT,
  CHECK ((line_shape IS NULL) = (raw IS NOT NULL)),
  CHECK ((ts_text IS NULL) = (ts_offset IS NOT NULL))
);
INSERT OR IGNORE INTO strings(value)
  SELECT method FROM events WHERE method IS NOT NULL
  UNION SELECT CASE WHEN instr(path, '?') > 0 THEN substr(path, 1, instr(path, '?') - 1) ELSE path END FROM events WHERE path IS NOT NULL
  UNION SELECT user_agent FROM events WHERE user_agent IS NOT NULL
  UNION SELECT referer FROM events WHERE referer IS NOT NULL;
INSERT INTO event_rows(id, ts, ts_text, source_id, row_no, raw, kind, ip, xff, client_ip, method_id, path_id, path_query,
  status, bytes, user_agent_id, referer_id, email, phone, name, customer_id, order_id, transaction_id, card_key, card_key_kind,
  card_fingerprint, card_bin, card_last4, card_expiry, card_brand, amount, currency, decision, rule, reason, extra)
SELECT e.id, e.ts, e.ts_text, e.source_id, e.row_no, e.raw, e.kind, e.ip, e.xff, e.client_ip,
  (SELECT id FROM strings WHERE value = e.method),
  (SELECT id FROM strings WHERE value = CASE WHEN instr(e.path, '?') > 0 THEN substr(e.path, 1, instr(e.path, '?') - 1) ELSE e.path END),
  CASE WHEN instr(e.path, '?') > 0 THEN substr(e.path, instr(e.path, '?')) END,
  e.status, e.bytes, (SELECT id FROM strings WHERE value = e.user_agent), (SELECT id FROM strings WHERE value = e.referer),
  e.email, e.phone, e.name, e.customer_id, e.order_id, e.transaction_id, e.card_key, e.card_key_kind, e.card_fingerprint,
  e.card_bin, e.card_last4, e.card_expiry, e.card_brand, e.amount, e.currency, e.decision, e.rule, e.reason, e.extra
FROM events e ORDER BY e.id;
CREATE TEMP TABLE tags_v3 AS SELECT event_id, tag, at FROM tags;
DROP TABLE tags;
DROP TABLE events;
CREATE TABLE tags (
  event_id INTEGER NOT NULL REFERENCES event_rows(id),
  tag TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (event_id, tag)
);
INSERT INTO tags(event_id, tag, at) SELECT event_id, tag, at FROM temp.tags_v3;
DROP TABLE temp.tags_v3;
CREATE VIEW events AS
SELECT id, ts, ts_text, source_id, row_no,
  CASE WHEN line_shape IS NULL THEN raw ELSE
    ip || ' - - [' || ts_text || '] "' || method || ' ' || path || coalesce(' ' || proto, '') || '" ' || coalesce(status, '-') || ' ' ||
    CASE WHEN line_shape & 4 THEN '-' ELSE bytes END ||
    CASE WHEN (line_shape & 3) >= 2 THEN
      ' "' || coalesce(referer, CASE WHEN line_shape & 8 THEN '' ELSE '-' END) || '" "' ||
      coalesce(user_agent, CASE WHEN line_shape & 16 THEN '' ELSE '-' END) || '"' ELSE '' END ||
    CASE WHEN (line_shape & 3) = 3 THEN ' "' || coalesce(xff, CASE WHEN line_shape & 32 THEN '' ELSE '-' END) || '"' ELSE '' END
  END AS raw,
  kind, ip, method, path, status, bytes, user_agent, referer, email, customer_id, order_id, transaction_id, card_key, card_bin,
  card_last4, card_brand, amount, currency, decision, reason, xff, client_ip, phone, name, card_key_kind, card_fingerprint,
  card_expiry, rule, extra
FROM (
  SELECT r.id, r.ts,
    coalesce(r.ts_text,
      strftime('%d/', r.ts / 1000 + r.ts_offset * 60, 'unixepoch') ||
      substr('JanFebMarAprMayJunJulAugSepOctNovDec', strftime('%m', r.ts / 1000 + r.ts_offset * 60, 'unixepoch') * 3 - 2, 3) ||
      strftime('/%Y:%H:%M:%S ', r.ts / 1000 + r.ts_offset * 60, 'unixepoch') ||
      CASE WHEN r.ts_offset < 0 THEN '-' ELSE '+' END || printf('%02d%02d', abs(r.ts_offset) / 60, abs(r.ts_offset) % 60)) AS ts_text,
    r.source_id, r.row_no, r.line_shape, r.raw, r.kind, r.ip,
    (SELECT value FROM strings WHERE id = r.method_id) AS method,
    (SELECT value FROM strings WHERE id = r.path_id) || coalesce(r.path_query, '') AS path,
    (SELECT value FROM strings WHERE id = r.proto_id) AS proto,
    r.status, r.bytes,
    (SELECT value FROM strings WHERE id = r.user_agent_id) AS user_agent,
    (SELECT value FROM strings WHERE id = r.referer_id) AS referer,
    r.email, r.customer_id, r.order_id,
    r.transaction_id, r.card_key, r.card_bin, r.card_last4, r.card_brand, r.amount, r.currency, r.decision, r.reason, r.xff,
    r.client_ip, r.phone, r.name, r.card_key_kind, r.card_fingerprint, r.card_expiry, r.rule, r.extra
  FROM event_rows r
);
CREATE TRIGGER events_insert INSTEAD OF INSERT ON events BEGIN
  INSERT OR IGNORE INTO strings(value) SELECT v FROM (
    SELECT new.method AS v
    UNION ALL SELECT CASE WHEN instr(new.path, '?') > 0 THEN substr(new.path, 1, instr(new.path, '?') - 1) ELSE new.path END
    UNION ALL SELECT new.user_agent UNION ALL SELECT new.referer) WHERE v IS NOT NULL;
  INSERT INTO event_rows(id, ts, ts_text, source_id, row_no, raw, kind, ip, xff, client_ip, method_id, path_id, path_query,
    status, bytes, user_agent_id, referer_id, email, phone, name, customer_id, order_id, transaction_id, card_key, card_key_kind,
    card_fingerprint, card_bin, card_last4, card_expiry, card_brand, amount, currency, decision, rule, reason, extra)
  VALUES (new.id, new.ts, new.ts_text, new.source_id, new.row_no, new.raw, new.kind, new.ip, new.xff, new.client_ip,
    (SELECT id FROM strings WHERE value = new.method),
    (SELECT id FROM strings WHERE value = CASE WHEN instr(new.path, '?') > 0 THEN substr(new.path, 1, instr(new.path, '?') - 1) ELSE new.path END),
    CASE WHEN instr(new.path, '?') > 0 THEN substr(new.path, instr(new.path, '?')) END,
    new.status, new.bytes, (SELECT id FROM strings WHERE value = new.user_agent), (SELECT id FROM strings WHERE value = new.referer),
    new.email, new.phone, new.name, new.customer_id, new.order_id, new.transaction_id, new.card_key, new.card_key_kind,
    new.card_fingerprint, new.card_bin, new.card_last4, new.card_expiry, new.card_brand, new.amount, new.currency, new.decision,
    new.rule, new.reason, new.extra);
END;
CREATE TRIGGER events_update INSTEAD OF UPDATE ON events BEGIN
  INSERT OR IGNORE INTO strings(value) SELECT v FROM (
    SELECT new.method AS v
    UNION ALL SELECT CASE WHEN instr(new.path, '?') > 0 THEN substr(new.path, 1, instr(new.path, '?') - 1) ELSE new.path END
    UNION ALL SELECT new.user_agent UNION ALL SELECT new.referer) WHERE v IS NOT NULL;
  UPDATE event_rows SET id = new.id, ts = new.ts, ts_text = new.ts_text, ts_offset = NULL, source_id = new.source_id,
    row_no = new.row_no, line_shape = NULL, raw = new.raw, kind = new.kind, ip = new.ip, xff = new.xff, client_ip = new.client_ip,
    method_id = (SELECT id FROM strings WHERE value = new.method),
    path_id = (SELECT id FROM strings WHERE value = CASE WHEN instr(new.path, '?') > 0 THEN substr(new.path, 1, instr(new.path, '?') - 1) ELSE new.path END),
    path_query = CASE WHEN instr(new.path, '?') > 0 THEN substr(new.path, instr(new.path, '?')) END, proto_id = NULL,
    status = new.status, bytes = new.bytes, user_agent_id = (SELECT id FROM strings WHERE value = new.user_agent),
    referer_id = (SELECT id FROM strings WHERE value = new.referer), email = new.email, phone = new.phone, name = new.name,
    customer_id = new.customer_id, order_id = new.order_id, transaction_id = new.transaction_id, card_key = new.card_key,
    card_key_kind = new.card_key_kind, card_fingerprint = new.card_fingerprint, card_bin = new.card_bin,
    card_last4 = new.card_last4, card_expiry = new.card_expiry, card_brand = new.card_brand, amount = new.amount,
    currency = new.currency, decision = new.decision, rule = new.rule, reason = new.reason, extra = new.extra
  WHERE id = old.id;
END;
CREATE TRIGGER events_delete INSTEAD OF DELETE ON events BEGIN
  DELETE FROM event_rows WHERE id = old.id;
END;
CREATE INDEX events_ts ON event_rows(ts, source_id);
CREATE INDEX events_ip ON event_rows(ip);
CREATE INDEX events_client_ip ON event_rows(client_ip);
CREATE INDEX events_source ON event_rows(source_id, row_no);
CREATE INDEX events_decisions ON event_rows(ts) WHERE kind = 'antifraud_decision';
CREATE INDEX events_customer_id ON event_rows(customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX events_email_nocase ON event_rows(email COLLATE NOCASE) WHERE email IS NOT NULL;
CREATE INDEX events_card_key ON event_rows(card_key) WHERE card_key IS NOT NULL;
CREATE INDEX events_order_id ON event_rows(order_id) WHERE order_id IS NOT NULL;
`,
  },
  {
    version: 5,
    // No query of the app needs events by (source_id, row_no) fast enough to pay 7% of the case for it: a source's
    // rows are one contiguous run of ids (one transaction each), exports and digests scan them once.
    description: 'drop the (source_id, row_no) events index',
    sql: `
DROP INDEX IF EXISTS events_source;
`,
  },
  {
    version: 6,
    // A cache, not evidence: the analysis of one state of its inputs (fingerprint), written by the engine that
    // computed it and sealed with a key of this machine's Alibi (src/core/api/snapshot.ts). A snapshot not sealed
    // here, or by another engine, is ignored and recomputed; share copies carry none.
    description: 'derived analysis snapshots, keyed by the fingerprint of their inputs',
    sql: `
CREATE TABLE analysis_snapshots (
  fingerprint TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  engine TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  mac TEXT NOT NULL,
  data BLOB NOT NULL
);
`,
  },
  {
    version: 7,
    // Partial indexes, so a web log pays only for the rows it puts in them. `events_business`: the rows that are
    // not web requests (orders, payments, decisions, provider calls, records) by kind and time — the analysis
    // scans and the grid's kind filters read it; none of a web log's rows enters it. `events_error_status`: the
    // error responses the grid's status filters look for (a full status index would cost ~6% of a web-log
    // case). SQLite uses a partial index only when the query carries its WHERE term literally: add
    // `kind <> 'http_request'` / `status >= 400` (src/core/eventFilter.ts: BUSINESS_ROWS, ERROR_STATUS).
    description: 'partial indexes: business rows by kind and time, error statuses',
    sql: `
CREATE INDEX events_business ON event_rows(kind, ts) WHERE kind <> 'http_request';
CREATE INDEX events_error_status ON event_rows(status) WHERE status >= 400;
`,
  },
  {
    version: 8,
    // Import speed (issue 12): a full index of the remote address cost as much to build after each bulk insert as
    // the client-address index, yet `ip` differs from `client_ip` only on requests a trusted proxy or CDN relayed
    // (none in a plain combined log). Look-ups by address use `client_ip`; the filter's "or the address the source
    // names" half needs only the relayed rows, and carries the index's term (src/core/eventFilter.ts: relayedIpTerm).
    description: 'the remote-address index holds only relayed requests (ip differs from client_ip)',
    sql: `
DROP INDEX IF EXISTS events_ip;
CREATE INDEX events_relay_ip ON event_rows(ip) WHERE ip IS NOT client_ip;
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;


/**
 * Indexes that lead with the event time: a log's lines come in time order, so a log import keeps them while its rows
 * go in (each entry is appended on the index's last page, which SQLite finds without a search) instead of dropping
 * and sorting them again: ~0.2 CPU-s less per 1M lines. Rows out of order would make every entry a random B-tree
 * insert (a shuffled 1M-line file: +6 CPU-s): the import then drops them and rebuilds them at the end (TimeOrderWatch).
 */
export const TIME_ORDERED_INDEXES = ['events_ts'];

/** Names of the triggers this app creates; anything else in a case file is foreign. */
export const KNOWN_TRIGGERS = ['audit_no_update', 'audit_no_delete', 'events_insert', 'events_update', 'events_delete'];

/** Names of the views this app creates (each is compared with its exact SQL when a received case is checked). */
export const KNOWN_VIEWS = ['events'];
