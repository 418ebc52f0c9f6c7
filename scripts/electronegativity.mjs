// Electronegativity (Doyensec's Electron security scanner) over the sources and a build of the app, run inside
// `npm test` (test/main/electronegativity.test.ts) and by hand: `node scripts/electronegativity.mjs [dir…]`
// (default: src and out). Every finding must be accepted, with its reason, in electronegativity.json; anything
// else fails. Offline: the scanner's two network look-ups (translations, Electron's release list) are replaced by
// an immediate failure, and the check that needs the release list is skipped (reason in the config).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** The accepted findings and skipped checks, each with its reason. */
export function loadPolicy() {
  return JSON.parse(readFileSync(join(root, 'electronegativity.json'), 'utf8'));
}

function offlineRunner() {
  const base = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = createRequire(join(base, 'dist', 'index.js')).resolve('got');
  const offline = () => Promise.reject(new Error('offline: Alibi never lets a test reach the network'));
  offline.default = offline;
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
  return require(join(base, 'dist', 'runner.js'));
}

/** Scans `input` (a folder); returns every finding, the parse errors, and which ones the policy does not accept. */
export async function scan(input, policy = loadPolicy()) {
  const run = offlineRunner();
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const log = console.log;
  console.log = () => {}; // the scanner chats about the failed look-ups
  let r;
  try {
    r = await run({ input: resolve(input), isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: Object.keys(policy.skippedChecks) }, false);
  } finally {
    console.log = log;
  }
  const findings = r.issues.map((i) => ({ check: i.id, file: i.file.replace(/\\/g, '/'), line: i.location?.line ?? 0, severity: i.severity?.name, description: i.description }));
  const accepted = (f) => policy.accepted.some((a) => a.check === f.check && a.file === f.file && typeof a.reason === 'string' && a.reason.length > 20);
  return { checks: r.globalChecks + r.atomicChecks, findings, errors: r.errors, unaccepted: findings.filter((f) => !accepted(f)) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const inputs = process.argv.slice(2);
  let bad = 0;
  for (const input of inputs.length ? inputs : ['src', 'out']) {
    const r = await scan(join(root, input));
    console.log(`${input}: ${r.checks} checks, ${r.findings.length} findings, ${r.unaccepted.length} not accepted, ${r.errors.length} files not parsed`);
    for (const f of r.findings) console.log(`  ${r.unaccepted.includes(f) ? 'NOT ACCEPTED' : 'accepted    '} ${f.check} ${f.file}:${f.line} ${f.description ?? ''}`);
    for (const e of r.errors) console.log(`  parse error ${e.file}: ${e.message}`);
    bad += r.unaccepted.length + r.errors.filter((e) => !e.tolerable).length;
  }
  process.exit(bad ? 1 : 0);
}
