// The open case of one host (the app's engine process, the bridge, one CLI command) and the ApiContext handlers
// see of it: the database, its path, whether it may be written, and its analysis snapshot.
import { openCase, type Db } from '../casefile/caseFile';
import { AlibiError, type Host } from '../errors';
import type { AnalyzeOptions, BlockImpact, CaseAnalysis } from '../analysis/types';
import type { AnalysisInput, ApiContext, SnapshotState } from '../apiContract';
import {
  AnalysisSnapshots, analysisFingerprint, hasSnapshotTable, writeStoredSnapshot, type SnapshotStorage, type UnsavedSnapshot,
} from './snapshot';
import type { TrustStore } from './trustStore';

export class CaseSession implements ApiContext {
  /** `own`: this user made or accepted the case, so its analysis snapshots may be read and stored. */
  private current: { db: Db; path: string; own: boolean } | null = null;
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
          cli: 'pass --accept to make this case yours (it may then be migrated and written; recorded in its audit log); a copy of the file is just as untrusted',
          app: 'choose "Work on this case" on the case home to allow changes (recorded in its audit log)',
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
    return this.snapshots.get(this.db(), opts, this.storage());
  }

  /** Where the current analysis came from (computed here, or reused from the case file) and whether it is stored. */
  snapshotState(): SnapshotState {
    const db = this.db();
    const storage = this.storage();
    const state = this.snapshots.state(db, storage);
    const later = state.kept === 'memory' && storage && db.readonly && hasSnapshotTable(db);
    return later ? { ...state, kept: 'on-close' } : state;
  }

  /** Snapshots are kept only in the user's own cases: a received file's are never read, and it is never written. */
  private storage(): SnapshotStorage | undefined {
    const cur = this.current;
    if (!cur?.own || !this.trust) return undefined;
    try {
      return { key: this.trust.machineKey(), writeNow: !cur.db.readonly };
    } catch {
      return undefined; // no usable key (unwritable data folder): analyse in memory only
    }
  }

  blockImpact(ip: string): BlockImpact {
    return this.snapshots.blockImpact(this.db(), ip, this.storage());
  }

  changed(input: AnalysisInput): void {
    this.snapshots.invalidate(input);
  }

  /** `own` defaults to a writable case (created, accepted, or opened for a write): the user's by construction. */
  set(db: Db, path: string, own = !db.readonly): void {
    this.close();
    this.current = { db, path, own };
    this.recordedChanges = -1;
  }

  private recordedChanges = -1;

  /**
   * After a call that may have written (and after opening writable, which switches the file to WAL): moves the
   * WAL into the file and records the new content as this user's. A crash (kill -9) then leaves a file whose
   * recovered content is one the trust store knows, so the user's own case is not mistaken for a received one.
   * `force`: the writes came from another connection (an import worker).
   */
  recordOwnWrites(force = false): void {
    const cur = this.current;
    if (!cur || !this.trust || cur.db.readonly || !cur.db.open) return;
    try {
      const changes = (cur.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      if (!force && changes === this.recordedChanges) return;
      const [r] = cur.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      // Another connection still reading or writing: the WAL stays; the next call (or closing) records it.
      if (r?.busy !== 0) return;
      this.trust.trust(cur.path);
      this.recordedChanges = changes;
    } catch {
      // the file is gone or unreadable: it is checked as untrusted on the next open
    }
  }

  close(): void {
    const cur = this.current;
    this.current = null;
    const unsaved = cur?.own && cur.db.readonly ? this.snapshots.unsaved() : undefined;
    this.snapshots.clear();
    if (!cur) return;
    let wrote = !cur.db.readonly;
    try {
      cur.db.close();
    } catch {
      // already closed: nothing to release
    }
    if (unsaved && this.trust) wrote = this.storeLater(cur.path, unsaved);
    // The user's own case, written by them: its new content is theirs too.
    if (wrote && this.trust) {
      try {
        this.trust.trust(cur.path);
      } catch {
        // the file is gone or unreadable: it will be checked as untrusted on the next open
      }
    }
  }

  /**
   * A command that only read the user's own case stores the snapshot it computed once the case is closed, so the
   * next command reuses it. Only if the file is still the user's (not swapped meanwhile), already has the table
   * (no migration without consent) and is still in the state the snapshot describes. Never fails the command.
   */
  private storeLater(path: string, s: UnsavedSnapshot): boolean {
    const trust = this.trust!;
    try {
      if (!trust.check(path).trusted) return false;
      // Checked on a read-only connection first: a file that cannot take the snapshot is not touched at all.
      const ro = openCase(path, { readonly: true });
      let fits: boolean;
      try {
        fits = hasSnapshotTable(ro) && analysisFingerprint(ro, s.opts) === s.fingerprint;
      } finally {
        ro.close();
      }
      if (!fits) return false;
      const db = openCase(path, { migrate: false });
      try {
        writeStoredSnapshot(db, s.fingerprint, s.analysis, s.computedAt, trust.machineKey());
      } finally {
        db.close();
      }
      return true; // opened for writing: whatever it now holds is this user's (re-trusted by the caller)
    } catch {
      return false;
    }
  }
}
