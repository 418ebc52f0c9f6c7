import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase, openCase, readMeta, type Db } from '../../../src/core/casefile/caseFile';
import { appendAudit, listAudit, verifyAuditChain } from '../../../src/core/casefile/audit';
import { importDigests } from '../../../src/core/casefile/importDigest';
import { verifyCase } from '../../../src/core/casefile/verify';
import { shareCase } from '../../../src/core/share/shareCase';
import { openUntrustedCase } from '../../../src/core/share/openUntrusted';
import { SCHEMA_VERSION } from '../../../src/core/casefile/schema';
import { REDACTED_RAW } from '../../../src/core/share/redact';

let dir: string;
let db: Db;
let evidence: { eventIds: number[] };

/** Julien (the customer of the finding) pays with two cards; Marie Curieuse is an unrelated buyer. */
function seed(path: string, title: string | null = 'Multi-CB'): Db {
  const d = createCase(path, { title: title ?? undefined, tz: 'Europe/Paris' });
  d.prepare(
    "INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'payments.csv',100,'ab','csv','1','2025-09-07T06:00:00Z')",
  ).run();
  d.prepare("INSERT INTO rejects(source_id,row_no,reason,raw) VALUES (1,9,'bad date','x;marie.curieuse@example.org;y')").run();
  const ins = d.prepare(
    `INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip,email,phone,name,customer_id,card_key,card_fingerprint,card_last4,card_bin,card_expiry)
     VALUES (@ts,'t',1,@row,@raw,'payment',@ip,@email,@phone,@name,@cust,@card,@card,@last4,'497010','12/27')`,
  );
  const julien = { email: 'julien.martin@example.fr', phone: '+33612345678', name: 'Julien Martin', cust: 'C-100', ip: '90.12.1.1' };
  const marie = { email: 'marie.curieuse@example.org', phone: '+33698765432', name: 'Marie Curieuse', cust: 'C-200', ip: '81.2.3.4' };
  const ids: number[] = [];
  // `events` is a view: an insert through its trigger does not set lastInsertRowid.
  const added = (row: Record<string, unknown>) => (ins.run(row), d.prepare('SELECT max(id) FROM events').pluck().get() as number);
  ids.push(added({ ...julien, ts: 1, row: 1, raw: 'julien,card1', card: 'fp_j1', last4: '4242' }));
  ids.push(added({ ...julien, ts: 2, row: 2, raw: 'julien,card2', card: 'fp_j2', last4: '1881' }));
  ins.run({ ...marie, ts: 3, row: 3, raw: 'marie.curieuse@example.org,Marie Curieuse,4444', card: 'fp_m1', last4: '4444' });
  ins.run({ ...marie, ts: 4, row: 4, raw: 'marie.curieuse@example.org,Marie Curieuse,4444', card: 'fp_m1', last4: '4444' });
  // Julien's own later order, not cited by the finding: still his, stays in clear.
  ins.run({ ...julien, ts: 5, row: 5, raw: 'julien,card1 again', card: 'fp_j1', last4: '4242' });
  d.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,ip) VALUES (6,'t',1,6,'GET / from 81.2.3.4','http_request','81.2.3.4')").run();
  // As an import would: the audit entry records what source 1 holds, so verify can check it.
  appendAudit(d, { action: 'import', target: 'ab', details: { source_id: 1, digests: importDigests(d, 1) } });
  evidence = { eventIds: ids };
  return d;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-share-'));
  db = seed(join(dir, 'case.alibi'));
});

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('shareCase', () => {
  it('makes a full copy with a manifest whose hash is the copy’s, audited in both files', async () => {
    const out = join(dir, 'copy.alibi');
    const r = await shareCase(db, { out });
    expect(existsSync(`${out}-wal`)).toBe(false);
    const manifest = JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8'));
    expect(manifest.sha256).toBe(sha256(out));
    expect(manifest).toMatchObject({ caseId: r.manifest.caseId, schemaVersion: SCHEMA_VERSION, options: { redact: false, onlyEvidence: false } });
    expect(manifest.counts.events).toBe(6);
    const origHead = listAudit(db, 1)[0];
    expect(origHead).toMatchObject({ action: 'case.share', target: 'copy.alibi' });
    expect(JSON.parse(origHead.details).sha256).toBe(manifest.sha256);
    expect(verifyAuditChain(db).ok).toBe(true);

    const copy = openUntrustedCase(out);
    expect(listAudit(copy, 1)[0].action).toBe('case.share.copy');
    const v = await verifyCase(copy);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect((copy.prepare("SELECT email FROM events WHERE row_no = 3").get() as { email: string }).email).toBe('marie.curieuse@example.org');
    copy.close();
  });

  it('a title Alibi chose (untitled) stays a message in a redacted copy, which verifies', async () => {
    const untitled = seed(join(dir, 'untitled.alibi'), null);
    const out = join(dir, 'untitled-redacted.alibi');
    await shareCase(untitled, { out, redact: true, evidence });
    untitled.close();
    const copy = openUntrustedCase(out);
    expect(readMeta(copy).titleMsg).toEqual({ id: 'case.title.untitled' });
    expect((await verifyCase(copy)).ok).toBe(true);
    copy.close();
  });

  it('redacts bystanders: pseudonyms, no card digits, no raw line, and nothing left in the file bytes', async () => {
    const out = join(dir, 'redacted.alibi');
    const r = await shareCase(db, { out, redact: true, evidence });
    expect(r.manifest.counts.redaction).toMatchObject({
      bystanderEvents: 2,
      rejectedLinesDropped: 1,
      pseudonymised: { emails: 1, phones: 1, names: 1, customers: 1, cards: 1 },
    });
    const copy = openUntrustedCase(out);
    const marie = copy.prepare('SELECT * FROM events WHERE row_no IN (3, 4) ORDER BY row_no').all() as Record<string, unknown>[];
    expect(marie[0].email).toMatch(/^person-[0-9a-f]{6}@redacted\.invalid$/);
    expect(marie[0].email).toBe(marie[1].email); // stable pseudonym keeps the link between her two payments
    expect(marie[0].name).toMatch(/^person-[0-9a-f]{6}$/);
    expect(marie[0].customer_id).toMatch(/^customer-[0-9a-f]{6}$/);
    expect(marie[0]).toMatchObject({ card_last4: null, card_bin: null, card_expiry: null, raw: REDACTED_RAW });
    expect(marie[0].card_key).toMatch(/^card-/);
    const julien = copy.prepare('SELECT email, card_last4, raw FROM events WHERE row_no IN (1, 5) ORDER BY row_no').all();
    expect(julien).toEqual([
      { email: 'julien.martin@example.fr', card_last4: '4242', raw: 'julien,card1' },
      { email: 'julien.martin@example.fr', card_last4: '4242', raw: 'julien,card1 again' },
    ]);
    // A page view from Marie's address (no linked person uses it) loses its line and its address.
    const view = copy.prepare('SELECT raw, ip FROM events WHERE row_no = 6').get() as { raw: string; ip: string };
    expect(view.raw).toBe(REDACTED_RAW);
    expect(view.ip).toMatch(/^2001:db8:/);
    expect((await verifyCase(copy)).ok).toBe(true);
    copy.close();
    const bytes = readFileSync(out);
    for (const secret of ['marie.curieuse', 'Marie Curieuse', '+33698765432', 'C-200', 'fp_m1', '81.2.3.4']) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    }
    expect(bytes.includes(Buffer.from('julien.martin@example.fr'))).toBe(true);
    // The original is untouched.
    expect((db.prepare('SELECT email FROM events WHERE row_no = 3').get() as { email: string }).email).toBe('marie.curieuse@example.org');
  });

  it('--only-evidence keeps the cited events, sources and audit only, and still verifies', async () => {
    const out = join(dir, 'evidence.alibi');
    const r = await shareCase(db, { out, onlyEvidence: true, redact: true, evidence });
    expect(r.manifest.counts).toMatchObject({ events: 2, sources: 1, pruned: { eventsKept: 2, eventsDropped: 4, rejectsDropped: 1 } });
    const copy = openCase(out, { readonly: true });
    expect((copy.prepare('SELECT group_concat(row_no) AS r FROM events').get() as { r: string }).r).toBe('1,2');
    const v = await verifyCase(copy);
    expect(v.ok).toBe(true);
    expect(v.audit.rows).toBe(verifyAuditChain(db).rows); // original got one more entry after the copy's own
    copy.close();
  });

  it('refuses to overwrite and to redact without findings', async () => {
    const out = join(dir, 'x.alibi');
    await shareCase(db, { out });
    await expect(shareCase(db, { out })).rejects.toThrow(/already exists/);
    await expect(shareCase(db, { out: join(dir, 'y.alibi'), redact: true })).rejects.toThrow(/need the findings/);
  });
});
