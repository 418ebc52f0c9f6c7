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
import { breachNames, caseTitle, formatBytes, formatCount, plural } from '../format';
import { t, tr, useLang } from '../i18n';
import { IDENTIFIER_KIND_MSG, LANGS, parseLang, translator, type Lang } from '../../core/i18n';
import { findingTitle } from './FindingsList';
import { selection } from '../selection';
import { AlertCard, ReviewList, type AlertActions } from './AlertCard';
import { Time } from './Time';
import { ASSESSMENT_LABELS, SEVERITY_LABELS, VERDICT_LABELS, labelOf } from '../labels';
import { Notes } from './Notes';
import { CoverageGaps } from './CoverageGaps';
import { EmptyCase } from './EmptyCase';
import type { Tab } from '../App';

export function CaseHome({ onChanged, onTab }: { onChanged: (i: CaseInfo) => void; onTab: (t: Tab) => void }) {
  const summary = useAsync(() => api.caseSummary({}), []);
  const alerts = useAsync(() => api.alertsList({}), []);
  const [rejectsOf, setRejectsOf] = useState<SourceRow | null>(null);
  const [verdictDraft, setVerdictDraft] = useState<{ verdict: string; reason: string; n: number } | null>(null);
  const verdictRef = useRef<HTMLElement>(null);
  const reportRef = useRef<HTMLElement>(null);
  if (summary.error) return <div className="error-box" role="alert">{summary.error}</div>;
  if (!summary.data) return <div className="loading">{t('ui.home.loading')}</div>;
  const s = summary.data;
  const tz = s.info.tz;
  const list = alerts.data ?? [];
  const blocked = list.filter((a) => a.action === 'blocked');
  const reviews = list.filter((a) => a.action === 'review');
  const inAlerts = new Set(list.flatMap((a) => a.findingIds));
  const actions: AlertActions = {
    onRecordVerdict: (a) => {
      const reasons = [...tr().saidAll(a.suggested.reasonMsgs, a.suggested.reasons), ...tr().saidAll(a.suggested.againstMsgs, a.suggested.against).map((x) => t('ui.home.toCheck', { text: x }))].join('\n');
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
        <h1 data-testid="case-title">{caseTitle(s.info)}</h1>
        <p className="muted small">
          {t('ui.home.zone')} <strong>{tz}</strong> · {plural(s.events, 'ui.count.events')} · {plural(s.sources.length, 'ui.count.sourceFiles')} ·{' '}
          {t('ui.home.created')} <Time ms={s.info.createdAt} tz={tz} />
        </p>
      </div>

      {s.info.readOnly && <ReadOnlyCase onAccepted={(i) => (onChanged(i), summary.reload())} />}

      {emptyCase && <EmptyCase onImport={() => onTab('import')} />}

      {alerts.error && <div className="error-box" role="alert">{t('ui.home.alertsFailed', { error: alerts.error })}</div>}
      {!emptyCase && alerts.data && list.length === 0 && (
        <section className="card">
          <h2>{t('ui.home.noAlert')}</h2>
          <p className="muted">{t('ui.home.noAlertHelp')}</p>
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

      <CoverageGaps gaps={s.coverageGaps} />

      <div className="home-grid">
        <Verdict ref={verdictRef} info={s.info} draft={verdictDraft} onChanged={(i) => (onChanged(i), summary.reload())} />
        <ExportBox ref={reportRef} />
      </div>

      {!emptyCase && <OtherFindings summary={s} exclude={inAlerts} onAll={() => onTab('findings')} />}

      {!emptyCase && (
        <section className="card">
          <h2>{t('ui.home.breach')}</h2>
          {'error' in s.breach ? (
            <p className="error-box">{s.breach.error}</p>
          ) : s.breach.length === 0 ? (
            <p className="muted">{t('ui.home.breachNone')}</p>
          ) : (
            <BreachList hits={s.breach} />
          )}
        </section>
      )}

      <section className="card">
        <h2>{t('ui.home.sources')}</h2>
        {s.sources.length === 0 ? (
          <p>
            {t('ui.home.noFiles')} <button onClick={() => onTab('import')}>{t('ui.home.importFiles')}</button>
          </p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('ui.home.scrollable')}>
            <table data-testid="sources">
              <thead>
                <tr>
                  <th scope="col">#</th><th scope="col">{t('ui.src.file')}</th><th scope="col">{t('ui.src.format')}</th><th scope="col">{t('ui.src.size')}</th><th scope="col">SHA-256</th><th scope="col">{t('ui.src.zone')}</th><th scope="col">{t('ui.src.accepted')}</th><th scope="col">{t('ui.src.rejected')}</th><th scope="col">{t('ui.src.firstLast')}</th><th scope="col">{t('ui.src.imported')}</th>
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
                    <td>{src.tz ?? '—'}{src.tz_assumed ? ` ${t('ui.src.assumed')}` : ''}</td>
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
        <h2>{t('ui.home.notes')}</h2>
        <Notes targetKind="case" targetId="case" />
      </section>
      <VerifyBox />
    </div>
  );
}

/** Findings that belong to no alert, grouped by rule; never a red "0 high" badge. */
function OtherFindings({ summary, exclude, onAll }: { summary: CaseSummary; exclude: Set<string>; onAll: () => void }) {
  const all = useAsync(() => api.findingsList({}), []);
  if ('error' in summary.findings) return <section className="card"><h2>{t('ui.home.otherFindingsShort')}</h2><p className="error-box">{t('ui.home.analysisFailed', { error: summary.findings.error })}</p></section>;
  const rest = (all.data ?? []).filter((f) => !exclude.has(f.id));
  const groups = new Map<string, Finding[]>();
  for (const f of rest) groups.set(f.title, [...(groups.get(f.title) ?? []), f]);
  return (
    <section className="card" aria-labelledby="other-findings-title">
      <h2 id="other-findings-title">{t('ui.home.otherFindings')}</h2>
      {all.data && rest.length === 0 && <p className="muted">{t(all.data.length === 0 ? 'ui.findings.none' : 'ui.home.allInAlerts')}</p>}
      {[...groups.entries()].map(([title, list]) => (
        <details key={title} className="finding-group">
          <summary>
            <SeverityCounts findings={list} /> <strong>{findingTitle(list[0])}</strong> — {plural(list.length, 'ui.count.findings')}
          </summary>
          <ul className="plain">
            {list.map((f) => (
              <li key={f.id}>
                <span className={`sev sev-${f.severity}`}>{labelOf(SEVERITY_LABELS, f.severity)}</span> {tr().said(f.summaryMsg, f.summary)}
                <div className="muted small">{t('ui.home.assessment', { label: labelOf(ASSESSMENT_LABELS, f.assessment.label) })}</div>
              </li>
            ))}
          </ul>
        </details>
      ))}
      <button onClick={onAll}>{t('ui.home.allFindings')}</button>
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
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [estimate, setEstimate] = useState<string | null>(null);
  const app = useLang().lang;
  const [lang, setLang] = useState<Lang>(app);
  const [semicolon, setSemicolon] = useState(app === 'fr');
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
    // Where to write comes from main's save dialog (a handle in the app), never from a typed path.
    const target =
      (await api.pickSavePath({ title: what === 'share' ? t('ui.export.saveShare') : csv ? t('ui.export.csvTitle') : t('ui.export.reportTitle'), defaultName: what === 'share' ? 'share-copy.alibi' : csv ? `${what === 'ips' ? 'ip-roles' : what}.csv` : `report.${what}` })) ?? '';
    if (!target) return;
    setBusy(true);
    setMsg(null);
    try {
      setEstimate(null);
      if (what === 'share') {
        // The size before the (long, on a big case) copy: whether it will fit an e-mail.
        const est = await api.shareEstimate({ compressed: /\.alibiz$/i.test(target), onlyEvidence: false });
        setEstimate(t('ui.export.shareEstimate', { size: formatBytes(est.bytes), events: est.events }));
      }
      const r =
        what === 'share'
          ? await api.shareCopy({ path: target, redact: true })
          : csv
            ? await api.csvExport({ path: target, table: what, separator: semicolon ? ';' : ',', lang })
            : await api.reportExport({
                path: target,
                format: what,
                lang,
                ...(people.consultant.trim() ? { consultant: people.consultant.trim() } : {}),
                ...(people.client.trim() ? { client: people.client.trim() } : {}),
              });
      setMsg({ ok: true, text: t('ui.export.written', { path: r.path, size: formatBytes(r.bytes) }) });
    } catch (e) {
      setMsg({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" ref={ref} aria-labelledby="report-title">
      <h2 id="report-title">{t('ui.export.title')}</h2>
      <div className="row">
        <label className="small">{t('ui.export.consultant')} <input aria-label={t('ui.export.consultantName')} value={people.consultant} maxLength={200} onChange={(e) => setPerson('consultant', e.target.value)} placeholder={t('ui.export.yourName')} /></label>
        <label className="small">{t('ui.export.client')} <input aria-label={t('ui.export.clientName')} value={people.client} maxLength={200} onChange={(e) => setPerson('client', e.target.value)} placeholder={t('ui.export.theShop')} /></label>
      </div>
      <div className="row">
        <label className="small">
          {t('ui.export.lang')}{' '}
          <select aria-label={t('ui.export.lang')} value={lang} onChange={(e) => { const l = parseLang(e.target.value) ?? lang; setLang(l); setSemicolon(l === 'fr'); }}>
            {LANGS.map((l) => <option key={l} value={l}>{translator(l).t(l === 'fr' ? 'ui.lang.fr' : 'ui.lang.en')}</option>)}
          </select>
        </label>
        <button disabled={busy} onClick={() => run('html')}>{t('ui.export.html')}</button>
        <button disabled={busy} onClick={() => run('pdf')}>{t('ui.export.pdf')}</button>
        <button disabled={busy} onClick={() => run('share')}>{t('ui.export.share')}</button>
      </div>
      <div className="row">
        <span className="muted small">{t('ui.export.csvIntro')}</span>
        <button disabled={busy} onClick={() => run('events')}>{t('ui.export.events')}</button>
        <button disabled={busy} onClick={() => run('findings')}>{t('ui.export.findings')}</button>
        <button disabled={busy} onClick={() => run('ips')}>{t('ui.export.ips')}</button>
        <label className="small"><input type="checkbox" checked={semicolon} onChange={(e) => setSemicolon(e.target.checked)} /> {t('ui.export.semicolon')}</label>
      </div>
      {estimate && <p className="muted small" data-testid="share-estimate">{estimate}</p>}
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
  const breaches = breachNames(hits);
  return (
    <>
      <p>
        {t('ui.breach.summary', { count: strong.length, breaches, weak })}
      </p>
      <ul className="plain">
        {shown.map((b, i) => (
          <li key={i}>
            <strong>{b.display}</strong> {t('ui.breach.item', { kind: labelOf(IDENTIFIER_KIND_MSG, b.identifierKind), weak: b.weak ? 'yes' : 'no', hasCustomers: b.customers.length ? 'yes' : 'no', customers: b.customers.join(', ') })}
          </li>
        ))}
      </ul>
      {hits.length > shown.length && <button className="link" onClick={() => setAll(true)}>{t('ui.breach.showAll', { count: hits.length })}</button>}
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
      <h2 id="verdict-title">{t('ui.verdictBox.title')}</h2>
      <p className="muted small">{t('ui.verdictBox.current')} <strong>{labelOf(VERDICT_LABELS, info.verdict ?? 'open')}</strong></p>
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
          {t('ui.verdictBox.title')}{' '}
          <select aria-label={t('ui.verdictBox.select')} value={verdict} onChange={(e) => (setVerdict(e.target.value), setSaved(false))}>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>{labelOf(VERDICT_LABELS, v)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('ui.verdictBox.why')}
          <textarea aria-label={t('ui.verdictBox.why')} rows={4} value={reason} onChange={(e) => (setReason(e.target.value), setSaved(false))} />
        </label>
        <button type="submit" className="primary">{t('ui.verdictBox.record')}</button>
        {saved && <span className="ok" role="status">{t('ui.verdictBox.saved')}</span>}
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
        {t('ui.rejects.title', { file: source.file_name })} <button className="link" onClick={onClose}>{t('ui.common.close')}</button>
      </h2>
      {page.error && <div className="error-box">{page.error}</div>}
      {page.data && (
        <>
          <p className="muted">
            {t('ui.rejects.count', { count: page.data.total, n: formatCount(page.data.total), from: offset + 1, to: offset + page.data.rows.length })}
          </p>
          <table>
            <thead>
              <tr><th>{t('ui.rejects.line')}</th><th>{t('ui.rejects.reason')}</th><th>{t('ui.rejects.raw')}</th></tr>
            </thead>
            <tbody>
              {page.data.rows.map((r) => (
                <tr key={r.id}>
                  <td className="num">{r.row_no}</td>
                  <td>{tr().msg(r.reasonMsg)}</td>
                  <td><pre className="raw">{r.raw.length > 2000 ? t('format.clipped', { text: r.raw.slice(0, 2000), n: formatCount(r.raw.length) }) : r.raw}</pre></td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>{t('ui.common.previous')}</button>
            <button disabled={offset + 50 >= page.data.total} onClick={() => setOffset(offset + 50)}>{t('ui.common.next')}</button>
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
      <h2>{t('ui.verify.title')}</h2>
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
        {t('ui.verify.button')}
      </button>
      {result && (
        <p className={result.ok ? 'ok' : 'error-box'}>
          {result.ok ? t('ui.verify.ok', { count: result.rows }) : result.problems.join('; ')}
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
