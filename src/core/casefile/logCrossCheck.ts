// The audit chain proves the log was not edited without re-chaining it; this proves the case's contents
// agree with the log: each source's events, rejects and breach entries match the digests its import
// recorded, nothing was imported outside the log, and meta (case id, title, zone, verdict, key) says what
// the log says it was set to.
import { sha256Hex, type Db } from './caseFile';
import type { AuditRow } from './audit';
import { digestsAsRecorded, recordedRange, type EventRange, type ImportDigests } from './importDigest';

export interface LogCrossCheck {
  /** Sources whose contents were recomputed and match their import's digests. */
  sourcesChecked: number;
  /** Contradictions between the case and its log: each names the table, the source or the meta key. */
  problems: string[];
  /** Checks that could not be made (an import recorded before digests existed). */
  warnings: string[];
}

const IMPORT_ACTIONS = ['import', 'import.breach'];
/** The entry a share copy writes into itself (src/core/share/shareCase.ts). */
export const SHARE_COPY_ACTION = 'case.share.copy';

function details(r: AuditRow): Record<string, unknown> {
  try {
    const d = JSON.parse(r.details) as unknown;
    return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The source id an import entry names (`source_id` for logs and CSV, `sourceId` for breach lists). */
function importedSourceId(d: Record<string, unknown>): number | undefined {
  const id = d.source_id ?? d.sourceId;
  return typeof id === 'number' ? id : undefined;
}

function sameDigests(recorded: ImportDigests, actual: ImportDigests): string[] {
  const parts: string[] = [];
  if (recorded.source !== actual.source) parts.push('its sources row (file name, hash, size, format, mapping or counts)');
  for (const k of ['events', 'rejects', 'breach_entries'] as const) {
    const r = recorded[k];
    const a = actual[k];
    if (!r || r.sha256 !== a.sha256) {
      parts.push(`its ${k.replace('_', ' ')} (${r ? `${r.rows} recorded` : 'none recorded'}, ${a.rows} in the file${r && r.rows === a.rows ? ', same count, different content' : ''})`);
    }
  }
  return parts;
}

export function crossCheckLog(db: Db): LogCrossCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  const log = db.prepare('SELECT * FROM audit ORDER BY id').all() as AuditRow[];

  // ---- sources against their import entries
  const imports = new Map<number, { row: AuditRow; d: Record<string, unknown> }>();
  for (const r of log) {
    if (!IMPORT_ACTIONS.includes(r.action)) continue;
    const d = details(r);
    const id = importedSourceId(d);
    if (id === undefined) problems.push(`audit entry ${r.id} (${r.action}) names no source`);
    else if (imports.has(id)) problems.push(`audit entries ${imports.get(id)!.row.id} and ${r.id} both record an import as source ${id}`);
    else imports.set(id, { row: r, d });
  }
  // A pruned or redacted share copy re-digests what it keeps; its entry then stands for the imports before it.
  const reissued = new Map<number, { row: AuditRow; digests: ImportDigests }>();
  for (const r of log) {
    if (r.action !== SHARE_COPY_ACTION) continue;
    const all = details(r).digests;
    if (!all || typeof all !== 'object') continue;
    for (const [id, d] of Object.entries(all as Record<string, ImportDigests>)) reissued.set(Number(id), { row: r, digests: d });
  }
  const sources = db.prepare('SELECT id, file_name, sha256, rows_accepted, rows_rejected FROM sources ORDER BY id').all() as {
    id: number; file_name: string; sha256: string; rows_accepted: number; rows_rejected: number;
  }[];
  let sourcesChecked = 0;
  // Events the recomputed digests covered (by range or, for old imports, by source): all of them, or some were added.
  let eventsCovered = 0;
  const ranges: { source: number; range: EventRange }[] = [];
  for (const s of sources) {
    const entry = imports.get(s.id);
    if (!entry) {
      problems.push(`source ${s.id} (${s.file_name}) has no import entry in the audit log: it was added outside an import`);
      continue;
    }
    imports.delete(s.id);
    const again = reissued.get(s.id);
    const recorded = (again?.digests ?? entry.d.digests) as ImportDigests | undefined;
    const by = again ? `the share-copy entry ${again.row.id}` : `audit entry ${entry.row.id}`;
    if (recorded && typeof recorded === 'object' && recorded.events && typeof recorded.events === 'object') {
      const actual = digestsAsRecorded(db, s.id, recorded);
      eventsCovered += actual.events.rows;
      const range = recordedRange(recorded);
      if (range) ranges.push({ source: s.id, range });
      const differs = sameDigests(recorded, actual);
      if (differs.length) problems.push(`source ${s.id} (${s.file_name}): ${differs.join('; ')} no longer match what ${by} recorded`);
      else sourcesChecked++;
      continue;
    }
    // An import made before digests were recorded: its hash and counts are all the log holds.
    warnings.push(`source ${s.id} (${s.file_name}) was imported before Alibi recorded event digests: its events cannot be checked, only its hash and counts`);
    const hash = entry.d.sha256 ?? entry.row.target;
    if (hash !== s.sha256) problems.push(`source ${s.id} (${s.file_name}): SHA-256 ${s.sha256} differs from the one its import recorded (${String(hash)})`);
    const accepted = entry.d.accepted;
    if (typeof accepted === 'number' && accepted !== s.rows_accepted) {
      problems.push(`source ${s.id} (${s.file_name}): ${s.rows_accepted} rows accepted, its import recorded ${accepted}`);
    }
  }
  for (const [id, entry] of imports) {
    problems.push(`audit entry ${entry.row.id} records source ${id}, which is no longer in the case`);
  }
  ranges.sort((a, b) => a.range.first_id - b.range.first_id);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i].range.first_id <= ranges[i - 1].range.last_id) {
      problems.push(`sources ${ranges[i - 1].source} and ${ranges[i].source} claim the same event ids (${ranges[i].range.first_id}–${ranges[i - 1].range.last_id}) in their import entries`);
    }
  }
  // Only when every source was checked by digest: a source without one (an old import) has no count to add.
  if (sourcesChecked === sources.length) {
    // Counted on the table behind the compact `events` view (schema 4 on), through its smallest index.
    const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'event_rows'").get() ? 'event_rows' : 'events';
    const total = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    if (total > eventsCovered) {
      problems.push(`${total - eventsCovered} events lie outside every import's recorded events: they were added after the imports`);
    }
  }
  for (const table of ['events', 'rejects', 'breach_entries']) {
    const n = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE source_id NOT IN (SELECT id FROM sources)`).get() as { n: number }).n;
    if (n) problems.push(`${n} ${table.replace('_', ' ')} belong to no source of the case`);
  }

  // ---- meta against the entries that set it
  const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((m) => [m.key, m.value]));
  const created = log.find((r) => r.action === 'case.create');
  if (!created) {
    problems.push('the audit log has no case.create entry');
  } else {
    const d = details(created);
    if (created.target !== meta.get('case_id')) problems.push(`meta case_id ${meta.get('case_id')} differs from the one the case was created with (${created.target})`);
    if (typeof d.title === 'string' && d.title !== meta.get('title')) problems.push('meta title differs from the one the case was created with');
    if ((d.title_msg ?? null) !== (meta.get('title_msg') ?? null)) problems.push('meta title_msg differs from the one the case was created with');
    if (typeof d.tz === 'string' && d.tz !== meta.get('tz')) problems.push(`meta time zone ${meta.get('tz')} differs from the one the case was created with (${d.tz})`);
  }
  // The key is recorded by its hash when the case is created or a share copy gets its own.
  const keyEntry = [...log].reverse().find((r) => typeof details(r).hmac_key_sha256 === 'string');
  const key = meta.get('hmac_key');
  if (keyEntry && (!key || sha256Hex(key) !== details(keyEntry).hmac_key_sha256)) {
    problems.push(`meta hmac_key is not the key audit entry ${keyEntry.id} recorded (breach matches would be computed with another key)`);
  }
  const verdictEntry = [...log].reverse().find((r) => r.action === 'verdict');
  const vd = verdictEntry ? details(verdictEntry) : {};
  if ((meta.get('verdict') ?? null) !== ((vd.verdict as string | undefined) ?? null)) {
    problems.push(`meta verdict "${meta.get('verdict') ?? '(none)'}" is not the last verdict in the audit log ("${(vd.verdict as string | undefined) ?? '(none)'}")`);
  }
  if ((meta.get('verdict_reason') ?? null) !== ((vd.reason as string | undefined) ?? null)) {
    problems.push('meta verdict_reason is not the reason of the last verdict in the audit log');
  }
  return { sourcesChecked, problems, warnings };
}
