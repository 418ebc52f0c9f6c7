// A share copy of a case, built to be handed over. The unredacted working copy never goes beside the target:
// it is a consistent snapshot of the case (safe on a live WAL database) held in memory, or for a case too big
// for that in a private folder beside the original case (where the same data already is). It is pruned and
// redacted there, then `VACUUM INTO` a temporary file beside the target, which so only ever holds the finished
// copy's bytes (no removed value in free pages); that file is checked (structure, audit chain, contents against
// the log, no trace of the original key) and only then renamed into place. Any failure or signal (Ctrl-C,
// SIGTERM) removes the temporary files: the target is either the finished copy or untouched. kill -9 runs no
// handler: what it leaves (a redacted partial, a working folder) is named after the dead process and removed by
// the next share. A name ending in
// .alibiz gets the compressed container (shareContainer.ts): the checked copy without its event indexes,
// brotli-packed into a second temporary file, the manifest inside and its SHA-256 beside.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from '../casefile/caseFile';
import { readMeta, sha256Hex } from '../casefile/caseFile';
import { appendAudit, verifyAuditChain } from '../casefile/audit';
import { importDigests, type ImportDigests } from '../casefile/importDigest';
import { SHARE_COPY_ACTION } from '../casefile/logCrossCheck';
import { sha256File, verifyCase } from '../casefile/verify';
import { AlibiError } from '../errors';
import { checkOutputPath } from '../export/outputPath';
import { checkCaseFile } from './openUntrusted';
import { openRawDatabase } from './rawDatabase';
import { dropUnusedStrings, pruneToEvidence, redactBystanders, type EvidenceSet, type PruneCounts, type RedactionCounts } from './redact';
import { packShareContainer, stripEventIndexes } from './shareContainer';

export interface ShareOptions {
  out: string;
  redact?: boolean;
  onlyEvidence?: boolean;
  /** What the findings cite; required by `redact` and `onlyEvidence` (the CLI takes it from analyzeCase). */
  evidence?: EvidenceSet;
  /** Replace an existing file at `out` (never the case itself). */
  force?: boolean;
  /** Write the compressed container (shareContainer.ts) instead of a plain case file; default: when `out` ends in .alibiz. */
  compress?: boolean;
  /** Redact in memory up to this case size (default IN_MEMORY_MAX_BYTES), else in a private folder beside the case. */
  inMemoryMax?: number;
}

export interface ShareManifest {
  format: 'alibi-share-manifest/2';
  file: string;
  sha256: string;
  size: number;
  caseId: string;
  title: string;
  schemaVersion: number;
  createdAt: string;
  options: { redact: boolean; onlyEvidence: boolean };
  /** The original's audit chain head when the copy was taken: the report made from it prints the same head. */
  originalAuditLastHash: string;
  /**
   * The copy's own chain head: `alibi verify COPY --expect-head` checks a received copy against it. A full or
   * pruned copy keeps the original's log (its chain contains originalAuditLastHash); a redacted copy's log
   * is rewritten over redacted details and re-chained, so only this head anchors it.
   */
  copyAuditHead: string;
  /** What was removed or replaced, and why; empty for a full copy. */
  removed: string[];
  counts: {
    events: number;
    sources: number;
    findingEvidenceEvents: number;
    pruned?: PruneCounts;
    redaction?: RedactionCounts;
  };
}

export interface ShareResult {
  out: string;
  manifestPath: string;
  manifest: ShareManifest;
}

export function manifestPathFor(out: string): string {
  return `${out}.manifest.json`;
}

const PARTIAL = '.partial-';
const WORK = '.share-work-';
/** Leftovers of this process are named after it: `.<name><marker><pid>-<random>`. */
const LEFTOVER = /^\..+?(\.partial-|\.share-work-)(\d+)-[0-9A-Za-z]+/;

/** A case up to this size is redacted in memory (twice its size at the peak); a bigger one in a private folder. */
export const IN_MEMORY_MAX_BYTES = 512 * 1024 * 1024;

