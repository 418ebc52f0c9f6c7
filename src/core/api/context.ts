// The open case of one host (the app's engine process, the bridge, one CLI command) and the ApiContext handlers
// see of it: the database, its path, whether it may be written, and its analysis snapshot.
import type { Db } from '../casefile/caseFile';
import { AlibiError, type Host } from '../errors';
import type { AnalyzeOptions, BlockImpact, CaseAnalysis } from '../analysis/types';
import type { AnalysisInput, ApiContext } from '../apiContract';
import { AnalysisSnapshots } from './snapshot';
import type { TrustStore } from './trustStore';

export class CaseSession implements ApiContext {
  private current: { db: Db; path: string } | null = null;
  private readonly snapshots = new AnalysisSnapshots();

  constructor(
    public readonly host: Host,
    private readonly pdf?: (html: string, path: string) => Promise<void>,
    /** Records the content this user wrote, so their own case stays trusted after they change it. */
    private readonly trust?: TrustStore,
  ) {}

  get printPdf() {
    return this.pdf;
  }

  isOpen(): boolean {
    return this.current !== null;
  }

  db(): Db {
    if (!this.current) {
      throw new AlibiError('no case open', { cli: 'name the case file: alibi <command> <case>', app: 'open a case (File > Open case) or the sample case first' }, 1, 'no-case');
    }
    return this.current.db;
  }

  writableDb(): Db {
    const db = this.db();
    if (db.readonly) {
      throw new AlibiError(
        `${this.casePath()} is open read-only: it was received from someone else (or the command only reads), and Alibi does not change it without your consent`,
        {
          cli: 'pass --accept to make this case yours (it may then be migrated and written; recorded in its audit log), or work on a copy',
          app: 'choose "Work on this case" on the case home to allow changes (recorded in its audit log), or save a copy',
        },
        1,
        'refused',
      );
    }
    return db;
  }

  casePath(): string {
    this.db();
    return this.current!.path;
  }

  analysis(opts: AnalyzeOptions = {}): CaseAnalysis {
    return this.snapshots.get(this.db(), opts);
  }

  blockImpact(ip: string): BlockImpact {
    return this.snapshots.blockImpact(this.db(), ip);
  }

  changed(input: AnalysisInput): void {
    this.snapshots.invalidate(input);
  }

  set(db: Db, path: string): void {
    this.close();
    this.current = { db, path };
  }

  close(): void {
    const cur = this.current;
    this.current = null;
    this.snapshots.clear();
    if (!cur) return;
    const wrote = !cur.db.readonly;
    try {
      cur.db.close();
    } catch {
      // already closed: nothing to release
    }
    // The user's own case, written by them: its new content is theirs too.
    if (wrote && this.trust) {
      try {
        this.trust.trust(cur.path);
      } catch {
        // the file is gone or unreadable: it will be checked as untrusted on the next open
      }
    }
  }
}
