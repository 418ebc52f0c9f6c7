// One IP: its role with the signals behind it, its operator, and what blocking it would cut — with a loud
// warning when blocking would cut a provider or shared infrastructure.
import { useState } from 'react';
import { api } from '../api';
import { IP_ROLES } from '../../core/vocabulary';
import type { IpDetail } from '../../core/api/handlers';
import { errorText, useAsync } from '../useAsync';
import { formatCount, formatTime } from '../format';
import { Notes } from './Notes';
import { selection } from '../selection';
import { t, tr } from '../i18n';
import { BLOCK_LABELS, ROLE_LABELS, labelOf } from '../labels';
import type { IpProfile, RoleEvidence } from '../../core/analysis/types';
import { ROLE_MSG } from '../../core/i18n';

/** The evidence behind the chosen role, and what speaks against it (the same split as the engine's signals). */
function forAndAgainst(p: IpProfile): { pro: RoleEvidence[]; con: RoleEvidence[] } {
  const role = p.computedRole ?? p.role;
  const pro = p.evidence.filter((x) => x.role === role && x.stance === 'for').sort((a, b) => b.weight - a.weight);
  const con = p.evidence.filter((x) => (x.stance === 'against' ? x.role === role : x.role !== role && x.role === 'attacker' && role !== 'attacker' && x.weight >= 1));
  return { pro, con };
}