/** The temporary name of a copy in progress: hidden, beside the target, never mistaken for it. */
function partialPath(out: string): string {
  return join(dirname(out), `.${basename(out)}${PARTIAL}${process.pid}-${randomBytes(6).toString('hex')}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Leftovers of shares killed with SIGKILL (no handler runs then) in `dir`: partial copies and working folders
 * whose process is gone. A share still running elsewhere keeps its own.
 */
export function removeStaleShareFiles(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const f of names) {
    const m = LEFTOVER.exec(f);
    if (!m || alive(Number(m[2]))) continue;
    rmSync(join(dir, f), { recursive: true, force: true });
    removed.push(f);
  }
  return removed;
}

function closeIfOpen(db: Db): void {
  if (db.open) db.close();
}

/** The working copy the redaction runs on: never beside the target, never the case itself. */
async function workingCopy(db: Db, inMemoryMax: number): Promise<{ copy: Db; dispose(): void }> {
  if (db.name !== ':memory:' && statSync(db.name).size <= inMemoryMax) {
    const image = db.serialize();
    // A WAL-mode image (header bytes 18-19 = 2) cannot be opened in memory: mark it a rollback-journal file.
    image[18] = 1;
    image[19] = 1;
    const copy = openRawDatabase(image);
    return { copy, dispose: () => closeIfOpen(copy) };
  }
  const dir = mkdtempSync(join(dirname(db.name), `.${basename(db.name)}${WORK}${process.pid}-`));
  chmodSync(dir, 0o700);
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const guard = removeOnInterrupt([dir]);
  try {
    await db.backup(join(dir, 'work.alibi'));
    const copy = openRawDatabase(join(dir, 'work.alibi'), { fileMustExist: true });
    return {
      copy,
      dispose: () => {
        closeIfOpen(copy);
        dispose();
        guard.dispose();
      },
    };
  } catch (e) {
    dispose();
    guard.dispose();
    throw e;
  }
}

/**
 * Removes `files` if the process is interrupted (SIGINT, SIGTERM, SIGHUP) or exits before `dispose`.
 * After removing them an interrupted process still ends: the signal is raised again once no other
 * handler is listening.
 */
function removeOnInterrupt(files: string[]): { dispose(): void; removeNow(): void } {
  const removeNow = () => {
    for (const f of files) for (const s of ['', '-journal', '-wal', '-shm']) rmSync(f + s, { recursive: true, force: true });
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (sig: NodeJS.Signals) => {
    removeNow();
    dispose();
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
  };
  const dispose = () => {
    for (const s of signals) process.off(s, onSignal);
    process.off('exit', removeNow);
  };
  for (const s of signals) process.on(s, onSignal);
  process.on('exit', removeNow);
  return { dispose, removeNow };
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function describeRemoved(r: RedactionCounts | undefined, pruned: PruneCounts | undefined): string[] {
  const out: string[] = [];
  if (pruned) out.push(`${pruned.eventsDropped} events no finding cites, and all ${pruned.rejectsDropped} rejected rows`);
  if (!r) return out;
  const p = r.pseudonymised;
  out.push(
    `people no finding is about (${r.bystanderEvents} events): ${p.emails} e-mails, ${p.phones} phones, ${p.names} names, ${p.customers} customer ids, ${p.cards} cards, ${p.orders} order ids, ${p.transactions} transaction ids replaced by pseudonyms; card digits and raw lines removed`,
    `${r.bystanderRequests} requests from addresses of no linked person: address pseudonymised, query string, referer and raw line removed`,
    `${p.ips} IP addresses of people no finding is about, replaced by addresses in 2001:db8::/32 (documentation range)`,
    `analyst text withheld: ${r.analystText.notes} notes, ${r.analystText.overrideReasons} IP-role reasons, ${r.analystText.infraLabels} infrastructure labels, ${r.analystText.verdictReason ? 'the verdict reason' : 'no verdict reason'}; ${r.analystText.tags} tags replaced by pseudonyms; ${r.analystText.savedMappings} saved column mappings removed`,
    `${r.localPaths} local file paths removed (file names kept)`,
    `${r.rejectedLinesDropped} rejected lines' text removed`,
    `the case key replaced by a new one: ${r.breachEntries.rekeyed} breach-list entries of people shown in clear re-keyed, ${r.breachEntries.dropped} others removed`,
    `${r.auditEntriesRedacted} audit entries with their free text, paths and addresses withheld; the audit log re-chained`,
  );
  return out;
}

