// Import wizard: pick files → see what was detected (format, preset, 20 rows) → adjust the column mapping
// and the zone of zoneless dates → import off the UI thread with progress and Cancel.
import { t, tr } from '../i18n';
import { useEffect, useRef, useState } from 'react';
import type { ImportJobStatus, ImportPreview } from '../../core/api/handlers';
import { CANONICAL_FIELDS, type CanonicalField } from '../../core/vocabulary';
import { api } from '../api';
import { isZoneless } from '../../core/import/zoneless';
import { errorText } from '../useAsync';
import { clip, formatBytes, formatCount, formatDuration, formatTime } from '../format';
import { missingForImport, REQUIRED_FIELDS, suggestMapping } from '../import/suggestMapping';
import { fieldLabel } from '../import/fieldLabels';
import type { Tab } from '../App';
import { CoverageGaps, type CoverageGap } from './CoverageGaps';

const DAY = 86_400_000;

/** The file's name; the error below the heading gives the whole path. */
const baseName = (path: string) => path.split(/[\\/]/).pop() || path;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The instants a date of the file may be (ms): ISO 8601, the web-log form `17/May/2015:10:05:03 +0000`, or a
 * numeric date `23/11/2025 07:01` read both day-first and month-first (a date without zone as UTC: the warning
 * allows a week). Empty for anything else.
 */
function readInstants(text: string): number[] {
  const t = text.trim().slice(0, 64);
  const clf = /^\[?(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})/.exec(t);
  if (clf) {
    const m = MONTHS.indexOf(clf[2].toLowerCase());
    if (m < 0) return [];
    const off = (clf[7] === '-' ? -1 : 1) * (Number(clf[8]) * 60 + Number(clf[9]));
    return [Date.UTC(Number(clf[3]), m, Number(clf[1]), Number(clf[4]), Number(clf[5]), Number(clf[6])) - off * 60_000];
  }
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2}))?/.exec(t);
  if (numeric) {
    const [a, b, y, h, min] = numeric.slice(1).map((x) => Number(x ?? 0));
    return [[b, a], [a, b]].filter(([month, day]) => month >= 1 && month <= 12 && day >= 1 && day <= 31).map(([month, day]) => Date.UTC(y, month - 1, day, h, min));
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return [];
  const ms = Date.parse(t.replace(' ', 'T'));
  return Number.isFinite(ms) ? [ms] : [];
}

/** Instants (ms) the preview's first rows may be: the mapped timestamp column, or a log's time column. */
function sampleInstants(p: ImportPreview, mapping: Partial<Record<CanonicalField, string>> | undefined): number[] {
  const col = p.format === 'csv' ? p.headers.indexOf(mapping?.timestamp ?? '') : p.headers.findIndex((h) => /time|date/i.test(h));
  if (col < 0) return [];
  return p.rows.flatMap((r) => readInstants(r[col] ?? ''));
}

/** The last job started from the wizard: still shown when the user comes back to the Import tab. */
let lastJobId: string | null = null;

