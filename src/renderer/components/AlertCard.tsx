// One alert the provider raised (a blocked or held order) as the case home opens on it: what was blocked, when,
// by which rule, for which order and customer; the engine's assessment with the signals for and against; the IPs
// involved with their block advice; the customer's breach exposure; the suggested verdict and the next actions.
import type { CaseAlert } from '../../core/alerts/caseAlerts';
import { selection } from '../selection';
import { formatCount, plural } from '../format';
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
  const openEvidence = () => {
    const pad = 30 * 60_000;
    selection.showEvidence(alert.evidenceEventIds, { from: alert.at - pad, to: alert.at + pad / 3 }, alert.email ? { kind: 'email', value: alert.email } : undefined);
    selection.selectEvent(alert.eventId);
    actions.onOpenEvidence();
  };
  const strongBreach = alert.breach.filter((b) => !b.weak);
  const breaches = [...new Set(alert.breach.map((b) => (b.breachDate ? `${b.breachName} (${b.breachDate})` : b.breachName)))];
  return (
    <article className={`card alert alert-${alert.action}`} aria-labelledby={titleId} data-testid="alert-card">
      <header className="alert-head">
        <span className={`pill pill-${alert.action}`}>{alert.action === 'blocked' ? 'Blocked by the provider' : 'Held for review'}</span>
        <H id={titleId} className="alert-title">
          {alert.orderId ? `Order ${alert.orderId}` : 'Payment'}
          {alert.rule ? ` — rule “${alert.rule}”` : ''}
        </H>
        <span className="alert-when"><Time ms={alert.at} tz={tz} utc /></span>
      </header>
      <dl className="alert-facts">
        <dt>Customer</dt>
        <dd>
          {alert.email ?? '—'}
          {alert.customerIds.length > 0 && <span className="muted"> · ids {alert.customerIds.join(', ')}</span>}
          {alert.orders.length > 1 && <span className="muted"> · {plural(alert.orders.length, { one: '# order in the case', other: '# orders in the case' })}</span>}
        </dd>
        {alert.amount != null && (
          <>
            <dt>Amount</dt>
            <dd>{alert.amount.toFixed(2)} {alert.currency ?? ''}</dd>
          </>
        )}
        {alert.reason && (
          <>
            <dt>Provider's reason</dt>
            <dd className="clamp">{alert.reason}</dd>
          </>
        )}
      </dl>

      <div className="alert-grid">
        <section aria-label="assessment" className="alert-assess">
          <h4>Engine's assessment</h4>
          {alert.assessment ? (
            <>
              <p className={`assess assess-${alert.assessment.label}`} data-testid="alert-assessment">{labelOf(ASSESSMENT_LABELS, alert.assessment.label)}</p>
              <div className="signals-2col">
                <div>
                  <strong className="small">Speaks for it</strong>
                  <ul>{alert.assessment.for.slice(0, 5).map((s, i) => <li key={i}>{s}</li>)}</ul>
                </div>
                <div>
                  <strong className="small">Speaks against it</strong>
                  {alert.assessment.against.length ? (
                    <ul>{alert.assessment.against.slice(0, 5).map((s, i) => <li key={i}>{s}</li>)}</ul>
                  ) : (
                    <p className="muted small">Nothing found against it.</p>
                  )}
                </div>
              </div>
              {alert.findingIds.length > 1 && (
                <p className="muted small">{plural(alert.findingIds.length, { one: '# rule of the engine fired on this story', other: '# rules of the engine fired on this story (merged here)' })}</p>
              )}
            </>
          ) : (
            <p className="muted">No rule of the engine fired on this customer.</p>
          )}
        </section>

        <section aria-label="suggested verdict" className="alert-suggest">
          <h4>Suggested verdict</h4>
          <p className="suggest-verdict" data-testid="suggested-verdict">{labelOf(VERDICT_LABELS, alert.suggested.verdict)}</p>
          <ul className="small">{alert.suggested.reasons.slice(0, 4).map((r, i) => <li key={i}>{r}</li>)}</ul>
          {alert.suggested.against.some((a) => /breach/.test(a)) && <p className="small warn-text">Check before closing: {alert.suggested.against.find((a) => /breach/.test(a))}</p>}
          <div className="row">
            <button className="primary" onClick={() => actions.onRecordVerdict(alert)}>Record verdict…</button>
            <button onClick={openEvidence}>Open evidence in timeline</button>
            <button onClick={actions.onExportReport}>Export report…</button>
          </div>
        </section>
      </div>

      <section aria-label="IPs involved">
        <h4>IPs involved</h4>
        <table className="alert-ips">
          <thead>
            <tr><th scope="col">IP</th><th scope="col">Role</th><th scope="col">Network</th><th scope="col">Part in this alert</th><th scope="col">Block advice</th></tr>
          </thead>
          <tbody>
            {alert.ips.map((ip) => (
              <tr key={ip.ip}>
                <td>
                  <button className="link mono" onClick={() => selection.focus({ kind: 'ip', value: ip.ip })} title="Show this IP in the detail pane">{ip.ip}</button>
                </td>
                <td><span className={`role role-${ip.role}`}>{labelOf(ROLE_LABELS, ip.role)}</span></td>
                <td className="small">{ip.asOrg ?? '—'}{ip.country ? ` (${ip.country})` : ''}</td>
                <td className="small">{labelOf(INVOLVEMENT_LABELS, ip.involvement)}</td>
                <td>
                  <span className={`advice advice-${ip.block}`}>{labelOf(BLOCK_LABELS, ip.block)}</span>
                  {ip.blockReason && <div className="small muted clamp">{ip.blockReason}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-label="breach exposure of this customer">
        <h4>Breach exposure of this customer</h4>
        {alert.breach.length === 0 ? (
          <p className="muted small">None of this customer's identifiers is in the imported breach lists.</p>
        ) : (
          <p className="small">
            {strongBreach.length > 0
              ? `${plural(strongBreach.length, { one: '# identifier (e-mail or phone)', other: '# identifiers (e-mail or phone)' })} of this customer in ${breaches.join(', ')}: ${strongBreach.map((b) => b.display).join(', ')}.`
              : `Matched by name only in ${breaches.join(', ')} (weak: homonyms are possible).`}{' '}
            The customer should change the password and watch for phishing.
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
      <h2 id="reviews-title">{plural(alerts.length, { one: '# order held for review', other: '# orders held for review' })}</h2>
      <table>
        <thead>
          <tr><th scope="col">When</th><th scope="col">Order</th><th scope="col">Rule</th><th scope="col">Customer</th><th scope="col">Assessment</th></tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id}>
              <td className="small"><Time ms={a.at} tz={tz} /></td>
              <td><button className="link" onClick={() => onOpen(a)}>{a.orderId ?? `event ${formatCount(a.eventId)}`}</button></td>
              <td>{a.rule ?? '—'}</td>
              <td>{a.email ?? '—'}</td>
              <td className="small">{a.assessment ? labelOf(ASSESSMENT_LABELS, a.assessment.label) : 'no rule fired'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
