// Which case a host has open: create, open (untrusted checks first), the sample case, close, and the host's
// recent-cases list. Host plumbing, so it lives with the registry.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createCase, openCase, type Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { buildDemoCase } from '../sample/demoCase';
import { checkCaseFile } from '../share/openUntrusted';
import { extractShareContainer, isShareContainer } from '../share/shareContainer';
import { caseInfo, type CaseInfo } from '../case/caseInfo';
import { defineApi } from '../apiContract';
import type { CaseSession } from './context';
import type { ImportJobs } from './importJobs';
import { RecentCases } from './recentCases';

export interface SessionContext {
  session: CaseSession;
  jobs: ImportJobs;
  /** Per-user folder of the host: the sample case and the recent-cases list live there. */
  dataDir: string;
}

const path = z.string().min(1).max(4096);
const none = z.object({}).strict();

export const sessionApi = defineApi(
  {
    caseCurrent: none,
    caseOpen: z.object({ path }).strict(),
    caseCreate: z.object({ path, title: z.string().max(200).optional(), tz: z.string().min(1).max(64).optional() }).strict(),
    caseOpenSample: none,
    caseClose: none,
    caseRecent: none,
  },
  ({ session, jobs, dataDir }: SessionContext) => {
    const recent = new RecentCases(dataDir);
    const use = (db: Db, path: string): CaseInfo => {
      jobs.cancelAll();
      session.set(db, path);
      const info = caseInfo(session);
      recent.add(path, info.title);
      return info;
    };
    return {
      caseCurrent: (): CaseInfo | null => (session.isOpen() ? caseInfo(session) : null),
      caseOpen: async ({ path: given }: { path: string }) => {
        // A received share container is unpacked and checked beside itself (`x.alibiz` → `x.alibi`), then opened.
        const path = existsSync(given) && statSync(given).isFile() && isShareContainer(given) ? await extractShareContainer(given) : given;
        // A case file not made or opened here before may come from anyone: check it as untrusted input first.
        if (!recent.list().some((r) => r.path === path)) {
          const check = checkCaseFile(path);
          if (!check.ok) throw new AlibiError(`${path} cannot be opened: ${check.problems.join('; ')}`, check.hint, 1, 'refused');
        }
        return use(openCase(path), path);
      },
      caseCreate: ({ path, title, tz }: { path: string; title?: string; tz?: string }) => {
        const file = path.endsWith('.alibi') ? path : `${path}.alibi`;
        return use(createCase(file, { title, tz }), file);
      },
      caseOpenSample: async () => {
        const dir = join(dataDir, 'sample');
        const file = join(dir, 'sample.alibi');
        let exists = false;
        try {
          exists = statSync(file).isFile();
        } catch {
          exists = false;
        }
        if (!exists) {
          mkdirSync(dir, { recursive: true });
          await buildDemoCase(dir);
        }
        return use(openCase(file), file);
      },
      caseClose: () => {
        jobs.cancelAll();
        session.close();
        return null;
      },
      caseRecent: () => recent.list(),
    };
  },
);
