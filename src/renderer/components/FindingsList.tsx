// Findings with severity and assessment; opening one puts its evidence in the timeline and graph through the
// shared selection store.
import type { Finding } from '../../core/analysis/types';
import { api } from '../api';
import { selection, useSelection, type EntityKind } from '../selection';
import { useAsync } from '../useAsync';
import { formatTime } from '../format';
import { t, tr } from '../i18n';
import { RULE_TITLE_MSG, termOr } from '../../core/i18n';
import { ASSESSMENT_LABELS, KIND_LABELS, SEVERITY_LABELS, labelOf } from '../labels';

/** The rule in words in the language on screen (the engine's English title when this version has none). */
export function findingTitle(f: Finding): string {
  const id = termOr(RULE_TITLE_MSG, f.rule);
  return id ? t(id, { hours: f.metric.windowHours }) : f.title;
}

const PAD_MS = 10 * 60 * 1000;

/** Signals one way, or "none" (an empty column under its heading reads as a display fault). */
function SignalList({ items }: { items: string[] }) {
  return items.length ? <ul>{items.map((s, i) => <li key={i}>{s}</li>)}</ul> : <p className="muted small">{t('ui.findings.noSignals')}</p>;
}

function subjectEntity(f: Finding): { kind: EntityKind; value: string } | null {
  const k = f.subject.kind;
  return k === 'bin' || k === 'shop' ? null : { kind: k, value: f.subject.value };
}

export function openEvidence(f: Finding): void {
  const from = Date.parse(f.window.from);
  const to = Date.parse(f.window.to);
  selection.showEvidence(f.evidenceEventIds, Number.isNaN(from) ? null : { from: from - PAD_MS, to: (Number.isNaN(to) ? from : to) + PAD_MS }, subjectEntity(f));
}

export function FindingsList({ tz, onOpenEvidence }: { tz: string; onOpenEvidence: () => void }) {
  const list = useAsync(() => api.findingsList({}), []);
  const clocks = useAsync(() => api.timeChecks({}), []);
  const sel = useSelection();
  if (list.error) return <div className="error-box" role="alert">{list.error}</div>;
  if (!list.data) return <div className="loading">{t('ui.findings.loading')}</div>;
  return (
    <div className="findings" data-testid="findings">
      <h1>{t('ui.tab.findings')}</h1>
      {(clocks.data?.length ?? 0) > 0 && (
        <section className="card time-checks" data-testid="time-checks" role="alert">
          <h4>{t('ui.findings.timeChecks')}</h4>
          <ul>
            {clocks.data!.map((c, i) => (
              <li key={i}>
                {c.msg ? tr().msg(c.msg, c.text) : c.text}{' '}
                <button className="link small" onClick={() => { selection.showEvidence(c.evidenceEventIds, null); onOpenEvidence(); }}>
                  {t('ui.ipd.signalEvents', { count: c.evidenceEventIds.length })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {list.data.length === 0 && <p className="muted">{t('ui.findings.none')}</p>}
      {list.data.map((f) => {
        const active = sel.highlightEventIds.length > 0 && sel.highlightEventIds[0] === f.evidenceEventIds[0];
        return (
          <article key={f.id} className={active ? 'card finding active' : 'card finding'}>
            <header className="row">
              <span className={`sev sev-${f.severity}`}>{labelOf(SEVERITY_LABELS, f.severity)}</span>
              <strong>{f.rule}</strong>
              <span>{findingTitle(f)}</span>
              <span className="muted small">
                {t('ui.findings.subject', { kind: labelOf(KIND_LABELS, f.subject.kind), value: f.subject.value })}
              </span>
            </header>
            <p>{tr().said(f.summaryMsg, f.summary)}</p>
            <p>
              <span className={`assess assess-${f.assessment.label}`}>{labelOf(ASSESSMENT_LABELS, f.assessment.label)}</span> {tr().said(f.assessment.textMsg, f.assessment.text)}
            </p>
            {(f.assessment.householdSignals.length > 0 || f.assessment.cardTestingSignals.length > 0) && (
              <div className="signals-2col">
                <div>
                  <h4>{t('ui.findings.household')}</h4>
                  <SignalList items={tr().saidAll(f.assessment.householdSignalMsgs, f.assessment.householdSignals)} />
                </div>
                <div>
                  <h4>{t('ui.findings.cardTesting')}</h4>
                  <SignalList items={tr().saidAll(f.assessment.cardTestingSignalMsgs, f.assessment.cardTestingSignals)} />
                </div>
              </div>
            )}
            {f.severityNote && (
              <p className="small" data-testid="severity-note">{t('ui.findings.severityNote', { note: f.severityNoteMsg ? tr().msg(f.severityNoteMsg, f.severityNote) : f.severityNote })}</p>
            )}
            {(f.assessment.wouldChange?.length ?? 0) > 0 && (
              <details>
                <summary>{t('ui.findings.wouldChange')}</summary>
                <ul>{tr().saidAll(f.assessment.wouldChangeMsgs, f.assessment.wouldChange!).map((s, i) => <li key={i}>{s}</li>)}</ul>
              </details>
            )}
            <footer className="row small muted">
              <span>
                {formatTime(f.window.from, tz)} → {formatTime(f.window.to, tz)} · {t('ui.findings.evidenceCount', { count: f.evidenceEventIds.length })}
                {f.weakCardKey ? ` · ${t('ui.findings.weakCardKey')}` : ''}
              </span>
              <button
                className="primary"
                onClick={() => {
                  openEvidence(f);
                  onOpenEvidence();
                }}
              >
                {t('ui.findings.open')}
              </button>
            </footer>
          </article>
        );
      })}
    </div>
  );
}
