// The engine process as the tests run it: src/main/engine/server.ts (exactly what Electron's utility process
// runs) over Node's child-process IPC instead of Electron's parentPort.
import { serveEngine } from '../../src/main/engine/server';
import type { EngineConfig, FromEngine, ToEngine } from '../../src/main/engine/protocol';

const config = JSON.parse(process.argv[2]) as EngineConfig;
const engine = serveEngine({ post: (m: FromEngine) => process.send!(m), onMessage: (cb) => process.on('message', (m) => cb(m as ToEngine)) }, config);
process.on('disconnect', () => {
  engine.dispose();
  process.exit(0);
});
