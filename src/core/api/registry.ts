// The registry: every API method of the engine, by name, with its zod schema. Each domain module declares its
// own methods (src/core/apiContract.ts `defineApi`); this list assembles them. Electron main, the test bridge
// and the CLI all call through `dispatch`, so a method exists for every host or for none.
import type { z } from 'zod';
import { caseApi } from '../case/caseApi';
import { notesApi } from '../notes/notes';
import { analysisApi } from '../analysis/analysisApi';
import { importApi } from '../import/importApi';
import { outputApi } from '../report/outputApi';
import { timelineApi } from '../timeline/timeline';
import { graphApi } from '../graph/graph';
import { eventGridApi } from '../events/eventHandlers';
import { alertsApi } from '../alerts/caseAlerts';
import { sessionApi } from './sessionApi';
import { importJobsApi } from './importJobs';

/** Modules over the open case (their handlers see only the ApiContext). */
export const DOMAIN_MODULES = [caseApi, notesApi, analysisApi, importApi, outputApi, timelineApi, graphApi, eventGridApi, alertsApi] as const;
/** Modules of the host itself: which case is open, import jobs. */
export const HOST_MODULES = [sessionApi, importJobsApi] as const;

/** Every method's argument schema, by method name. */
export const allSchemas: Readonly<Record<string, z.ZodType>> = (() => {
  const out: Record<string, z.ZodType> = {};
  for (const m of [...HOST_MODULES, ...DOMAIN_MODULES]) {
    for (const [name, schema] of Object.entries(m.schemas)) {
      if (Object.hasOwn(out, name)) throw new Error(`API method ${name} is declared twice`);
      out[name] = schema;
    }
  }
  return Object.freeze(out);
})();

export const METHODS = Object.keys(allSchemas);
