// The open case of one host (the app window, the bridge, one CLI command) and the ApiContext handlers see of
// it: the database, its path, whether it may be written, and its analysis snapshot.
import type { Db } from '../casefile/caseFile';
import { AlibiError, type Host } from '../errors';
import { analyzeCase } from '../analysis/analyze';
import type { AnalyzeOptions, CaseAnalysis } from '../analysis/types';
import type { AnalysisInput, ApiContext } from '../apiContract';

export class CaseSession implements ApiContext {
  private current: { db: Db; path: string } | null = null;
  private snapshot: { key: string; analysis: CaseAnalysis } | null = null;

  constructor(
    public readonly host: Host,
    private readonly pdf?: (html: string, path: string) => Promise<void>,
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
        `${this.casePath()} is open read-only: it was received from someone else or needs migrating, and is not changed without your consent`,
        { cli: 'pass --migrate to let Alibi update the file (recorded in its audit log), or work on a copy', app: 'choose "Work on this case" to allow changes (recorded in the audit log), or save a copy' },
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
    const db = this.db();
    const key = JSON.stringify(opts.thresholds ?? {});
    if (this.snapshot?.key !== key) this.snapshot = { key, analysis: analyzeCase(db, opts) };
    return this.snapshot.analysis;
  }

  changed(_input: AnalysisInput): void {
    this.snapshot = null;
  }

  set(db: Db, path: string): void {
    this.close();
    this.current = { db, path };
  }

  close(): void {
    if (this.current) {
      try {
        this.current.db.close();
      } catch {
        // already closed: nothing to release
      }
    }
    this.current = null;
    this.snapshot = null;
  }
}