function EvidenceList({ items, ip, testId }: { items: RoleEvidence[]; ip: string; testId: string }) {
  return (
    <ul data-testid={testId}>
      {items.length === 0 && <li className="muted">{t('ui.ipd.nothing')}</li>}
      {items.map((x, i) => (
        <li key={i}>
          {x.msg ? tr().msg(x.msg, x.text) : x.text}
          {x.eventIds.length > 0 && (
            <>
              {' '}
              <button className="link small" onClick={() => selection.showEvidence(x.eventIds, null, { kind: 'ip', value: ip })}>
                {t('ui.ipd.signalEvents', { count: x.eventIds.length })}
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The profile's signals not already shown for or against the role (its counts, the network, an override), in the page's language. */
function otherSignals(p: IpProfile): string[] {
  const { pro, con } = forAndAgainst(p);
  const shown = new Set([...pro, ...con].map((x) => x.text));
  const keep = p.signals.map((x) => !shown.has(x) && !shown.has(x.replace(/^but: /, '')) && !(p.conflict && x === `conflict: ${p.conflict.text}`));
  return tr().saidAll(p.signalMsgs, p.signals).filter((_, i) => keep[i]);
}

/** "conflict: evidence for X and for Y — analyst decision needed" (worded as the CLI words it). */
export function conflictText(c: NonNullable<IpProfile['conflict']>): string {
  const [first, second] = c.roles;
  return t('conflict.decide', { first: t(ROLE_MSG[first]), hasSecond: second ? 'yes' : 'no', second: second ? t(ROLE_MSG[second]) : '' });
}

export function IpDetailView({ ip, tz, onChanged }: { ip: string; tz: string; onChanged: () => void }) {
  const detail = useAsync(() => api.ipDetail({ ip }), [ip]);
  const [override, setOverride] = useState<IpDetail | null>(null);
  if (detail.error) return <div className="error-box" role="alert">{detail.error}</div>;
  const d = override ?? detail.data;
  if (!d) return <div className="loading">{t('ui.common.loadingThing', { thing: ip })}</div>;
  const p = d.profile;
  const imp = d.impact;
  return (
    <section className="card ip-detail" data-testid="ip-detail">
      <h3>
        {t('ui.col.ip')} <code>{p.ip}</code>
      </h3>
      <p>
        {t('ui.ipd.role')} <span className={`role role-${p.role}`} data-testid="ip-role" data-role={p.role}>{labelOf(ROLE_LABELS, p.role)}</span> · {t('ui.ipd.confidence', { percent: tr().percent(p.confidence) })}
        {p.override && (
          <span className="muted small">
            {' '}
            {t('ui.ipd.override', { reason: p.override.reason, computed: p.computedRole ? labelOf(ROLE_LABELS, p.computedRole) : '?' })}
          </span>
        )}
      </p>
      <p>
        {p.asn ? `AS${p.asn}` : t('ui.ipd.noAsn')} · {p.asOrg ?? t('ui.ipd.unknownOrg')} · {p.country ?? '??'}
        {p.hosting ? ` · ${t('ui.ipd.hosting')}` : ''}
        {p.infra ? ` · ${t('ui.ipd.register', { role: labelOf(ROLE_LABELS, p.infra.role), label: p.infra.label, cidr: p.infra.cidr })}` : ''}
      </p>
      <p className="small muted">
        {t('ui.ipd.activity', { events: p.events, from: formatTime(p.firstSeen, tz), to: formatTime(p.lastSeen, tz), customers: p.customers, emails: p.emails, cards: p.cards, orders: p.orders, calls: p.providerCalls, agents: p.userAgents })}
      </p>
      {p.conflict && (
        <div className="conflict" role="alert" data-testid="ip-conflict">
          <strong>{t('ui.ipd.conflict')}</strong>
          <p>{conflictText(p.conflict)}</p>
          <p className="small">{p.conflict.text}</p>
        </div>
      )}
      <VerdictEvidence p={p} />
      <h4>{t('ui.ipd.signals')}</h4>
      <ul>{otherSignals(p).map((s, i) => <li key={i}>{s}</li>)}</ul>

      <div className={`impact impact-${imp.verdict}`} data-testid="block-impact" role={imp.verdict === 'do-not-block' ? 'alert' : undefined}>
        {imp.verdict === 'do-not-block' ? (
          <strong className="impact-title">{t('ui.ipd.doNotBlock')}</strong>
        ) : (
          <strong className="impact-title">{t('ui.ipd.impact', { verdict: labelOf(BLOCK_LABELS, imp.verdict) })}</strong>
        )}
        <p>
          {t('ui.ipd.wouldCut', { ip: p.ip, customers: imp.lockedOut, orders: imp.orders, payments: imp.successfulPayments, calls: imp.providerCalls, share: tr().number(imp.shareOfTraffic, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 }) })}
        </p>
        <ul>{tr().saidAll(imp.reasonMsgs, imp.reasons).map((r, i) => <li key={i}>{r}</li>)}</ul>
        {imp.proposals.length > 0 && (
          <>
            <h4>{t('ui.ipd.proposals')}</h4>
            <ol data-testid="block-proposals">
              {imp.proposals.map((x) => (
                <li key={`${x.scope}:${x.target}`} data-scope={x.scope} data-verdict={x.verdict}>
                  {x.msg ? tr().msg(x.msg) : `${x.target} ${x.duration}`}
                  <div className="small muted">{x.whyMsg ? tr().msg(x.whyMsg, x.why) : x.why}</div>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
      {p.evidenceEventIds.length > 0 && (
        <button onClick={() => selection.showEvidence(p.evidenceEventIds, null, { kind: 'ip', value: p.ip })}>
          {t('ui.ipd.showEvents')}
        </button>
      )}

      <OverrideForm
        ip={p.ip}
        current={p.role}
        onSaved={(nd) => {
          setOverride(nd);
          onChanged();
        }}
      />
      <h4>{t('ui.ipd.notes')}</h4>
      <Notes targetKind="ip" targetId={p.ip} tz={tz} />
    </section>
  );
}

/** For and against the role, each signal with its events; what would change the verdict; what an attacker would fake. */
function VerdictEvidence({ p }: { p: IpProfile }) {
  const { pro, con } = forAndAgainst(p);
  return (
    <>
      <div className="signals-2col">
        <div>
          <h4>{t('ui.ipd.for')}</h4>
          <EvidenceList items={pro} ip={p.ip} testId="ip-for" />
        </div>
        <div>
          <h4>{t('ui.ipd.against')}</h4>
          <EvidenceList items={con} ip={p.ip} testId="ip-against" />
        </div>
      </div>
      <h4>{t('ui.ipd.wouldChange')}</h4>
      <ul data-testid="ip-would-change">{tr().saidAll(p.wouldChangeMsgs, p.wouldChange).map((s, i) => <li key={i}>{s}</li>)}</ul>
      <h4>{t('ui.ipd.attackerWouldFake')}</h4>
      <ul>{tr().saidAll(p.attackerWouldFakeMsgs, p.attackerWouldFake).map((s, i) => <li key={i}>{s}</li>)}</ul>
    </>
  );
}

function OverrideForm({ ip, current, onSaved }: { ip: string; current: string; onSaved: (d: IpDetail) => void }) {
  const [role, setRole] = useState(current);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <details className="override">
      <summary>{t('ui.ipd.overrideTitle')}</summary>
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            onSaved(await api.ipSetRole({ ip, role: role as (typeof IP_ROLES)[number], reason: reason.trim() }));
            setReason('');
          } catch (err) {
            setError(errorText(err));
          }
        }}
      >
        <label>
          {t('ui.col.role')}{' '}
          <select aria-label={t('ui.ipd.overrideRole')} value={role} onChange={(e) => setRole(e.target.value)}>
            {IP_ROLES.map((r) => (
              <option key={r} value={r}>{labelOf(ROLE_LABELS, r)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('ui.ipd.reason')}
          <input aria-label={t('ui.ipd.reasonShort')} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('ui.ipd.reasonExample')} />
        </label>
        <button type="submit" disabled={reason.trim().length < 3}>{t('ui.ipd.save')}</button>
        {error && <div className="error-box">{error}</div>}
      </form>
    </details>
  );
}
