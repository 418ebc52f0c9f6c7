// CLI for the analysis: ips, block-impact, findings, analyze, infra, role — each one API call on the case.
import type { Command } from 'commander';
import { AlibiError } from '../../core/errors';
import { DEFAULT_THRESHOLDS, INFRA_ROLES, IP_ROLES, type IpRole } from '../../core/vocabulary';
import type { BlockImpact, BreachHit, DataSourceInfo, Finding, IpProfile, Thresholds, TimeCheck } from '../../core/analysis/types';
import { translator, type Translator } from '../../core/i18n/translator';
import { msg } from '../../core/i18n/message';
import { ASSESSMENT_SHORT_MSG, BLOCK_VERDICT_MSG, RULE_TITLE_MSG, ROLE_MSG } from '../../core/i18n/terms';
import { cliLang } from '../lang';

const LANG_HELP = "the output's language, en or fr (default: the environment's locale)";
import { withCase } from '../client';
import { action, emit, oneLine, table } from '../output';

/** "conflict: evidence for customer and for attacker — analyst decision needed …" (the app words it the same way). */
function conflictLine(c: NonNullable<IpProfile['conflict']>, tr: Translator): string {
  const [first, second] = c.roles;
  return tr.msg(msg('conflict.decide', { first: msg(ROLE_MSG[first]), hasSecond: second ? 'yes' : 'no', second: second ? msg(ROLE_MSG[second]) : '' }));
}

/** Each proposal on its own line, narrowest first, with what it would cut and why. */
function proposalLines(b: BlockImpact, indent: string, tr: Translator): string[] {
  return b.proposals.flatMap((p) => [`${indent}${oneLine(p.msg ? tr.msg(p.msg) : `${p.target} ${p.duration} ${p.verdict}`)}`, `${indent}  (${oneLine(tr.said(p.whyMsg, p.why))})`]);
}

/**
 * The decisions an analyst must take: addresses with conflicting evidence, and block proposals for the addresses
 * worth blocking (attackers, spoofed crawlers, conflicts, attacks spanning a range).
 */
function renderVerdicts(ips: IpProfile[], blocks: BlockImpact[], tr: Translator): string {
  const out: string[] = [];
  const conflicts = ips.filter((p) => p.conflict);
  if (conflicts.length) {
    out.push(tr.t('cli.analysis.conflicts'));
    for (const p of conflicts) out.push(`  ${oneLine(p.ip)} (${p.role}): ${oneLine(conflictLine(p.conflict!, tr))}`, `    ${oneLine(tr.said(p.conflict!.msg, p.conflict!.text))}`);
  }
  const byIp = new Map(ips.map((p) => [p.ip, p]));
  const worth = blocks.filter((b) => b.role === 'attacker' || b.conflict || byIp.get(b.ip)?.spoofed || b.proposals.length > 1);
  if (worth.length) {
    if (out.length) out.push('');
    out.push(tr.t('cli.analysis.proposals'));
    for (const b of worth) out.push(`  ${oneLine(b.ip)} (${b.role}):`, ...proposalLines(b, '    ', tr));
  }
  return out.join('\n');
}

function renderTimeChecks(checks: TimeCheck[], tr: Translator): string {
  if (!checks.length) return tr.t('cli.analysis.noTimeChecks');
  return [tr.t('cli.analysis.timeChecks'), ...checks.map((c) => `  [${c.severity.toUpperCase()}] ${oneLine(tr.said(c.msg, c.text))} (events ${c.evidenceEventIds.join(', ')})`)].join('\n');
}

/** The CLI's analysis output in the user's language (`--lang`, else the locale); case data is printed as written. */
function renderIps(ips: IpProfile[], sources: DataSourceInfo[], tr: Translator): string {
  const rows = ips.map((p) => ({
    ip: oneLine(p.ip), // kept as written in the source when it is not a valid address
    role: p.override ? tr.t('cli.ips.override', { role: p.role }) : p.role,
    conf: tr.percent(p.confidence),
    asn: p.asn ? `AS${p.asn}` : '',
    org: oneLine(p.asOrg),
    cc: p.country ?? '',
    events: p.events,
    cust: p.customers,
    orders: p.orders,
    signals: oneLine(tr.saidAll(p.signalMsgs, p.signals)[0]),
  }));
  const columns = ['ip', 'role', 'conf', 'asn', 'org', 'cc', 'events', 'cust', 'orders', 'signals'];
  return `${table(rows, columns, columns.map((c) => tr.t('cli.ips.column', { column: c })))}\n\n${sources[0]?.attribution ?? ''}`;
}

