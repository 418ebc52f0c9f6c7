// Electron main's request filter and CSP (src/main/urlPolicy.ts): only the app's own files, devtools and the
// local dev server pass; everything remote is cancelled.
import { describe, expect, it } from 'vitest';
import { CSP, devCsp, isLocalUrl } from '../../src/main/urlPolicy';

describe('request policy of the Electron session', () => {
  it('lets the packaged app load its own files only', () => {
    expect(isLocalUrl('file:///opt/alibi/out/renderer/index.html', undefined)).toBe(true);
    expect(isLocalUrl('devtools://devtools/bundled/inspector.html', undefined)).toBe(true);
    for (const u of ['https://example.com/', 'http://127.0.0.1:5173/', 'http://localhost/', 'ws://localhost:5173/', 'ftp://x/', 'not a url']) {
      expect(isLocalUrl(u, undefined), u).toBe(false);
    }
  });

  it('in dev, allows the dev server (http and its HMR websocket) on loopback and that port only', () => {
    const dev = 'http://localhost:5173';
    expect(isLocalUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isLocalUrl('http://127.0.0.1:5173/', dev)).toBe(true);
    expect(isLocalUrl('ws://localhost:5173/', dev)).toBe(true);
    expect(isLocalUrl('http://localhost:8080/', dev)).toBe(false);
    expect(isLocalUrl('http://evil.example:5173/', dev)).toBe(false);
    expect(isLocalUrl('https://fonts.googleapis.com/css', dev)).toBe(false);
  });

  it('has a CSP with no remote origin; the dev variant only adds inline scripts and the dev websocket', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self';");
    expect(CSP).not.toMatch(/https?:|\*/);
    const dev = devCsp('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain('ws://localhost:5173');
    expect(dev).not.toMatch(/https?:/);
  });
});

describe('renderer page', () => {
  it('carries the same CSP in its meta tag (minus frame-ancestors, ignored in meta) and loads nothing remote', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CSP.replace("; frame-ancestors 'none'", ''));
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
