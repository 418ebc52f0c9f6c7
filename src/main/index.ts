// Electron main: a thin shell — one hardened window, menus, dialogs, and IPC forwarding to the engine process
// (src/main/engine, an Electron utilityProcess that owns the open case). Main never opens SQLite itself.
// It also owns launch: the single-instance lock (a second launch hands its file over), macOS open-file,
// the case named on the command line, or else the last case; and the window's remembered size and place.
import { app, BrowserWindow, dialog, ipcMain, screen, utilityProcess, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EngineClient, type EngineChild } from './engine/client';
import { Forwarder } from './forwarder';
import type { EngineConfig, FromEngine, WireResult } from './engine/protocol';
import { caseAtLaunch, caseFromArgv, isCasePath, OpenRequests, secondInstanceCase } from './launchArgs';
import { buildMenu } from './menu';
import { langFromPreferences, translator, type Lang } from '../core/i18n';

/** The system's language, for what main shows itself (menu, its own dialogs). */
const systemLang = (): Lang => langFromPreferences(app.getPreferredSystemLanguages());
import { electronNativeBinding } from './nativeBinding';
import { PathGrants } from './pathGrants';
import { printPdf } from './printPdf';
import { hardenSession, hardenWindow } from './security';
import { DEFAULT_SIZE, fitToDisplays, loadWindowState, MIN_SIZE, saveWindowState } from './windowState';

// Development = `npm run dev` (electron-vite's server, hot reload). `npm start` and installers are production:
// strict CSP, no DevTools, no reload.
const devServer = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined;
const dev = !!devServer;
const requests = new OpenRequests();
const grants = new PathGrants();
let win: BrowserWindow | null = null;
let engine: EngineClient;
let forwarder: Forwarder;
let methods: string[] = [];

function appUrl(): string {
  return devServer ?? `file://${join(__dirname, '../renderer/index.html')}`;
}

function send(channel: string, payload: unknown): void {
  win?.webContents.send(channel, payload);
}

function spawnEngine(): EngineChild {
  const config: EngineConfig = {
    dataDir: app.getPath('userData'),
    nativeBinding: electronNativeBinding({
      packaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, platform: process.platform, arch: process.arch,
    }),
    workerPath: join(__dirname, 'import-worker.js'),
  };
  const child = utilityProcess.fork(join(__dirname, 'engine.js'), [JSON.stringify(config)], { serviceName: 'Alibi engine', stdio: 'inherit' });
  return {
    post: (m) => child.postMessage(m),
    onMessage: (cb) => child.on('message', (m: FromEngine) => cb(m)),
    onExit: (cb) => child.on('exit', cb),
    kill: () => child.kill(),
  };
}

async function confirmReplace(path: string): Promise<boolean> {
  const tr = translator(systemLang());
  const opts = {
    type: 'question' as const,
    buttons: [tr.t('dialog.replace'), tr.t('dialog.cancel')],
    defaultId: 1,
    cancelId: 1,
    message: tr.t('dialog.replaceQuestion', { file: basename(path) }),
    detail: path,
  };
  const r = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
  return r.response === 0;
}

/** Every API call, from the page or the menu: paths translated from handles, then the engine. */
function forward(method: string, args: unknown): Promise<WireResult> {
  return forwarder.forward(method, args);
}

function errorText(r: Extract<WireResult, { ok: false }>): string {
  return r.error.hint ? `${r.error.message}\n\n${r.error.hint}` : r.error.message;
}

/** A menu or launch action: on success the page reloads its case; errors go to a native box. */
async function act(method: string, args: unknown): Promise<void> {
  const r = await forward(method, args);
  if (!r.ok) {
    if (r.error.code !== 'cancelled') dialog.showErrorBox('Alibi', errorText(r));
    return;
  }
  if (forwarder.isCaseMethod(method)) send('alibi:command', { kind: 'case-changed' });
}

function defaultFolder(): string {
  return forwarder.currentCase ? dirname(forwarder.currentCase) : app.getPath('documents');
}

