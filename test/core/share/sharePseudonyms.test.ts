// A redacted copy must not merge strangers: guest checkouts all carry customer id "0" (WooCommerce) and once
// became one pseudonymous "customer" tying a dozen unrelated buyers together; and with thousands of customers
// six hex digits clash. Each bystander keeps one pseudonym of their own, consistent within the copy, and the
// copy's stored key does not turn a pseudonym back into the customer number.
import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCase } from '../../../src/core/casefile/caseFile';
import { appendAudit } from '../../../src/core/casefile/audit';
import { importDigests } from '../../../src/core/casefile/importDigest';
import { shareCase } from '../../../src/core/share/shareCase';
import { Pseudonymiser } from '../../../src/core/share/pseudonym';

const GUESTS = 12;
const REGISTERED = 3000;

describe('pseudonyms of a redacted copy', () => {
  it('gives distinct customers distinct pseudonyms, keeps guest placeholders, and cannot be reversed with the copy key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alibi-pseudo-'));
    try {
      const db = createCase(join(dir, 'case.alibi'), { title: 'guests', tz: 'Europe/Paris' });
      db.prepare("INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'orders.csv',1,'ab','csv','1','2025-11-23T06:00:00Z')").run();
      const ins = db.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,email,customer_id,order_id) VALUES (@ts,'t',1,@ts,'x','order',@email,@cust,@order)");
      // The subject: cited by the finding, stays in clear.
      ins.run({ ts: 1, email: 'subject@example.fr', cust: 'C-1', order: 'O-1' });
      db.transaction(() => {
        // Guests: each a different person, all under the shop's placeholder id; one guest orders twice.
        for (let i = 0; i < GUESTS; i++) ins.run({ ts: 10 + i, email: `guest${i}@example.org`, cust: i % 2 ? '0' : 'guest', order: `G-${i}` });
        ins.run({ ts: 100, email: 'guest0@example.org', cust: 'guest', order: 'G-0b' });
        // Registered customers with small numeric ids (the easiest to guess), two orders each.
        for (let i = 0; i < REGISTERED; i++) {
          ins.run({ ts: 1000 + 2 * i, email: `c${i}@example.net`, cust: String(1000 + i), order: `R-${i}-a` });
          ins.run({ ts: 1001 + 2 * i, email: `c${i}@example.net`, cust: String(1000 + i), order: `R-${i}-b` });
        }
      })();
      appendAudit(db, { action: 'import', target: 'ab', details: { source_id: 1, digests: importDigests(db, 1) } });
      const subjectId = db.prepare("SELECT id FROM events WHERE customer_id = 'C-1'").pluck().get() as number;
      const out = join(dir, 'copy.alibi');
      await shareCase(db, { out, redact: true, evidence: { eventIds: [subjectId], subjects: [{ kind: 'customer', value: 'C-1' }] } });
      db.close();

      const copy = new Database(out, { readonly: true });
      const rows = copy.prepare("SELECT ts, email, customer_id AS cust FROM events WHERE kind = 'order' ORDER BY ts").all() as { ts: number; email: string; cust: string }[];
      const copyKey = copy.prepare("SELECT value FROM meta WHERE key = 'hmac_key'").pluck().get() as string;
      copy.close();
      expect(rows[0]).toEqual({ ts: 1, email: 'subject@example.fr', cust: 'C-1' });

      // Guests: the placeholder stays a placeholder; each guest's e-mail pseudonym is their own, and the
      // guest who ordered twice keeps one.
      const guests = rows.filter((r) => r.cust === '0' || r.cust === 'guest');
      expect(guests).toHaveLength(GUESTS + 1);
      expect(new Set(guests.map((g) => g.email)).size).toBe(GUESTS);

      // Registered: exactly one pseudonym per customer and one customer per pseudonym, despite the birthday clashes.
      const registered = rows.filter((r) => /^customer-/.test(r.cust));
      expect(registered).toHaveLength(2 * REGISTERED);
      const byPseudo = new Map<string, Set<string>>();
      const byEmail = new Map<string, Set<string>>();
      for (const r of registered) {
        byPseudo.set(r.cust, (byPseudo.get(r.cust) ?? new Set()).add(r.email));
        byEmail.set(r.email, (byEmail.get(r.email) ?? new Set()).add(r.cust));
      }
      expect(byPseudo.size).toBe(REGISTERED);
      expect([...byPseudo.values()].every((s) => s.size === 1)).toBe(true);
      expect([...byEmail.values()].every((s) => s.size === 1)).toBe(true);

      // The recipient holds the copy's key: hashing each customer number with it never gives that customer's pseudonym.
      const actual = new Map(registered.map((r) => [1000 + Math.floor((r.ts - 1000) / 2), r.cust]));
      for (const key of [copyKey, Buffer.from(copyKey, 'hex')]) {
        const guessed = new Pseudonymiser(key);
        const reidentified = [...actual].filter(([n, pseudo]) => guessed.pseudonym('customer', String(n)) === pseudo);
        expect(reidentified).toEqual([]);
        expect(createHmac('sha256', key).update('customer\0' + '1000').digest('hex').slice(0, 6)).not.toBe(actual.get(1000)!.slice('customer-'.length));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lengthens a clashing pseudonym instead of sharing it', () => {
    const p = new Pseudonymiser('k');
    const seen = new Map<string, string>();
    for (let i = 0; i < 20_000; i++) {
      const v = `cus_${i}`;
      const s = p.pseudonym('customer', v);
      expect(seen.get(s) ?? v).toBe(v);
      seen.set(s, v);
      expect(p.pseudonym('customer', v)).toBe(s);
    }
    // 20 000 values in 2^24 six-digit tags: a dozen clashes are expected, each resolved by a longer tag.
    expect([...seen.keys()].some((s) => s.length > 'customer-'.length + 6)).toBe(true);
  });
});
