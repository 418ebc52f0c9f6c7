// What an import may change in a case, read back for before/after comparisons, and a large valid log to import.
import { createWriteStream } from 'node:fs';
import type { Db } from '../../src/core/casefile/caseFile';

/** Everything an import may touch, to prove a refused or cancelled one left the case as it was. */
export function caseState(db: Db): unknown {
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    events: count('events'),
    sources: db.prepare('SELECT * FROM sources ORDER BY id').all(),
    rejects: count('rejects'),
    presets: db.prepare('SELECT * FROM presets').all(),
    audit: db.prepare('SELECT * FROM audit ORDER BY id').all(),
    indexes: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all(),
  };
}

export function events(db: Db, sourceId?: number): Record<string, unknown>[] {
  return (sourceId === undefined
    ? db.prepare('SELECT * FROM events ORDER BY source_id, row_no').all()
    : db.prepare('SELECT * FROM events WHERE source_id = ? ORDER BY row_no').all(sourceId)) as Record<string, unknown>[];
}

/** A large, valid combined log (for cancel tests that need an import to take several chunks). */
export async function writeBigLog(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < lines; i += 10_000) {
    const chunk: string[] = [];
    for (let j = i; j < Math.min(lines, i + 10_000); j++) {
      chunk.push(`10.${(j >> 16) & 255}.${(j >> 8) & 255}.${j & 255} - - [23/Nov/2025:06:41:02 +0100] "GET /item/${j} HTTP/1.1" 200 ${j % 5000} "-" "Mozilla/5.0"`);
    }
    if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}
