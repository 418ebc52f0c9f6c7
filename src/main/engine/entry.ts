// Entry of the engine process (out/main/engine.js), started by main with utilityProcess.fork(). Its only
// channel is process.parentPort; its configuration (EngineConfig, JSON) is its one command-line argument.
import { serveEngine } from './server';
import type { EngineConfig, FromEngine, ToEngine } from './protocol';

interface ParentPort {
  on(event: 'message', cb: (e: { data: ToEngine }) => void): void;
  postMessage(msg: FromEngine): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('the engine runs inside Electron (utilityProcess); use the CLI or the test bridge elsewhere');
const config = JSON.parse(process.argv[process.argv.length - 1]) as EngineConfig;
const engine = serveEngine({ post: (m) => parentPort.postMessage(m), onMessage: (cb) => parentPort.on('message', (e) => cb(e.data)) }, config);
process.on('exit', () => engine.dispose());
process.on('SIGTERM', () => process.exit(0));
