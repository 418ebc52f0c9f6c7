// Stable pseudonyms for identifiers of people: the same value always gives the same pseudonym under one
// key, so links (same e-mail on two orders) survive redaction, but the value cannot be read back. Two
// different people never share one: six hex digits read well, and a clash within one copy or report (a
// birthday clash is likely from a few thousand people on) lengthens the newcomer's pseudonym.
import { createHmac } from 'node:crypto';
import { normCustomerId } from '../analysis/caseLinks';

export type IdentifierKind = 'email' | 'phone' | 'name' | 'customer' | 'card' | 'order' | 'transaction' | 'tag';

const PREFIX: Record<IdentifierKind, string> = {
  email: 'person',
  phone: 'phone',
  name: 'person',
  customer: 'customer',
  card: 'card',
  order: 'order',
  transaction: 'txn',
  tag: 'tag',
};

const SHORT = 6;

export class Pseudonymiser {
  private readonly byValue = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly key: string | Buffer) {}

  pseudonym(kind: IdentifierKind, value: string): string {
    // A guest checkout's customer id (0, "guest"…) names nobody: the same placeholder on many orders is many
    // people, so it stays as it is (the analysis reads it as no identity) rather than becoming one "customer".
    if (kind === 'customer' && normCustomerId(value) === null) return value;
    const canonical = kind === 'email' || kind === 'name' ? value.trim().toLowerCase() : value.trim();
    const id = `${kind}\0${canonical}`;
    const known = this.byValue.get(id);
    if (known) return known;
    const mac = createHmac('sha256', this.key).update(id).digest('hex');
    let out = '';
    for (let n = SHORT; n <= mac.length; n += 4) {
      // `.invalid` is reserved (RFC 2606): a pseudonymous e-mail can never reach a real mailbox.
      out = kind === 'email' ? `${PREFIX.email}-${mac.slice(0, n)}@redacted.invalid` : `${PREFIX[kind]}-${mac.slice(0, n)}`;
      if (!this.taken.has(out)) break;
    }
    this.taken.add(out);
    this.byValue.set(id, out);
    return out;
  }
}

/** "•••• 1234" — the most of a card any report or redacted copy shows. */
export function maskCard(last4: string | null, brand?: string | null): string {
  const digits = (last4 ?? '').replace(/\D/g, '').slice(-4);
  return `${brand ? `${brand} ` : ''}•••• ${digits || '????'}`;
}
