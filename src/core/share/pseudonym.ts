// Stable pseudonyms for identifiers of people: the same value always gives the same pseudonym under one
// key, so links (same e-mail on two orders) survive redaction, but the value cannot be read back.
import { createHmac } from 'node:crypto';

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

export class Pseudonymiser {
  constructor(private readonly key: string | Buffer) {}

  pseudonym(kind: IdentifierKind, value: string): string {
    const canonical = kind === 'email' || kind === 'name' ? value.trim().toLowerCase() : value.trim();
    const tag = createHmac('sha256', this.key).update(`${kind}\0${canonical}`).digest('hex').slice(0, 6);
    // `.invalid` is reserved (RFC 2606): a pseudonymous e-mail can never reach a real mailbox.
    return kind === 'email' ? `${PREFIX.email}-${tag}@redacted.invalid` : `${PREFIX[kind]}-${tag}`;
  }
}

/** "•••• 1234" — the most of a card any report or redacted copy shows. */
export function maskCard(last4: string | null, brand?: string | null): string {
  const digits = (last4 ?? '').replace(/\D/g, '').slice(-4);
  return `${brand ? `${brand} ` : ''}•••• ${digits || '????'}`;
}
