// A case with no file yet: what to import and why, on the case home and in place of every view that reads the
// case's events (findings, IPs, events, timeline) — an empty analysis is not "no rule fired".
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { t } from '../i18n';

const b = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

export function EmptyCase({ onImport }: { onImport: () => void }) {
  return (
    <section className="card empty-state" data-testid="empty-case">
      <h2>{t('ui.empty.title')}</h2>
      <p>{t('ui.empty.intro')}</p>
      <ol>
        <li><FormattedMessage id="ui.empty.antifraud" values={{ b }} /></li>
        <li><FormattedMessage id="ui.empty.orders" values={{ b }} /></li>
        <li><FormattedMessage id="ui.empty.logs" values={{ b }} /></li>
        <li><FormattedMessage id="ui.empty.breach" values={{ b }} /></li>
      </ol>
      <button className="primary" onClick={onImport}>{t('ui.home.importFiles')}</button>
    </section>
  );
}
