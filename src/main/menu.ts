// The application menu. Every action goes through the same forwarding as the page's calls (paths the user
// picked become handles first), so the menu cannot do what the page could not. DevTools and reload exist only
// in development (`npm run dev`); the production app and the installers have neither.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentCase } from '../core/api/handlers';

export interface MenuActions {
  newCase(): void;
  openCase(): void;
  openRecent(path: string): void;
  openSample(): void;
  importFiles(): void;
  exportReport(): void;
  shareCopy(): void;
  cancelRunning(): void;
  about(): void;
}

export function buildMenu(recent: readonly RecentCase[], actions: MenuActions, dev: boolean): void {
  const recentItems = recent.map<MenuItemConstructorOptions>((r) => ({
    // Menu labels are plain text; an ampersand would become a mnemonic.
    label: `${r.title} — ${r.path}`.replace(/&/g, '&&').slice(0, 200),
    click: () => actions.openRecent(r.path),
  }));
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (dev) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New case…', accelerator: 'CmdOrCtrl+N', click: actions.newCase },
        { label: 'Open case…', accelerator: 'CmdOrCtrl+O', click: actions.openCase },
        { label: 'Open recent', submenu: recentItems.length ? recentItems : [{ label: 'No recent case', enabled: false }] },
        { label: 'Open the sample case', click: actions.openSample },
        { type: 'separator' },
        { label: 'Import files…', accelerator: 'CmdOrCtrl+I', click: actions.importFiles },
        { label: 'Export report…', accelerator: 'CmdOrCtrl+E', click: actions.exportReport },
        { label: 'Save share copy…', click: actions.shareCopy },
        { type: 'separator' },
        { label: 'Cancel the running operation', accelerator: 'CmdOrCtrl+.', click: actions.cancelRunning },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Help', submenu: [{ label: 'About Alibi', click: actions.about }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
