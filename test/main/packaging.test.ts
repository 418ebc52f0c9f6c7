// The installers' configuration (electron-builder.yml), checked offline: electron-builder's own loader and
// schema validation (the same code `npm run dist` runs first), then what Alibi needs from it — the four
// installer targets, the .alibi association with its MIME type, the icon, and the Electron-ABI better-sqlite3
// shipped where the app looks for it (src/main/nativeBinding.ts) instead of the Node build.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { electronNativeBinding, PACKAGED_NATIVE } from '../../src/main/nativeBinding';
import { REPO } from '../support/paths';

const quietLogger = { isEnabled: false, add() {} } as unknown as Parameters<typeof validateConfiguration>[1];
const load = () => getConfig(REPO, join(REPO, 'electron-builder.yml'), null);
/** The file patterns, however electron-builder normalised them ([pattern…] or [{filter: [pattern…]}]). */
const patterns = (files: unknown): string[] =>
  (Array.isArray(files) ? files : [files]).flatMap((f) => (typeof f === 'string' ? [f] : ((f as { filter?: string[] })?.filter ?? [])));
const targetsOf = (t: unknown): string[] => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));

describe('electron-builder configuration', () => {
  it("passes electron-builder's own validation", async () => {
    const config = await load();
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('would fail validation on a misspelt option (the check is real)', async () => {
    const config = await load();
    const broken = { ...config, linux: { ...config.linux, mimeTypez: ['x'] } } as Configuration;
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/Invalid configuration object[\s\S]*linux/);
  });

  it('builds an AppImage and a deb, an NSIS installer and a dmg', async () => {
    const c = await load();
    expect(targetsOf(c.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targetsOf(c.win?.target)).toEqual(['nsis']);
    expect(targetsOf(c.mac?.target)).toEqual(['dmg']);
  });

  it('registers .alibi as application/x-alibi-case', async () => {
    const c = await load();
    const assoc = (Array.isArray(c.fileAssociations) ? c.fileAssociations : [c.fileAssociations]).filter(Boolean);
    expect(assoc).toHaveLength(1);
    expect(assoc[0]).toMatchObject({ ext: 'alibi', mimeType: 'application/x-alibi-case', name: 'Alibi case' });
  });

  it('has a square icon of at least 512 px in resources/', async () => {
    const c = await load();
    const png = readFileSync(join(REPO, c.icon as string));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(w).toBe(h);
    expect(w).toBeGreaterThanOrEqual(512);
    expect(c.icon).toMatch(/^resources\//);
  });

  it("ships better-sqlite3 built for Electron where the app loads it, never rebuilding node_modules' Node build", async () => {
    const c = await load();
    expect(c.npmRebuild).toBe(false);
    const extra = (c.extraResources as { from: string; to: string }[]).find((r) => r.from.includes('better_sqlite3'));
    expect(extra).toBeDefined();
    // The packaged path main computes is resources/<to>.
    expect(join('/res', extra!.to)).toBe(electronNativeBinding({ packaged: true, appPath: '/app', resourcesPath: '/res', platform: 'linux', arch: 'x64' }));
    expect(extra!.to).toBe(PACKAGED_NATIVE.replace(/\\/g, '/'));
    // The source is where scripts/electron-native.mjs puts each platform's build (and npm start loads it from).
    const from = extra!.from.replace('${platform}', 'linux').replace('${arch}', 'x64');
    expect(join(REPO, from)).toBe(electronNativeBinding({ packaged: false, appPath: REPO, resourcesPath: '/res', platform: 'linux', arch: 'x64' }));
    expect(patterns(c.files)).toEqual(expect.arrayContaining(['!node_modules/better-sqlite3/build/**']));
  });

  it('packages the built app (main, engine process, import worker, preload, renderer) and the sample case files', async () => {
    const c = await load();
    expect(patterns(c.files)).toEqual(expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', 'resources/sample/**']));
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    const vite = readFileSync(join(REPO, 'electron.vite.config.ts'), 'utf8');
    for (const entry of ["index: resolve(__dirname, 'src/main/index.ts')", "engine: resolve(__dirname, 'src/main/engine/entry.ts')", "'import-worker'"]) expect(vite).toContain(entry);
    expect(existsSync(join(REPO, 'resources/sample/shop-access.log'))).toBe(true);
  });

  it('npm start runs the production build; npm run dev is the hot-reload server; npm run dist makes installers', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(scripts.start).toBe('node scripts/start.mjs');
    expect(scripts.dev).toMatch(/electron-vite dev$/);
    expect(scripts.dist).toBe('node scripts/dist.mjs');
    // Nothing in the install or test path downloads Electron or builds the Electron native module.
    for (const s of ['prepare', 'test', 'pretest', 'postinstall', 'preinstall']) expect(scripts[s] ?? '', s).not.toMatch(/electron-native|install\.js|electron-builder/);
    const start = readFileSync(join(REPO, 'scripts/start.mjs'), 'utf8');
    expect(start).toContain('delete env.ELECTRON_RENDERER_URL');
  });
});
