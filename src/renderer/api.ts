// The renderer's only door to the engine: window.alibi, exposed by the Electron preload or, in the end-to-end
// tests, by the loopback bridge's client script. Same shape either way.
import type { Handlers, ImportProgressEvent } from '../core/api/handlers';

export interface HostExtras {
  /** Subscribe to import job progress; returns the unsubscribe function. */
  onImportProgress(cb: (e: ImportProgressEvent) => void): () => void;
  /**
   * Main's file dialogs: the only way the page gets a file. They answer opaque handles in the app (src/main/
   * pathGrants.ts), null when the user cancels; the page never types or forges a path.
   */
  pickFiles(opts: { title: string; filters?: { name: string; extensions: string[] }[]; multi?: boolean }): Promise<string[] | null>;
  pickSavePath(opts: { title: string; defaultName: string }): Promise<string | null>;
  /** Menu commands from the host (File > Import files …) and files dropped on the window. */
  onHostCommand?: (cb: (cmd: HostCommand) => void) => () => void;
  /** Electron only: a call running long ({method, since}), then null; cancelRunning() stops it (the case stays open). */
  onBusy?: (cb: (busy: { method: string; since: number } | null) => void) => () => void;
  cancelRunning?: () => Promise<boolean>;
  host: 'electron' | 'bridge';
}

export type HostCommand =
  | { kind: 'new-case' | 'open-case' | 'import' | 'export-report' | 'share-copy' | 'about' | 'case-changed' }
  | { kind: 'import-files'; paths: string[] };

export type AlibiApi = Handlers & HostExtras;

declare global {
  interface Window {
    alibi: AlibiApi;
  }
}

export const api: AlibiApi = window.alibi;