function renderFindings(fs: Finding[], tr: Translator): string {
  if (!fs.length) return tr.t('cli.findings.none');
  return fs
    .map((f) =>
      [
        `[${f.severity.toUpperCase()}] ${f.rule} ${tr.t(RULE_TITLE_MSG[f.rule], { hours: f.metric.windowHours })} — ${oneLine(f.subject.value)}`,
        `  ${oneLine(tr.said(f.summaryMsg, f.summary))}`,
        `  ${tr.t('cli.findings.assessment', { label: msg(ASSESSMENT_SHORT_MSG[f.assessment.label]), text: oneLine(tr.said(f.assessment.textMsg, f.assessment.text)) })}`,
        ...tr.saidAll(f.assessment.householdSignalMsgs, f.assessment.householdSignals).map((s) => `    + ${tr.t('cli.findings.household', { signal: oneLine(s) })}`),
        ...tr.saidAll(f.assessment.cardTestingSignalMsgs, f.assessment.cardTestingSignals).map((s) => `    - ${tr.t('cli.findings.cardTesting', { signal: oneLine(s) })}`),
        ...(f.severityNote ? [`  ${oneLine(tr.t('cli.analysis.severityNote', { note: tr.said(f.severityNoteMsg, f.severityNote) }))}`] : []),
        ...(f.assessment.wouldChange?.length ? [`  ${oneLine(tr.t('cli.analysis.wouldChange', { items: tr.saidAll(f.assessment.wouldChangeMsgs, f.assessment.wouldChange).join('; ') }))}`] : []),
        `  ${tr.t('cli.findings.evidence', { ids: f.evidenceEventIds.slice(0, 20).join(', '), more: f.evidenceEventIds.length > 20 ? 'yes' : 'no' })}`,
      ].join('\n'),
    )
    .join('\n\n');
}

function renderBreach(all: BreachHit[], tr: Translator): string {
  if (!all.length) return tr.t('cli.breach.none');
  const hits = all.filter((h) => !h.weak);
  const weak = all.length - hits.length;
  const columns = ['kind', 'identifier', 'breach', 'date', 'customers', 'events'];
  return `${tr.t('cli.breach.title')}\n${table(
    hits.map((h) => ({ kind: h.identifierKind, identifier: oneLine(h.display), breach: oneLine(h.breachName), date: oneLine(h.breachDate), customers: oneLine(h.customers.join(' ')), events: h.eventIds.length })),
    columns, columns.map((c) => tr.t('cli.breach.column', { column: c })),
  )}${weak ? `\n${tr.t('cli.breach.weak', { count: weak })}` : ''}`;
}

function renderBlockImpact(b: BlockImpact, tr: Translator): string {
  return [
    tr.t('cli.block.head', { ip: b.ip, role: msg(ROLE_MSG[b.role] ?? 'term.role.unknown'), verdict: tr.t(BLOCK_VERDICT_MSG[b.verdict] ?? 'term.block.caution').toUpperCase() }),
    `  ${tr.t('cli.block.wouldCut', { customers: b.lockedOut, possibly: b.possibly.customers, orders: b.orders, possiblyOrders: b.possibly.orders, payments: b.successfulPayments, calls: b.providerCalls, events: b.events, share: tr.number(b.shareOfTraffic, { style: 'percent', maximumFractionDigits: 2 }) })}`,
    ...tr.saidAll(b.reasonMsgs, b.reasons).map((r) => `  - ${oneLine(r)}`),
  ].join('\n');
}

