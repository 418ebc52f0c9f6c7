// The per-case register of known infrastructure: CIDR ranges with a role (provider API, own servers, CDN,
// proxy) and a label. Every change is audited.
import type { Db } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { AlibiError } from '../errors';
import type { InfraEntry } from '../analysis/types';
import { INFRA_ROLES, type InfraRole } from '../vocabulary';
import { cidrContains, parseCidr, type Cidr, type ParsedIp } from './ipAddress';

export function addInfra(db: Db, cidr: string, role: string, label: string): InfraEntry {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new AlibiError(`"${cidr}" is not an IP address or CIDR range`, 'write e.g. 203.0.113.0/24 or 2001:db8::/32', 2);
  if (!INFRA_ROLES.includes(role as InfraRole)) {
    throw new AlibiError(`unknown infrastructure role "${role}"`, `use one of: ${INFRA_ROLES.join(', ')}`, 2);
  }
  const text = label.trim();
  if (!text) throw new AlibiError('an infrastructure entry needs a label', { cli: 'add --label "TicketPay API" (what the range is)', app: 'say what the range is, e.g. "TicketPay API"' }, 2);
  const at = new Date().toISOString();
  return db.transaction(() => {
    // The same range twice would list (and audit) one fact twice; a change of role or label is a remove and an add.
    const same = db.prepare('SELECT id, role FROM infra WHERE cidr = ?').get(parsed.text) as { id: number; role: string } | undefined;
    if (same) {
      throw new AlibiError(`${parsed.text} is already in the infrastructure register (entry #${same.id}, ${same.role})`, {
        cli: `remove it first (\`alibi infra <case> remove ${same.id}\`) to change its role or label`,
        app: 'remove the existing entry first to change its role or label',
      }, 1);
    }
    const r = db.prepare('INSERT INTO infra(cidr, role, label, added_at) VALUES (?, ?, ?, ?)').run(parsed.text, role, text, at);
    const entry: InfraEntry = { id: Number(r.lastInsertRowid), cidr: parsed.text, role: role as InfraRole, label: text, added_at: at };
    appendAudit(db, { action: 'infra.add', target: parsed.text, details: entry });
    return entry;
  })();
}

export function removeInfra(db: Db, id: number): void {
  const row = db.prepare('SELECT * FROM infra WHERE id = ?').get(id) as InfraEntry | undefined;
  if (!row) throw new AlibiError(`no infrastructure entry with id ${id}`, { cli: 'list them with `alibi infra <case> list`', app: 'pick an entry from the infrastructure register' }, 1, 'not-found');
  db.transaction(() => {
    db.prepare('DELETE FROM infra WHERE id = ?').run(id);
    appendAudit(db, { action: 'infra.remove', target: row.cidr, details: row });
  })();
}

export function listInfra(db: Db): InfraEntry[] {
  return db.prepare('SELECT id, cidr, role, label, added_at FROM infra ORDER BY id').all() as InfraEntry[];
}

/** A matcher over the register; the most specific range wins when several contain the address. */
export function infraMatcher(db: Db): (ip: ParsedIp) => InfraEntry | undefined {
  const entries = listInfra(db)
    .map((e) => ({ e, c: parseCidr(e.cidr) }))
    .filter((x): x is { e: InfraEntry; c: Cidr } => x.c !== null)
    .sort((a, b) => (a.c.end - a.c.start < b.c.end - b.c.start ? -1 : 1));
  return (ip) => entries.find((x) => cidrContains(x.c, ip))?.e;
}
