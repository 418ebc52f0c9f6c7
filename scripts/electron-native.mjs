// Prepares better-sqlite3 for Electron's ABI before `npm start` (run by `prestart`, never by `npm ci` or
// `npm test`). The Node build in node_modules/better-sqlite3 (used by the CLI and the tests) is never touched:
// a copy of the package goes to .electron-native/better-sqlite3 and gets the Electron binary there, by
// prebuild-install (download) or, failing that, node-gyp against Electron's headers. Electron main loads
// .electron-native/better-sqlite3/build/Release/better_sqlite3.node through setNativeBinding().
// Offline or without the Electron binary it explains what is missing and exits 0: the rest of the project works.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, '.electron-native', 'better-sqlite3');
const binary = join(outDir, 'build', 'Release', 'better_sqlite3.node');
const stampFile = join(outDir, '.electron-version');
const TIMEOUT_MS = 180_000;

function say(msg) {
  console.log(`electron-native: ${msg}`);
}

function done(msg) {
  say(msg);
  process.exit(0);
}

if (process.env.npm_lifecycle_event && !['prestart', 'electron-native'].includes(process.env.npm_lifecycle_event)) {
  done(`skipped during "${process.env.npm_lifecycle_event}" (only run before npm start)`);
}

let electronVersion;
try {
  electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
} catch {
  done('electron is not installed (npm ci installs it); nothing to prepare');
}

// The Electron binary: present, or downloadable by electron's own installer.
const electronDir = dirname(require.resolve('electron/package.json'));
const hasElectronBinary = () => existsSync(join(electronDir, 'path.txt')) && existsSync(join(electronDir, 'dist'));
if (!hasElectronBinary()) {
  say(`the Electron ${electronVersion} binary is missing; trying electron's installer (downloads from GitHub)…`);
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', timeout: TIMEOUT_MS });
  if (r.status !== 0 || !hasElectronBinary()) {
    done(
      `cannot get the Electron binary here (no network access to GitHub?). The app cannot start on this machine;\n` +
        `  the CLI (npx alibi) and the tests (npm test, incl. the renderer end-to-end tests in Chromium) work without it.\n` +
        `  On a connected machine: node node_modules/electron/install.js && npm start`,
    );
  }
}

if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === electronVersion) {
  done(`better-sqlite3 for Electron ${electronVersion} already in .electron-native/`);
}

// A private copy of the package, without the Node build.
const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(dirname(outDir), { recursive: true });
cpSync(pkgDir, outDir, { recursive: true, filter: (src) => !src.startsWith(join(pkgDir, 'build')) });

const arch = process.arch;
const attempts = [
  {
    what: 'prebuilt binary (prebuild-install)',
    cmd: process.execPath,
    args: [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', arch],
  },
  {
    what: "build from source against Electron's headers (node-gyp)",
    cmd: process.execPath,
    args: [nodeGyp(), 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
  },
];

for (const a of attempts) {
  if (!a.args[0]) continue;
  say(`trying the ${a.what}…`);
  const r = spawnSync(a.cmd, a.args, { cwd: outDir, stdio: 'inherit', timeout: TIMEOUT_MS, env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion } });
  if (r.status === 0 && existsSync(binary)) {
    writeFileSync(stampFile, electronVersion);
    done(`better-sqlite3 for Electron ${electronVersion} (${arch}) ready: ${binary}`);
  }
}

rmSync(outDir, { recursive: true, force: true });
done(
  `could not get better-sqlite3 for Electron ${electronVersion} (no network to GitHub or electronjs.org?).\n` +
    `  The app would fail to open case files; the CLI and the tests are unaffected. Retry on a connected machine.`,
);

function nodeGyp() {
  for (const p of ['node-gyp/bin/node-gyp.js', join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js')]) {
    try {
      return p.startsWith('/') ? (existsSync(p) ? p : '') : require.resolve(p);
    } catch {
      /* next */
    }
  }
  return '';
}
