// The layering rule must actually bite: a copy of the source tree with forbidden imports planted in it fails
// `scripts/lint-layers.mjs`, naming each rule broken; the real tree passes (npm run lint, in npm test).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/paths';

const repo = REPO;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alibi-layering-'));
  dirs.push(dir);
  cpSync(join(repo, 'src'), join(dir, 'src'), { recursive: true });
  for (const f of ['tsconfig.json', '.dependency-cruiser.cjs', 'package.json']) cpSync(join(repo, f), join(dir, f));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function lint(dir: string): { code: number; output: string } {
  try {
    const out = execFileSync(process.execPath, [join(repo, 'scripts/lint-layers.mjs'), dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, output: out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, output: `${err.stdout}${err.stderr}` };
  }
}

describe('layering rule', () => {
  it('fails on planted forbidden imports, naming each broken rule', () => {
    const dir = copyTree();
    // The engine reaching for Electron.
    writeFileSync(join(dir, 'src/core/timeline/planted.ts'), "import { app } from 'electron';\nexport const v = app;\n");
    // The page reaching for the file system and for an engine module.
    writeFileSync(
      join(dir, 'src/renderer/planted.ts'),
      "import { readFileSync } from 'node:fs';\nimport { analyzeCase } from '../core/analysis/analyze';\nexport const v = [readFileSync, analyzeCase];\n",
    );
    // Electron main going around the API.
    writeFileSync(join(dir, 'src/main/planted.ts'), "import { openCase } from '../core/casefile/caseFile';\nexport const v = openCase;\n");
    // A cycle between two core folders (casefile → timeline → casefile), through runtime imports.
    writeFileSync(join(dir, 'src/core/casefile/planted.ts'), "import { timelineApi } from '../timeline/timeline';\nexport const v = timelineApi;\n");

    const r = lint(dir);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/core-no-ui: src\/core\/timeline\/planted\.ts → \S*node_modules\/electron\//);
    expect(r.output).toMatch(/renderer-no-node: src\/renderer\/planted\.ts → (node:)?fs/);
    expect(r.output).toMatch(/renderer-no-engine: src\/renderer\/planted\.ts → src\/core\/analysis\/analyze\.ts/);
    expect(r.output).toMatch(/hosts-only-api: src\/main\/planted\.ts → src\/core\/casefile\/caseFile\.ts/);
    expect(r.output).toMatch(/no-core-folder-cycles: src\/core\/\{[^}]*casefile[^}]*timeline[^}]*\}/);
    expect(r.output).toContain('src/core/casefile/planted.ts → src/core/timeline/timeline.ts');
  });

  it('allows type-only imports across layers (they are erased at build time)', () => {
    const dir = copyTree();
    writeFileSync(join(dir, 'src/renderer/plantedTypes.ts'), "import type { CaseAnalysis } from '../core/analysis/types';\nexport type V = CaseAnalysis;\n");
    const r = lint(dir);
    expect(r.output).not.toContain('plantedTypes');
    expect(r.code).toBe(0);
  });
});