/** The contents of every source of the copy, re-digested for the share-copy audit entry. */
function copyDigests(copy: Db): Record<string, ImportDigests> {
  const ids = (copy.prepare('SELECT id FROM sources ORDER BY id').all() as { id: number }[]).map((s) => s.id);
  return Object.fromEntries(ids.map((id) => [String(id), importDigests(copy, id)]));
}

export async function shareCase(db: Db, opts: ShareOptions): Promise<ShareResult> {
  const out = checkOutputPath(opts.out, { casePath: db.name, force: opts.force });
  const manifestPath = checkOutputPath(manifestPathFor(out), { casePath: db.name, force: opts.force });
  const redact = !!opts.redact;
  const onlyEvidence = !!opts.onlyEvidence;
  if ((redact || onlyEvidence) && !opts.evidence) {
    throw new AlibiError('redaction and pruning to the evidence need the findings of the case', 'this is a bug in the caller: pass the findings of analyzeCase', 1, 'internal');
  }
  const evidence = opts.evidence ?? { eventIds: [] };
  const meta = readMeta(db);
  const originalHead = verifyAuditChain(db).lastHash;
  const originalKey = (db.prepare("SELECT value FROM meta WHERE key = 'hmac_key'").get() as { value: string } | undefined)?.value;

  const compress = opts.compress ?? /\.alibiz$/i.test(out);
  const shaPath = compress ? checkOutputPath(`${out}.sha256`, { casePath: db.name, force: opts.force }) : undefined;

  removeStaleShareFiles(dirname(out));
  if (db.name !== ':memory:') removeStaleShareFiles(dirname(db.name));
  const tmp = partialPath(out);
  const tmpPacked = `${tmp}.alibiz`;
  const tmpManifest = `${tmp}.manifest.json`;
  const guard = removeOnInterrupt([tmp, tmpPacked, `${tmpPacked}.sha256`, tmpManifest]);
  try {
    const work = await workingCopy(db, opts.inMemoryMax ?? IN_MEMORY_MAX_BYTES);
    let built: ReturnType<typeof buildCopy>;
    try {
      built = buildCopy(work.copy, tmp, { evidence, redact, onlyEvidence, originalHead, from: basename(db.name) });
    } finally {
      work.dispose();
    }
    const { counts, copyHead, removed } = built;
    await checkCopy(tmp, redact ? originalKey : undefined);
    let written = tmp;
    if (compress) {
      const stripped = stripEventIndexes(tmp);
      const inside = { caseId: meta.caseId, title: meta.title, schemaVersion: meta.schemaVersion, options: { redact, onlyEvidence }, originalAuditLastHash: originalHead, copyAuditHead: copyHead, counts };
      await packShareContainer(tmp, tmpPacked, inside, stripped);
      rmSync(tmp, { force: true });
      written = tmpPacked;
    }
    fsyncFile(written);
    const manifest: ShareManifest = {
      format: 'alibi-share-manifest/2',
      file: basename(out),
      sha256: await sha256File(written),
      size: statSync(written).size,
      caseId: meta.caseId,
      title: meta.title,
      schemaVersion: meta.schemaVersion,
      createdAt: new Date().toISOString(),
      options: { redact, onlyEvidence },
      originalAuditLastHash: originalHead,
      copyAuditHead: copyHead,
      removed,
      counts,
    };
    writeFileSync(tmpManifest, JSON.stringify(manifest, null, 2) + '\n');
    fsyncFile(tmpManifest);
    renameSync(written, out);
    if (shaPath) writeFileSync(shaPath, `${manifest.sha256}  ${basename(out)}\n`);
    rmSync(`${tmpPacked}.sha256`, { force: true });
    renameSync(tmpManifest, manifestPath);
    // A received case opened read-only is never written; its copy still records the share in its own log.
    if (!db.readonly) appendAudit(db, {
      action: 'case.share',
      target: manifest.file,
      details: { sha256: manifest.sha256, size: manifest.size, redact, onlyEvidence, manifest: basename(manifestPath), copyAuditHead: copyHead, counts },
    });
    return { out, manifestPath, manifest };
  } catch (e) {
    guard.removeNow();
    if (e instanceof AlibiError) throw e;
    // Disk full, file-size limit, a folder that went read-only: say so without a stack trace.
    throw new AlibiError(
      `could not write the share copy ${out}: ${(e as Error).message}`,
      'check the free space and that you may write there; nothing was written (the partial copy was removed)',
      1,
      'io',
    );
  } finally {
    guard.dispose();
  }
}

