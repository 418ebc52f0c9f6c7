// The one "hide provider, crawler and own traffic" switch of the timeline and the events grid. It sets the shared
// event filter's `excludeIps` (src/core/eventFilter.ts) to the addresses the analysis gives those roles, so every
// lane mode, the grid, its groups and "export what you see" leave out exactly the same events.
import { useEffect, useState } from 'react';
import { api } from './api';
import { selection, useSelection } from './selection';
import { formatCount } from './format';
import { t } from './i18n';

/** The filter's own bound (MAX_EXCLUDED_IPS in src/core/eventFilter.ts, which the page cannot import). */
const MAX_EXCLUDED_IPS = 5000;

/** Roles whose traffic is infrastructure, not people. */
export const INFRA_ROLES: ReadonlySet<string> = new Set(['provider', 'crawler', 'own']);

export function HideInfraSwitch() {
  const sel = useSelection();
  const [ips, setIps] = useState<string[] | null>(null);
  useEffect(() => {
    api.ipList({}).then(
      (list) => setIps(list.filter((p) => INFRA_ROLES.has(p.role)).map((p) => p.ip).slice(0, MAX_EXCLUDED_IPS)),
      () => setIps([]),
    );
  }, []);
  const hidden = sel.filters.excludeIps?.length ?? 0;
  const none = ips !== null && ips.length === 0;
  return (
    <label className="grid-check" title={none ? t('ui.infra.none') : t('ui.infra.help')}>
      <input
        type="checkbox"
        data-testid="hide-infra"
        checked={hidden > 0}
        disabled={ips === null || (none && hidden === 0)}
        onChange={(e) => selection.setFilters({ ...sel.filters, excludeIps: e.target.checked && ips ? ips : undefined })}
      />{' '}
      {t('ui.infra.hide')}
      {hidden > 0 && <span className="muted"> {t('ui.infra.count', { count: hidden, n: formatCount(hidden) })}</span>}
    </label>
  );
}
