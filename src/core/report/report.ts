// Entry points of the case report: HTML (the app prints it with Electron's printToPDF) and PDF through
// headless Chromium for the CLI. Both render the same document.
import type { Db } from '../casefile/caseFile';
import { verifyCase, type VerifyReport } from '../casefile/verify';
import { analyzeCase } from '../analysis/analyze';
import { blockImpact } from '../analysis/blockImpact';
import { caseLinks, type CaseLinks } from '../analysis/caseLinks';
import type { BlockImpact, CaseAnalysis } from '../analysis/types';
import { buildReportModel, type ReportOptions } from './reportModel';
import { renderReportDocument } from './renderHtml';

export type { ReportOptions } from './reportModel';

export interface ReportHtmlOptions extends ReportOptions {
  /** A fresh analysis is run when not given. */
  analysis?: CaseAnalysis;
  /** `verifyCase` is run when not given. */
  verify?: VerifyReport;
  /** Block impact of an IP; default computed here, over links built once. */
  blockImpact?: (ip: string) => BlockImpact;
  now?: Date;
}

export async function renderReportHtml(db: Db, opts: ReportHtmlOptions = {}): Promise<string> {
  const analysis = opts.analysis ?? analyzeCase(db);
  const verify = opts.verify ?? (await verifyCase(db));
  // The order/payment links behind every IP's block impact: built once for the report, not once per IP listed.
  let links: CaseLinks | undefined;
  const impact = opts.blockImpact ?? ((ip: string) => blockImpact(db, ip, (links ??= caseLinks(db))));
  const model = buildReportModel(db, { analysis, verify, blockImpact: impact, now: opts.now }, opts);
  return renderReportDocument(model);
}
