// The append-only audit log, newest first, with the chain hashes that `verify` recomputes.
import { t, tr } from '../i18n';
import { auditMessage } from '../../core/i18n';
import { api } from '../api';
import { useAsync } from '../useAsync';
import { formatUtc } from '../format';

export function AuditLog() {
  const log = useAsync(() => api.auditList({ limit: 1000 }), []);
  if (log.error) return <div className="error-box" role="alert">{log.error}</div>;
  if (!log.data) return <div className="loading">{t('ui.audit.loading')}</div>;
  return (
    <div className="audit">
      <h1>{t('ui.tab.audit')}</h1>
      <p className="muted">{t('ui.audit.intro')}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('ui.home.scrollable')}>
        <table data-testid="audit-table">
          <thead>
            <tr><th>#</th><th>{t('ui.audit.when')}</th><th>{t('ui.audit.who')}</th><th>{t('ui.audit.what')}</th><th>{t('ui.audit.action')}</th><th>{t('ui.audit.target')}</th><th>{t('ui.audit.details')}</th><th>{t('ui.audit.hash')}</th></tr>
          </thead>
          <tbody>
            {log.data.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.id}</td>
                <td className="small">{formatUtc(r.at)}</td>
                <td>{r.actor}</td>
                <td>{tr().msg(auditMessage(r))}</td>
                <td><strong>{r.action}</strong></td>
                <td><code className="target" title={r.target ?? ''}>{r.target ?? ''}</code></td>
                <td className="details raw">{r.details.length > 600 ? r.details.slice(0, 600) + '…' : r.details}</td>
                <td><code className="hash" title={r.hash}>{r.hash.slice(0, 12)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
