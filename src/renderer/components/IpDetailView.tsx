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

export function IpDetailView({ ip, tz, onChanged }: { ip: string; tz: string; onChanged: () => void }) {
  const detail = useAsync(() => api.ipDetail({ ip }), [ip]);
  const [override, setOverride] = useState<IpDetail | null>(null);
  if (detail.error) return <div className="error-box" role="alert">{detail.error}</div>;
  const d = override ?? detail.data;
  if (!d) return <div className="loading">Loading {ip}…</div>;
  const p = d.profile;
  const imp = d.impact;
  return (
    <section className="card ip-detail" data-testid="ip-detail">
      <h3>
        IP <code>{p.ip}</code>
      </h3>
      <p>
        Role: <span className={`role role-${p.role}`} data-testid="ip-role">{p.role}</span> · confidence {Math.round(p.confidence * 100)}%
        {p.override && (
          <span className="muted small">
            {' '}
            (override by analyst: {p.override.reason}; signals said {p.computedRole ?? '?'})
          </span>
        )}
      </p>
      <p>
        {p.asn ? `AS${p.asn}` : 'no ASN'} · {p.asOrg ?? 'unknown organisation'} · {p.country ?? '??'}
        {p.hosting ? ' · hosting / datacenter' : ''}
        {p.infra ? ` · register: ${p.infra.role} "${p.infra.label}" (${p.infra.cidr})` : ''}
      </p>
      <p className="small muted">
        {formatCount(p.events)} events, {formatTime(p.firstSeen, tz)} → {formatTime(p.lastSeen, tz)} · {p.customers} customers · {p.emails} e-mails · {p.cards} cards ·{' '}
        {p.orders} orders · {p.providerCalls} provider calls · {p.userAgents} user agents
      </p>
      <h4>Signals</h4>
      <ul>{p.signals.map((s, i) => <li key={i}>{s}</li>)}</ul>

      <div className={`impact impact-${imp.verdict}`} data-testid="block-impact" role={imp.verdict === 'do-not-block' ? 'alert' : undefined}>
        {imp.verdict === 'do-not-block' ? (
          <strong className="impact-title">⚠ DO NOT BLOCK this IP</strong>
        ) : (
          <strong className="impact-title">Block impact: {imp.verdict}</strong>
        )}
        <p>
          Blocking {p.ip} would have cut {imp.customers} customers, {imp.orders} orders, {imp.successfulPayments} successful payments,{' '}
          {imp.providerCalls} provider calls — {(imp.shareOfTraffic * 100).toFixed(1)}% of all traffic in the case.
        </p>
        <ul>{imp.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
      </div>
      {p.evidenceEventIds.length > 0 && (
        <button onClick={() => selection.showEvidence(p.evidenceEventIds, null, { kind: 'ip', value: p.ip })}>
          Show its events in the timeline
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
      <h4>Notes on this IP</h4>
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
      <summary>Override the role</summary>
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
          Role{' '}
          <select aria-label="override role" value={role} onChange={(e) => setRole(e.target.value)}>
            {IP_ROLES.map((r) => (
              <option key={r} value={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Reason (kept in the audit log)
          <input aria-label="override reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. provider confirmed this range by e-mail" />
        </label>
        <button type="submit" disabled={reason.trim().length < 3}>Save override</button>
        {error && <div className="error-box">{error}</div>}
      </form>
    </details>
  );
}
