// The API's public surface: the only engine module a host (Electron main, the CLI, the test bridge) imports.
export { createHandlers, type HostServices, type Service } from './service';
export { dispatch, allSchemas, type WireResult } from './dispatch';
export { METHODS } from './registry';
export { inProcessRunner, workerRunner } from './importRunners';
export type { ImportRunner } from './importJobs';
export { setNativeBinding } from '../casefile/caseFile';
export type * from './handlers';
