// Every IP of the case with its role and confidence; selecting one shows its detail (role signals, block
// impact) in the detail pane.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { selection, useSelection } from '../selection';
import { useAsync } from '../useAsync';
import { formatCount } from '../format';
import { IP_ROLES } from '../../core/vocabulary';

export function IpList() {
  const list = useAsync(() => api.ipList({}), []);
  const sel = useSelection();
  const [role, setRole] = useState<string>('');
  const [q, setQ] = useState('');
  const rows = useMemo(
    () => (list.data ?? []).filter((p) => (!role || p.role === role) && (!q || p.ip.includes(q) || (p.asOrg ?? '').toLowerCase().includes(q.toLowerCase()))),
    [list.data, role, q],
  );
  if (list.error) return <div className="error-box" role="alert">{list.error}</div>;
  if (!list.data) return <div className="loading">Classifying IPs…</div>;
  const counts = Object.fromEntries(IP_ROLES.map((r) => [r, list.data!.filter((p) => p.role === r).length]));
  return (
    <div className="ip-list">
      <h1>IP addresses</h1>
      <div className="row">
        <select aria-label="filter by role" value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">all roles ({list.data.length})</option>
          {IP_ROLES.map((r) => (
            <option key={r} value={r}>{r} ({counts[r]})</option>
          ))}
        </select>
        <input aria-label="search IPs" placeholder="IP or organisation" value={q} onChange={(e) => setQ(e.target.value)} />
        <span className="muted small">{formatCount(rows.length)} shown</span>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="scrollable table">
        <table data-testid="ip-table">
          <thead>
            <tr>
              <th>IP</th><th>Role</th><th>Conf.</th><th>ASN / organisation</th><th>Country</th><th>Events</th><th>Customers</th><th>Orders</th><th>Provider calls</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 2000).map((p) => (
              <tr
                key={p.ip}
                data-ip={p.ip}
                className={sel.focusEntity?.kind === 'ip' && sel.focusEntity.value === p.ip ? 'selected clickable' : 'clickable'}
                onClick={() => selection.focus({ kind: 'ip', value: p.ip })}
              >
                <td><code>{p.ip}</code></td>
                <td><span className={`role role-${p.role}`}>{p.role}</span>{p.override ? ' (override)' : ''}</td>
                <td className="num">{Math.round(p.confidence * 100)}%</td>
                <td>{p.asn ? `AS${p.asn} ` : ''}{p.asOrg ?? '—'}</td>
                <td>{p.country ?? '—'}</td>
                <td className="num">{formatCount(p.events)}</td>
                <td className="num">{p.customers}</td>
                <td className="num">{p.orders}</td>
                <td className="num">{p.providerCalls}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > 2000 && <p className="muted">First 2,000 of {formatCount(rows.length)} — narrow the filter.</p>}
      </div>
    </div>
  );
}
