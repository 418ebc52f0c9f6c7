// Electron hardening: a strict CSP on every response, no request leaves the machine (only the app's own files,
// devtools and the local dev server), no navigation, no new windows, no permission granted.
import { session, type BrowserWindow, type WebContents } from 'electron';
import { CSP, devCsp, isLocalUrl } from './urlPolicy';

export { CSP };

export function hardenSession(devServer: string | undefined): void {
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest((details, cb) => {
    const ok = isLocalUrl(details.url, devServer);
    if (!ok) console.warn(`alibi: blocked non-local request ${details.url.slice(0, 200)}`);
    cb({ cancel: !ok });
  });
  const csp = devServer ? devCsp(devServer) : CSP;
  ses.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  ses.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  ses.setPermissionCheckHandler(() => false);
}

export function hardenWindow(win: BrowserWindow, appUrl: string): void {
  const wc: WebContents = win.webContents;
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (e, url) => {
    if (url !== appUrl) e.preventDefault();
  });
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());
}