const TIME_ZONES: string[] = (() => {
  try {
    return ['UTC', ...(Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone')];
  } catch {
    return ['UTC', 'Europe/Paris'];
  }
})();

interface FilePlan {
  path: string;
  preview?: ImportPreview;
  error?: string;
  preset?: string;
  mapping?: Partial<Record<CanonicalField, string>>;
  mappingEdited: boolean;
  tz: string;
  /** The user's answer when no date of the file tells day/month order (PayPal): the import waits for it. */
  dateOrder?: 'dmy' | 'mdy';
  /** A breach list's name and date, as the report will cite it (the import waits for the name). */
  breachName?: string;
  breachDate?: string;
}

/** A breach list's date: YYYY-MM or YYYY-MM-DD, or none. */
const BREACH_DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const isBreachList = (p: ImportPreview) => p.format === 'breach-list';

export function ImportWizard({ tz, initialPaths, onImported, onNext }: { tz: string; initialPaths: string[]; onImported: () => void; onNext?: (t: Tab) => void }) {
  const [plans, setPlans] = useState<FilePlan[]>([]);
  const [job, setJob] = useState<ImportJobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jobId = useRef<string | null>(lastJobId);
  // The case's time span (from its sources): a file from another period is probably the wrong file.
  const [span, setSpan] = useState<{ first: number; last: number } | null>(null);
  const [gaps, setGaps] = useState<CoverageGap[]>([]);
  useEffect(() => {
    api.caseSummary({}).then((s) => {
      setGaps(s.coverageGaps);
      const firsts = s.sources.map((x) => x.first_ts).filter((x): x is number => x != null);
      const lasts = s.sources.map((x) => x.last_ts).filter((x): x is number => x != null);
      setSpan(firsts.length ? { first: Math.min(...firsts), last: Math.max(...lasts) } : null);
    }, () => undefined);
  }, [job?.state]);

  const addPaths = async (paths: string[]) => {
    const fresh = paths.filter((p) => p && !plans.some((x) => x.path === p));
    // New files start a new round: the last import's outcome no longer sits under them as if it were theirs.
    if (fresh.length && job && job.state !== 'running') {
      setJob(null);
      jobId.current = lastJobId = null;
    }
    const added: FilePlan[] = await Promise.all(
      fresh.map(async (path) => {
        try {
          // The engine refuses a binary file (an image renamed .csv) here, at preview.
          const preview = await api.importPreview({ path });
          return { path, preview, preset: preview.preset ?? undefined, mapping: preview.mapping, mappingEdited: false, tz };
        } catch (e) {
          return { path, error: errorText(e), mappingEdited: false, tz };
        }
      }),
    );
    setPlans((p) => [...p, ...added]);
  };

  useEffect(() => {
    if (initialPaths.length) void addPaths(initialPaths);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialPaths]);

  // Progress is pushed by the host; polling covers a missed push (and hosts without push).
  useEffect(() => {
    if (jobId.current) api.importStatus({ jobId: jobId.current }).then(setJob, () => (lastJobId = jobId.current = null));
    const off = api.onImportProgress((e) => {
      if (e.jobId === jobId.current) setJob(e);
    });
    const timer = setInterval(async () => {
      if (!jobId.current) return;
      try {
        const s = await api.importStatus({ jobId: jobId.current });
        setJob((j) => (j && j.state !== 'running' ? j : s));
      } catch {
        // the push channel still reports
      }
    }, 500);
    return () => {
      off();
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (job?.state === 'done') setPlans([]);
    if (job && job.state !== 'running' && job.results.length) onImported();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.state]);

  const update = (i: number, patch: Partial<FilePlan>) => setPlans((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  const reloadPreview = async (i: number, preset: string | undefined) => {
    try {
      const preview = await api.importPreview({ path: plans[i].path, preset });
      update(i, { preview, preset, mapping: preview.mapping, mappingEdited: false, error: undefined, dateOrder: undefined });
    } catch (e) {
      update(i, { error: errorText(e) });
    }
  };

  const start = async () => {
    setError(null);
    const files = plans
      .filter((p) => p.preview)
      .map((p) => ({
        path: p.path,
        ...(p.preset ? { preset: p.preset } : {}),
        ...(p.mappingEdited && p.mapping ? { mapping: p.mapping } : {}),
        ...(zonelessNow(p) || p.tz !== tz ? { tz: p.tz } : {}),
        ...(p.preview!.dateOrderOpen && p.dateOrder ? { dateOrder: p.dateOrder } : {}),
        ...(isBreachList(p.preview!) ? { breachName: p.breachName?.trim(), ...(p.breachDate?.trim() ? { breachDate: p.breachDate.trim() } : {}) } : {}),
      }));
    try {
      const { jobId: id } = await api.importStart({ files });
      jobId.current = id;
      lastJobId = id;
      setJob({ jobId: id, state: 'running', progress: null, results: [], error: null });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const pick = async () => {
    const paths = await api.pickFiles({ title: t('ui.home.importFiles'), multi: true, filters: [{ name: t('ui.iw.logsCsv'), extensions: ['log', 'csv', 'txt', 'jsonl', 'json', 'tsv'] }, { name: t('ui.iw.allFiles'), extensions: ['*'] }] });
    if (paths?.length) void addPaths(paths);
  };

  const running = job?.state === 'running';
  const ready = plans.filter((p) => p.preview);
  // What each CSV without a preset still lacks; the Import button waits until nothing does.
  const blockers = ready.flatMap((p) => [
    ...(p.preview!.format === 'csv' && !p.preset ? missingForImport(p.mapping ?? {}).map((m) => t('ui.iw.blocker.map', { file: p.preview!.fileName, field: t(m) })) : []),
    ...(p.preview!.dateOrderOpen && !p.dateOrder ? [t('ui.iw.blocker.dateOrder', { file: p.preview!.fileName })] : []),
    ...(isBreachList(p.preview!) && !p.breachName?.trim() ? [t('ui.iw.blocker.breachName', { file: p.preview!.fileName })] : []),
    ...(isBreachList(p.preview!) && p.breachDate?.trim() && !BREACH_DATE.test(p.breachDate.trim()) ? [t('ui.iw.blocker.breachDate', { file: p.preview!.fileName })] : []),
  ]);
  const offPeriod = (p: FilePlan): string | null => {
    if (!span || !p.preview) return null;
    const xs = sampleInstants(p.preview, p.mapping);
    if (!xs.length) return null;
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    if (hi < span.first - 7 * DAY || lo > span.last + 7 * DAY) {
      return t('ui.iw.offPeriod', { first: formatTime(lo, tz), from: formatTime(span.first, tz), to: formatTime(span.last, tz) });
    }
    return null;
  };
  return (
    <div className="import-wizard" data-testid="import-wizard">
      <h1>{t('ui.home.importFiles')}</h1>
      <datalist id="alibi-time-zones">
        {TIME_ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <section className="card">
        <h2>{t('ui.iw.files')}</h2>
        <div className="row">
          <button onClick={pick} disabled={running}>{t('ui.iw.choose')}</button>
          <span className="muted small">{t('ui.iw.drop')}</span>
        </div>
      </section>

      {plans.map((p, i) => (
        <section className="card file-plan" key={p.path} data-testid="file-plan" aria-label={t('ui.iw.fileNo', { n: i + 1, total: plans.length })}>
          <h2>
            <span className="file-no">{t('ui.iw.fileNo', { n: i + 1, total: plans.length })}</span> {p.preview?.fileName ?? baseName(p.path)}{' '}
            <button className="link" disabled={running} onClick={() => setPlans((ps) => ps.filter((_, j) => j !== i))}>{t('ui.iw.remove')}</button>
          </h2>
          {p.error && <div className="error-box" role="alert">{p.error}</div>}
          {p.preview && (
            <>
              <p data-testid="detected">
                {t('ui.iw.detected')} <strong>{p.preview.format}</strong>
                {p.preview.detail ? ` (${tr().said(p.preview.detailMsg, p.preview.detail)})` : ''} · {t('ui.iw.preset')} <strong>{p.preview.preset ?? t('ui.iw.none')}</strong> · {p.preview.encoding ?? '?'} ·{' '}
                {formatBytes(p.preview.size)}
              </p>
              {p.preview.format === 'csv' && (
                <label>
                  {t('ui.iw.presetLabel')}{' '}
                  <select aria-label={t('ui.iw.preset')} value={p.preset ?? ''} onChange={(e) => reloadPreview(i, e.target.value || undefined)}>
                    <option value="">{t('ui.iw.detect')}</option>
                    {p.preview.presets.map((n) => (
                      <option key={n} value={n}>{n}</option>
                    ))}
                  </select>
                </label>
              )}
              {offPeriod(p) && <p className="warn-box" role="status" data-testid="overlap-warning">{offPeriod(p)}</p>}
              {p.preview.dateOrderOpen && (
                <DateOrderChoice name={`date-order-${i}`} examples={p.preview.dateOrderExamples ?? []} value={p.dateOrder} disabled={running} onChange={(dateOrder) => update(i, { dateOrder })} />
              )}
              {isBreachList(p.preview) && (
                <fieldset className="breach-list" data-testid="breach-fields">
                  <p className="small">{t('ui.iw.breach.help')}</p>
                  <label>
                    {t('ui.iw.breach.name')}{' '}
                    <input required aria-required="true" value={p.breachName ?? ''} placeholder={t('ui.iw.breach.nameExample')} disabled={running} onChange={(e) => update(i, { breachName: e.target.value })} />
                  </label>{' '}
                  <label>
                    {t('ui.iw.breach.date')}{' '}
                    <input value={p.breachDate ?? ''} placeholder="2025-08" disabled={running} onChange={(e) => update(i, { breachDate: e.target.value })} />
                  </label>
                </fieldset>
              )}
              {p.preview.lacks && (
                <div className="lacks small" data-testid="export-lacks">
                  <strong>{t('ui.iw.lacks')}</strong>
                  <ul>{p.preview.lacks.map((l) => <li key={l.field}>{tr().msg(l.msg)}</li>)}</ul>
                </div>
              )}
              <PreviewTable preview={p.preview} />
              {p.preview.format === 'csv' && (
                <MappingEditor
                  headers={p.preview.headers}
                  rows={p.preview.rows}
                  needed={!p.preset}
                  mapping={p.mapping ?? {}}
                  basePreset={p.preset ?? null}
                  onChange={(mapping) => update(i, { mapping, mappingEdited: true })}
                  onSaved={(name) => update(i, { preset: name, preview: { ...p.preview!, presets: [...new Set([...p.preview!.presets, name])] } })}
                />
              )}
              {(p.preview.format === 'csv' || p.preview.zoneless) && (
                <label className={zonelessNow(p) ? 'warn-label' : ''}>
                  {zonelessNow(p) ? t('ui.iw.zoneless') : t('ui.iw.zone')}{' '}
                  <input aria-label={t('ui.iw.sourceZone')} list="alibi-time-zones" value={p.tz} onChange={(e) => update(i, { tz: e.target.value })} />
                </label>
              )}
            </>
          )}
        </section>
      ))}

      {(plans.some((p) => p.preview) || job) && (
        <section className="card">
          <h2>{t('ui.tab.import')}</h2>
          {blockers.length > 0 && (
            <div className="warn-box" role="status" data-testid="import-blockers">
              <p>{t('ui.iw.blockers')}</p>
              <ul>{blockers.map((b) => <li key={b}>{b}</li>)}</ul>
            </div>
          )}
          <div className="row">
            {ready.length > 0 && (
              <button className="primary" onClick={start} disabled={running || blockers.length > 0} data-testid="start-import">
                {t('ui.iw.start', { count: ready.length })}
              </button>
            )}
            {running && (
              <button className="danger" onClick={() => jobId.current && api.importCancel({ jobId: jobId.current })} data-testid="cancel-import">
                {t('ui.iw.cancel')}
              </button>
            )}
          </div>
          {error && <div className="error-box" role="alert">{error}</div>}
          {job && <JobProgress job={job} tz={tz} />}
          {job && job.state !== 'running' && <CoverageGaps gaps={gaps.filter((g) => job.results.some((r) => r.sourceId === g.sourceId))} />}
          {job?.state === 'done' && onNext && (
            <div className="row next-step" data-testid="next-step">
              <strong>{t('ui.iw.next')}</strong>
              <button className="primary" onClick={() => onNext('home')}>{t('ui.iw.nextHome')}</button>
              <button onClick={() => onNext('investigate')}>{t('ui.iw.nextTimeline')}</button>
              <button onClick={() => onNext('events')}>{t('ui.iw.nextEvents')}</button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

/** Zoneless per the current mapping (the user may have just picked the timestamp column). */
function zonelessNow(p: FilePlan): boolean {
  if (!p.preview) return false;
  const col = p.mapping?.timestamp;
  if (!col || !p.mappingEdited) return p.preview.zoneless;
  const i = p.preview.headers.indexOf(col);
  return i >= 0 && p.preview.rows.some((r) => isZoneless(r[i] ?? ''));
}

/** Day-first or month-first, asked when every date of the file reads both ways; each choice shows the file's dates read its way. */
function DateOrderChoice({ name, examples, value, disabled, onChange }: {
  /** One radio group per file card. */
  name: string;
  examples: NonNullable<ImportPreview['dateOrderExamples']>;
  value: 'dmy' | 'mdy' | undefined;
  disabled: boolean;
  onChange: (v: 'dmy' | 'mdy') => void;
}) {
  const long = (d: { year: number; month: number; day: number }) => tr().dateLong(Date.UTC(d.year, d.month - 1, d.day), 'UTC');
  return (
    <fieldset className="date-order warn-box" data-testid="date-order">
      <legend>{t('ui.iw.dateOrder.title')}</legend>
      <p className="small">{t('ui.iw.dateOrder.help')}</p>
      <div role="radiogroup" aria-label={t('ui.iw.dateOrder.label')} className="date-order-options">
        {(['dmy', 'mdy'] as const).map((order) => (
          <label key={order} className="date-order-option">
            <input type="radio" name={name} value={order} checked={value === order} disabled={disabled} onChange={() => onChange(order)} />{' '}
            <strong>{t(order === 'dmy' ? 'ui.iw.dateOrder.dmy' : 'ui.iw.dateOrder.mdy')}</strong>
            <ul className="small">
              {examples.map((x) => <li key={x.text}>{t('ui.iw.dateOrder.example', { text: x.text, date: long(x[order]) })}</li>)}
            </ul>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <div className="table-wrap preview" tabIndex={0} role="region" aria-label={t('ui.iw.previewRegion', { file: preview.fileName })}>
      <table data-testid="preview-table">
        <thead>
          <tr>
            <th>#</th>
            {preview.headers.map((h, i) => (
              <th key={i}>{preview.headerMsgs?.[i] ? tr().msg(preview.headerMsgs[i], h) : h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r, i) => (
            <tr key={i}>
              <td className="num muted">{i + 1}</td>
              {preview.headers.map((_, j) => (
                <td key={j}>{j === 0 && preview.rowNotes?.[i] ? tr().msg(preview.rowNotes[i], r[0]) : clip(r[j], 120)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MappingEditor({
  headers, rows, needed, mapping, basePreset, onChange, onSaved,
}: {
  headers: string[];
  rows: string[][];
  /** No preset: the mapping is what the import will use, so its required fields are marked. */
  needed: boolean;
  mapping: Partial<Record<CanonicalField, string>>;
  basePreset: string | null;
  onChange: (m: Partial<Record<CanonicalField, string>>) => void;
  onSaved: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  // Open at first when nothing is mapped (an unknown CSV); then the user decides.
  const [open, setOpen] = useState(Object.keys(mapping).length === 0 || (needed && missingForImport(mapping).length > 0));
  const suggestions = suggestMapping(headers, rows, mapping);
  const hint = new Map(suggestions.map((s) => [s.field, s]));
  return (
    <details className="mapping" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('ui.iw.mapping', { count: Object.keys(mapping).length })}</summary>
      {suggestions.length > 0 && (
        <p className="row small" data-testid="mapping-suggestions">
          {t('ui.iw.suggestions', { count: suggestions.length })}{' '}
          {suggestions.map((s) => t('ui.iw.suggestionPair', { header: s.header, field: fieldLabel(s.field) })).join(', ')}
          <button type="button" onClick={() => onChange({ ...mapping, ...Object.fromEntries(suggestions.map((s) => [s.field, s.header])) })}>{t('ui.iw.applySuggestions')}</button>
        </p>
      )}
      {needed && <p className="muted small">{t('ui.iw.required')}</p>}
      <div className="mapping-grid">
        {CANONICAL_FIELDS.map((f) => (
          <label key={f}>
            <span>
              {fieldLabel(f)} <code className="muted">{f}</code>
              {needed && REQUIRED_FIELDS.has(f) && <strong aria-hidden="true"> *</strong>}
              {hint.get(f) && <span className="muted"> {t('ui.iw.suggested', { header: hint.get(f)!.header })}</span>}
            </span>
            <select
              aria-label={t('ui.iw.columnFor', { field: fieldLabel(f) })}
              data-field={f}
              aria-required={needed && REQUIRED_FIELDS.has(f)}
              value={mapping[f] ?? ''}
              onChange={(e) => {
                const next = { ...mapping };
                if (e.target.value) next[f] = e.target.value;
                else delete next[f];
                onChange(next);
              }}
            >
              <option value="">—</option>
              {headers.map((h) => (
                <option key={h} value={h}>{h}</option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await api.presetSave({ name: name.trim(), basePreset, mapping });
            setMsg(t('ui.iw.saved', { name: name.trim() }));
            onSaved(name.trim());
          } catch (err) {
            setMsg(errorText(err));
          }
        }}
      >
        <input aria-label={t('ui.iw.presetName')} placeholder={t('ui.iw.presetNameHelp')} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!/^[\w.-]+$/.test(name.trim())}>{t('ui.iw.savePreset')}</button>
        {msg && <span className="small">{msg}</span>}
      </form>
    </details>
  );
}

function JobProgress({ job, tz }: { job: ImportJobStatus; tz: string }) {
  const p = job.progress;
  const pct = p && p.bytesTotal ? Math.min(100, (p.bytesRead / p.bytesTotal) * 100) : job.state === 'done' ? 100 : 0;
  return (
    <div className="job" data-testid="import-job" data-state={job.state}>
      <progress max={100} value={pct} aria-label={t('ui.iw.progress')} />
      <p>
        {job.state === 'running' && `${t('ui.iw.running')} `}
        {job.state === 'done' && `${t('ui.iw.done')} `}
        {job.state === 'cancelled' && `${t('ui.iw.cancelled')} `}
        {job.state === 'failed' && `${t('ui.iw.failed')} `}
        {p && job.state === 'running' && (
          <span className="muted">
            {t('ui.iw.progressText', { file: p.file, rows: p.rows, n: formatCount(p.rows), rejected: formatCount(p.rejected), rate: formatCount(Math.round(p.rowsPerSecond)), eta: formatDuration(p.etaSeconds) })}
          </span>
        )}
      </p>
      {job.error && job.state !== 'cancelled' && <div className="error-box" role="alert">{job.failure ? errorText(job.failure) : job.error}</div>}
      {job.results.length > 0 && (
        <table data-testid="import-results">
          <thead>
            <tr><th>{t('ui.src.file')}</th><th>{t('ui.src.format')}</th><th>{t('ui.src.accepted')}</th><th>{t('ui.src.rejected')}</th><th>{t('ui.src.firstLast')}</th><th>SHA-256</th></tr>
          </thead>
          <tbody>
            {job.results.map((r) => (
              <tr key={r.sourceId}>
                <td>{r.file}</td>
                <td>{r.format}{r.preset ? ` / ${r.preset}` : ''}</td>
                <td className="num" data-testid="accepted">{formatCount(r.accepted)}</td>
                <td className="num">{formatCount(r.rejected)}</td>
                <td className="small">{formatTime(r.first, tz)} → {formatTime(r.last, tz)}</td>
                <td><code className="hash">{r.sha256}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
