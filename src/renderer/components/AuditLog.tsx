// The append-only audit log, newest first, with the chain hashes that `verify` recomputes.
import { api } from '../api';
import { useAsync } from '../useAsync';

export function AuditLog() {
  const log = useAsync(() => api.auditList({ limit: 1000 }), []);
  if (log.error) return <div className="error-box" role="alert">{log.error}</div>;
  if (!log.data) return <div className="loading">Loading the audit log…</div>;
  return (
    <div className="audit">
      <h1>Audit log</h1>
      <p className="muted">Every import, note, tag, verdict and role override, chained by SHA-256. Newest first.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="scrollable table">
        <table data-testid="audit-table">
          <thead>
            <tr><th>#</th><th>When (UTC)</th><th>Who</th><th>Action</th><th>Target</th><th>Details</th><th>Hash</th></tr>
          </thead>
          <tbody>
            {log.data.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.id}</td>
                <td className="small">{r.at}</td>
                <td>{r.actor}</td>
                <td><strong>{r.action}</strong></td>
                <td><code className="target" title={r.target ?? ''}>{r.target ?? ''}</code></td>
                <td className="details">{r.details.length > 600 ? r.details.slice(0, 600) + '…' : r.details}</td>
                <td><code className="hash" title={r.hash}>{r.hash.slice(0, 12)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
