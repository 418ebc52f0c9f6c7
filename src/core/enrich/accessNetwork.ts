// What kind of network an address sits in, for the question "who else is behind it?": hosting/cloud (a server
// or VPN exit), a mobile carrier or carrier-grade-NAT ISP (many subscribers share one address), a fixed access
// ISP (one household per address, usually), or private space. ASN lists ship in resources/ with their source.
import list from '../../../resources/access-networks.json';
import { hostingOf } from './hosting';
import { english } from '../i18n/said';
import { msg, type Msg } from '../i18n/message';
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
  /** The same words as a catalogue message, for hosts that speak the user's language. */
  whyMsg: Msg;
  /** From a curated list (true) or only from words in the organisation name (false). */
  listed: boolean;
}

const net = (kind: NetworkKind, listed: boolean, whyMsg: Msg): NetworkInfo => ({ kind, why: english(whyMsg), whyMsg, listed });

export function networkOf(ip: ParsedIp | null, asn: number | null, asOrg: string | null): NetworkInfo {
  if (ip && CGNAT.some((c) => cidrContains(c, ip))) return net('cgnat', true, msg('network.cgnatSpace'));
  if (ip && isPrivateIp(ip)) return net('private', true, msg('network.private'));
  return asnNetwork(asn, asOrg);
}

/** The network of an AS and its name, once per distinct pair: an analysis asks for each of tens of thousands of
 *  addresses, from a few hundred networks (two name patterns each time). Read-only, shared by its addresses. */
const byAsn = new Map<string, NetworkInfo>();
function asnNetwork(asn: number | null, asOrg: string | null): NetworkInfo {
  const org = (asOrg ?? '').slice(0, 200); // (all it reads of the name)
  const key = `${asn}|${org}`;
  let n = byAsn.get(key);
  if (!n) {
    if (byAsn.size >= 10_000) byAsn.clear(); // a hostile case's IP data cannot grow it without bound
    byAsn.set(key, (n = Object.freeze(asnNetworkOnce(asn, org))));
  }
  return n;
}

function asnNetworkOnce(asn: number | null, org: string): NetworkInfo {
  const hosting = hostingOf(asn, org || null);
  if (hosting.hosting) return net('hosting', hosting.strong, hosting.whyMsg!);
  const entry = asn !== null ? access.asns[String(asn)] : undefined;
  if (entry) return net(entry.kind === 'mobile' ? 'mobile' : 'cgnat', true, msg(entry.kind === 'mobile' ? 'network.mobile' : 'network.cgnatIsp', { asn: asn!, org: org || entry.name }));
  if (org && ORG_RE.test(org)) return net('mobile', false, msg('network.mobileName', { asn: asn ?? '?', org }));
  if (asn !== null) return net('access', false, msg('network.access', { asn, org }));
  return net('unknown', false, msg('network.unknown'));
}

export function accessListInfo(): { name: string; version: string; licence: string; attribution: string } {
  return { name: 'resources/access-networks.json', version: access.updated, licence: access.licence, attribution: `Mobile-carrier / CGNAT ASN list: ${access.source}` };
}
