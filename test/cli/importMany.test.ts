// `alibi import case day1.log day2.log.gz …`: a month of daily rotated logs, compressed or not, in one command —
// one import job, one progress over every file with one ETA; a refused file (already imported) is reported and
// the files after it are still imported.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { alibi } from '../support/cli';
import { tmpDir } from '../support/newCase';

/** Day `d` of a rotated combined log: `n` requests, each day's own. */
function dayLog(d: number, n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const hh = String(Math.floor((i * 24) / n)).padStart(2, '0');
    lines.push(`10.1.${d}.${i % 250} - - [${String(d).padStart(2, '0')}/Nov/2025:${hh}:00:00 +0100] "GET /day/${d}/${i} HTTP/1.1" 200 ${i} "-" "Mozilla/5.0"`);
  }
  return lines.join('\n') + '\n';
}

describe('import of many files in one command', () => {
  it('runs every file, .gz included, as one job with one progress; a refused file does not stop the others', () => {
    const dir = tmpDir();
    const c = join(dir, 'c.alibi');
    expect(alibi('new', c, '--tz', 'Europe/Paris').code).toBe(0);
    const files: string[] = [];
    for (let d = 1; d <= 6; d++) {
      const path = join(dir, d % 2 ? `access.log.${d}` : `access.log.${d}.gz`);
      writeFileSync(path, d % 2 ? dayLog(d, 2000) : gzipSync(dayLog(d, 2000)));
      files.push(path);
    }
    // Day 3 is already in the case: the batch reports it and goes on.
    expect(alibi('import', c, files[2]).code).toBe(0);
    const r = alibi('import', c, ...files, '--progress');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/access\.log\.3 was already imported/);
    // One progress over the whole batch: "[i/6] file: …% — all files …% of … MB, … rows".
    const overall = [...r.err.matchAll(/\[(\d)\/6\] (access\.log\.\d(?:\.gz)?): \d+% — all files (\d+)% of [\d.]+ MB/g)];
    expect(overall.length).toBeGreaterThan(0);
    const shares = overall.map((m) => Number(m[3]));
    expect(shares).toEqual([...shares].sort((a, b) => a - b)); // never goes back
    expect(r.out.trim().split('\n')).toHaveLength(5);
    expect(r.out).toMatch(/access\.log\.6\.gz: 2000 rows imported/);
    const sources = JSON.parse(alibi('sources', c, '--json').out);
    expect(sources.map((s: { file_name: string }) => s.file_name).sort()).toEqual(files.map((f) => f.split('/').pop()).sort());
    expect(alibi('verify', c).code).toBe(0);
  }, 120_000);
});
