// In the app, the import runs in a worker with its own connection; a note, tag or verdict written meanwhile is
// refused at once with "the case is busy" (the IPC error the renderer shows), not after a 5 s freeze with
// "database is locked"; once the import is done the same write goes through and the case verifies.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { createHandlers } from '../../../src/core/api/service';
import { dispatch } from '../../../src/core/api/dispatch';
import { workerRunner } from '../../../src/core/api/importRunners';
import { verifyCase } from '../../../src/core/casefile/verify';
import { tmpDir } from '../../support/newCase';
import { writeBigLog } from '../../support/caseState';

describe('writes during an in-app import', () => {
  it('are refused quickly with a clear message, then accepted after the import', async () => {
    const dataDir = tmpDir('alibi-busy-');
    const log = join(dataDir, 'big.log');
    await writeBigLog(log, 150_000);
    const svc = createHandlers({ dataDir, runImport: workerRunner(), emitImportProgress: () => undefined });
    try {
      await svc.handlers.caseCreate({ path: join(dataDir, 'c.alibi'), title: 'busy test', tz: 'UTC' });
      const { jobId } = await svc.handlers.importStart({ files: [{ path: log }] });
      // Wait until the worker holds its write transaction (rows are being written).
      let st = await svc.handlers.importStatus({ jobId });
      for (let i = 0; i < 400 && st.state === 'running' && !(st.progress && st.progress.rows > 0); i++) {
        await new Promise((r) => setTimeout(r, 25));
        st = await svc.handlers.importStatus({ jobId });
      }
      expect(st.state).toBe('running');
      const started = performance.now();
      const refused = await dispatch(svc.handlers, 'noteAdd', { targetKind: 'case', targetId: 'case', text: 'written during the import' });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error.message).toMatch(/the case is busy/);
      expect(!refused.ok && refused.error).toMatchObject({ code: 'busy' });
      for (let i = 0; i < 1200 && (st = await svc.handlers.importStatus({ jobId })).state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
      expect(st.state).toBe('done');
      const ok = await dispatch(svc.handlers, 'noteAdd', { targetKind: 'case', targetId: 'case', text: 'written after the import' });
      expect(ok.ok).toBe(true);
      expect((await verifyCase(svc.session.db(), { sourceFiles: false })).problems).toEqual([]);
    } finally {
      svc.dispose();
    }
  });
});
