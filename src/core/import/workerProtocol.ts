// Messages between runImportInWorker and the import worker (structured-clone safe: no functions, no signals).
import type { ErrorCode, Hint, HintMsg } from '../errors';
import type { Msg } from '../i18n';
import type { ImportProgress, ImportResult } from '../types';
import type { ImportOptions } from './importFile';

export type WorkerImportOptions = Omit<ImportOptions, 'onProgress' | 'signal'>;

export interface WorkerInput {
  casePath: string;
  files: string[];
  opts: WorkerImportOptions;
  nativeBinding?: string;
}

export interface SerializedError {
  name: string; message: string; hint?: Hint; exitCode?: 1 | 2; code?: ErrorCode; stack?: string;
  /** The error as catalogue messages, so the host says it in the user's language. */
  msg?: Msg; hintMsg?: HintMsg;
  /** A file-system refusal's code (ENOENT…), so the host names it in words instead of showing Node's text. */
  sysCode?: string;
}

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'result'; result: ImportResult }
  | { type: 'done' }
  | { type: 'error'; error: SerializedError };

export type ParentMessage = { type: 'cancel' };
