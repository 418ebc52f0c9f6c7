// Prepares better-sqlite3 for Electron's ABI (run by `npm start` and `npm run dist`, never by `npm ci` or
// `npm test`). The Node build in node_modules/better-sqlite3 (used by the CLI and the tests) is never touched:
// a copy of the package is built in .electron-native/build-<platform>-<arch>/ by prebuild-install (download)
// or, for the machine's own platform, node-gyp against Electron's headers; only the resulting binary is kept, as
// .electron-native/<platform>-<arch>/better_sqlite3.node. Electron loads it through setNativeBinding(); the
// installers ship it as resources/native/better_sqlite3.node (electron-builder.yml, extraResources).
//
//   node scripts/electron-native.mjs [--platform linux|win32|darwin] [--arch x64|arm64] [--strict]
//
// Without --strict (npm start) a failure explains what is missing and exits 0, so the CLI and the tests keep
// working offline; with --strict (npm run dist) it exits 1: an installer without the binary cannot open a case.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { values: opts } = parseArgs({
  options: { platform: { type: 'string', default: process.platform }, arch: { type: 'string', default: process.arch }, strict: { type: 'boolean', default: false } },
});
const target = `${opts.platform}-${opts.arch}`;
const outDir = join(root, '.electron-native', target);
const binary = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, '.electron-version');
const workDir = join(root, '.electron-native', `build-${target}`);
const TIMEOUT_MS = 180_000;
const native = opts.platform === process.platform && opts.arch === process.arch;

function say(msg) {
  console.log(`electron-native: ${msg}`);
}

function finish(msg, ok) {
  say(msg);
  process.exit(ok || !opts.strict ? 0 : 1);
}

let electronVersion;
try {
  electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
} catch {
  finish('electron is not installed (npm ci installs it); nothing to prepare', false);
}

if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === electronVersion) {
  finish(`better-sqlite3 for Electron ${electronVersion} (${target}) already in .electron-native/`, true);
}

// A private copy of the package, without the Node build.
const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
rmSync(workDir, { recursive: true, force: true });
mkdirSync(dirname(workDir), { recursive: true });
cpSync(pkgDir, workDir, { recursive: true, filter: (src) => !src.startsWith(join(pkgDir, 'build')) });
const built = join(workDir, 'build', 'Release', 'better_sqlite3.node');

const attempts = [
  {
    what: 'prebuilt binary (prebuild-install)',
    args: [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--platform', opts.platform, '--arch', opts.arch],
  },
];
// Building from source only works for the machine's own platform.
const gyp = native ? nodeGyp() : '';
if (gyp) {
  attempts.push({
    what: "build from source against Electron's headers (node-gyp)",
    args: [gyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${opts.arch}`, '--dist-url=https://electronjs.org/headers'],
  });
}

for (const a of attempts) {
  say(`trying the ${a.what} for ${target}…`);
  const r = spawnSync(process.execPath, a.args, {
    cwd: workDir,
    stdio: 'inherit',
    timeout: TIMEOUT_MS,
    env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion },
  });
  if (r.status === 0 && existsSync(built)) {
    mkdirSync(outDir, { recursive: true });
    copyFileSync(built, binary);
    writeFileSync(stampFile, electronVersion);
    rmSync(workDir, { recursive: true, force: true });
    finish(`better-sqlite3 for Electron ${electronVersion} (${target}) ready: ${binary}`, true);
  }
}

rmSync(workDir, { recursive: true, force: true });
finish(
  `could not get better-sqlite3 for Electron ${electronVersion} (${target}) (no network to GitHub or electronjs.org?).\n` +
    `  The app cannot open case files without it; the CLI and the tests are unaffected. Retry on a connected machine.`,
  false,
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
