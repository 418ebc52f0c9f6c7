// Case home, alert first: the provider's alerts (what was blocked, the engine's assessment, the IPs and whether to
// block them, the customer's breach exposure, a suggested verdict), then the verdict and the report, then the
// findings that belong to no alert, the breach exposure of the whole case, the sources and the notes.
import { forwardRef, useEffect, useRef, useState } from 'react';
import type { CaseInfo, CaseSummary } from '../../core/api/handlers';
import type { SourceRow } from '../../core/types';
import type { BreachHit, Finding } from '../../core/analysis/types';
import { api } from '../api';
import { VERDICTS } from '../../core/vocabulary';
import { errorText, useAsync } from '../useAsync';
import { formatBytes, formatCount, plural } from '../format';
import { selection } from '../selection';
import { AlertCard, ReviewList, type AlertActions } from './AlertCard';
import { Time } from './Time';
import { ASSESSMENT_LABELS, SEVERITY_LABELS, VERDICT_LABELS, labelOf } from '../labels';
import { Notes } from './Notes';
import type { Tab } from '../App';

export function CaseHome({ onChanged, onTab }: { onChanged: (i: CaseInfo) => void; onTab: (t: Tab) => void }) {
  const summary = useAsync(() => api.caseSummary({}), []);
  const alerts = useAsync(() => api.alertsList({}), []);
  const [rejectsOf, setRejectsOf] = useState<SourceRow | null>(null);
  const [verdictDraft, setVerdictDraft] = useState<{ verdict: string; reason: string; n: number } | null>(null);
  const verdictRef = useRef<HTMLElement>(null);
  const reportRef = useRef<HTMLElement>(null);
  if (summary.error) return <div className="error-box" role="alert">{summary.error}</div>;
  if (!summary.data) return <div className="loading">Loading the case…</div>;
  const s = summary.data;
  const tz = s.info.tz;
  const list = alerts.data ?? [];
  const blocked = list.filter((a) => a.action === 'blocked');
  const reviews = list.filter((a) => a.action === 'review');
  const inAlerts = new Set(list.flatMap((a) => a.findingIds));
  const actions: AlertActions = {
    onRecordVerdict: (a) => {
      const reasons = [...a.suggested.reasons, ...a.suggested.against.map((x) => `To check: ${x}`)].join('\n');
      setVerdictDraft({ verdict: a.suggested.verdict, reason: reasons, n: Date.now() });
      requestAnimationFrame(() => verdictRef.current?.querySelector('select')?.focus());
    },
    onOpenEvidence: () => onTab('investigate'),
    onExportReport: () => reportRef.current?.querySelector('button')?.focus(),
  };
  const emptyCase = s.sources.length === 0;
  return (
    <div className="case-home">
      <div className="case-head">
        <h1 data-testid="case-title">{s.info.title}</h1>
        <p className="muted small">
          Case time zone <strong>{tz}</strong> · {plural(s.events, { one: '# event', other: '# events' })} ·{' '}
          {plural(s.sources.length, { one: '# source file', other: '# source files' })} · created <Time ms={s.info.createdAt} tz={tz} />
        </p>
      </div>

      {s.info.readOnly && <ReadOnlyCase onAccepted={(i) => (onChanged(i), summary.reload())} />}

      {emptyCase && <EmptyCase onImport={() => onTab('import')} />}

      {alerts.error && <div className="error-box" role="alert">The alerts could not be computed: {alerts.error}</div>}
      {!emptyCase && alerts.data && list.length === 0 && (
        <section className="card">
          <h2>No alert from the provider in this case</h2>
          <p className="muted">
            No anti-fraud decision blocked or held an order. Import the provider's anti-fraud export to start from its alerts; the
            engine's own findings are listed below.
          </p>
        </section>
      )}
      {blocked.map((a) => (
        <AlertCard key={a.id} alert={a} tz={tz} actions={actions} />
      ))}
      {reviews.length > 0 && (
        <ReviewList alerts={reviews} tz={tz} onOpen={(a) => {
          selection.showEvidence(a.evidenceEventIds, { from: a.at - 30 * 60_000, to: a.at + 10 * 60_000 });
          selection.selectEvent(a.eventId);
          onTab('investigate');
        }} />
      )}

      <div className="home-grid">
        <Verdict ref={verdictRef} info={s.info} draft={verdictDraft} onChanged={(i) => (onChanged(i), summary.reload())} />
        <ExportBox ref={reportRef} />
      </div>

      {!emptyCase && <OtherFindings summary={s} exclude={inAlerts} onAll={() => onTab('findings')} />}

      {!emptyCase && (
        <section className="card">
          <h2>Breach exposure (whole case)</h2>
          {'error' in s.breach ? (
            <p className="error-box">{s.breach.error}</p>
          ) : s.breach.length === 0 ? (
            <p className="muted">No identifier of this case found in the imported breach lists.</p>
          ) : (
            <BreachList hits={s.breach} />
          )}
        </section>
      )}

      <section className="card">
        <h2>Sources</h2>
        {s.sources.length === 0 ? (
          <p>
            No files imported yet. <button onClick={() => onTab('import')}>Import files</button>
          </p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="scrollable table">
            <table data-testid="sources">
              <thead>
                <tr>
                  <th scope="col">#</th><th scope="col">File</th><th scope="col">Format / preset</th><th scope="col">Size</th><th scope="col">SHA-256</th><th scope="col">Zone</th><th scope="col">Accepted</th><th scope="col">Rejected</th><th scope="col">First → last</th><th scope="col">Imported</th>
                </tr>
              </thead>
              <tbody>
                {s.sources.map((src, i) => (
                  <tr key={src.id}>
                    <td className="num">{i + 1}</td>
                    <td title={src.file_path ?? ''}>{src.file_name}</td>
                    <td>{src.format}{src.preset ? ` / ${src.preset}` : ''}</td>
                    <td className="num">{formatBytes(src.size)}</td>
                    <td><code className="hash" title={src.sha256} tabIndex={0}>{src.sha256}</code></td>
                    <td>{src.tz ?? '—'}{src.tz_assumed ? ' (assumed)' : ''}</td>
                    <td className="num">{formatCount(src.rows_accepted)}</td>
                    <td className="num">
                      {src.rows_rejected > 0 ? (
                        <button className="link" onClick={() => setRejectsOf(src)}>{formatCount(src.rows_rejected)}</button>
                      ) : (
                        '0'
                      )}
                    </td>
                    <td className="small">{src.first_ts == null ? '—' : <><Time ms={src.first_ts} tz={tz} /> → <Time ms={src.last_ts} tz={tz} /></>}</td>
                    <td className="small"><Time ms={src.imported_at} tz={tz} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {rejectsOf && <Rejects source={rejectsOf} onClose={() => setRejectsOf(null)} />}

      <section className="card">
        <h2>Case notes</h2>
        <Notes targetKind="case" targetId="case" />
      </section>
      <VerifyBox />
    </div>
  );
}

function EmptyCase({ onImport }: { onImport: () => void }) {
  return (
    <section className="card empty-state" data-testid="empty-case">
      <h2>This case is empty: import the exports of the alert</h2>
      <p>Start with the files that tell the story of the alert you were called for:</p>
      <ol>
        <li><strong>The provider's anti-fraud export</strong> (alerts and decisions): the case home then opens on what was blocked and why.</li>
        <li><strong>The shop's orders</strong> and <strong>the payment provider's transactions</strong>: who paid, with which cards, which attempts failed.</li>
        <li><strong>The web server's access log</strong> and <strong>the provider's API call log</strong>: tell the customer's IP from the provider's servers before anyone blocks an IP.</li>
        <li>A <strong>breach list</strong>, if you have one: shows whether the customer's identifiers leaked.</li>
      </ol>
      <button className="primary" onClick={onImport}>Import files</button>
    </section>
  );
}

/** Findings that belong to no alert, grouped by rule; never a red "0 high" badge. */
function OtherFindings({ summary, exclude, onAll }: { summary: CaseSummary; exclude: Set<string>; onAll: () => void }) {
  const all = useAsync(() => api.findingsList({}), []);
  if ('error' in summary.findings) return <section className="card"><h2>Other findings</h2><p className="error-box">Analysis failed: {summary.findings.error}</p></section>;
  const rest = (all.data ?? []).filter((f) => !exclude.has(f.id));
  const groups = new Map<string, Finding[]>();
  for (const f of rest) groups.set(f.title, [...(groups.get(f.title) ?? []), f]);
  return (
    <section className="card" aria-labelledby="other-findings-title">
      <h2 id="other-findings-title">Other findings, not linked to an alert</h2>
      {all.data && rest.length === 0 && <p className="muted">Every finding of the engine is part of an alert above.</p>}
      {[...groups.entries()].map(([title, list]) => (
        <details key={title} className="finding-group">
          <summary>
            <SeverityCounts findings={list} /> <strong>{title}</strong> — {plural(list.length, { one: '# finding', other: '# findings' })}
          </summary>
          <ul className="plain">
            {list.map((f) => (
              <li key={f.id}>
                <span className={`sev sev-${f.severity}`}>{f.severity}</span> {f.summary}
                <div className="muted small">Assessment: {labelOf(ASSESSMENT_LABELS, f.assessment.label)}</div>
              </li>
            ))}
          </ul>
        </details>
      ))}
      <button onClick={onAll}>All findings</button>
    </section>
  );
}

/** Only the severities present, each with its count ("2 medium"): a zero is never drawn as an alarm. */
export function SeverityCounts({ findings }: { findings: Pick<Finding, 'severity'>[] }) {
  const counts = (['high', 'medium', 'low'] as const).map((sev) => [sev, findings.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n > 0);
  return (
    <>
      {counts.map(([sev, n]) => (
        <span key={sev} className={`sev sev-${sev}`}>{n} {labelOf(SEVERITY_LABELS, sev)}</span>
      ))}
    </>
  );
}

/** Report (HTML/PDF) and share copy: written by the engine to a path the user chooses. */
const ExportBox = forwardRef<HTMLElement>(function ExportBox(_props, ref) {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [semicolon, setSemicolon] = useState(false);
  // Who signs the report and for whom: kept in this profile, printed on the report's first page.
  const [people, setPeople] = useState<{ consultant: string; client: string }>(() => {
    try {
      return { consultant: '', client: '', ...JSON.parse(localStorage.getItem('alibi.report.people') ?? '{}') };
    } catch {
      return { consultant: '', client: '' };
    }
  });
  const setPerson = (k: 'consultant' | 'client', v: string) => {
    const next = { ...people, [k]: v };
    setPeople(next);
    localStorage.setItem('alibi.report.people', JSON.stringify(next));
  };
  const run = async (what: 'html' | 'pdf' | 'share' | 'events' | 'findings' | 'ips') => {
    const csv = what === 'events' || what === 'findings' || what === 'ips';
    let target = path.trim();
    if (!target && api.pickSavePath) {
      target = (await api.pickSavePath({ title: what === 'share' ? 'Save share copy' : csv ? 'Export CSV' : 'Export report', defaultName: what === 'share' ? 'share-copy.alibi' : csv ? `${what === 'ips' ? 'ip-roles' : what}.csv` : `report.${what}` })) ?? '';
    }
    if (!target) return;
    setBusy(true);
    setMsg(null);
    try {
      const r =
        what === 'share'
          ? await api.shareCopy({ path: target, redact: true })
          : csv
            ? await api.csvExport({ path: target, table: what, separator: semicolon ? ';' : ',' })
            : await api.reportExport({
                path: target,
                format: what,
                ...(people.consultant.trim() ? { consultant: people.consultant.trim() } : {}),
                ...(people.client.trim() ? { client: people.client.trim() } : {}),
              });
      setMsg({ ok: true, text: `Written: ${r.path} (${formatBytes(r.bytes)})` });
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" ref={ref} aria-labelledby="report-title">
      <h2 id="report-title">Report and share</h2>
      <div className="row">
        <label className="small">Consultant <input aria-label="consultant name" value={people.consultant} maxLength={200} onChange={(e) => setPerson('consultant', e.target.value)} placeholder="your name" /></label>
        <label className="small">Client <input aria-label="client name" value={people.client} maxLength={200} onChange={(e) => setPerson('client', e.target.value)} placeholder="the shop" /></label>
      </div>
      <div className="row">
        <input className="grow" aria-label="output path" placeholder={api.pickSavePath ? 'output path (or choose when exporting)' : '/path/to/report.html, report.pdf or copy.alibi'} value={path} onChange={(e) => setPath(e.target.value)} />
        <button disabled={busy} onClick={() => run('html')}>Export report (HTML)</button>
        <button disabled={busy} onClick={() => run('pdf')}>Export report (PDF)</button>
        <button disabled={busy} onClick={() => run('share')}>Save redacted share copy</button>
      </div>
      <div className="row">
        <span className="muted small">CSV for Excel (formulas made inert):</span>
        <button disabled={busy} onClick={() => run('events')}>Events CSV</button>
        <button disabled={busy} onClick={() => run('findings')}>Findings CSV</button>
        <button disabled={busy} onClick={() => run('ips')}>IP roles CSV</button>
        <label className="small"><input type="checkbox" checked={semicolon} onChange={(e) => setSemicolon(e.target.checked)} /> “;” separator (French Excel)</label>
      </div>
      {msg && <p className={msg.ok ? 'ok' : 'error-box'} data-testid="export-result">{msg.text}</p>}
    </section>
  );
});

function BreachList({ hits }: { hits: BreachHit[] }) {
  const [all, setAll] = useState(false);
  // Name-only matches are weak (homonyms): counted apart and listed after e-mail and phone matches.
  const strong = hits.filter((h) => !h.weak);
  const weak = hits.length - strong.length;
  const ordered = [...strong, ...hits.filter((h) => h.weak)];
  const shown = all ? ordered : ordered.slice(0, 6);
  const breaches = [...new Set(hits.map((h) => `${h.breachName}${h.breachDate ? ` (${h.breachDate})` : ''}`))];
  return (
    <>
      <p>
        <strong>{strong.length}</strong> e-mail or phone identifiers of this case appear in {breaches.join(', ')}
        {weak > 0 ? `; ${weak} more match by name only (weak: homonyms are possible).` : '.'}
      </p>
      <ul className="plain">
        {shown.map((b, i) => (
          <li key={i}>
            <strong>{b.display}</strong> ({b.identifierKind}{b.weak ? ', weak' : ''}){b.customers.length ? ` — customer ${b.customers.join(', ')}` : ''}
          </li>
        ))}
      </ul>
      {hits.length > shown.length && <button className="link" onClick={() => setAll(true)}>show all {hits.length}</button>}
    </>
  );
}

const Verdict = forwardRef<HTMLElement, { info: CaseInfo; draft: { verdict: string; reason: string; n: number } | null; onChanged: (i: CaseInfo) => void }>(function Verdict({ info, draft, onChanged }, ref) {
  const [verdict, setVerdict] = useState(info.verdict ?? 'open');
  const [reason, setReason] = useState(info.verdictReason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // "Record verdict…" on an alert fills the form with the suggestion; the analyst still reads, edits and records it.
  useEffect(() => {
    if (!draft) return;
    setVerdict(draft.verdict);
    setReason(draft.reason);
    setSaved(false);
  }, [draft]);
  return (
    <section className="card" ref={ref} aria-labelledby="verdict-title">
      <h2 id="verdict-title">Verdict</h2>
      <p className="muted small">Currently: <strong>{labelOf(VERDICT_LABELS, info.verdict ?? 'open')}</strong></p>
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            onChanged(await api.caseSetVerdict({ verdict: verdict as (typeof VERDICTS)[number], reason }));
            setSaved(true);
          } catch (err) {
            setError(errorText(err));
          }
        }}
      >
        <label>
          Verdict{' '}
          <select aria-label="verdict" value={verdict} onChange={(e) => (setVerdict(e.target.value), setSaved(false))}>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>{labelOf(VERDICT_LABELS, v)}</option>
            ))}
          </select>
        </label>
        <label>
          Why
          <textarea aria-label="verdict reason" rows={4} value={reason} onChange={(e) => (setReason(e.target.value), setSaved(false))} />
        </label>
        <button type="submit" className="primary">Record verdict</button>
        {saved && <span className="ok" role="status">Recorded in the audit log.</span>}
        {error && <div className="error-box" role="alert">{error}</div>}
      </form>
    </section>
  );
});

function Rejects({ source, onClose }: { source: SourceRow; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const page = useAsync(() => api.sourceRejects({ sourceId: source.id, offset, limit: 50 }), [source.id, offset]);
  return (
    <section className="card" data-testid="rejects">
      <h2>
        Rejected rows of {source.file_name} <button className="link" onClick={onClose}>close</button>
      </h2>
      {page.error && <div className="error-box">{page.error}</div>}
      {page.data && (
        <>
          <p className="muted">
            {formatCount(page.data.total)} rows rejected; showing {offset + 1}–{offset + page.data.rows.length}.
          </p>
          <table>
            <thead>
              <tr><th>Line</th><th>Reason</th><th>Raw text</th></tr>
            </thead>
            <tbody>
              {page.data.rows.map((r) => (
                <tr key={r.id}>
                  <td className="num">{r.row_no}</td>
                  <td>{r.reason}</td>
                  <td><pre className="raw">{r.raw.length > 2000 ? r.raw.slice(0, 2000) + `… (${formatCount(r.raw.length)} chars)` : r.raw}</pre></td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>Previous</button>
            <button disabled={offset + 50 >= page.data.total} onClick={() => setOffset(offset + 50)}>Next</button>
          </div>
        </>
      )}
    </section>
  );
}

function VerifyBox() {
  const [result, setResult] = useState<{ ok: boolean; problems: string[]; rows: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card">
      <h2>Integrity</h2>
      <button
        onClick={async () => {
          setError(null);
          try {
            const r = await api.caseVerify({});
            setResult({ ok: r.ok, problems: r.problems, rows: r.audit.rows });
          } catch (e) {
            setError(errorText(e));
          }
        }}
      >
        Verify case file
      </button>
      {result && (
        <p className={result.ok ? 'ok' : 'error-box'}>
          {result.ok ? `OK — audit chain of ${result.rows} entries intact, source hashes match.` : result.problems.join('; ')}
        </p>
      )}
      {error && <div className="error-box">{error}</div>}
    </section>
  );
}

/** A received case is open read-only: nothing changes it until the analyst makes it theirs (audited). */
function ReadOnlyCase({ onAccepted }: { onAccepted: (i: CaseInfo) => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" role="status" data-testid="read-only-case">
      <h2>Read-only: this case file was received</h2>
      <p className="muted">
        It passed the safety checks for received files and opened read-only: viewing, reports and exports leave it
        unchanged. To add notes, imports or a verdict, work on it — Alibi may then update the file, and records that
        you accepted it in its audit log.
      </p>
      <button
        onClick={async () => {
          try {
            onAccepted(await api.caseAccept({}));
          } catch (e) {
            setError(errorText(e));
          }
        }}
      >
        Work on this case
      </button>
      {error && <div className="error-box" role="alert">{error}</div>}
    </section>
  );
}
