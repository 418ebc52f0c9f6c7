// One engine behind every door: the same sequence of API calls on the sample case through the three hosts —
// direct dispatch (as Electron's engine process calls it), the HTTP test bridge (as the renderer calls it) and
// the CLI's --json output — gives identical results; the findings the app shows are `alibi analyze`'s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, inProcessRunner, type Service } from '../../../src/core/api';
import { buildDemoCase } from '../../../src/core/sample/demoCase';
import { startBridge, type Bridge } from '../../support/bridge';
import { CLI, REPO } from '../../support/paths';

const PROVIDER = '51.91.102.137';

let casePath: string;
let direct: Service;
let bridge: Bridge;
let caseBytes: Buffer;

/** The moment a result was computed is not part of it. */
const stable = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'generatedAt' ? undefined : x)));

async function viaDirect(method: string, args: unknown) {
  const r = await direct.call(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return stable(r.value);
}

async function viaBridge(method: string, args: unknown) {
  const res = await fetch(`${bridge.url}rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const r = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error?.message}`);
  return stable(r.value);
}

function viaCli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--json'], {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: REPO, env: { ...process.env, ALIBI_HOME: mkdtempSync(join(tmpdir(), 'alibi-contract-home-')) },
  });
  if (r.status !== 0) throw new Error(`alibi ${args.join(' ')}: ${r.stderr}`);
  return stable(JSON.parse(r.stdout));
}

beforeAll(async () => {
  casePath = (await buildDemoCase(mkdtempSync(join(tmpdir(), 'alibi-contract-')))).casePath;
  caseBytes = readFileSync(casePath);
  direct = createHandlers({ dataDir: mkdtempSync(join(tmpdir(), 'alibi-contract-direct-')), runImport: inProcessRunner(() => direct.session.db()), emitImportProgress: () => {} });
  bridge = await startBridge({ rendererDir: mkdtempSync(join(tmpdir(), 'alibi-contract-renderer-')) });
  for (const open of [viaDirect, viaBridge]) await open('caseOpen', { path: casePath });
});
afterAll(async () => {
  direct?.dispose();
  await bridge?.close();
});

/** Each step: the API call, and the CLI command that prints the same thing (with how to read its output). */
const STEPS: { method: string; args: Record<string, unknown>; cli: string[]; pick?: (cli: unknown) => unknown }[] = [
  { method: 'analyze', args: {}, cli: ['analyze', '<case>'] },
  { method: 'findingsList', args: {}, cli: ['findings', '<case>'] },
  { method: 'ipList', args: {}, cli: ['ips', '<case>'] },
  { method: 'blockImpact', args: { ip: PROVIDER }, cli: ['block-impact', '<case>', PROVIDER] },
  { method: 'sourceList', args: {}, cli: ['sources', '<case>'] },
  { method: 'sourceRejects', args: { limit: 100 }, cli: ['rejects', '<case>'], pick: (rows) => rows },
  { method: 'infraList', args: {}, cli: ['infra', '<case>', 'list'] },
  { method: 'eventsList', args: { filter: { ip: PROVIDER }, limit: 50 }, cli: ['events', '<case>', '--ip', PROVIDER, '--limit', '50'] },
  { method: 'caseVerify', args: {}, cli: ['verify', '<case>'] },
];

describe('the same calls through the three hosts', () => {
  it.each(STEPS.map((s) => [s.method, s] as const))('%s: direct = bridge = CLI --json', async (_m, step) => {
    const d = await viaDirect(step.method, step.args);
    const b = await viaBridge(step.method, step.args);
    expect(b).toEqual(d);
    let c = viaCli(step.cli.map((a) => (a === '<case>' ? casePath : a)));
    if (step.method === 'sourceRejects') expect(c).toEqual((d as { rows: unknown }).rows);
    else if (step.method === 'eventsList') {
      // The CLI adds the ISO time of each event for people; the rest is the API's row.
      c = (c as Record<string, unknown>[]).map(({ time: _t, ...row }) => row);
      expect(c).toEqual(d);
    } else expect(c).toEqual(d);
  });

  it("the app's findings, case-home summary, alerts and timeline markers come from `alibi analyze`'s findings", async () => {
    const cli = viaCli(['analyze', casePath]) as { findings: { id: string; severity: string; evidenceEventIds: number[] }[] };
    expect(cli.findings.length).toBeGreaterThan(0);
    expect(await viaBridge('findingsList', {})).toEqual(cli.findings);
    const summary = (await viaBridge('caseSummary', {})) as { findings: { total: number; top: unknown[] } };
    expect(summary.findings.total).toBe(cli.findings.length);
    expect(summary.findings.top).toEqual(cli.findings.slice(0, 5));
    const markers = (await viaBridge('timelineMarkers', {})) as { id: string; type: string }[];
    expect(markers.filter((m) => m.type === 'finding').map((m) => m.id).sort()).toEqual(
      cli.findings.slice(0, 200).filter((f) => f.evidenceEventIds.length).map((f) => `finding:${f.id}`).sort(),
    );
  });

  it('no door changed the case file', () => {
    expect(readFileSync(casePath).equals(caseBytes)).toBe(true);
  });
});
