// Runs the engine in real Node child processes for the tests: test/main/engineChild.ts bundled once with
// esbuild, forked with the repository's node_modules, driven by the same EngineClient as Electron main.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EngineClient, type EngineChild, type EngineHooks } from '../../src/main/engine/client';
import type { EngineConfig, FromEngine } from '../../src/main/engine/protocol';

import { REPO } from './paths';
let bundle: Promise<string> | null = null;

function childScript(): Promise<string> {
  bundle ??= (async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'alibi-engine-')), 'engine-child.js');
    await build({ entryPoints: [join(__dirname, 'engineChild.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3', 'electron', 'playwright-core'], logLevel: 'warning' });
    return out;
  })();
  return bundle;
}

export interface TestEngine {
  client: EngineClient;
  /** Every engine process started so far (a cancel or a crash starts a new one). */
  children: ChildProcess[];
  events: { channel: string; payload: unknown }[];
  busy: unknown[];
}

export async function startEngine(dataDir: string, hooks: Partial<EngineHooks> = {}, extraConfig: Partial<EngineConfig> = {}): Promise<TestEngine> {
  const script = await childScript();
  const config: EngineConfig = { dataDir, workerPath: join(REPO, 'out/cli/import-worker.js'), ...extraConfig };
  const children: ChildProcess[] = [];
  const events: TestEngine['events'] = [];
  const busy: unknown[] = [];
  const spawn = (): EngineChild => {
    const child = fork(script, [JSON.stringify(config)], { cwd: REPO, env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    children.push(child);
    return {
      post: (m) => {
        if (child.connected) child.send(m);
      },
      onMessage: (cb) => child.on('message', (m) => cb(m as FromEngine)),
      onExit: (cb) => child.on('exit', (code) => cb(code)),
      kill: () => child.kill('SIGKILL'),
    };
  };
  const client = new EngineClient(spawn, {
    onEvent: (channel, payload) => events.push({ channel, payload }),
    onHostRequest: async () => {},
    onBusy: (b) => busy.push(b),
    busyAfterMs: 100,
    ...hooks,
  });
  return { client, children, events, busy };
}
