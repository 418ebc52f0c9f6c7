// Breach exposure: the case's own identifiers (e-mail, phone, name of customers) matched against the imported
// breach lists through the per-case HMAC (and, for pre-hashed lists, through SHA-1/SHA-256 of the same
// normalised value). A hit is context, not proof of fraud.
import type { Db } from '../casefile/caseFile';
import { getMetaValue, readMeta } from '../casefile/caseFile';
import type { BreachHit } from './types';
import { caseLinks, type CaseLinks } from './caseLinks';
import {
  identifierHmac, maskIdentifier, nameKey, normaliseEmail, normalisePhone, plainDigest, prehashedHmac,
  regionForTimeZone, type IdentifierKind,
} from '../breach/normalize';

const EVENT_CAP = 50;

interface Identifier {
  kind: IdentifierKind;
  value: string;
  eventIds: number[];
  customers: Set<string>;
}

export function breachExposure(db: Db, knownLinks?: CaseLinks): BreachHit[] {
  const key = getMetaValue(db, 'hmac_key');
  if (!key) return [];
  const entries = (db.prepare('SELECT count(*) AS n FROM breach_entries').get() as { n: number }).n;
  if (!entries) return [];
  const region = regionForTimeZone(readMeta(db).tz);
  const links = knownLinks ?? caseLinks(db);

  const ids = new Map<string, Identifier>();
  const note = (kind: IdentifierKind, value: string | null, id: number, customer: string | null) => {
    if (!value) return;
    const k = `${kind}:${value}`;
    let x = ids.get(k);
    if (!x) ids.set(k, (x = { kind, value, eventIds: [], customers: new Set() }));
    if (x.eventIds.length < EVENT_CAP) x.eventIds.push(id);
    if (customer) x.customers.add(customer);
  };
  for (const [id, email, phone, name, cid] of db
    .prepare(
      `SELECT id, email, phone, name, customer_id FROM events
       WHERE kind != 'breach_record' AND (email IS NOT NULL OR phone IS NOT NULL OR name IS NOT NULL)`,
    )
    .raw()
    .iterate() as Iterable<[number, string | null, string | null, string | null, string | null]>) {
    const e = normaliseEmail(email);
    const customer = links.customerOf(cid, email);
    note('email', e, id, customer);
    note('phone', normalisePhone(phone, region), id, customer);
    note('name', nameKey(name), id, customer);
  }

  const lookup = db.prepare('SELECT DISTINCT breach_name, breach_date FROM breach_entries WHERE hmac = ?');
  const hits = new Map<string, BreachHit>();
  for (const x of ids.values()) {
    const macs = [
      identifierHmac(key, x.kind, x.value),
      prehashedHmac(key, 'sha256', plainDigest('sha256', x.value)),
      prehashedHmac(key, 'sha1', plainDigest('sha1', x.value)),
    ];
    for (const mac of macs) {
      for (const b of lookup.all(mac) as { breach_name: string; breach_date: string | null }[]) {
        const k = `${x.kind}:${x.value}:${b.breach_name}`;
        const prev = hits.get(k);
        if (prev) {
          prev.breachDate ??= b.breach_date;
          continue;
        }
        hits.set(k, {
          identifierKind: x.kind,
          display: maskIdentifier(x.kind, x.value),
          breachName: b.breach_name,
          breachDate: b.breach_date,
          eventIds: x.eventIds,
          customers: [...x.customers].sort(),
          weak: x.kind === 'name',
        });
      }
    }
  }
  const order: Record<IdentifierKind, number> = { email: 0, phone: 1, name: 2 };
  return [...hits.values()].sort(
    (a, b) => a.breachName.localeCompare(b.breachName) || order[a.identifierKind] - order[b.identifierKind] || a.display.localeCompare(b.display),
  );
}
