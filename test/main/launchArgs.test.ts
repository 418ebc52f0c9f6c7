// Launch rules of the desktop app (src/main/launchArgs.ts): which case a command line, a second launch or a
// macOS open-file asks for, and which case opens at start.
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { caseAtLaunch, caseFromArgv, OpenRequests, secondInstanceCase } from '../../src/main/launchArgs';

const packaged = { packaged: true, cwd: '/home/ana' };
const dev = { packaged: false, cwd: '/home/ana/alibi' };

describe('caseFromArgv', () => {
  it('takes the .alibi operand of a packaged app, resolved against the working directory', () => {
    expect(caseFromArgv(['/opt/Alibi/alibi-workbench', 'cases/shop.alibi'], packaged)).toBe('/home/ana/cases/shop.alibi');
    expect(caseFromArgv(['/opt/Alibi/alibi-workbench', '/tmp/x.ALIBI'], packaged)).toBe('/tmp/x.ALIBI');
  });

  it('skips the app path in development (`electron . case.alibi`, npm start)', () => {
    expect(caseFromArgv(['/x/electron', '.', 'demo.alibi'], dev)).toBe('/home/ana/alibi/demo.alibi');
    expect(caseFromArgv(['/x/electron', '/home/ana/alibi'], dev)).toBeNull();
    // The same argv in a packaged app would treat "." as a file: not a case.
    expect(caseFromArgv(['/x/electron', '.'], packaged)).toBeNull();
  });

  it('ignores Chromium/Electron switches wherever they are, and honours --', () => {
    const argv = ['/opt/Alibi/alibi-workbench', '--no-sandbox', '--user-data-dir=/tmp/u', 'a.alibi', '--enable-logging', '-psn_0_1234'];
    expect(caseFromArgv(argv, packaged)).toBe('/home/ana/a.alibi');
    expect(caseFromArgv(['/opt/a', '--', '--odd-name.alibi'], packaged)).toBe('/home/ana/--odd-name.alibi');
    expect(caseFromArgv(['/opt/a', '--file=x.alibi'], packaged)).toBeNull();
  });

  it('accepts file:// URLs (desktop launchers) but no other scheme, and only .alibi files', () => {
    expect(caseFromArgv(['/opt/a', pathToFileURL('/srv/case files/é.alibi').href], packaged)).toBe('/srv/case files/é.alibi');
    expect(caseFromArgv(['/opt/a', 'https://evil.example/x.alibi'], packaged)).toBeNull();
    expect(caseFromArgv(['/opt/a', 'smb://host/share/x.alibi'], packaged)).toBeNull();
    expect(caseFromArgv(['/opt/a', 'notes.txt', '.alibi', 'access.log'], packaged)).toBeNull();
    expect(caseFromArgv(['/opt/a', 'access.log', 'b.alibi', 'c.alibi'], packaged)).toBe('/home/ana/b.alibi');
    expect(caseFromArgv(['/opt/a', `${'x'.repeat(5000)}.alibi`], packaged)).toBeNull();
    expect(caseFromArgv(['/opt/a', 'a\0b.alibi'], packaged)).toBeNull();
  });
});

describe('second launch hand-off', () => {
  it("uses the second instance's own argv and directory (sent as the lock's additional data)", () => {
    const data = { argv: ['/opt/Alibi/alibi-workbench', 'received.alibi'], cwd: '/home/bob/Downloads' };
    // Chromium may hand the primary a reordered argv with extra switches and its own directory.
    expect(secondInstanceCase(['/opt/Alibi/alibi-workbench', '--allow-file-access-from-files'], '/', data, true)).toBe('/home/bob/Downloads/received.alibi');
  });

  it('falls back to what Electron reports when the additional data is missing or malformed', () => {
    expect(secondInstanceCase(['/opt/a', 'x.alibi'], '/w', undefined, true)).toBe('/w/x.alibi');
    expect(secondInstanceCase(['/opt/a', 'x.alibi'], '/w', { argv: [1, 2], cwd: 'relative' }, true)).toBe('/w/x.alibi');
    expect(secondInstanceCase(['/opt/a'], '/w', { argv: 'x.alibi' }, true)).toBeNull();
  });

  it('holds requests that come before the window (macOS open-file before ready), keeping only the latest', () => {
    const q = new OpenRequests();
    q.request('/a.alibi');
    q.request('/b.alibi');
    const seen: string[] = [];
    q.attach((p) => seen.push(p));
    expect(seen).toEqual(['/b.alibi']);
    q.request('/c.alibi'); // after attach: delivered at once
    expect(seen).toEqual(['/b.alibi', '/c.alibi']);
  });

  it('lets launch take the pending request itself, so it is not opened twice', () => {
    const q = new OpenRequests();
    q.request('/early.alibi');
    expect(q.take()).toBe('/early.alibi');
    const seen: string[] = [];
    q.attach((p) => seen.push(p));
    expect(seen).toEqual([]);
  });
});

describe('caseAtLaunch', () => {
  const recent = [{ path: '/cases/last.alibi' }, { path: '/cases/older.alibi' }];
  it('prefers the file the OS asked for, then the last case, then nothing', () => {
    expect(caseAtLaunch('/x.alibi', recent, true)).toEqual({ path: '/x.alibi', reason: 'request' });
    expect(caseAtLaunch(null, recent, true)).toEqual({ path: '/cases/last.alibi', reason: 'last' });
    expect(caseAtLaunch(null, recent, false)).toBeNull();
    expect(caseAtLaunch(null, [], true)).toBeNull();
  });
});
