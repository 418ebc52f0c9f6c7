// Every IP of the case with its role and confidence; selecting one shows its detail (role signals, block
// impact) in the detail pane.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { selection, useSelection } from '../selection';
import { useAsync } from '../useAsync';
import { formatCount } from '../format';
import { IP_ROLES } from '../../core/vocabulary';
import { t, tr } from '../i18n';
import { ROLE_LABELS, labelOf } from '../labels';
import { conflictText } from './IpDetailView';

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
  if (!list.data) return <div className="loading">{t('ui.ips.loading')}</div>;
  const conflicts = list.data.filter((p) => p.conflict);
  const counts = Object.fromEntries(IP_ROLES.map((r) => [r, list.data!.filter((p) => p.role === r).length]));
  return (
    <div className="ip-list">
      <h1>{t('ui.ips.title')}</h1>
      <div className="row">
        <select aria-label={t('ui.ips.filter')} value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">{t('ui.ips.allRoles', { count: list.data.length })}</option>
          {IP_ROLES.map((r) => (
            <option key={r} value={r}>{labelOf(ROLE_LABELS, r)} ({counts[r]})</option>
          ))}
        </select>
        <input aria-label={t('ui.ips.search')} placeholder={t('ui.ips.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} />
        <span className="muted small">{t('ui.ips.shown', { n: formatCount(rows.length) })}</span>
      </div>
      {conflicts.length > 0 && (
        <div className="conflict" data-testid="ip-conflicts">
          <strong>{t('ui.ips.conflicts', { count: conflicts.length })}</strong>
          <ul>
            {conflicts.slice(0, 50).map((p) => (
              <li key={p.ip}>
                <button className="link" onClick={() => selection.focus({ kind: 'ip', value: p.ip })}><code>{p.ip}</code></button> {conflictText(p.conflict!)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('ui.home.scrollable')}>
        <table data-testid="ip-table" className="ip-table">
          <thead>
            <tr>
              <th>{t('ui.col.ip')}</th><th>{t('ui.col.role')}</th><th>{t('ui.ips.conf')}</th><th>{t('ui.ips.asn')}</th><th>{t('ui.ips.country')}</th><th>{t('ui.tab.events')}</th><th>{t('ui.ips.customers')}</th><th>{t('ui.ips.orders')}</th><th>{t('ui.ips.providerCalls')}</th>
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
                <td><span className={`role role-${p.role}`}>{labelOf(ROLE_LABELS, p.role)}</span>{p.override ? ` ${t('ui.ips.override')}` : ''}</td>
                <td className="num">{tr().percent(p.confidence)}</td>
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
        {rows.length > 2000 && <p className="muted">{t('ui.ips.capped', { shown: formatCount(2000), n: formatCount(rows.length) })}</p>}
      </div>
    </div>
  );
}
