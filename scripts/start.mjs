// `npm start`: the production app — the same files an installer ships (out/, strict CSP, no dev server).
// Rebuilds out/ when a source is newer than the build, prepares better-sqlite3 for Electron's ABI, then runs
// Electron on the project. Extra arguments go to the app (e.g. `npm start -- case.alibi`).
// `npm run dev` is the hot-reload workflow (electron-vite dev).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const say = (msg) => console.log(`start: ${msg}`);

/** Newest modification time under `p` (file or folder). */
function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(p).reduce((m, name) => Math.max(m, newest(join(p, name))), s.mtimeMs);
}

const outputs = ['out/main/index.js', 'out/main/engine.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((f) => join(root, f));
// resources/: the range and network lists are bundled into the engine
const inputs = ['src', 'resources', 'electron.vite.config.ts', 'package-lock.json'].map((f) => join(root, f));
const built = outputs.every(existsSync) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
if (built < Math.max(...inputs.map(newest))) {
  say('building the app (electron-vite build)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else {
  say('out/ is up to date');
}

// The Electron binary: present, or fetched once by electron's own installer (needs network to GitHub).
const electronDir = dirname(require.resolve('electron/package.json'));
const pathTxt = join(electronDir, 'path.txt');
const executable = () => (existsSync(pathTxt) ? join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim()) : '');
if (!existsSync(executable()) && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  say("the Electron binary is missing; running electron's installer (downloads it from GitHub once)…");
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'inherit', timeout: 300_000 });
}
if (!existsSync(executable())) {
  say(
    'cannot get the Electron binary here (no network access to GitHub?), so the desktop app cannot start.\n' +
      '  The CLI (npx alibi --help) and the tests (npm test) work without it. On a connected machine: npm start.',
  );
  process.exit(1);
}

const native = spawnSync(process.execPath, [join(root, 'scripts/electron-native.mjs')], { cwd: root, stdio: 'inherit' });
if (native.status !== 0) process.exit(native.status ?? 1);

// ELECTRON_RENDERER_URL would point main at a dev server: the production app never uses one.
const env = { ...process.env };
delete env.ELECTRON_RENDERER_URL;
const app = spawnSync(executable(), [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
process.exit(app.status ?? 0);
