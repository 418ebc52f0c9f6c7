// Test-only loopback bridge: serves the built renderer on 127.0.0.1 and the same typed Handlers map over
// HTTP (POST /rpc/<method>, validated by the same dispatch as Electron's IPC), with import progress pushed
// as server-sent events. Its client script defines window.alibi with exactly the preload's shape, so the
// renderer cannot tell the difference; main's file dialogs are answered by the test (answerDialogs), so the page
// gets files the way the app gives them, from a dialog, never from a typed path. Never imported by src/**, never packaged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHandlers, type Service } from '../../src/core/api/service';
import { allSchemas, dispatch } from '../../src/core/api/dispatch';
import { workerRunner } from '../../src/core/api/importRunners';
import type { ImportJobStatus } from '../../src/core/api/handlers';
import type { ImportRunner } from '../../src/core/api/importJobs';

export interface Bridge {
  url: string;
  service: Service;
  /** Every /rpc call received, in order (method names) — lets tests assert what the UI asked. */
  calls: string[];
  /**
   * Test-only stand-in for main's file dialogs: the answers the page's next pickFiles / pickSavePath calls get, in
   * order (paths, as a dialog would give them; null = the user cancelled; nothing queued = cancelled too).
   */
  answerDialogs(...answers: (string[] | string | null)[]): void;
  /** The titles of the file dialogs the page opened, in order. */
  pickerTitles: string[];
  close(): Promise<void>;
}

export interface BridgeOptions {
  rendererDir: string;
  dataDir?: string;
  runImport?: ImportRunner;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.map': 'application/json',
};
const MAX_BODY = 2_000_000;

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const root = resolve(opts.rendererDir);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'alibi-bridge-'));
  const streams = new Set<ServerResponse>();
  const calls: string[] = [];
  const answers: (string[] | string | null)[] = [];
  const pickerTitles: string[] = [];
  let service: Service;
  const push = (e: ImportJobStatus) => {
    const data = `data: ${JSON.stringify(e)}\n\n`;
    for (const s of streams) s.write(data);
  };
  service = createHandlers({
    dataDir,
    // The same worker-thread import as the app (out/cli/import-worker.js, built by scripts/build-cli.mjs).
    runImport: opts.runImport ?? workerRunner(),
    emitImportProgress: push,
  });

  const clientJs = clientScript(Object.keys(allSchemas));

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
        const method = decodeURIComponent(url.pathname.slice('/rpc/'.length));
        calls.push(method);
        const body = await readBody(req);
        let args: unknown;
        try {
          args = body.length ? JSON.parse(body) : {};
        } catch {
          return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { message: 'request body is not JSON' } }));
        }
        const result = await dispatch(service.handlers, method, args);
        return send(res, 200, 'application/json', JSON.stringify(result));
      }
      if (req.method === 'POST' && url.pathname === '/__bridge/dialog') {
        const ask = JSON.parse((await readBody(req)) || '{}') as { kind?: string; title?: string };
        pickerTitles.push(String(ask.title ?? ''));
        const a = answers.shift() ?? null;
        const value = a === null ? null : ask.kind === 'save' ? (Array.isArray(a) ? a[0] : a) : Array.isArray(a) ? a : [a];
        return send(res, 200, 'application/json', JSON.stringify(value));
      }
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
      if (url.pathname === '/__bridge/client.js') return send(res, 200, TYPES['.js'], clientJs);
      if (url.pathname === '/__bridge/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = normalize(join(root, rel));
      if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'text/plain', 'forbidden');
      let content: Buffer;
      try {
        content = await readFile(file);
      } catch {
        return send(res, 404, 'text/plain', 'not found');
      }
      if (rel === 'index.html') {
        // The bridge client must define window.alibi before the app's module script runs.
        content = Buffer.from(content.toString('utf8').replace('<head>', '<head>\n    <script src="/__bridge/client.js"></script>'));
      }
      return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', content);
    } catch (e) {
      return send(res, 500, 'text/plain', (e as Error).message);
    }
  });
  // Idle keep-alive sockets stay open longer than a test step (a CLI run, a page build): otherwise the server
  // closes one just as fetch reuses it, and the call fails with ECONNRESET on a loaded machine.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    service,
    calls,
    answerDialogs: (...a) => void answers.push(...a),
    pickerTitles,
    async close() {
      for (const s of streams) s.end();
      service.dispose();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > MAX_BODY) {
        fail(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/** window.alibi for the browser: one function per API method (same names as the preload), plus progress events. */
function clientScript(methods: string[]): string {
  return `(() => {
  'use strict';
  const METHODS = ${JSON.stringify(methods)};
  const call = async (method, args) => {
    const r = await fetch('/rpc/' + encodeURIComponent(method), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args === undefined ? {} : args),
    });
    const j = await r.json();
    if (!j.ok) { const e = new Error(j.error.message); e.code = j.error.code; if (j.error.hint) e.hint = j.error.hint; if (j.error.msg) e.msg = j.error.msg; if (j.error.hintMsg) e.hintMsg = j.error.hintMsg; throw e; }
    return j.value;
  };
  const api = { host: 'bridge' };
  for (const m of METHODS) api[m] = (args) => call(m, args);
  const listeners = new Set();
  let es = null;
  api.onImportProgress = (cb) => {
    listeners.add(cb);
    if (!es) {
      es = new EventSource('/__bridge/events');
      es.onmessage = (ev) => { const d = JSON.parse(ev.data); for (const l of listeners) l(d); };
    }
    return () => { listeners.delete(cb); };
  };
  // main's file dialogs, answered by the test (Bridge.answerDialogs)
  const dialog = async (kind, opts) => (await fetch('/__bridge/dialog', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, title: opts && opts.title }),
  })).json();
  api.pickFiles = (opts) => dialog('files', opts);
  api.pickSavePath = (opts) => dialog('save', opts);
  window.alibi = Object.freeze(api);
})();
`;
}
