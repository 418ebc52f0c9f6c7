// Electron hardening: a strict CSP on every response, no request leaves the machine (only the app's own files,
// devtools and the local dev server), no navigation, no new windows, no permission granted.
import { session, type BrowserWindow, type WebContents } from 'electron';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `electron-vite dev` only: Fast Refresh runs an inline preamble and talks to the dev server over a websocket. */
export function devCsp(devServer: string): string {
  const u = new URL(devServer);
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ws://${u.host} ws://localhost:${u.port} ws://127.0.0.1:${u.port}`,
  );
}

/** True for URLs the app may load: its files, devtools, and the electron-vite dev server on localhost. */
export function isLocalUrl(url: string, devServer: string | undefined): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'file:' || u.protocol === 'devtools:' || u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (devServer) {
    const dev = new URL(devServer);
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    if (loopback && u.port === dev.port && (u.protocol === 'http:' || u.protocol === 'ws:')) return true;
  }
  return false;
}

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
