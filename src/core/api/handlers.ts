// The API's types as every caller sees them (the renderer imports only these types): one async function per
// method, taking the method's schema input. Derived from the domain modules, so a method, its arguments and
// its result are declared once, where they are implemented.
import type { ClientOf } from '../apiContract';
import type { caseApi } from '../case/caseApi';
import type { notesApi } from '../notes/notes';
import type { analysisApi } from '../analysis/analysisApi';
import type { importApi } from '../import/importApi';
import type { outputApi } from '../report/outputApi';
import type { timelineApi } from '../timeline/timeline';
import type { graphApi } from '../graph/graph';
import type { eventGridApi } from '../events/eventHandlers';
import type { alertsApi } from '../alerts/caseAlerts';
import type { sessionApi } from './sessionApi';
import type { importJobsApi, ImportJobStatus } from './importJobs';

export type Handlers = ClientOf<typeof sessionApi> &
  ClientOf<typeof importJobsApi> &
  ClientOf<typeof caseApi> &
  ClientOf<typeof notesApi> &
  ClientOf<typeof analysisApi> &
  ClientOf<typeof importApi> &
  ClientOf<typeof outputApi> &
  ClientOf<typeof timelineApi> &
  ClientOf<typeof graphApi> &
  ClientOf<typeof eventGridApi> &
  ClientOf<typeof alertsApi>;

export type Method = keyof Handlers;

export type { CaseInfo } from '../case/caseInfo';
export type { CaseSummary } from '../case/caseApi';
export type { NoteRow } from '../notes/notes';
export type { IpDetail } from '../analysis/analysisApi';
export type { ImportPreview } from '../import/importPreview';
export type { PresetRow } from '../import/importApi';
export type { ImportJobStatus, ImportJobState } from './importJobs';
export type { RecentCase } from './recentCases';
export type { ErrorData, ErrorCode } from '../errors';

/** Pushed by the host (IPC event or bridge stream) while an import job runs and once when it ends. */
export type ImportProgressEvent = ImportJobStatus;
