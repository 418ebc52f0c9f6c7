// Operators' published IP ranges (search-engine and AI crawlers, uptime monitors, a payment provider's webhook
// senders, a CDN), shipped as resources/known-ranges.json with the publisher and the snapshot date. A user
// agent is a claim anyone can type; the source address of a TCP connection is not: a crawler is verified by
// its operator's ranges (or an ASN only the operator uses), and a claim from elsewhere is a spoofed crawler.
import list from '../../../resources/known-ranges.json';
import { cidrContains, parseCidr, type Cidr, type ParsedIp } from './ipAddress';

export type OperatorRole = 'crawler' | 'monitor' | 'provider' | 'cdn';
export interface Operator {
  id: string;
  operator: string;
  role: OperatorRole;
  publisher: string;
  asns: number[];
  ua: string[];
}
interface RangeList {
  source: string;
  licence: string;
  snapshot: string;
  operators: (Operator & { ranges: string[] })[];
}
const known = list as RangeList;

interface V4Range { start: number; end: number; op: Operator }
let v4: V4Range[] | null = null;
let v6: { c: Cidr; op: Operator }[] = [];
/**
 * The IPv4 ranges cut at every range edge into disjoint segments (`edges[k]` to `edges[k + 1] - 1`), each with the
 * first range in list order that covers it (or -1): a look-up is one binary search, with the answer of a scan of
 * the list in order.
 */
let edges: Float64Array = new Float64Array(0);
let winner: Int32Array = new Int32Array(0);

/** Index of the last edge at or below `n` (-1 when below the first). */
function segmentOf(n: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= n) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}

function segmentV4(ranges: V4Range[]): void {
  edges = Float64Array.from(new Set(ranges.flatMap((r) => [r.start, r.end + 1]))).sort();
  winner = new Int32Array(edges.length).fill(-1);
  ranges.forEach((r, i) => {
    for (let k = segmentOf(r.start); k < edges.length && edges[k] <= r.end; k++) if (winner[k] < 0) winner[k] = i;
  });
}

function load() {
  if (v4) return;
  const four: V4Range[] = [];
  const six: { c: Cidr; op: Operator }[] = [];
  for (const o of known.operators) {
    const op: Operator = { id: o.id, operator: o.operator, role: o.role, publisher: o.publisher, asns: o.asns, ua: o.ua };
    for (const r of o.ranges) {
      const c = parseCidr(r);
      if (!c) continue;
      if (c.v === 4) four.push({ start: Number(c.start), end: Number(c.end), op });
      else six.push({ c, op });
    }
  }
  v4 = four;
  v6 = six;
  segmentV4(four);
}

export interface RangeMatch {
  op: Operator;
  snapshot: string;
}

/** The operator whose published ranges contain the address (binary search for IPv4). */
export function publishedRangeOf(ip: ParsedIp): RangeMatch | undefined {
  load();
  if (ip.v === 4) {
    // ~1,700 ranges, asked once per distinct address of a case (tens of thousands): a binary search, not a scan
    const k = segmentOf(ip.n);
    const hit4 = k >= 0 && winner[k] >= 0 ? v4![winner[k]] : undefined;
    return hit4 ? { op: hit4.op, snapshot: known.snapshot } : undefined;
  }
  const hit = v6.find((x) => cidrContains(x.c, ip));
  return hit ? { op: hit.op, snapshot: known.snapshot } : undefined;
}

const UA_CAP = 512;

/** The operator a user agent claims to be (by its announced tokens), if any. Bounded input, no regex. */
export function claimedOperator(ua: string | null | undefined): Operator | undefined {
  if (!ua) return undefined;
  const s = ua.slice(0, UA_CAP).toLowerCase();
  for (const o of known.operators) if (o.ua.some((t) => s.includes(t))) return o;
  return undefined;
}

export function operatorById(id: string): Operator | undefined {
  return known.operators.find((o) => o.id === id);
}

export function knownRangesInfo(): { name: string; version: string; licence: string; attribution: string } {
  return {
    name: 'resources/known-ranges.json',
    version: known.snapshot,
    licence: known.licence,
    attribution: `Published crawler, monitor, webhook and CDN ranges (${known.operators.map((o) => o.operator).join(', ')}), snapshot ${known.snapshot}: ${known.source}`,
  };
}
