// A focused entity other than an IP (customer, e-mail, card, order, device): what the case holds about it,
// from the graph engine's entityDetail, with its events one click away.
import { t } from '../i18n';
import { api } from '../api';
import type { EntityKind } from '../selection';
import { selection } from '../selection';
import { useAsync } from '../useAsync';
import { formatCount, formatTime, plural } from '../format';
import { EVENT_KIND_LABELS, KIND_LABELS, labelOf } from '../labels';
import { bundleLabel } from '../graph/bundle';

export function EntityDetailView({ kind, value, tz }: { kind: EntityKind; value: string; tz: string }) {
  const d = useAsync(() => api.entityDetail({ kind, value }), [kind, value]);
  return (
    <section className="card" data-testid="entity-detail">
      <h3>
        {t('ui.entity.kind', { kind: labelOf(KIND_LABELS, kind) })} <code>{d.data?.label ?? value}</code>
      </h3>
      {d.error && <div className="error-box">{d.error}</div>}
      {d.data && (
        <>
          <p className="small muted">
            {plural(d.data.events, 'ui.count.events')} · {formatTime(d.data.first, tz)} → {formatTime(d.data.last, tz)}
          </p>
          <p className="small">
            {Object.entries(d.data.byEventKind).map(([k, n]) => t('ui.entity.eventsOfKind', { kind: labelOf(EVENT_KIND_LABELS, k), n: formatCount(n) })).join(' · ')}
          </p>
          <p className="small">
            {t('ui.entity.linked', { list: Object.entries(d.data.linked).map(([k, n]) => bundleLabel(k, n ?? 0)).join(' · ') || t('ui.entity.nothing') })}
          </p>
          {d.data.sampleEventIds.length > 0 && (
            <button onClick={() => selection.showEvidence(d.data!.sampleEventIds, null, { kind, value })}>{t('ui.entity.showEvents')}</button>
          )}
        </>
      )}
    </section>
  );
}
