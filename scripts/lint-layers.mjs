// `npm run lint`: the layering rules of .dependency-cruiser.cjs, plus "no cycle between src/core folders"
// counted on runtime imports (a type-only import is erased at build time and creates no load-order cycle;
// dependency-cruiser's folder scope cannot tell them apart, so the folder graph is built here).
// Usage: node scripts/lint-layers.mjs [project-root]   (exit 1 on any violation)
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(process.argv[2] ?? repo);
const bin = join(repo, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

let out;
try {
  out = execFileSync(process.execPath, [bin, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (e) {
  // depcruise exits non-zero on violations; its JSON is still on stdout.
  out = e.stdout;
  if (!out) {
    process.stderr.write(String(e.stderr ?? e.message));
    process.exit(2);
  }
}
const result = JSON.parse(out);
const problems = result.summary.violations
  .filter((v) => v.rule.severity === 'error')
  .map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`);

// Folder graph of src/core over runtime imports; files directly in src/core are leaves shared by all folders.
const folderOf = (p) => /^src\/core\/([^/]+)\//.exec(p)?.[1] ?? null;
const edges = new Map();
for (const m of result.modules) {
  const a = folderOf(m.source);
  if (!a) continue;
  for (const d of m.dependencies) {
    const b = folderOf(d.resolved);
    if (!b || b === a || d.dependencyTypes.includes('type-only')) continue;
    if (!edges.has(a)) edges.set(a, new Map());
    if (!edges.get(a).has(b)) edges.get(a).set(b, `${m.source} → ${d.resolved}`);
  }
}
// Tarjan's strongly connected components: any component of 2+ folders is a cycle.
let index = 0;
const idx = new Map(), low = new Map(), stack = [], on = new Set(), sccs = [];
const visit = (v) => {
  idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do { w = stack.pop(); on.delete(w); c.push(w); } while (w !== v);
    if (c.length > 1) sccs.push(c);
  }
};
for (const v of edges.keys()) if (!idx.has(v)) visit(v);
for (const c of sccs) {
  const inC = new Set(c);
  const via = c.flatMap((a) => [...(edges.get(a) ?? [])].filter(([b]) => inC.has(b)).map(([, why]) => `    ${why}`));
  problems.push(`no-core-folder-cycles: src/core/{${c.sort().join(', ')}} depend on each other:\n${via.join('\n')}`);
}

const warnings = result.summary.violations.filter((v) => v.rule.severity === 'warn');
if (warnings.length) process.stderr.write(`layering: ${warnings.length} warning(s) (${[...new Set(warnings.map((v) => v.rule.name))].join(', ')})\n`);
if (problems.length) {
  process.stderr.write(`layering: ${problems.length} violation(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`layering: OK (${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports)\n`);
