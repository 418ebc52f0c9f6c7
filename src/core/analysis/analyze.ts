// The whole analysis of a case in one call: IP roles, findings, breach exposure, with the data sources behind
// them and the thresholds used (so a report can say how each result was reached).
import type { Db } from '../casefile/caseFile';
import { breachExposure } from '../breach/exposure';
import { hostingListInfo } from '../enrich/hosting';
import { ipDataInfo } from '../enrich/ipIndex';
import { buildCaseLinks } from './caseLinks';
import { DEFAULT_THRESHOLDS, runFindings } from './findings';
import { classifyIps } from './ipRoles';
import type { AnalyzeOptions, CaseAnalysis } from './types';

export function analyzeCase(db: Db, opts: AnalyzeOptions = {}): CaseAnalysis {
  const links = buildCaseLinks(db);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  const events = (db.prepare("SELECT count(*) AS n FROM events WHERE kind != 'breach_record'").get() as { n: number }).n;
  return {
    generatedAt: new Date().toISOString(),
    events,
    ips: classifyIps(db, links),
    findings: runFindings(db, thresholds, links),
    breach: breachExposure(db),
    dataSources: [...ipDataInfo(), hostingListInfo()],
    thresholds,
  };
}
