// What kind of network an address sits in, for the question "who else is behind it?": hosting/cloud (a server
// or VPN exit), a mobile carrier or carrier-grade-NAT ISP (many subscribers share one address), a fixed access
// ISP (one household per address, usually), or private space. ASN lists ship in resources/ with their source.
import list from '../../../resources/access-networks.json';
import { hostingOf } from './hosting';
import { cidrContains, isPrivateIp, parseCidr, type Cidr, type ParsedIp } from './ipAddress';

interface AccessList {
  source: string;
  licence: string;
  updated: string;
  cgnatRanges: string[];
  asns: Record<string, { name: string; kind: 'mobile' | 'cgnat' }>;
  orgPatterns: string[];
}
const access = list as AccessList;
const CGNAT: Cidr[] = access.cgnatRanges.map((c) => parseCidr(c)!);
// the organisation name is capped before matching (bounded input for every regex)
const ORG_RE = new RegExp(`\\b(${access.orgPatterns.map((p) => p.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'i');

export type NetworkKind = 'hosting' | 'mobile' | 'cgnat' | 'access' | 'private' | 'unknown';
export interface NetworkInfo {
  kind: NetworkKind;
  /** The words for a signal: "mobile carrier AS51207 Free Mobile SAS (shared by its subscribers)". */
  why: string;
  /** From a curated list (true) or only from words in the organisation name (false). */
  listed: boolean;
}

export function networkOf(ip: ParsedIp | null, asn: number | null, asOrg: string | null): NetworkInfo {
  const org = (asOrg ?? '').slice(0, 200);
  if (ip && CGNAT.some((c) => cidrContains(c, ip))) return { kind: 'cgnat', why: 'carrier-grade NAT space 100.64.0.0/10', listed: true };
  if (ip && isPrivateIp(ip)) return { kind: 'private', why: 'private address range', listed: true };
  const hosting = hostingOf(asn, org || null);
  if (hosting.hosting) return { kind: 'hosting', why: hosting.why!, listed: hosting.strong };
  const entry = asn !== null ? access.asns[String(asn)] : undefined;
  if (entry) {
    return entry.kind === 'mobile'
      ? { kind: 'mobile', why: `mobile carrier AS${asn} ${org || entry.name} (one address is shared by many subscribers)`, listed: true }
      : { kind: 'cgnat', why: `ISP known for carrier-grade NAT AS${asn} ${org || entry.name} (one address can be shared by many subscribers)`, listed: true };
  }
  if (org && ORG_RE.test(org)) return { kind: 'mobile', why: `AS organisation name looks like a mobile carrier (AS${asn ?? '?'} ${org})`, listed: false };
  if (asn !== null) return { kind: 'access', why: `access ISP AS${asn} ${org}`.trim(), listed: false };
  return { kind: 'unknown', why: 'no network data for this address', listed: false };
}

export function accessListInfo(): { name: string; version: string; licence: string; attribution: string } {
  return { name: 'resources/access-networks.json', version: access.updated, licence: access.licence, attribution: `Mobile-carrier / CGNAT ASN list: ${access.source}` };
}