/** `--threshold name=value` pairs; names are checked by the API against the analysis' own thresholds. */
function parseThresholds(pairs: string[] | undefined): Partial<Thresholds> {
  const out: Record<string, number> = {};
  for (const p of pairs ?? []) {
    const [k, v] = p.split('=');
    if (!k || v === undefined || v.trim() === '' || !Number.isFinite(Number(v)) || Number(v) < 0) {
      throw new AlibiError(`bad threshold "${p}"`, 'write name=value (a number ≥ 0); see the names with `alibi analyze --json` (thresholds)', 2);
    }
    out[k] = Number(v);
  }
  return out as Partial<Thresholds>;
}

export function registerAnalysisCommands(program: Command): void {
  program
    .command('ips <case>')
    .description('every client IP with its role (customer, provider, own, shared, crawler, attacker, unknown), confidence and signals')
    .option('--lang <lang>', LANG_HELP)
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { json?: boolean; lang?: string }) => {
        const tr = translator(cliLang(o.lang));
        // the whole analysis (one snapshot): its `ips` is the IP list, its `blocks` the proposals printed under it
        const [a, sources] = await withCase(file, {}, (call) => Promise.all([call('analyze', {}), call('ipDataInfo', {})]));
        emit(o.json, a.ips, (v) => [renderIps(v, sources, tr), renderVerdicts(v, a.blocks, tr)].filter(Boolean).join('\n\n'));
      }),
    );

  program
    .command('block-impact <case> <ip>')
    .description('what blocking this IP would have cut (customers, orders, payments, provider calls) and whether it is safe')
    .option('--lang <lang>', LANG_HELP)
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, ip: string, o: { json?: boolean; lang?: string }) => {
        const tr = translator(cliLang(o.lang));
        emit(o.json, await withCase(file, {}, (call) => call('blockImpact', { ip })), (b) =>
          [
            renderBlockImpact(b, tr),
            ...(b.conflict ? [`  ${oneLine(conflictLine(b.conflict, tr))}`, `    ${oneLine(tr.said(b.conflict.msg, b.conflict.text))}`] : []),
            ...proposalLines(b, '  ', tr),
          ].join('\n'),
        );
      }),
    );

  program
    .command('findings <case>')
    .description('multi-card and velocity findings with their household vs card-testing assessment (the same list as `alibi analyze` and the app)')
    .option('--threshold <name=value...>', `override a threshold; names and defaults: ${Object.entries(DEFAULT_THRESHOLDS).map(([k, v]) => `${k}=${v}`).join(', ')}`)
    .option('--lang <lang>', LANG_HELP)
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { json?: boolean; threshold?: string[]; lang?: string }) => {
        const tr = translator(cliLang(o.lang));
        const thresholds = parseThresholds(o.threshold);
        emit(o.json, await withCase(file, {}, (call) => call('findingsList', { thresholds })), (fs) => renderFindings(fs, tr));
      }),
    );

  program
    .command('analyze <case>')
    .description('everything: IP roles, findings, breach exposure, data sources and thresholds')
    .option('--threshold <name=value...>', 'override a threshold (see `alibi findings --help`)')
    .option('--lang <lang>', LANG_HELP)
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { json?: boolean; threshold?: string[]; lang?: string }) => {
        const tr = translator(cliLang(o.lang));
        const thresholds = parseThresholds(o.threshold);
        emit(o.json, await withCase(file, {}, (call) => call('analyze', { thresholds })), (a) =>
          [
            tr.t('cli.analyze.counts', { events: a.events, ips: a.ips.length, findings: a.findings.length, breach: a.breach.length }),
            '',
            renderIps(a.ips.filter((p) => p.role !== 'unknown' || p.customers > 0), a.dataSources, tr),
            tr.t('cli.analyze.hidden', { count: a.ips.filter((p) => p.role === 'unknown' && p.customers === 0).length }),
            '',
            renderVerdicts(a.ips, a.blocks, tr),
            '',
            renderFindings(a.findings, tr),
            '',
            renderTimeChecks(a.timeChecks, tr),
            '',
            renderBreach(a.breach, tr),
            '',
            tr.t('cli.analyze.sources'),
            ...a.dataSources.map((d) => `  ${d.attribution}`),
          ].join('\n'),
        );
      }),
    );

  program
    .command('snapshot <case>')
    .description('where the analysis comes from: reused from the case file (sealed by this Alibi) or computed now, and where it is kept')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, o: { json?: boolean }) => {
        emit(o.json, await withCase(file, {}, (call) => call('analysisSnapshot', {})), (s) =>
          [
            `analysis ${s.fingerprint.slice(0, 12)}: ${s.origin === 'case-file' ? 'reused from the case file' : 'computed now'} (computed at ${s.computedAt})`,
            `  kept: ${s.kept === 'case-file' ? 'in the case file' : s.kept === 'on-close' ? 'stored in the case file when this command ends' : 'in memory only (a received case is never written)'}`,
            `  engine: ${s.engine}`,
          ].join('\n'),
        );
      }),
    );

  program
    .command('infra <case> <verb> [arg]')
    .description('the infrastructure register (audited): `infra <case> add <cidr> --role R --label L`, `infra <case> rm <id>`, `infra <case> list`')
    .option('--role <role>', `${INFRA_ROLES.join(' | ')} (for add)`)
    .option('--label <label>', 'what the range is, e.g. "TicketPay API (published range)" (for add)')
    .option('--accept', 'this case was received from someone else: accept it as yours so it may be changed (recorded in its audit log)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, verb: string, arg: string | undefined, o: { role?: string; label?: string; accept?: boolean; json?: boolean }) => {
        if (verb === 'add') {
          if (!arg || !o.role || !o.label) {
            throw new AlibiError('infra add needs a CIDR, --role and --label', 'e.g. alibi infra case.alibi add 51.91.102.128/28 --role provider --label "TicketPay API"', 2);
          }
          const role = o.role as (typeof INFRA_ROLES)[number];
          if (!INFRA_ROLES.includes(role)) throw new AlibiError(`unknown infrastructure role "${o.role}"`, `use one of: ${INFRA_ROLES.join(', ')}`, 2);
          const label = o.label;
          const e = await withCase(file, { write: true, accept: o.accept }, (call) => call('infraAdd', { cidr: arg, role, label }));
          emit(o.json, e, (x) => `added #${x.id} ${x.cidr} ${x.role} "${oneLine(x.label)}"`);
        } else if (verb === 'rm') {
          if (!arg || !/^\d+$/.test(arg)) throw new AlibiError(`"${arg ?? ''}" is not an entry id`, 'see the ids with `alibi infra <case> list`', 2);
          const r = await withCase(file, { write: true, accept: o.accept }, (call) => call('infraRemove', { id: Number(arg) }));
          emit(o.json, r, () => `removed #${arg}`);
        } else if (verb === 'list') {
          emit(o.json, await withCase(file, {}, (call) => call('infraList', {})), (rows) =>
            rows.length ? table(rows.map((r) => ({ ...r })), ['id', 'cidr', 'role', 'label', 'added_at']) : 'the register is empty',
          );
        } else {
          throw new AlibiError(`unknown infra action "${verb}"`, 'use add, rm or list', 2);
        }
      }),
    );

  program
    .command('role <case> <ip> <role>')
    .description(`override the role of an IP (${IP_ROLES.join(', ')}; "clear" removes the override) — audited`)
    .requiredOption('--reason <text>', 'why (kept in the audit log and the report)')
    .option('--accept', 'this case was received from someone else: accept it as yours so it may be changed (recorded in its audit log)')
    .option('--json', 'print JSON')
    .action(
      action(async (file: string, ip: string, role: string, o: { reason: string; accept?: boolean; json?: boolean }) => {
        const r = role === 'clear' ? null : (role as IpRole);
        if (r !== null && !IP_ROLES.includes(r)) throw new AlibiError(`unknown role "${role}"`, `use one of: ${IP_ROLES.join(', ')}, or clear`, 2);
        if (o.reason.trim().length < 3) throw new AlibiError('an IP role override needs a reason', 'add --reason "why you know better"', 2);
        await withCase(file, { write: true, accept: o.accept }, (call) => call('ipSetRole', { ip, role: r, reason: o.reason.trim() }));
        emit(o.json, { ip, role: r, reason: o.reason }, () => (r ? `${ip} is now ${r} (override recorded in the audit log)` : `${ip}: override cleared`));
      }),
    );
}
