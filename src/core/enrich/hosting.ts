// Hosting / datacenter detection from the ASN (curated list in resources/hosting-asns.json, with its source)
// and, as a weaker fallback, from words in the AS organisation name.
import hostingList from '../../../resources/hosting-asns.json';
import { english } from '../i18n/said';
import { msg, type Msg } from '../i18n/message';

interface HostingList {
  source: string;
  licence: string;
  updated: string;
  asns: Record<string, string>;
  orgPatterns: string[];
}
const list = hostingList as HostingList;
const ORG_RE = new RegExp(list.orgPatterns.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

export interface HostingVerdict {
  hosting: boolean;
  /** "hosting ASN AS16276 OVH SAS" or "organisation name looks like hosting (…)" */
  why?: string;
  /** The same words as a catalogue message, for hosts that speak the user's language. */
  whyMsg?: Msg;
  strong: boolean; // listed ASN (strong) vs name pattern (weak)
}

export function hostingOf(asn: number | null, asOrg: string | null): HostingVerdict {
  if (asn !== null && list.asns[String(asn)]) {
    return withWhy(true, msg('network.hostingAsn', { asn, org: asOrg ?? list.asns[String(asn)] }));
  }
  if (asOrg && ORG_RE.test(asOrg.slice(0, 200))) {
    return withWhy(false, msg('network.hostingName', { asn: asn ?? '?', org: asOrg }));
  }
  return { hosting: false, strong: false };
}

function withWhy(strong: boolean, whyMsg: Msg): HostingVerdict {
  return { hosting: true, strong, why: english(whyMsg), whyMsg };
}

export function hostingListInfo(): { name: string; version: string; licence: string; attribution: string } {
  return {
    name: 'resources/hosting-asns.json',
    version: list.updated,
    licence: list.licence,
    attribution: `Hosting/datacenter ASN list: ${list.source}`,
  };
}
