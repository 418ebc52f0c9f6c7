import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCaseFile, openUntrustedCase } from '../../../src/core/share/openUntrusted';
import { hostileCases, makeValidCase } from '../../support/hostileCases';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alibi-untrusted-'));
});

describe('openUntrustedCase', () => {
  it('opens a valid case read-only', () => {
    const path = makeValidCase(dir);
    expect(checkCaseFile(path)).toMatchObject({ ok: true, problems: [] });
    const db = openUntrustedCase(path);
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(400);
    expect(() => db.prepare("INSERT INTO notes(at,target_kind,target_id,text) VALUES ('a','b','c','d')").run()).toThrow(/readonly/);
    db.close();
  });

  const cases: [keyof typeof hostileCases, RegExp][] = [
    ['trigger', /unknown trigger "wipe_on_note" on "notes"/],
    ['alteredKnownTrigger', /trigger "audit_no_delete" has been altered/],
    ['shadowingView', /view "notes" stands in place of the expected table "notes"/],
    ['extraTable', /unexpected table "payload"/],
    ['extraColumn', /table "event_rows" has different columns \(unexpected or altered: shadow\)/],
    ['hugeBlob', /column notes\.text holds a value of 68157440 bytes/],
    ['newerSchema', /schema version \d+ is newer than this Alibi/],
    ['truncated', /truncated \(the header declares \d+ pages/],
    ['textRenamed', /not an SQLite database .*renamed/],
    ['plainSqlite', /not an Alibi case \(schema version 0\)/],
  ];
  for (const [name, message] of cases) {
    it(`refuses ${name} with a clear message and a hint`, () => {
      const path = hostileCases[name](dir);
      const check = checkCaseFile(path);
      expect(check.ok).toBe(false);
      expect(check.problems.join('\n')).toMatch(message);
      expect(check.problems.join('\n')).toContain(path);
      expect(check.hint).toBeTruthy();
      let err: unknown;
      try {
        openUntrustedCase(path).close();
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ name: 'AlibiError', message: expect.stringMatching(message), hint: check.hint });
    });
  }
});
