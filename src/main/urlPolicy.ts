// What the app may load and the CSP it runs under. Pure (no Electron import) so it is unit-tested in Node.

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

