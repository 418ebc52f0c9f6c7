// The one narrow door between the sandboxed renderer and the engine: window.alibi exposes exactly the API
// methods main serves (names asked from main once, at start), each a single validated IPC call, plus import
// progress, host commands (menus, dropped files), the native file pickers (which return opaque handles, not
// paths), the long-call notice and its cancel. Nothing else of Electron or Node reaches the page.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

type Listener<T> = (v: T) => void;

const methods = ipcRenderer.sendSync('alibi:methods') as string[];

const api: Record<string, unknown> = { host: 'electron' };
for (const method of methods) {
  api[method] = async (args: unknown) => {
    const r = (await ipcRenderer.invoke('alibi:call', method, args ?? {})) as
      | { ok: true; value: unknown }
      | { ok: false; error: { code?: string; message: string; hint?: string; msg?: unknown; hintMsg?: unknown } };
    // A plain object crosses the context bridge intact (an Error would lose its hint); the message ids let the
    // page say the error in its language.
    if (!r.ok) throw { code: r.error.code, message: r.error.message, hint: r.error.hint, msg: r.error.msg, hintMsg: r.error.hintMsg };
    return r.value;
  };
}

function subscribe<T>(channel: string, cb: Listener<T>): () => void {
  const l = (_e: IpcRendererEvent, v: T) => cb(v);
  ipcRenderer.on(channel, l);
  return () => {
    ipcRenderer.removeListener(channel, l);
  };
}

const commandListeners = new Set<Listener<unknown>>();
ipcRenderer.on('alibi:command', (_e, cmd: unknown) => {
  for (const l of commandListeners) l(cmd);
});

api.onImportProgress = (cb: Listener<unknown>) => subscribe('alibi:import-progress', cb);
api.onHostCommand = (cb: Listener<unknown>) => {
  commandListeners.add(cb);
  return () => {
    commandListeners.delete(cb);
  };
};
api.pickFiles = (opts: unknown) => ipcRenderer.invoke('alibi:pick-files', opts);
api.pickSavePath = (opts: unknown) => ipcRenderer.invoke('alibi:pick-save', opts);
/** A call that runs long ({method, since}) or null when none does; cancelRunning() stops it. */
api.onBusy = (cb: Listener<unknown>) => subscribe('alibi:busy', cb);
api.cancelRunning = () => ipcRenderer.invoke('alibi:cancel');

// Files dropped on the window go to the import wizard as handles main grants for them (the page never reads
// them itself). Only real drops count: a page-made event is untrusted and its files have no path.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  e.preventDefault();
  if (!e.isTrusted) return;
  const paths = [...(e.dataTransfer?.files ?? [])].map((f) => webUtils.getPathForFile(f)).filter((p) => p);
  if (!paths.length) return;
  void (ipcRenderer.invoke('alibi:grant-dropped', paths) as Promise<string[]>).then((handles) => {
    if (handles.length) for (const l of commandListeners) l({ kind: 'import-files', paths: handles });
  });
});

contextBridge.exposeInMainWorld('alibi', api);
