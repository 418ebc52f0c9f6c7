// The application menu. Every action goes through the same forwarding as the page's calls (paths the user
// picked become handles first), so the menu cannot do what the page could not. DevTools and reload exist only
// in development (`npm run dev`); the production app and the installers have neither.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentCase } from '../core/api/handlers';
import { translator, type Lang } from '../core/i18n';

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

/** The menu in `lang` (the system's language: the menu exists before the page has chosen one). */
export function buildMenu(recent: readonly RecentCase[], actions: MenuActions, dev: boolean, lang: Lang): void {
  const { t } = translator(lang);
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
      label: t('menu.file'),
      submenu: [
        { label: t('menu.newCase'), accelerator: 'CmdOrCtrl+N', click: actions.newCase },
        { label: t('menu.openCase'), accelerator: 'CmdOrCtrl+O', click: actions.openCase },
        { label: t('menu.openRecent'), submenu: recentItems.length ? recentItems : [{ label: t('menu.noRecent'), enabled: false }] },
        { label: t('menu.openSample'), click: actions.openSample },
        { type: 'separator' },
        { label: t('menu.importFiles'), accelerator: 'CmdOrCtrl+I', click: actions.importFiles },
        { label: t('menu.exportReport'), accelerator: 'CmdOrCtrl+E', click: actions.exportReport },
        { label: t('menu.shareCopy'), click: actions.shareCopy },
        { type: 'separator' },
        { label: t('menu.cancelRunning'), accelerator: 'CmdOrCtrl+.', click: actions.cancelRunning },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: t('menu.view'), submenu: view },
    { label: t('menu.help'), submenu: [{ label: t('menu.about'), click: actions.about }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
