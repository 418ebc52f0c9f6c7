// A focused entity other than an IP (customer, e-mail, card, order, device): what the case holds about it,
// from the graph engine's entityDetail, with its events one click away.
import { api } from '../api';
import type { EntityKind } from '../selection';
import { selection } from '../selection';
import { useAsync } from '../useAsync';
import { formatCount, formatTime } from '../format';

export function EntityDetailView({ kind, value, tz }: { kind: EntityKind; value: string; tz: string }) {
  const d = useAsync(() => api.entityDetail({ kind, value }), [kind, value]);
  return (
    <section className="card" data-testid="entity-detail">
      <h3>
        {kind}: <code>{d.data?.label ?? value}</code>
      </h3>
      {d.error && <div className="error-box">{d.error}</div>}
      {d.data && (
        <>
          <p className="small muted">
            {formatCount(d.data.events)} events · {formatTime(d.data.first, tz)} → {formatTime(d.data.last, tz)}
          </p>
          <p className="small">
            {Object.entries(d.data.byEventKind).map(([k, n]) => `${n} ${k}`).join(' · ')}
          </p>
          <p className="small">
            Linked: {Object.entries(d.data.linked).map(([k, n]) => `${n} ${k}`).join(' · ') || 'nothing'}
          </p>
          {d.data.sampleEventIds.length > 0 && (
            <button onClick={() => selection.showEvidence(d.data!.sampleEventIds, null, { kind, value })}>Show its events</button>
          )}
        </>
      )}
    </section>
  );
}
