// The one typed API of the workbench: every call the UI can make. The Electron preload exposes exactly this
// map (window.alibi), the test bridge serves exactly this map over HTTP, and both validate arguments with the
// zod schemas in ./schemas (own methods) and D2's timelineSchemas / graphSchemas.
import type { AuditRow } from '../casefile/audit';
import type { ChainCheck } from '../casefile/audit';
import type { RejectRow, SourceRow, ImportProgress, ImportResult, CanonicalField } from '../types';
import type { BlockImpact, BreachHit, DataSourceInfo, Finding, IpProfile, Severity } from '../analysis/types';
import type { ArgsOf } from './schemas';
import type { TimelineHandlers } from './timelineHandlers';
import type { GraphHandlers } from './graphHandlers';
import type { EventGridHandlers } from '../events/eventHandlers';
import type { AlertHandlers } from '../alerts/caseAlerts';

export interface CaseInfo {
  path: string;
  caseId: string;
  title: string;
  tz: string;
  createdAt: string;
  schemaVersion: number;
  verdict: string | null;
  verdictReason: string | null;
}

export interface CaseSummary {
  info: CaseInfo;
  sources: SourceRow[];
  events: number;
  rejected: number;
  findings: { total: number; bySeverity: Record<Severity, number>; top: Finding[] } | { error: string };
  breach: BreachHit[] | { error: string };
  notes: number;
  auditRows: number;
  /** What an imported export cannot carry (Shopify: no customer IP) and which other file supplies it. */
  coverageGaps: CoverageGap[];
}

export interface RecentCase {
  path: string;
  title: string;
  openedAt: string;
}

export interface VerifyReport {
  ok: boolean;
  problems: string[];
  audit: ChainCheck;
}

export interface NoteRow {
  id: number;
  at: string;
  target_kind: 'case' | 'event' | 'ip';
  target_id: string;
  text: string;
}

import type { ImportPreview } from '../import/preview';
import type { PresetFile } from '../import/presetFile';
import type { CoverageGap } from '../import/coverage';
export type { ImportPreview };

export type ImportJobState = 'running' | 'done' | 'failed' | 'cancelled';
export interface ImportJobStatus {
  jobId: string;
  state: ImportJobState;
  progress: ImportProgress | null;
  results: ImportResult[];
  error: string | null;
}

export interface PresetRow {
  name: string;
  basePreset: string | null;
  mapping: Partial<Record<CanonicalField, string>>;
  builtIn: boolean;
}

export interface IpDetail {
  profile: IpProfile;
  impact: BlockImpact;
  notes: NoteRow[];
}

export interface CaseHandlers {
  caseCurrent(args: ArgsOf<'caseCurrent'>): Promise<CaseInfo | null>;
  caseOpen(args: ArgsOf<'caseOpen'>): Promise<CaseInfo>;
  caseCreate(args: ArgsOf<'caseCreate'>): Promise<CaseInfo>;
  caseOpenSample(args: ArgsOf<'caseOpenSample'>): Promise<CaseInfo>;
  caseClose(args: ArgsOf<'caseClose'>): Promise<null>;
  caseSummary(args: ArgsOf<'caseSummary'>): Promise<CaseSummary>;
  caseRecent(args: ArgsOf<'caseRecent'>): Promise<RecentCase[]>;
  caseSetVerdict(args: ArgsOf<'caseSetVerdict'>): Promise<CaseInfo>;
  caseVerify(args: ArgsOf<'caseVerify'>): Promise<VerifyReport>;
  sourceRejects(args: ArgsOf<'sourceRejects'>): Promise<{ total: number; rows: RejectRow[] }>;
  auditList(args: ArgsOf<'auditList'>): Promise<AuditRow[]>;
}

export interface NotesHandlers {
  eventTag(args: ArgsOf<'eventTag'>): Promise<string[]>;
  eventUntag(args: ArgsOf<'eventUntag'>): Promise<string[]>;
  notesList(args: ArgsOf<'notesList'>): Promise<NoteRow[]>;
  noteAdd(args: ArgsOf<'noteAdd'>): Promise<NoteRow>;
}

export interface ImportHandlers {
  importPreview(args: ArgsOf<'importPreview'>): Promise<ImportPreview>;
  importStart(args: ArgsOf<'importStart'>): Promise<{ jobId: string }>;
  importCancel(args: ArgsOf<'importCancel'>): Promise<ImportJobStatus>;
  importStatus(args: ArgsOf<'importStatus'>): Promise<ImportJobStatus>;
  presetList(args: ArgsOf<'presetList'>): Promise<PresetRow[]>;
  presetSave(args: ArgsOf<'presetSave'>): Promise<PresetRow>;
  /** A saved preset as a small JSON file's content, to hand a client's layout to a colleague. */
  presetExport(args: ArgsOf<'presetExport'>): Promise<PresetFile>;
  /** Saves a preset file's content into the case (checked first; an existing name needs `replace`). */
  presetImport(args: ArgsOf<'presetImport'>): Promise<PresetRow>;
}

export interface AnalysisHandlers {
  ipList(args: ArgsOf<'ipList'>): Promise<IpProfile[]>;
  ipDetail(args: ArgsOf<'ipDetail'>): Promise<IpDetail>;
  ipSetRole(args: ArgsOf<'ipSetRole'>): Promise<IpDetail>;
  findingsList(args: ArgsOf<'findingsList'>): Promise<Finding[]>;
  breachExposure(args: ArgsOf<'breachExposure'>): Promise<BreachHit[]>;
  ipDataInfo(args: ArgsOf<'ipDataInfo'>): Promise<DataSourceInfo[]>;
}

export interface ReportHandlers {
  reportExport(args: ArgsOf<'reportExport'>): Promise<{ path: string; bytes: number }>;
  shareCopy(args: ArgsOf<'shareCopy'>): Promise<{ path: string; bytes: number }>;
  /** Spreadsheet CSV (BOM, formulas made inert) of the case's events (optionally filtered), findings or IP roles. */
  csvExport(args: ArgsOf<'csvExport'>): Promise<{ path: string; rows: number; bytes: number }>;
}

/** Every method as the UI sees it: asynchronous (an IPC or HTTP round trip), whatever the engine side returns. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never;
};

export type Handlers = CaseHandlers &
  NotesHandlers &
  ImportHandlers &
  AnalysisHandlers &
  ReportHandlers &
  Async<TimelineHandlers> &
  Async<GraphHandlers> &
  EventGridHandlers &
  AlertHandlers;

export type Method = keyof Handlers;

/** Pushed by the host (IPC event or bridge stream) while an import job runs and once when it ends. */
export type ImportProgressEvent = ImportJobStatus;
