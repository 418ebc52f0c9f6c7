// CLI for the analysis engine: ips, block-impact, findings, analyze, infra, role.
import type { Command } from 'commander';
import { openCase, type Db } from '../../core/casefile/caseFile';
import { AlibiError } from '../../core/errors';
import { analyzeCase } from '../../core/analysis/analyze';
import { blockImpact } from '../../core/analysis/blockImpact';
import { DEFAULT_THRESHOLDS, runFindings } from '../../core/analysis/findings';
import { classifyIps, setIpRoleOverride } from '../../core/analysis/ipRoles';
import type { BreachHit, Finding, IpProfile, IpRole, Thresholds } from '../../core/analysis/types';
import { addInfra, listInfra, removeInfra } from '../../core/enrich/infraRegister';
import { ipDataInfo } from '../../core/enrich/ipIndex';
import { action, emit, oneLine, table } from '../output';

function withCase<T>(file: string, readonly: boolean, fn: (db: Db) => T): T {
  const db = openCase(file, { readonly });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function renderIps(ips: IpProfile[]): string {
  const rows = ips.map((p) => ({
    ip: oneLine(p.ip), // kept as written in the source when it is not a valid address
    role: p.override ? `${p.role} (override)` : p.role,
    conf: p.confidence.toFixed(2),
    asn: p.asn ? `AS${p.asn}` : '',
    org: oneLine(p.asOrg),
    cc: p.country ?? '',
    events: p.events,
    cust: p.customers,
    orders: p.orders,
    signals: oneLine(p.signals[0]),
  }));
  return `${table(rows, ['ip', 'role', 'conf', 'asn', 'org', 'cc', 'events', 'cust', 'orders', 'signals'])}\n\n${ipDataInfo()[0].attribution}`;
}

function renderFindings(fs: Finding[]): string {
  if (!fs.length) return 'no findings: no multi-card or velocity rule fired';
  return fs
    .map((f) =>
      [
        `[${f.severity.toUpperCase()}] ${f.rule} ${f.title} — ${f.subject.kind} ${oneLine(f.subject.value)}`,
        `  ${oneLine(f.summary)}`,
        `  assessment: ${f.assessment.label} — ${oneLine(f.assessment.text)}`,
        ...f.assessment.householdSignals.map((s) => `    + household: ${oneLine(s)}`),
        ...f.assessment.cardTestingSignals.map((s) => `    - card testing: ${oneLine(s)}`),
        `  evidence events: ${f.evidenceEventIds.slice(0, 20).join(', ')}${f.evidenceEventIds.length > 20 ? ' …' : ''}`,
      ].join('\n'),
    )
    .join('\n\n');
}

function renderBreach(all: BreachHit[]): string {
  if (!all.length) return 'breach exposure: no case identifier found in the imported breach lists';
  const hits = all.filter((h) => !h.weak);
  const weak = all.length - hits.length;
  return `breach exposure:\n${table(
    hits.map((h) => ({ kind: h.identifierKind, identifier: oneLine(h.display), breach: oneLine(h.breachName), date: oneLine(h.breachDate), customers: oneLine(h.customers.join(' ')), events: h.eventIds.length })),
    ['kind', 'identifier', 'breach', 'date', 'customers', 'events'],
  )}${weak ? `\n(+ ${weak} name-only matches: weak, homonyms are common — see --json)` : ''}`;
}

function parseThresholds(pairs: string[] | undefined): Partial<Thresholds> {
  const out: Partial<Thresholds> = {};
  for (const p of pairs ?? []) {
    const [k, v] = p.split('=');
    if (!Object.hasOwn(DEFAULT_THRESHOLDS, k) || v === undefined || v.trim() === '' || !Number.isFinite(Number(v)) || Number(v) < 0) {
      throw new AlibiError(`bad threshold "${p}"`, `write name=value (a number ≥ 0) with a name among: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')}`, 2);
    }
    out[k as keyof Thresholds] = Number(v);
  }
  return out;
}

export function registerAnalysisCommands(program: Command): void {
  program
    .command('ips <case>')
    .description('every client IP with its role (customer, provider, own, shared, crawler, unknown), confidence and signals')
    .option('--json', 'print JSON')
    .action(
      action((file: string, o: { json?: boolean }) => {
        emit(o.json, withCase(file, true, (db) => classifyIps(db)), renderIps);
      }),
    );

  program
    .command('block-impact <case> <ip>')
    .description('what blocking this IP would have cut (customers, orders, payments, provider calls) and whether it is safe')
    .option('--json', 'print JSON')
    .action(
      action((file: string, ip: string, o: { json?: boolean }) => {
        emit(o.json, withCase(file, true, (db) => blockImpact(db, ip)), (b) =>
          [
            `${b.ip} (${b.role}): ${b.verdict.toUpperCase()}`,
            `  would cut: ${b.customers} customers, ${b.orders} orders, ${b.successfulPayments} successful payments, ${b.providerCalls} provider calls, ${b.events} events (${(b.shareOfTraffic * 100).toFixed(2)}% of traffic)`,
            ...b.reasons.map((r) => `  - ${oneLine(r)}`),
          ].join('\n'),
        );
      }),
    );

  program
    .command('findings <case>')
    .description('multi-card and velocity findings (MC-1..MC-4, CT-1) with their household vs card-testing assessment')
    .option('--threshold <name=value...>', `override a threshold (${Object.keys(DEFAULT_THRESHOLDS).join(', ')})`)
    .option('--json', 'print JSON')
    .action(
      action((file: string, o: { json?: boolean; threshold?: string[] }) => {
        const t = parseThresholds(o.threshold);
        emit(o.json, withCase(file, true, (db) => runFindings(db, t)), renderFindings);
      }),
    );

  program
    .command('analyze <case>')
    .description('everything: IP roles, findings, breach exposure, data sources and thresholds')
    .option('--threshold <name=value...>', 'override a threshold (see `alibi findings --help`)')
    .option('--json', 'print JSON')
    .action(
      action((file: string, o: { json?: boolean; threshold?: string[] }) => {
        const thresholds = parseThresholds(o.threshold);
        emit(o.json, withCase(file, true, (db) => analyzeCase(db, { thresholds })), (a) =>
          [
            `${a.events} events, ${a.ips.length} IPs, ${a.findings.length} findings, ${a.breach.length} breach hits`,
            '',
            renderIps(a.ips.filter((p) => p.role !== 'unknown' || p.customers > 0)),
            `(${a.ips.filter((p) => p.role === 'unknown' && p.customers === 0).length} anonymous/unknown IPs not shown; see \`alibi ips\`)`,
            '',
            renderFindings(a.findings),
            '',
            renderBreach(a.breach),
            '',
            'data sources:',
            ...a.dataSources.map((d) => `  ${d.attribution}`),
          ].join('\n'),
        );
      }),
    );

  program
    .command('infra <case> <verb> [arg]')
    .description('the infrastructure register (audited): `infra <case> add <cidr> --role R --label L`, `infra <case> rm <id>`, `infra <case> list`')
    .option('--role <role>', 'provider | own | cdn | proxy (for add)')
    .option('--label <label>', 'what the range is, e.g. "TicketPay API (published range)" (for add)')
    .option('--json', 'print JSON')
    .action(
      action((file: string, verb: string, arg: string | undefined, o: { role?: string; label?: string; json?: boolean }) => {
        if (verb === 'add') {
          if (!arg || !o.role || !o.label) {
            throw new AlibiError('infra add needs a CIDR, --role and --label', 'e.g. alibi infra case.alibi add 51.91.102.128/28 --role provider --label "TicketPay API"', 2);
          }
          const e = withCase(file, false, (db) => addInfra(db, arg, o.role!, o.label!));
          emit(o.json, e, (x) => `added #${x.id} ${x.cidr} ${x.role} "${oneLine(x.label)}"`);
        } else if (verb === 'rm') {
          if (!arg || !/^\d+$/.test(arg)) throw new AlibiError(`"${arg ?? ''}" is not an entry id`, 'see the ids with `alibi infra <case> list`', 2);
          withCase(file, false, (db) => removeInfra(db, Number(arg)));
          emit(o.json, { removed: Number(arg) }, () => `removed #${arg}`);
        } else if (verb === 'list') {
          emit(o.json, withCase(file, true, (db) => listInfra(db)), (rows) =>
            rows.length ? table(rows.map((r) => ({ ...r, label: oneLine(r.label) })), ['id', 'cidr', 'role', 'label', 'added_at']) : 'the register is empty',
          );
        } else {
          throw new AlibiError(`unknown infra action "${verb}"`, 'use add, rm or list', 2);
        }
      }),
    );

  program
    .command('role <case> <ip> <role>')
    .description('override the role of an IP (customer, provider, own, shared, crawler, unknown; "clear" removes the override) — audited')
    .requiredOption('--reason <text>', 'why (kept in the audit log and the report)')
    .option('--json', 'print JSON')
    .action(
      action((file: string, ip: string, role: string, o: { reason: string; json?: boolean }) => {
        const r = role === 'clear' ? null : (role as IpRole);
        withCase(file, false, (db) => setIpRoleOverride(db, ip, r, o.reason));
        emit(o.json, { ip, role: r, reason: o.reason }, () => (r ? `${ip} is now ${r} (override recorded in the audit log)` : `${ip}: override cleared`));
      }),
    );
}
