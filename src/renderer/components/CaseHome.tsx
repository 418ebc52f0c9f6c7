// Case home: what the case holds (sources with hashes and counts, rejected rows), what the analysis says
// (findings, breach exposure), and the verdict — the answer the consultant hands the client.
import { useState } from 'react';
import type { CaseInfo } from '../../core/api/handlers';
import type { SourceRow } from '../../core/types';
import type { BreachHit } from '../../core/analysis/types';
import { api } from '../api';
import { VERDICTS } from '../../core/vocabulary';
import { errorText, useAsync } from '../useAsync';
import { formatBytes, formatCount, formatTime } from '../format';
import { Notes } from './Notes';
import type { Tab } from '../App';

export function CaseHome({ onChanged, onTab }: { onChanged: (i: CaseInfo) => void; onTab: (t: Tab) => void }) {
  const summary = useAsync(() => api.caseSummary({}), []);
  const [rejectsOf, setRejectsOf] = useState<SourceRow | null>(null);
  if (summary.error) return <div className="error-box" role="alert">{summary.error}</div>;
  if (!summary.data) return <div className="loading">Loading the case…</div>;
  const s = summary.data;
  const tz = s.info.tz;
  return (
    <div className="case-home">
      <h1 data-testid="case-title">{s.info.title}</h1>
      <p className="muted">
        Case time zone <strong>{tz}</strong> · {formatCount(s.events)} events · {s.sources.length} source files · created{' '}
        {formatTime(s.info.createdAt, tz)} · schema v{s.info.schemaVersion}
      </p>

      <div className="home-grid">
        <section className="card">
          <h2>Findings</h2>
          {'error' in s.findings ? (
            <p className="error-box">Analysis failed: {s.findings.error}</p>
          ) : s.findings.total === 0 ? (
            <p className="muted">No rule fired.</p>
          ) : (
            <>
              <p>
                {s.findings.total} findings — <span className="sev sev-high">{s.findings.bySeverity.high} high</span>{' '}
                <span className="sev sev-medium">{s.findings.bySeverity.medium} medium</span>{' '}
                <span className="sev sev-low">{s.findings.bySeverity.low} low</span>
              </p>
              <ul className="plain">
                {s.findings.top.map((f) => (
                  <li key={f.id}>
                    <span className={`sev sev-${f.severity}`}>{f.severity}</span> <strong>{f.title}</strong> — {f.summary}
                    <div className="muted small">Assessment: {f.assessment.label.replace(/-/g, ' ')}</div>
                  </li>
                ))}
              </ul>
              <button onClick={() => onTab('findings')}>All findings</button>
            </>
          )}
        </section>

        <section className="card">
          <h2>Breach exposure</h2>
          {'error' in s.breach ? (
            <p className="error-box">{s.breach.error}</p>
          ) : s.breach.length === 0 ? (
            <p className="muted">No identifier of this case found in the imported breach lists.</p>
          ) : (
            <BreachList hits={s.breach} />
          )}
        </section>

        <Verdict info={s.info} onChanged={(i) => (onChanged(i), summary.reload())} />
      </div>

      <section className="card">
        <h2>Sources</h2>
        {s.sources.length === 0 ? (
          <p>
            No files imported yet. <button onClick={() => onTab('import')}>Import files</button>
          </p>
        ) : (
          <div className="table-wrap">
            <table data-testid="sources">
              <thead>
                <tr>
                  <th>File</th><th>Format / preset</th><th>Size</th><th>SHA-256</th><th>Zone</th><th>Accepted</th><th>Rejected</th><th>First → last</th><th>Imported</th>
                </tr>
              </thead>
              <tbody>
                {s.sources.map((src) => (
                  <tr key={src.id}>
                    <td title={src.file_path ?? ''}>{src.file_name}</td>
                    <td>{src.format}{src.preset ? ` / ${src.preset}` : ''}</td>
                    <td className="num">{formatBytes(src.size)}</td>
                    <td><code className="hash" title={src.sha256}>{src.sha256}</code></td>
                    <td>{src.tz ?? '—'}{src.tz_assumed ? ' (assumed)' : ''}</td>
                    <td className="num">{formatCount(src.rows_accepted)}</td>
                    <td className="num">
                      {src.rows_rejected > 0 ? (
                        <button className="link" onClick={() => setRejectsOf(src)}>{formatCount(src.rows_rejected)}</button>
                      ) : (
                        '0'
                      )}
                    </td>
                    <td className="small">{formatTime(src.first_ts, tz)} → {formatTime(src.last_ts, tz)}</td>
                    <td className="small">{formatTime(src.imported_at, tz)}</td>
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
      <ExportBox />
      <VerifyBox />
    </div>
  );
}

/** Report (HTML/PDF) and share copy: written by the engine to a path the user chooses. */
function ExportBox() {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [semicolon, setSemicolon] = useState(false);
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
            : await api.reportExport({ path: target, format: what });
      setMsg({ ok: true, text: `Written: ${r.path} (${formatBytes(r.bytes)})` });
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h2>Report and share</h2>
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
}

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

function Verdict({ info, onChanged }: { info: CaseInfo; onChanged: (i: CaseInfo) => void }) {
  const [verdict, setVerdict] = useState(info.verdict ?? 'open');
  const [reason, setReason] = useState(info.verdictReason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <section className="card">
      <h2>Verdict</h2>
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
              <option key={v} value={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Why
          <textarea aria-label="verdict reason" rows={3} value={reason} onChange={(e) => (setReason(e.target.value), setSaved(false))} />
        </label>
        <button type="submit">Record verdict</button>
        {saved && <span className="ok">Recorded in the audit log.</span>}
        {error && <div className="error-box">{error}</div>}
      </form>
    </section>
  );
}

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