async function saveDialog(title: string, name: string, filters: { name: string; extensions: string[] }[]): Promise<string | null> {
  const opts = { title, defaultPath: join(defaultFolder(), name), filters, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
  const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
  // The dialog asked before replacing an existing file (always on macOS/Windows, by the property on Linux).
  return r.canceled || !r.filePath ? null : grants.grant(r.filePath, 'write', true);
}

async function openDialog(title: string, multi: boolean, filters?: { name: string; extensions: string[] }[]): Promise<string[] | null> {
  const opts = { title, defaultPath: defaultFolder(), properties: multi ? ['openFile' as const, 'multiSelections' as const] : ['openFile' as const], filters };
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return r.canceled || r.filePaths.length === 0 ? null : r.filePaths.map((p) => grants.grant(p, 'read'));
}

const CASE_FILTER = [{ name: 'Alibi case', extensions: ['alibi'] }];
const menuActions = {
  newCase: async () => {
    const h = await saveDialog('New case', 'case.alibi', CASE_FILTER);
    if (h) await act('caseCreate', { path: h, tz: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
  },
  openCase: async () => {
    const h = await openDialog('Open case', false, CASE_FILTER);
    if (h) await act('caseOpen', { path: h[0] });
  },
  openRecent: (path: string) => void act('caseOpen', { path }),
  openSample: () => void act('caseOpenSample', {}),
  importFiles: async () => {
    const h = await openDialog('Import files', true);
    if (h) send('alibi:command', { kind: 'import-files', paths: h });
  },
  exportReport: async () => {
    const h = await saveDialog('Export report', 'report.pdf', [{ name: 'PDF', extensions: ['pdf'] }, { name: 'HTML', extensions: ['html'] }]);
    if (h) await act('reportExport', { path: h, format: h.toLowerCase().endsWith('.html') ? 'html' : 'pdf' });
  },
  shareCopy: async () => {
    const h = await saveDialog('Save share copy (redacted)', 'share-copy.alibi', CASE_FILTER);
    if (h) await act('shareCopy', { path: h, redact: true });
  },
  cancelRunning: () => void engine.cancel(),
  about: () => send('alibi:command', { kind: 'about' }),
};

function registerIpc(): void {
  const ourPage = (e: IpcMainEvent | IpcMainInvokeEvent) => {
    const url = e.senderFrame?.url;
    return !!url && !!win && e.sender === win.webContents && url.startsWith(appUrl().split('#')[0]);
  };
  const refused = { ok: false, error: { code: 'refused', message: 'refused: message from an unknown page' } };
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v.slice(0, 100) : fallback);
  ipcMain.on('alibi:methods', (e) => {
    e.returnValue = ourPage(e) ? methods : [];
  });
  ipcMain.handle('alibi:call', (e, method: unknown, args: unknown) => (ourPage(e) && typeof method === 'string' ? forward(method, args) : refused));
  ipcMain.handle('alibi:pick-files', (e, opts: { title?: unknown; multi?: unknown; filters?: unknown }) => {
    if (!ourPage(e)) return null;
    const filters = Array.isArray(opts?.filters)
      ? opts.filters
          .filter((f): f is { name: string; extensions: string[] } => typeof f?.name === 'string' && Array.isArray(f?.extensions) && f.extensions.every((x: unknown) => typeof x === 'string'))
          .slice(0, 10)
      : undefined;
    return openDialog(str(opts?.title, 'Open'), opts?.multi === true, filters);
  });
  ipcMain.handle('alibi:pick-save', (e, opts: { title?: unknown; defaultName?: unknown }) => {
    if (!ourPage(e)) return null;
    const name = str(opts?.defaultName, 'untitled').replace(/[/\\:\0]/g, '_');
    const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1];
    return saveDialog(str(opts?.title, 'Save'), name, ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : []);
  });
  // Files dropped on the window: the preload reads their paths from trusted drop events only (the page cannot
  // make a File with a real path); regular files only.
  ipcMain.handle('alibi:grant-dropped', (e, paths: unknown) => {
    if (!ourPage(e) || !Array.isArray(paths)) return [];
    return paths
      .filter((p): p is string => typeof p === 'string' && p.length < 4096)
      .slice(0, 100)
      .filter((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      })
      .map((p) => grants.grant(p, 'read'));
  });
  ipcMain.handle('alibi:cancel', (e) => (ourPage(e) ? engine.cancel() : false));
}

function createWindow(): void {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile);
  const bounds = fitToDisplays(state.bounds, screen.getAllDisplays().map((d) => d.workArea));
  win = new BrowserWindow({
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Alibi',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: dev,
      spellcheck: false,
      // Middle-click would open links in new windows (denied anyway by hardenWindow): not even asked.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWindow(win, appUrl());
  win.once('ready-to-show', () => {
    if (state.maximized) win?.maximize();
    win?.show();
  });
  win.on('close', () => {
    if (win) saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  });
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(appUrl());
}

function focusWindow(): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}

async function start(): Promise<void> {
  hardenSession(devServer);
  engine = new EngineClient(spawnEngine, {
    onEvent: (channel, payload) => send(`alibi:${channel}`, payload),
    onHostRequest: (req) => printPdf(req.html, req.path),
    onBusy: (busy) => {
      // Indeterminate progress in the task bar while a call runs long; the page shows it too.
      win?.setProgressBar(busy ? 2 : -1);
      send('alibi:busy', busy);
    },
  });
  forwarder = new Forwarder({ grants, engine, confirmReplace, onCaseChanged: (recent) => buildMenu(recent, menuActions, dev, systemLang()) });
  methods = await engine.methods();
  registerIpc();
  buildMenu(await forwarder.refreshRecent(), menuActions, dev, systemLang());
  // A file the OS asked for (command line, or open-file before ready), else the last case. Opening runs the
  // engine's untrusted-file check like any other open.
  const choice = caseAtLaunch(caseFromArgv(process.argv, { packaged: app.isPackaged, cwd: process.cwd() }) ?? requests.take(), forwarder.recent, true);
  createWindow();
  // Paths from the OS are the user's choice: granted like a dialog's.
  if (choice) await act('caseOpen', { path: grants.grant(choice.path, 'read') });
  requests.attach((path) => {
    focusWindow();
    void act('caseOpen', { path: grants.grant(path, 'read') });
  });
}

// Sandbox every renderer; one running app per user: a second launch gives its file to this one and quits.
app.enableSandbox();
if (!app.requestSingleInstanceLock({ argv: process.argv, cwd: process.cwd() })) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv, cwd, data) => {
    focusWindow();
    const path = secondInstanceCase(argv, cwd, data, app.isPackaged);
    if (path) requests.request(path);
  });
  // macOS: a double-clicked .alibi (may come before ready; held until the window exists).
  app.on('open-file', (e, path) => {
    e.preventDefault();
    if (isCasePath(path)) requests.request(path);
  });
  app.whenReady().then(start, (e: Error) => {
    dialog.showErrorBox('Alibi', `The app could not start: ${e.message}`);
    app.quit();
  });
}

app.on('window-all-closed', () => {
  engine?.dispose();
  app.quit();
});
