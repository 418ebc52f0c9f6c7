// What every API handler group receives: the open case (if any). Plain TypeScript — runs in Electron main,
// in the test bridge and in tests.
// Contract for every handler group (D1's and D2's): a file `xxxHandlers.ts` exports
//   - `type XxxHandlers = { method(args: A): Promise<R>; ... }` (args are plain JSON, results JSON-serialisable)
//   - `createXxxHandlers(ctx: ApiContext): XxxHandlers`
//   - `xxxSchemas = { method: zodSchema, ... }` — the zod schema of each method's args; Electron main and the
//     test bridge validate every message against it before calling the handler (a method without a schema is
//     refused).
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';

export interface ApiContext {
  /** The open case's database. Throws AlibiError('no case open') when none is open. */
  db(): Db;
  /** Path of the open case file, or null. */
  casePath(): string | null;
}

/** A mutable holder the service uses to open/close cases; handlers only see the ApiContext view of it. */
export class CaseSession implements ApiContext {
  private current: { db: Db; path: string } | null = null;

  db(): Db {
    if (!this.current) throw new AlibiError('no case open', 'open a case (File > Open case) or the sample case first');
    return this.current.db;
  }

  casePath(): string | null {
    return this.current?.path ?? null;
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
  }
}
