// Findings with severity and assessment; opening one puts its evidence in the timeline and graph through the
// shared selection store.
import type { Finding } from '../../core/analysis/types';
import { api } from '../api';
import { selection, useSelection, type EntityKind } from '../selection';
import { useAsync } from '../useAsync';
import { formatTime } from '../format';

const PAD_MS = 10 * 60 * 1000;

function subjectEntity(f: Finding): { kind: EntityKind; value: string } | null {
  const k = f.subject.kind;
  return k === 'bin' ? null : { kind: k, value: f.subject.value };
}

export function openEvidence(f: Finding): void {
  const from = Date.parse(f.window.from);
  const to = Date.parse(f.window.to);
  selection.showEvidence(f.evidenceEventIds, Number.isNaN(from) ? null : { from: from - PAD_MS, to: (Number.isNaN(to) ? from : to) + PAD_MS }, subjectEntity(f));
}

export function FindingsList({ tz, onOpenEvidence }: { tz: string; onOpenEvidence: () => void }) {
  const list = useAsync(() => api.findingsList({}), []);
  const sel = useSelection();
  if (list.error) return <div className="error-box" role="alert">{list.error}</div>;
  if (!list.data) return <div className="loading">Running the rules…</div>;
  if (list.data.length === 0) return <p className="muted">No finding: no rule fired on this case.</p>;
  return (
    <div className="findings" data-testid="findings">
      <h1>Findings</h1>
      {list.data.map((f) => {
        const active = sel.highlightEventIds.length > 0 && sel.highlightEventIds[0] === f.evidenceEventIds[0];
        return (
          <article key={f.id} className={active ? 'card finding active' : 'card finding'}>
            <header className="row">
              <span className={`sev sev-${f.severity}`}>{f.severity}</span>
              <strong>{f.rule}</strong>
              <span>{f.title}</span>
              <span className="muted small">
                {f.subject.kind}: {f.subject.value}
              </span>
            </header>
            <p>{f.summary}</p>
            <p>
              <span className={`assess assess-${f.assessment.label}`}>{f.assessment.label.replace(/-/g, ' ')}</span> {f.assessment.text}
            </p>
            {(f.assessment.householdSignals.length > 0 || f.assessment.cardTestingSignals.length > 0) && (
              <div className="signals-2col">
                <div>
                  <h4>Household / shared-card signals</h4>
                  <ul>{f.assessment.householdSignals.map((s, i) => <li key={i}>{s}</li>)}</ul>
                </div>
                <div>
                  <h4>Card-testing signals</h4>
                  <ul>{f.assessment.cardTestingSignals.map((s, i) => <li key={i}>{s}</li>)}</ul>
                </div>
              </div>
            )}
            <footer className="row small muted">
              <span>
                {formatTime(f.window.from, tz)} → {formatTime(f.window.to, tz)} · {f.evidenceEventIds.length} evidence events
                {f.weakCardKey ? ' · weak card key (brand + last 4)' : ''}
              </span>
              <button
                className="primary"
                onClick={() => {
                  openEvidence(f);
                  onOpenEvidence();
                }}
              >
                Open evidence in timeline & graph
              </button>
            </footer>
          </article>
        );
      })}
    </div>
  );
}
