// The right-hand pane: the focused IP (role, signals, block impact, override, notes) and the selected event
// (normalised fields, raw line, provenance, tags, notes). Reads the shared selection store.
import { t } from '../i18n';
import { useSelection } from '../selection';
import { IpDetailView } from './IpDetailView';
import { EventDetailView } from './EventDetailView';
import { EntityDetailView } from './EntityDetailView';

export function DetailPane({ tz, onChanged }: { tz: string; onChanged: () => void }) {
  const sel = useSelection();
  const ip = sel.focusEntity?.kind === 'ip' ? sel.focusEntity.value : null;
  if (!ip && sel.selectedEventId === null && !sel.focusEntity) {
    return <p className="muted">{t('ui.detail.empty')}</p>;
  }
  const event = sel.selectedEventId !== null && <EventDetailView key={sel.selectedEventId} id={sel.selectedEventId} tz={tz} />;
  return (
    <div className="detail-pane">
      {sel.focusEntity && sel.focusEntity.kind !== 'ip' && (
        <EntityDetailView key={`${sel.focusEntity.kind}:${sel.focusEntity.value}`} kind={sel.focusEntity.kind} value={sel.focusEntity.value} tz={tz} />
      )}
      {sel.lastPicked === 'event' && event}
      {ip && <IpDetailView key={ip} ip={ip} tz={tz} onChanged={onChanged} />}
      {sel.lastPicked !== 'event' && event}
    </div>
  );
}
