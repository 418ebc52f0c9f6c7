// The whole analysis of a case in one call: IP roles, findings, breach exposure, with the data sources behind
// them and the thresholds used (so a report can say how each result was reached).
import type { Db } from '../casefile/caseFile';
import { breachExposure } from './breachExposure';
import { hostingListInfo } from '../enrich/hosting';
import { ipDataInfo } from '../enrich/ipIndex';
import { caseLinks } from './caseLinks';
import { DEFAULT_THRESHOLDS, runFindings, sortFindings } from './findings';
import { classifyIps } from './ipRoles';
import type { AnalyzeOptions, CaseAnalysis, Finding, IpProfile } from './types';

export function analyzeCase(db: Db, opts: AnalyzeOptions = {}): CaseAnalysis {
  const links = caseLinks(db);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const ips = classifyIps(db, links);
  const findings = withIpRoles(runFindings(db, thresholds, links), ips);
  return {
    generatedAt: new Date().toISOString(),
    events,
    ips,
    findings,
    breach: breachExposure(db, links),
    dataSources: [...ipDataInfo(), hostingListInfo()],
    thresholds,
  };
}

/**
 * Many cards behind a shared exit (CGNAT, office) or the provider's own server are many people, not one
 * shopper: say so on IP findings, and do not rank them above the findings on people.
 */
function withIpRoles(findings: Finding[], ips: IpProfile[]): Finding[] {
  const roles = new Map(ips.map((p) => [p.ip, p]));
  for (const f of findings) {
    if (f.subject.kind !== 'ip' && f.subject.kind !== 'device') continue;
    const ip = f.subject.kind === 'ip' ? f.subject.value : f.subject.value.split('|')[0];
    const p = roles.get(ip);
    if (!p || (p.role !== 'shared' && p.role !== 'provider' && p.role !== 'own')) continue;
    f.assessment.text += ` The address is ${p.role} (${p.signals[0] ?? ''}): the cards belong to different people using it.`;
    if (f.assessment.label !== 'likely-card-testing') f.severity = 'low';
  }
  return sortFindings(findings);
}
