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
        {p.infra ? ` · ${t('ui.ipd.register', { role: p.infra.role, label: p.infra.label, cidr: p.infra.cidr })}` : ''}
      </p>
      <p className="small muted">
        {t('ui.ipd.activity', { events: p.events, from: formatTime(p.firstSeen, tz), to: formatTime(p.lastSeen, tz), customers: p.customers, emails: p.emails, cards: p.cards, orders: p.orders, calls: p.providerCalls, agents: p.userAgents })}
      </p>
      <h4>{t('ui.ipd.signals')}</h4>
      <ul>{tr().saidAll(p.signalMsgs, p.signals).map((s, i) => <li key={i}>{s}</li>)}</ul>

      <div className={`impact impact-${imp.verdict}`} data-testid="block-impact" role={imp.verdict === 'do-not-block' ? 'alert' : undefined}>
        {imp.verdict === 'do-not-block' ? (
          <strong className="impact-title">{t('ui.ipd.doNotBlock')}</strong>
        ) : (
          <strong className="impact-title">{t('ui.ipd.impact', { verdict: labelOf(BLOCK_LABELS, imp.verdict) })}</strong>
        )}
        <p>
          {t('ui.ipd.wouldCut', { ip: p.ip, customers: imp.customers, orders: imp.orders, payments: imp.successfulPayments, calls: imp.providerCalls, share: tr().number(imp.shareOfTraffic, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 }) })}
        </p>
        <ul>{tr().saidAll(imp.reasonMsgs, imp.reasons).map((r, i) => <li key={i}>{r}</li>)}</ul>
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
