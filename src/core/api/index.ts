// The API's public surface: the only engine module a host (Electron main, the CLI, the test bridge) imports.
export { createHandlers, type HostServices, type Service } from './service';
export { dispatch, allSchemas, type WireResult } from './dispatch';
export { METHODS } from './registry';
export { inProcessRunner, workerRunner } from './importRunners';
export type { ImportFileSpec, ImportRunner } from './importJobs';
export { setNativeBinding } from '../casefile/caseFile';
/** What the importer knows, for the CLI's help and checks. */
export { PRESET_NAMES, HELPER_FIELDS } from '../import/presets';
export { LOG_FORMATS } from '../import/importFile';
export type * from './handlers';
