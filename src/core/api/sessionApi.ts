// Which case a host has open: create, open, accept, the sample case, close, and the host's recent-cases list.
// Host plumbing, so it lives with the registry.
//
// Untrusted by default: a case file whose exact content this user has not made or accepted (TrustStore, by
// SHA-256 — a file swapped in at a known path is a stranger again) is checked as hostile input first
// (checkCaseFile: schema, triggers, views, integrity, sizes) and opened read-only — never migrated, never
// written. `caseAccept` is the explicit step that makes it writable (migrated if older), recorded in its
// audit log. A trusted case opens writable in the app; the CLI opens it read-only unless the command writes.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createCase, openCase, readMeta, type Db } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { setCaseLang } from '../casefile/caseLang';
import { AlibiError } from '../errors';
import { LANGS, type Lang } from '../i18n';
import { buildDemoCase, DEMO_CASE_FILE } from '../sample/demoCase';
import { checkCaseFile, openCheckedCase } from '../share/openUntrusted';
import { checkShareContainer, extractShareContainer, isShareContainer } from '../share/shareContainer';
import { caseInfo, type CaseInfo } from '../case/caseInfo';
import { defineApi } from '../apiContract';
import type { CaseSession } from './context';
import type { ImportJobs } from './importJobs';
import { RecentCases } from './recentCases';
import type { TrustStore } from './trustStore';

export interface SessionContext {
  session: CaseSession;
  jobs: ImportJobs;
  trust: TrustStore;
  /** Per-user folder of the host: the sample case and the recent-cases list live there. */
  dataDir: string;
}

const path = z.string().min(1).max(4096);
const none = z.object({}).strict();
const lang = z.enum(LANGS as [Lang, ...Lang[]]);

export const sessionApi = defineApi(
  {
    caseCurrent: none,
    /** `write`: the caller is about to change the case (the CLI's import, role, …); the app always asks to write. */
    caseOpen: z.object({ path, write: z.boolean().optional() }).strict(),
    caseAccept: none,
    caseCheck: z.object({ path }).strict(),
    caseCreate: z
      .object({ path, title: z.string().max(200).optional(), tz: z.string().min(1).max(64).optional(), lang: lang.optional(), exact: z.boolean().optional() })
      .strict(),
    caseOpenSample: none,
    sampleBuild: z.object({ dir: path, force: z.boolean().default(false) }).strict(),
    caseClose: none,
    caseRecent: none,
  },
  ({ session, jobs, trust, dataDir }: SessionContext) => {
    const recent = new RecentCases(dataDir);
    const writeByDefault = session.host === 'app';
    const use = (db: Db, path: string, own?: boolean): CaseInfo => {
      jobs.cancelAll();
      session.set(db, path, own);
      const info = caseInfo(session);
      if (session.host === 'app') recent.add(path, info.title, info.titleMsg);
      return info;
    };
    const open = (path: string, write: boolean): CaseInfo => {
      if (!existsSync(path)) {
        throw new AlibiError(`${path}: no such case file`, { cli: 'check the path, or create it with `alibi new`', app: 'check the path, or create a new case' }, 1, 'not-found');
      }
      if (statSync(path).isDirectory()) throw new AlibiError(`${path} is a folder, not a case file`, 'give the path of the .alibi file inside it');
      if (!trust.check(path).trusted) {
        // A case file not made or accepted here may come from anyone: check it as hostile input, open it read-only.
        const check = checkCaseFile(path);
        if (!check.ok) throw new AlibiError(`${path} cannot be opened: ${check.problems.join('; ')}`, check.hint, 1, 'refused');
        return use(openCheckedCase(path, check), path);
      }
      return use(openCase(path, { readonly: !write }), path, true);
    };
    return {
      caseCurrent: (): CaseInfo | null => (session.isOpen() ? caseInfo(session) : null),
      caseOpen: async ({ path: given, write }: { path: string; write?: boolean }) => {
        // A received share container is unpacked and checked beside itself (`x.alibiz` → `x.alibi`), then opened.
        const path = existsSync(given) && statSync(given).isFile() && isShareContainer(given) ? await extractShareContainer(given) : given;
        return open(path, write ?? writeByDefault);
      },
      /** The user makes a received case theirs: migrated if older, writable from now on, recorded in its audit log. */
      caseAccept: (): CaseInfo => {
        const path = session.casePath();
        if (!session.db().readonly) return caseInfo(session);
        const sha256 = trust.check(path).sha256;
        const before = readMeta(session.db()).schemaVersion;
        session.close();
        const db = openCase(path);
        appendAudit(db, { action: 'case.accept', target: path, details: { sha256, schemaVersion: before, migratedTo: readMeta(db).schemaVersion } });
        return use(db, path);
      },
      caseCheck: async ({ path }: { path: string }) =>
        existsSync(path) && statSync(path).isFile() && isShareContainer(path) ? await checkShareContainer(path) : checkCaseFile(path),
      caseCreate: ({ path, title, tz, lang, exact }: { path: string; title?: string; tz?: string; lang?: Lang; exact?: boolean }) => {
        const file = exact || path.endsWith('.alibi') ? path : `${path}.alibi`;
        const db = createCase(file, { title, tz });
        if (lang) setCaseLang(db, lang);
        return use(db, file);
      },
      caseOpenSample: async () => {
        const dir = join(dataDir, 'sample');
        const file = join(dir, DEMO_CASE_FILE);
        if (!existsSync(file)) {
          mkdirSync(dir, { recursive: true });
          await buildDemoCase(dir);
          trust.trust(file);
        }
        return open(file, true);
      },
      /** Builds the sample case into a folder of the user's choosing (`alibi demo`); it is theirs. */
      sampleBuild: async ({ dir, force }: { dir: string; force: boolean }) => {
        const r = await buildDemoCase(resolve(dir), { force });
        trust.trust(r.casePath);
        return r;
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
