// Breach exposure: the case's own identifiers (e-mail, phone, name of customers) matched against the imported
// breach lists through the per-case HMAC (and, for pre-hashed lists, through SHA-1/SHA-256 of the same
// normalised value). A hit is context, not proof of fraud.
import type { Db } from '../casefile/caseFile';
import { getMetaValue, readMeta } from '../casefile/caseFile';
import type { BreachHit } from './types';
import { caseLinks, type CaseLinks } from './caseLinks';
import {
  emailForms, identifierHmac, maskIdentifier, nameKey, normalisePhone, phoneRegion, plainDigest, prehashedHmac,
  regionForTimeZone, type IdentifierKind,
} from '../breach/normalize';

const EVENT_CAP = 50;

interface Identifier {
  kind: IdentifierKind;
  value: string;
  /** Other spellings matched too (an e-mail's plain form beside its mailbox form). */
  forms: string[];
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
  const note = (kind: IdentifierKind, value: string | null, id: number, customer: string | null, forms: string[] = []) => {
    if (!value) return;
    const k = `${kind}:${value}`;
    let x = ids.get(k);
    if (!x) ids.set(k, (x = { kind, value, forms: [], eventIds: [], customers: new Set() }));
    for (const f of forms) if (f !== value && !x.forms.includes(f) && x.forms.length < 4) x.forms.push(f);
    if (x.eventIds.length < EVENT_CAP) x.eventIds.push(id);
    if (customer) x.customers.add(customer);
  };
  for (const [id, email, phone, name, cid, extra] of db
    .prepare(
      `SELECT id, email, phone, name, customer_id, CASE WHEN phone IS NOT NULL THEN extra END FROM events
       WHERE email IS NOT NULL OR phone IS NOT NULL OR name IS NOT NULL`,
    )
    .raw()
    .iterate() as Iterable<[number, string | null, string | null, string | null, string | null, string | null]>) {
    const forms = emailForms(email);
    const customer = links.customerOf(cid, email);
    note('email', forms[0] ?? null, id, customer, forms);
    // a national number belongs to the row's own country (billing country) before the case's zone
    note('phone', normalisePhone(phone, phone ? phoneRegion(extra, region) : region), id, customer);
    note('name', nameKey(name), id, customer);
  }

  const lookup = db.prepare('SELECT breach_name, breach_date, source_id, row_no FROM breach_entries WHERE hmac = ? LIMIT 50');
  const hits = new Map<string, BreachHit>();
  const rowsOf = new Map<string, Set<string>>(); // hit key → breach rows ("source:row") it was found on
  for (const x of ids.values()) {
    const macs = [x.value, ...x.forms].flatMap((v) => [
      identifierHmac(key, x.kind, v),
      prehashedHmac(key, 'sha256', plainDigest('sha256', v)),
      prehashedHmac(key, 'sha1', plainDigest('sha1', v)),
    ]);
    for (const mac of macs) {
      for (const b of lookup.all(mac) as { breach_name: string; breach_date: string | null; source_id: number; row_no: number }[]) {
        const k = `${x.kind}:${x.value}:${b.breach_name}`;
        const rows = rowsOf.get(k) ?? new Set<string>();
        if (rows.size < 50) rows.add(`${b.source_id}:${b.row_no}`);
        rowsOf.set(k, rows);
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
  markSameRow(hits, rowsOf);
  const order: Record<IdentifierKind, number> = { email: 0, phone: 1, name: 2 };
  return [...hits.values()].sort(
    (a, b) => a.breachName.localeCompare(b.breachName) || order[a.identifierKind] - order[b.identifierKind] || a.display.localeCompare(b.display),
  );
}

/**
 * An e-mail and a phone of the same customer found on the same breach row are one corroborated hit: the leak
 * is about that person, not a homonym or a recycled number. Both hits say so and name each other's kind.
 */
function markSameRow(hits: Map<string, BreachHit>, rowsOf: Map<string, Set<string>>): void {
  const byRow = new Map<string, { k: string; h: BreachHit }[]>();
  for (const [k, h] of hits) {
    for (const r of rowsOf.get(k) ?? []) {
      const l = byRow.get(r) ?? [];
      l.push({ k, h });
      byRow.set(r, l);
    }
  }
  for (const list of byRow.values()) {
    if (list.length < 2) continue;
    for (const a of list) {
      for (const b of list) {
        if (a === b || a.h.identifierKind === b.h.identifierKind) continue;
        if (!a.h.customers.some((c) => b.h.customers.includes(c))) continue;
        const kinds = new Set(a.h.sameRowKinds ?? []);
        kinds.add(b.h.identifierKind);
        a.h.sameRowKinds = [...kinds].sort();
        if (a.h.identifierKind !== 'name' && b.h.identifierKind !== 'name') a.h.corroborated = true;
      }
    }
  }
}
