// `npm run dist [-- --linux|--win|--mac] [--x64|--arm64]`: installers with electron-builder (electron-builder.yml).
// For each target platform/arch it first gets better-sqlite3 for Electron's ABI (scripts/electron-native.mjs
// --strict: a missing binary fails the build rather than shipping an app that cannot open a case), builds the
// app with electron-vite, then runs electron-builder with the same arguments. Needs network (Electron and
// the prebuilt binaries are downloaded from GitHub); the tests check the configuration offline.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const PLATFORMS = { '--linux': 'linux', '--win': 'win32', '--mac': 'darwin' };
const ARCHS = ['x64', 'arm64', 'ia32', 'armv7l'];
const platforms = Object.entries(PLATFORMS).filter(([flag]) => args.includes(flag)).map(([, p]) => p);
const archs = ARCHS.filter((a) => args.includes(`--${a}`));

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

for (const platform of platforms.length ? platforms : [process.platform]) {
  for (const arch of archs.length ? archs : [platform === 'win32' ? 'x64' : process.arch]) {
    run(process.execPath, [join(root, 'scripts/electron-native.mjs'), '--platform', platform, '--arch', arch, '--strict']);
  }
}
run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
run(process.execPath, [join(root, 'node_modules/electron-builder/cli.js'), '--config', 'electron-builder.yml', '--publish', 'never', ...args]);