interface BuildOptions {
  evidence: EvidenceSet;
  redact: boolean;
  onlyEvidence: boolean;
  originalHead: string;
  from: string;
}

/** Prunes and redacts the working copy, records how it was made, and writes it compacted to `tmp`. */
function buildCopy(copy: Db, tmp: string, o: BuildOptions): { counts: ShareManifest['counts']; copyHead: string; removed: string[] } {
  // The working copy is the app's own fresh snapshot: no migration, no WAL.
  copy.pragma('trusted_schema = OFF');
  copy.pragma('journal_mode = DELETE');
  // Overwritten pages are zeroed; VACUUM INTO then writes only live pages: no removed value reaches `tmp`.
  copy.pragma('secure_delete = ON');
  copy.pragma('foreign_keys = ON');
  // The analysis snapshots are this machine's cache (sealed with its key): the recipient recomputes them.
  if (copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'analysis_snapshots'").get()) copy.exec('DELETE FROM analysis_snapshots');
  const pruned = o.onlyEvidence ? pruneToEvidence(copy, o.evidence) : undefined;
  const newKey = o.redact ? randomBytes(32).toString('hex') : undefined;
  const redaction = newKey ? redactBystanders(copy, o.evidence, newKey) : undefined;
  if (!redaction) dropUnusedStrings(copy);
  const n = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
  const counts: ShareManifest['counts'] = {
    events: n('SELECT count(*) AS n FROM events'),
    sources: n('SELECT count(*) AS n FROM sources'),
    findingEvidenceEvents: new Set(o.evidence.eventIds).size,
    ...(pruned ? { pruned } : {}),
    ...(redaction ? { redaction } : {}),
  };
  copy.transaction(() => {
    const put = copy.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
    put.run('shared_from_audit_hash', o.originalHead);
    put.run('share_options', JSON.stringify({ redact: o.redact, onlyEvidence: o.onlyEvidence }));
    // A changed copy re-digests what it keeps (verify checks the copy against this entry); a full copy's imports still hold.
    appendAudit(copy, {
      action: SHARE_COPY_ACTION,
      target: readMeta(copy).caseId,
      details: {
        from: o.from, originalAuditLastHash: o.originalHead, redact: o.redact, onlyEvidence: o.onlyEvidence, counts,
        ...(o.redact || o.onlyEvidence ? { digests: copyDigests(copy) } : {}),
        ...(newKey ? { hmac_key_sha256: sha256Hex(newKey) } : {}),
      },
    });
  })();
  const copyHead = verifyAuditChain(copy).lastHash;
  copy.prepare('VACUUM INTO ?').run(tmp);
  return { counts, copyHead, removed: describeRemoved(redaction, pruned) };
}

/** The copy must open as a case anyone can check, verify cleanly, and carry no trace of the original key. */
async function checkCopy(tmp: string, originalKey: string | undefined): Promise<void> {
  const check = checkCaseFile(tmp);
  if (!check.ok) throw new AlibiError(`the share copy failed its own check: ${check.problems.join('; ')}`, 'report this as a bug; nothing was written', 1, 'internal');
  const copy = openRawDatabase(tmp, { readonly: true, fileMustExist: true });
  try {
    const v = await verifyCase(copy, { sourceFiles: false });
    if (!v.ok) throw new AlibiError(`the share copy does not verify: ${v.problems.join('; ')}`, 'run `alibi verify` on the case first; nothing was written');
  } finally {
    copy.close();
  }
  if (originalKey && readFileSync(tmp).includes(Buffer.from(originalKey))) {
    throw new AlibiError('the redacted copy still contains the case key', 'report this as a bug; nothing was written');
  }
}
