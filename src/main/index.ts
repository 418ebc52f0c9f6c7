// Electron main: one hardened window, native menus and dialogs, and the typed API served over IPC. Every
// message is validated (dispatch + zod schemas) before the engine runs; the engine itself is src/core.
import { app, BrowserWindow, dialog, ipcMain, Menu, type MenuItemConstructorOptions } from 'electron';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allSchemas, createHandlers, dispatch, setNativeBinding, workerRunner, type Service } from '../core/api';
import { hardenSession, hardenWindow } from './security';

const devServer = process.env.ELECTRON_RENDERER_URL;
let win: BrowserWindow | null = null;
let service: Service;

/** The better-sqlite3 build for Electron's ABI, made by scripts/electron-native.mjs (npm start's prestart). */
function electronNativeBinding(): string | undefined {
  const p = join(app.getAppPath(), '.electron-native/better-sqlite3/build/Release/better_sqlite3.node');
  return existsSync(p) ? p : undefined;
}

function appUrl(): string {
  return devServer ?? `file://${join(__dirname, '../renderer/index.html')}`;
}

function send(channel: string, payload: unknown): void {
  win?.webContents.send(channel, payload);
}

async function printPdf(html: string, path: string): Promise<void> {
  // The report is static HTML (no script): printed in a hidden sandboxed window with JavaScript off.
  // Loaded from a private temp file, not a data: URL (Chromium caps URLs at about 2 MB; big cases exceed it).
  const dir = mkdtempSync(join(tmpdir(), 'alibi-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html, { mode: 0o600 });
  const w = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true } });
  try {
    await w.loadFile(file);
    const pdf = await w.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    writeFileSync(path, pdf);
  } finally {
    w.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function call(method: string, args: unknown = {}): Promise<unknown> {
  const r = await dispatch(service.handlers, method, args);
  if (!r.ok) throw new Error(r.error.hint ? `${r.error.message}\n\n${r.error.hint}` : r.error.message);
  return r.value;
}

/** Runs a menu action; errors go to a native error box (the page may not be showing a case). */
function action(f: () => Promise<unknown>): () => void {
  return () => {
    f().catch((e: Error) => dialog.showErrorBox('Alibi', e.message));
  };
}

async function buildMenu(): Promise<void> {
  const recent = (await service.handlers.caseRecent({})).map<MenuItemConstructorOptions>((r) => ({
    label: `${r.title} — ${r.path}`,
    click: action(async () => {
      await call('caseOpen', { path: r.path });
      caseChanged();
    }),
  }));
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        {
          label: 'New case…', accelerator: 'CmdOrCtrl+N',
          click: action(async () => {
            const r = await dialog.showSaveDialog(win!, { title: 'New case', defaultPath: 'case.alibi', filters: [{ name: 'Alibi case', extensions: ['alibi'] }] });
            if (r.canceled || !r.filePath) return;
            await call('caseCreate', { path: r.filePath, tz: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
            caseChanged();
          }),
        },
        {
          label: 'Open case…', accelerator: 'CmdOrCtrl+O',
          click: action(async () => {
            const r = await dialog.showOpenDialog(win!, { title: 'Open case', properties: ['openFile'], filters: [{ name: 'Alibi case', extensions: ['alibi'] }] });
            if (r.canceled || !r.filePaths[0]) return;
            await call('caseOpen', { path: r.filePaths[0] });
            caseChanged();
          }),
        },
        { label: 'Open recent', submenu: recent.length ? recent : [{ label: 'No recent case', enabled: false }] },
        {
          label: 'Open the sample case',
          click: action(async () => {
            await call('caseOpenSample', {});
            caseChanged();
          }),
        },
        { type: 'separator' },
        {
          label: 'Import files…', accelerator: 'CmdOrCtrl+I',
          click: action(async () => {
            const r = await dialog.showOpenDialog(win!, { title: 'Import files', properties: ['openFile', 'multiSelections'] });
            if (!r.canceled && r.filePaths.length) send('alibi:command', { kind: 'import-files', paths: r.filePaths });
          }),
        },
        {
          label: 'Export report…', accelerator: 'CmdOrCtrl+E',
          click: action(async () => {
            const r = await dialog.showSaveDialog(win!, { title: 'Export report', defaultPath: 'report.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }, { name: 'HTML', extensions: ['html'] }] });
            if (r.canceled || !r.filePath) return;
            await call('reportExport', { path: r.filePath, format: r.filePath.toLowerCase().endsWith('.html') ? 'html' : 'pdf' });
          }),
        },
        {
          label: 'Save share copy…',
          click: action(async () => {
            const r = await dialog.showSaveDialog(win!, { title: 'Save share copy (redacted)', defaultPath: 'share-copy.alibi', filters: [{ name: 'Alibi case', extensions: ['alibi'] }] });
            if (r.canceled || !r.filePath) return;
            await call('shareCopy', { path: r.filePath, redact: true });
          }),
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }] },
    { label: 'Help', submenu: [{ label: 'About Alibi', click: () => send('alibi:command', { kind: 'about' }) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function caseChanged(): void {
  send('alibi:command', { kind: 'case-changed' });
  void buildMenu();
}

function registerIpc(): void {
  const fromOurPage = (frameUrl: string | undefined) => !!frameUrl && (frameUrl.startsWith(appUrl().split('#')[0]) || (!!devServer && frameUrl.startsWith(devServer)));
  ipcMain.on('alibi:methods', (e) => {
    e.returnValue = fromOurPage(e.senderFrame?.url) ? Object.keys(allSchemas) : [];
  });
  ipcMain.handle('alibi:call', async (e, method: unknown, args: unknown) => {
    if (!fromOurPage(e.senderFrame?.url)) return { ok: false, error: { message: 'refused: message from an unknown page' } };
    const r = await dispatch(service.handlers, method, args);
    if (r.ok && (method === 'caseOpen' || method === 'caseCreate' || method === 'caseOpenSample' || method === 'caseClose')) void buildMenu();
    return r;
  });
  ipcMain.handle('alibi:pick-files', async (e, opts: { title?: unknown; multi?: unknown; filters?: unknown }) => {
    if (!fromOurPage(e.senderFrame?.url) || !win) return null;
    const filters = Array.isArray(opts?.filters)
      ? opts.filters.filter((f): f is { name: string; extensions: string[] } => typeof f?.name === 'string' && Array.isArray(f?.extensions) && f.extensions.every((x: unknown) => typeof x === 'string'))
      : undefined;
    const r = await dialog.showOpenDialog(win, {
      title: typeof opts?.title === 'string' ? opts.title.slice(0, 100) : 'Open',
      properties: opts?.multi === true ? ['openFile', 'multiSelections'] : ['openFile'],
      filters,
    });
    return r.canceled ? null : r.filePaths;
  });
  ipcMain.handle('alibi:pick-save', async (e, opts: { title?: unknown; defaultName?: unknown }) => {
    if (!fromOurPage(e.senderFrame?.url) || !win) return null;
    const r = await dialog.showSaveDialog(win, {
      title: typeof opts?.title === 'string' ? opts.title.slice(0, 100) : 'Save',
      defaultPath: typeof opts?.defaultName === 'string' ? opts.defaultName.replace(/[/\\]/g, '_').slice(0, 100) : undefined,
    });
    return r.canceled ? null : (r.filePath ?? null);
  });
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Alibi',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  hardenWindow(win, appUrl());
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(appUrl());
}

app.enableSandbox();
app.whenReady().then(async () => {
  const nativeBinding = electronNativeBinding();
  setNativeBinding(nativeBinding);
  hardenSession(devServer);
  service = createHandlers({
    dataDir: app.getPath('userData'),
    // Imports never run on the main process: a worker thread (out/main/import-worker.js) writes the case.
    runImport: workerRunner({ nativeBinding, workerPath: join(__dirname, 'import-worker.js') }),
    emitImportProgress: (e) => send('alibi:import-progress', e),
    printPdf,
  });
  registerIpc();
  await buildMenu();
  createWindow();
});

app.on('window-all-closed', () => {
  service?.dispose();
  app.quit();
});
