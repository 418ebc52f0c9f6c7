// The timeline's zone offsets are looked up once per hour of the zone (vis-timeline asks for every tick on every
// redraw): the answer must still be luxon's exact offset at every instant, across DST changes, half-hour and
// 45-minute zones, a 30-minute DST (Lord Howe) and a zone's historical local mean time (seconds in its offset).
import { describe, expect, it, vi } from 'vitest';
import { DateTime } from 'luxon';

// the renderer's language module reads the page's storage at load
vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
vi.stubGlobal('navigator', { languages: ['en'], language: 'en' });
const { zoneOffsetMinutes } = await import('../../src/renderer/timeline/caseTime');

const exact = (ms: number, tz: string) => {
  const d = DateTime.fromMillis(ms, { zone: tz });
  return d.isValid ? d.offset : 0;
};

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];

describe('zoneOffsetMinutes', () => {
  it("gives luxon's offset at every instant around each zone's changes of 2025", () => {
    for (const tz of ZONES) {
      // every 22 min 13.457 s through the year: every hour is visited at odd instants
      const from = Date.UTC(2025, 0, 1);
      const wrong: string[] = [];
      for (let ms = from; ms < from + 365 * 86_400_000; ms += 1_333_457) if (zoneOffsetMinutes(ms, tz) !== exact(ms, tz)) wrong.push(`${tz} ${new Date(ms).toISOString()}`);
      expect(wrong).toEqual([]);
    }
  });

  it('is exact on both sides of a change, to the millisecond', () => {
    for (const tz of ZONES) {
      // the instants where the offset changes in 2025, found by bisection between hours that differ
      const from = Date.UTC(2025, 0, 1);
      for (let h = 0; h < 365 * 24; h++) {
        let a = from + h * 3_600_000;
        let b = a + 3_600_000;
        if (exact(a, tz) === exact(b, tz)) continue;
        while (b - a > 1) {
          const m = Math.floor((a + b) / 2);
          if (exact(m, tz) === exact(a, tz)) a = m;
          else b = m;
        }
        for (const ms of [a - 1, a, b, b + 1]) expect(zoneOffsetMinutes(ms, tz), `${tz} ${new Date(ms).toISOString()}`).toBe(exact(ms, tz));
      }
    }
  });

  it('follows a change in the middle of an hour (local mean time ending at an odd second)', () => {
    // Paris left its local mean time (+0:09:21) for GMT on 1911-03-11: the change falls inside a UTC hour
    const tz = 'Europe/Paris';
    for (let ms = Date.UTC(1911, 2, 10, 20); ms < Date.UTC(1911, 2, 11, 4); ms += 61_000) expect(zoneOffsetMinutes(ms, tz)).toBe(exact(ms, tz));
    expect(zoneOffsetMinutes(Date.UTC(2025, 6, 1), 'Not/AZone')).toBe(0);
  });
});
