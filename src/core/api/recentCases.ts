// Recently opened cases, kept as a small JSON file in the host's user-data folder (Electron's userData,
// or a temp dir in the test bridge). Corrupt or missing file = empty list, never an error.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Msg } from '../i18n/message';

export interface RecentCase {
  path: string;
  title: string;
  /** A title Alibi chose (untitled, the sample), shown in the app's language. */
  titleMsg?: Msg;
  openedAt: string;
}

const MAX_RECENT = 12;

export class RecentCases {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = join(dataDir, 'recent-cases.json');
  }

  list(): RecentCase[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (!Array.isArray(parsed)) return [];
      return parsed
        .filter((r): r is RecentCase => typeof r?.path === 'string' && typeof r?.title === 'string' && typeof r?.openedAt === 'string')
        .filter((r) => existsSync(r.path));
    } catch {
      return [];
    }
  }

  add(path: string, title: string, titleMsg?: Msg): RecentCase[] {
    const list = [{ path, title, ...(titleMsg ? { titleMsg } : {}), openedAt: new Date().toISOString() }, ...this.list().filter((r) => r.path !== path)].slice(0, MAX_RECENT);
    mkdirSync(dirname(this.file), { recursive: true });
    // Write then rename: a crash mid-write never leaves a half file.
    writeFileSync(this.file + '.tmp', JSON.stringify(list, null, 2));
    renameSync(this.file + '.tmp', this.file);
    return list;
  }
}
