// One alert the provider raised (a blocked or held order) as the case home opens on it: what was blocked, when,
// by which rule, for which order and customer; the engine's assessment with the signals for and against; the IPs
// involved with their block advice; the customer's breach exposure; the suggested verdict and the next actions.
import type { CaseAlert } from '../../core/alerts/caseAlerts';
import { selection } from '../selection';
import { breachNames, formatCount, plural } from '../format';
import { t, tr } from '../i18n';
import { Time } from './Time';
import { ASSESSMENT_LABELS, BLOCK_LABELS, INVOLVEMENT_LABELS, ROLE_LABELS, VERDICT_LABELS, labelOf } from '../labels';

export interface AlertActions {
  onRecordVerdict(alert: CaseAlert): void;
  onOpenEvidence(): void;
  onExportReport(): void;
}

export function AlertCard({ alert, tz, actions, headingLevel = 2 }: { alert: CaseAlert; tz: string; actions: AlertActions; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const titleId = `${alert.id.replace(/\W/g, '-')}-title`;
  const breachWarning = alert.suggested.againstMsgs?.find((m) => m.id === 'alert.against.breach');
  const openEvidence = () => {
    const pad = 30 * 60_000;
    selection.showEvidence(alert.evidenceEventIds, { from: alert.at - pad, to: alert.at + pad / 3 }, alert.email ? { kind: 'email', value: alert.email } : undefined);
    selection.selectEvent(alert.eventId);
    actions.onOpenEvidence();
  };
  const strongBreach = alert.breach.filter((b) => !b.weak);
  const breaches = breachNames(alert.breach);
  return (
    <article className={`card alert alert-${alert.action}`} aria-labelledby={titleId} data-testid="alert-card">
      <header className="alert-head">
        <span className={`pill pill-${alert.action}`}>{alert.action === 'blocked' ? t('ui.alert.blocked') : t('ui.alert.held')}</span>
        <H id={titleId} className="alert-title">
          {alert.orderId ? t('ui.alert.order', { order: alert.orderId }) : t('ui.alert.payment')}
          {alert.rule ? t('ui.alert.rule', { rule: alert.rule }) : ''}
        </H>
        <span className="alert-when"><Time ms={alert.at} tz={tz} utc /></span>
      </header>
      <dl className="alert-facts">
        <dt>{t('ui.alert.customer')}</dt>
        <dd>
          {alert.email ?? '—'}
          {alert.customerIds.length > 0 && <span className="muted"> · {t('ui.alert.ids', { ids: alert.customerIds.join(', ') })}</span>}
          {alert.orders.length > 1 && <span className="muted"> · {plural(alert.orders.length, 'ui.alert.ordersInCase')}</span>}
        </dd>
        {alert.amount != null && (
          <>
            <dt>{t('ui.alert.amount')}</dt>
            <dd>{tr().amount(alert.amount, alert.currency)}</dd>
          </>
        )}
        {alert.reason && (
          <>
            <dt>{t('ui.alert.providerReason')}</dt>
            <dd className="clamp">{alert.reason}</dd>
          </>
        )}
      </dl>

      <div className="alert-grid">
        <section aria-label={t('ui.alert.assessment')} className="alert-assess">
          <h4>{t('ui.alert.assessment')}</h4>
          {alert.assessment ? (
            <>
              <p className={`assess assess-${alert.assessment.label}`} data-testid="alert-assessment">{labelOf(ASSESSMENT_LABELS, alert.assessment.label)}</p>
              <div className="signals-2col">
                <div>
                  <strong className="small">{t('ui.alert.for')}</strong>
                  <ul>{tr().saidAll(alert.assessment.forMsgs, alert.assessment.for).slice(0, 5).map((s, i) => <li key={i}>{s}</li>)}</ul>
                </div>
                <div>
                  <strong className="small">{t('ui.alert.against')}</strong>
                  {alert.assessment.against.length ? (
                    <ul>{tr().saidAll(alert.assessment.againstMsgs, alert.assessment.against).slice(0, 5).map((s, i) => <li key={i}>{s}</li>)}</ul>
                  ) : (
                    <p className="muted small">{t('ui.alert.nothingAgainst')}</p>
                  )}
                </div>
              </div>
              {alert.findingIds.length > 1 && (
                <p className="muted small">{plural(alert.findingIds.length, 'ui.alert.rulesFired')}</p>
              )}
            </>
          ) : (
            <p className="muted">{t('ui.alert.noRule')}</p>
          )}
        </section>

        <section aria-label={t('ui.alert.suggested')} className="alert-suggest">
          <h4>{t('ui.alert.suggested')}</h4>
          <p className="suggest-verdict" data-testid="suggested-verdict">{labelOf(VERDICT_LABELS, alert.suggested.verdict)}</p>
          <ul className="small">{tr().saidAll(alert.suggested.reasonMsgs, alert.suggested.reasons).slice(0, 4).map((r, i) => <li key={i}>{r}</li>)}</ul>
          {breachWarning && <p className="small warn-text">{t('ui.alert.checkBeforeClosing', { text: tr().said(breachWarning, '') })}</p>}
          <div className="row">
            <button className="primary" onClick={() => actions.onRecordVerdict(alert)}>{t('ui.alert.recordVerdict')}</button>
            <button onClick={openEvidence}>{t('ui.alert.openEvidence')}</button>
            <button onClick={actions.onExportReport}>{t('ui.alert.exportReport')}</button>
          </div>
        </section>
      </div>

      <section aria-label={t('ui.alert.ips')}>
        <h4>{t('ui.alert.ips')}</h4>
        <table className="alert-ips">
          <thead>
            <tr><th scope="col">{t('ui.col.ip')}</th><th scope="col">{t('ui.col.role')}</th><th scope="col">{t('ui.col.network')}</th><th scope="col">{t('ui.alert.part')}</th><th scope="col">{t('ui.col.blockAdvice')}</th></tr>
          </thead>
          <tbody>
            {alert.ips.map((ip) => (
              <tr key={ip.ip}>
                <td>
                  <button className="link mono" onClick={() => selection.focus({ kind: 'ip', value: ip.ip })} title={t('ui.alert.showIp')}>{ip.ip}</button>
                </td>
                <td><span className={`role role-${ip.role}`}>{labelOf(ROLE_LABELS, ip.role)}</span></td>
                <td className="small">{ip.asOrg ?? '—'}{ip.country ? ` (${ip.country})` : ''}</td>
                <td className="small">{labelOf(INVOLVEMENT_LABELS, ip.involvement)}</td>
                <td>
                  <span className={`advice advice-${ip.block}`}>{labelOf(BLOCK_LABELS, ip.block)}</span>
                  {ip.blockReason && <div className="small muted clamp">{tr().said(ip.blockReasonMsg, ip.blockReason)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-label={t('ui.alert.breach')}>
        <h4>{t('ui.alert.breach')}</h4>
        {alert.breach.length === 0 ? (
          <p className="muted small">{t('ui.alert.breachNone')}</p>
        ) : (
          <p className="small">
            {strongBreach.length > 0
              ? t('ui.alert.breachStrong', { count: strongBreach.length, breaches, identifiers: strongBreach.map((b) => b.display).join(', ') })
              : t('ui.alert.breachWeak', { breaches })}{' '}
            {t('ui.alert.breachAdvice')}
          </p>
        )}
      </section>
    </article>
  );
}

/** Orders held for review: a compact list under the blocked alerts (counts, not cards). */
export function ReviewList({ alerts, tz, onOpen }: { alerts: CaseAlert[]; tz: string; onOpen: (a: CaseAlert) => void }) {
  return (
    <section className="card" aria-labelledby="reviews-title">
      <h2 id="reviews-title">{plural(alerts.length, 'ui.alert.heldCount')}</h2>
      <table>
        <thead>
          <tr><th scope="col">{t('ui.col.when')}</th><th scope="col">{t('ui.col.order')}</th><th scope="col">{t('ui.col.rule')}</th><th scope="col">{t('ui.col.customer')}</th><th scope="col">{t('ui.col.assessment')}</th></tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id}>
              <td className="small"><Time ms={a.at} tz={tz} /></td>
              <td><button className="link" onClick={() => onOpen(a)}>{a.orderId ?? t('ui.alert.event', { number: formatCount(a.eventId) })}</button></td>
              <td>{a.rule ?? '—'}</td>
              <td>{a.email ?? '—'}</td>
              <td className="small">{a.assessment ? labelOf(ASSESSMENT_LABELS, a.assessment.label) : t('ui.alert.noRuleShort')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
