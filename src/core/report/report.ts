// Entry points of the case report: HTML (the app prints it with Electron's printToPDF) and PDF through
// headless Chromium for the CLI. Both render the same document.
import type { Db } from '../casefile/caseFile';
import { verifyCase, type VerifyReport } from '../casefile/verify';
import { analyzeCase } from '../analysis/analyze';
import { blockImpact } from '../analysis/blockImpact';
import type { CaseAnalysis } from '../analysis/types';
import { buildReportModel, type ReportOptions } from './reportModel';
import { renderReportDocument } from './renderHtml';

export type { ReportOptions } from './reportModel';

export interface ReportHtmlOptions extends ReportOptions {
  /** A fresh analysis is run when not given. */
  analysis?: CaseAnalysis;
  /** `verifyCase` is run when not given. */
  verify?: VerifyReport;
  now?: Date;
}

export async function renderReportHtml(db: Db, opts: ReportHtmlOptions = {}): Promise<string> {
  const analysis = opts.analysis ?? analyzeCase(db);
  const verify = opts.verify ?? (await verifyCase(db));
  const model = buildReportModel(db, { analysis, verify, blockImpact: (ip) => blockImpact(db, ip), now: opts.now }, opts);
  return renderReportDocument(model);
}
