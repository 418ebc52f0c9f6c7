// Where the unredacted working copy of a share lives: in memory for a case that fits, else in a private folder
// beside the original case — never beside the target, whose folder only ever receives redacted bytes. What a
// share killed with SIGKILL leaves (named after its process) is removed by the next share once that process is gone.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase, getMetaValue } from '../../../src/core/casefile/caseFile';
import { appendAudit } from '../../../src/core/casefile/audit';
import { importDigests } from '../../../src/core/casefile/importDigest';
import { removeStaleShareFiles, shareCase } from '../../../src/core/share/shareCase';

function seeded(dir: string) {
  const db = createCase(join(dir, 'case.alibi'), { title: 'working copy', tz: 'Europe/Paris' });
  db.prepare("INSERT INTO sources(id,file_name,size,sha256,format,parser_version,imported_at) VALUES (1,'p.csv',1,'ab','csv','1','2025-11-23T06:00:00Z')").run();
  const ins = db.prepare("INSERT INTO events(ts,ts_text,source_id,row_no,raw,kind,email,customer_id) VALUES (?, 't', 1, ?, ?, 'payment', ?, ?)");
  ins.run(1, 1, 'subject,row', 'subject@example.fr', 'C-1');
  for (let i = 2; i < 400; i++) ins.run(i, i, `bystander.${i}@example.org,secret raw line ${i}`, `bystander.${i}@example.org`, `C-${i}`);
  appendAudit(db, { action: 'import', target: 'ab', details: { source_id: 1, digests: importDigests(db, 1) } });
  const evidence = { eventIds: [db.prepare("SELECT id FROM events WHERE customer_id = 'C-1'").pluck().get() as number], subjects: [{ kind: 'customer', value: 'C-1' }] };
  return { db, evidence, key: getMetaValue(db, 'hmac_key')! };
}

/** A pid no process has any more: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim() as unknown as number;
}

describe('the working copy of a share', () => {
  for (const inMemoryMax of [Number.MAX_SAFE_INTEGER, 0]) {
    it(`${inMemoryMax ? 'in memory' : 'in a private folder beside the case'}: the target's folder only ever sees redacted bytes`, async () => {
      const root = mkdtempSync(join(tmpdir(), 'alibi-work-'));
      try {
        const caseDir = join(root, 'cases');
        const outDir = join(root, 'outbox');
        mkdirSync(caseDir);
        mkdirSync(outDir);
        const { db, evidence, key } = seeded(caseDir);
        // Every file that appears in the outbox while the share runs is read as soon as it is seen.
        const seen: Buffer[] = [];
        const watcher = watch(outDir, (_e, f) => {
          const p = f && join(outDir, f);
          try {
            if (p && existsSync(p) && statSync(p).isFile()) seen.push(readFileSync(p));
          } catch {
            /* gone again (renamed): its bytes are checked under the new name */
          }
        });
        const workDirs: string[] = [];
        const caseWatcher = watch(caseDir, (_e, f) => f?.includes('.share-work-') && workDirs.push(f));
        await shareCase(db, { out: join(outDir, 'copy.alibi'), redact: true, evidence, inMemoryMax });
        watcher.close();
        caseWatcher.close();
        seen.push(readFileSync(join(outDir, 'copy.alibi')));
        for (const bytes of seen) {
          expect(bytes.includes(Buffer.from(key))).toBe(false);
          expect(bytes.includes(Buffer.from('bystander.7@example.org'))).toBe(false);
        }
        // The private folder was used only when the case is too big for memory, and it is gone.
        expect(workDirs.length > 0).toBe(inMemoryMax === 0);
        expect(readdirSync(caseDir).filter((f) => !/-(wal|shm)$/.test(f))).toEqual(['case.alibi']);
        expect(readdirSync(outDir).sort()).toEqual(['copy.alibi', 'copy.alibi.manifest.json']);
        db.close();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it('the next share removes what a killed share left (its process gone), and keeps a running one’s', async () => {
    const root = mkdtempSync(join(tmpdir(), 'alibi-stale-'));
    try {
      const { db, evidence } = seeded(root);
      const dead = deadPid();
      const stale = [`.copy.alibi.partial-${dead}-a1b2c3`, `.copy.alibi.partial-${dead}-a1b2c3.manifest.json`, `.other.alibi.partial-${dead}-0f0f0f`];
      for (const f of stale) writeFileSync(join(root, f), 'left by a killed share');
      mkdirSync(join(root, `.case.alibi.share-work-${dead}-XyZ123`));
      writeFileSync(join(root, `.case.alibi.share-work-${dead}-XyZ123`, 'work.alibi'), 'unredacted working copy');
      // A share running in another live process (this one's parent) keeps its partial.
      const running = `.copy.alibi.partial-${process.ppid}-bbbbbb`;
      writeFileSync(join(root, running), 'in progress');
      await shareCase(db, { out: join(root, 'copy.alibi'), redact: true, evidence });
      expect(readdirSync(root).filter((f) => f.startsWith('.')).sort()).toEqual([running]);
      expect(removeStaleShareFiles(root)).toEqual([]);
      db.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
