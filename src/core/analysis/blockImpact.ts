// Block impact: what blocking one IP would have cut over the case period, and whether that is safe.
import type { Db } from '../casefile/caseFile';
import { AlibiError } from '../errors';
import { parseIp } from '../enrich/ipAddress';
import { ipProfileWithAggregate } from './ipRoles';
import type { BlockImpact, BlockVerdict } from './types';
import type { CaseLinks } from './caseLinks';

/** `links`: the case's order/payment links, computed once by the caller for many IPs (the report, the IP export). */
export function blockImpact(db: Db, ip: string, links?: CaseLinks): BlockImpact {
  const addr = ip.trim();
  if (!parseIp(addr)) throw new AlibiError(`"${ip}" is not an IP address`, { cli: 'give the address as it appears in `alibi ips`', app: 'pick an IP from the IP list' }, 2);
  const total = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const found = ipProfileWithAggregate(db, addr, links);
  if (!found) {
    return {
      ip: addr, role: 'unknown', customers: 0, orders: 0, successfulPayments: 0, providerCalls: 0, events: 0,
      shareOfTraffic: 0, verdict: 'safe', reasons: ['this address never appears in the case: blocking it cuts nothing seen here'],
      evidenceEventIds: [],
    };
  }
  const { profile, agg } = found;
  const successfulPayments = agg.successfulPayments.size;
  const share = total ? profile.events / total : 0;
  const reasons: string[] = [];
  let verdict: BlockVerdict = 'safe';
  const raise = (v: BlockVerdict) => {
    if (v === 'do-not-block' || (v === 'caution' && verdict === 'safe')) verdict = v;
  };
  const orders = `${profile.orders} order${profile.orders === 1 ? '' : 's'}`;
  const custs = `${profile.customers} customer${profile.customers === 1 ? '' : 's'}`;

  if (profile.role === 'provider') {
    raise('do-not-block');
    reasons.push(
      `DO NOT BLOCK: this is the payment provider's server-to-server address — blocking it would cut payment notifications for ${orders} of ${custs} (${profile.providerCalls} provider calls)`,
    );
  } else if (profile.role === 'shared') {
    raise('do-not-block');
    reasons.push(`DO NOT BLOCK: shared address (CGNAT / office / proxy) used by ${custs} — blocking it locks out every one of them`);
  } else if (profile.role === 'own') {
    raise('do-not-block');
    reasons.push(`DO NOT BLOCK: the shop's own infrastructure${profile.infra ? ` (${profile.infra.label})` : ''} — blocking it can take the shop down`);
  } else if (profile.role === 'crawler') {
    raise('caution');
    reasons.push('a search-engine or monitoring crawler: blocking it removes the shop from search results or monitoring');
  }
  if (profile.infra && profile.infra.role !== 'provider' && profile.role !== 'own') {
    raise('do-not-block');
    reasons.push(`in the infrastructure register as ${profile.infra.role}: ${profile.infra.label}`);
  }
  if (profile.override) reasons.push(`role set by the analyst: ${profile.override.reason}`);
  if (profile.role === 'customer' || profile.role === 'unknown') {
    if (successfulPayments > 0) {
      raise('caution');
      reasons.push(`would have blocked ${successfulPayments} successful payment${successfulPayments > 1 ? 's' : ''} of ${custs} — confirm they are fraudulent first`);
    }
    if (profile.customers > 1) {
      raise('caution');
      reasons.push(`${custs} use this address: blocking it affects all of them`);
    }
  }
  if (share >= 0.05 && profile.events >= 50 && profile.role !== 'crawler') {
    raise('caution');
    reasons.push(`carries ${(share * 100).toFixed(1)}% of all traffic in the case`);
  }
  if (profile.hosting && (profile.role === 'customer' || profile.role === 'unknown')) {
    reasons.push(`hosting/datacenter network (AS${profile.asn} ${profile.asOrg ?? ''}): residential customers rarely come from here`);
  }
  if (verdict === 'safe') {
    reasons.push(
      `no provider traffic, no shared use${successfulPayments ? '' : ', no successful payment'}: blocking cuts ${profile.events} event${profile.events === 1 ? '' : 's'} (${(share * 100).toFixed(2)}% of traffic)`,
    );
  }
  return {
    ip: addr,
    role: profile.role,
    customers: profile.customers,
    orders: profile.orders,
    successfulPayments,
    providerCalls: profile.providerCalls,
    events: profile.events,
    shareOfTraffic: Math.round(share * 10000) / 10000,
    verdict,
    reasons,
    evidenceEventIds: profile.evidenceEventIds,
  };
}
