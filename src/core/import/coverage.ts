// What the case's sources cannot tell: a preset declares what its export never carries (Shopify's orders have no
// customer IP), and the case home says which other imported file supplies it — or which file to import.
import type { Db } from '../casefile/caseFile';
import type { CanonicalField } from '../types';
import { english, msg, type MessageId, type Msg } from '../i18n';
import { CSV_PRESETS } from './presets';

export interface CoverageGap {
  sourceId: number;
  file: string;
  /** The export's preset and variant (`shop-orders (shopify)`). */
  preset: string;
  field: CanonicalField;
  /** What is missing and which kind of file would supply it (English; `msg` for the user's language). */
  message: string;
  msg: Msg;
  /** Other sources of the case that carry this field (empty: nothing imported supplies it yet). */
  suppliedBy: { sourceId: number; file: string }[];
}

// Event columns a gap may name (declarations only name these; the SQL never takes a name from a file).
const COLUMNS: Partial<Record<CanonicalField, string>> = { ip: 'ip', email: 'email', phone: 'phone', user_agent: 'user_agent' };

export function coverageGaps(db: Db): CoverageGap[] {
  const sources = db.prepare('SELECT id, file_name, preset, mapping_json FROM sources ORDER BY id').all() as {
    id: number; file_name: string; preset: string | null; mapping_json: string | null;
  }[];
  const gaps: CoverageGap[] = [];
  for (const s of sources) {
    let variant: string | null = null;
    try {
      variant = s.mapping_json ? ((JSON.parse(s.mapping_json) as { variant?: unknown }).variant as string | null) ?? null : null;
    } catch {
      variant = null; // a received case may hold anything here
    }
    const preset = CSV_PRESETS.find((p) => p.name === s.preset && p.variant === variant);
    for (const [field, id] of Object.entries(preset?.lacks ?? {}) as [CanonicalField, MessageId][]) {
      const column = COLUMNS[field];
      if (!column) continue;
      const has = db.prepare(`SELECT 1 FROM events WHERE source_id = ? AND ${column} IS NOT NULL LIMIT 1`).pluck();
      const suppliedBy = sources.filter((o) => o.id !== s.id && has.get(o.id) !== undefined).map((o) => ({ sourceId: o.id, file: o.file_name }));
      const m = msg(id);
      gaps.push({ sourceId: s.id, file: s.file_name, preset: `${preset!.name} (${preset!.variant})`, field, message: english(m), msg: m, suppliedBy });
    }
  }
  return gaps;
}
