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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Names of the triggers this app creates; anything else in a case file is foreign. */
export const KNOWN_TRIGGERS = ['audit_no_update', 'audit_no_delete'];
