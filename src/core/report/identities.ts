// Who the report may name in clear: the people the findings are about (named by their evidence rows or
// as the finding's subject). Everyone else is shown as a stable pseudonym unless the user opts out.
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../casefile/caseFile';
import { getMetaValue } from '../casefile/caseFile';
import type { Finding } from '../analysis/types';
import { Pseudonymiser, type IdentifierKind } from '../share/pseudonym';

export class IdentityDisplay {
  private readonly linked = new Set<string>();
  private readonly p: Pseudonymiser;

  /**
   * `evidenceOf`: findings whose evidence rows name people in clear (the report passes the finding the
   * alert is about); `subjectsOf`: findings whose e-mail/customer subject is shown in clear.
   */
  constructor(
    db: Db,
    evidenceOf: Finding[],
    subjectsOf: Finding[],
    private readonly pseudonymise: boolean,
  ) {
    // Derived from the case key so a report shows the same pseudonyms each time; the key never leaves the case.
    const caseKey = getMetaValue(db, 'hmac_key');
    const key = caseKey ? createHmac('sha256', caseKey).update('alibi-report-pseudonyms').digest() : randomBytes(32);
    this.p = new Pseudonymiser(key);
    const ids = [...new Set(evidenceOf.flatMap((f) => f.evidenceEventIds))];
    const stmt = db.prepare('SELECT email, phone, name, customer_id FROM events WHERE id = ?');
    for (const id of ids) {
      const r = stmt.get(id) as { email: string | null; phone: string | null; name: string | null; customer_id: string | null } | undefined;
      if (!r) continue;
      this.add('email', r.email);
      this.add('phone', r.phone);
      this.add('name', r.name);
      this.add('customer', r.customer_id);
    }
    for (const f of subjectsOf) {
      if (f.subject.kind === 'email' || f.subject.kind === 'customer') this.add(f.subject.kind, f.subject.value);
    }
  }

  private key(kind: IdentifierKind, value: string): string {
    const v = value.trim();
    return `${kind}\0${kind === 'email' || kind === 'name' ? v.toLowerCase() : v}`;
  }

  private add(kind: IdentifierKind, value: string | null): void {
    if (value && value.trim()) this.linked.add(this.key(kind, value));
  }

  isLinked(kind: IdentifierKind, value: string): boolean {
    return this.linked.has(this.key(kind, value));
  }

  /** The value in clear when it belongs to a linked person (or pseudonymisation is off), else its pseudonym. */
  show(kind: IdentifierKind, value: string | null | undefined): string {
    if (!value) return '';
    if (!this.pseudonymise || this.isLinked(kind, value)) return value;
    return this.p.pseudonym(kind, value);
  }
}
