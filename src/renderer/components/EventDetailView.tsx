// One event: its normalised fields, its raw line exactly as in the source (as text), where it comes from
// (file + line), its tags and notes.
import { useState } from 'react';
import { api } from '../api';
import { errorText, useAsync } from '../useAsync';
import { clip, formatTime } from '../format';
import { Notes } from './Notes';
import { selection } from '../selection';
import { t } from '../i18n';

const HIDDEN = new Set(['raw', 'extra', 'id', 'source_id', 'row_no', 'ts', 'ts_text']);

export function EventDetailView({ id, tz }: { id: number; tz: string }) {
  const detail = useAsync(() => api.eventDetail({ id }), [id]);
  const [tags, setTags] = useState<string[] | null>(null);
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (detail.error) return <div className="error-box" role="alert">{detail.error}</div>;
  if (!detail.data) return <div className="loading">{t('ui.ev.loading', { number: id })}</div>;
  const { event, sourceFile } = detail.data;
  const shownTags = tags ?? detail.data.tags;
  const fields = Object.entries(event).filter(([k, v]) => !HIDDEN.has(k) && v !== null && v !== '');
  let extra: [string, unknown][] = [];
  try {
    extra = event.extra ? Object.entries(JSON.parse(event.extra) as Record<string, unknown>) : [];
  } catch {
    extra = [['extra', event.extra]];
  }
  const ip = event.client_ip ?? event.ip;
  return (
    <section className="card event-detail" data-testid="event-detail">
      <h3>{t('ui.ev.title', { number: event.id })}</h3>
      <p>
        <strong>{formatTime(event.ts, tz)}</strong> <span className="muted small">{t('ui.ev.written', { utc: new Date(event.ts).toISOString(), text: event.ts_text })}</span>
      </p>
      <p className="provenance" data-testid="provenance">
        {t('ui.ev.source')} <strong>{sourceFile ?? t('ui.ev.sourceN', { number: event.source_id })}</strong>, {t('ui.ev.line', { line: event.row_no })}
      </p>
      <table className="fields">
        <tbody>
          {fields.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td>
                {k === 'ip' || k === 'client_ip' ? (
                  <button className="link" onClick={() => selection.focus({ kind: 'ip', value: String(v) })}>{String(v)}</button>
                ) : (
                  clip(String(v), 500)
                )}
              </td>
            </tr>
          ))}
          {extra.map(([k, v]) => (
            <tr key={`x-${k}`}>
              <th className="muted">{k}</th>
              <td>{clip(typeof v === 'string' ? v : JSON.stringify(v), 500)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('ui.ev.raw')}</h4>
      <pre className="raw" data-testid="raw-line">{event.raw.length > 20000 ? t('format.clipped', { text: event.raw.slice(0, 20000), n: event.raw.length }) : event.raw}</pre>
      {ip && (
        <button onClick={() => selection.focus({ kind: 'ip', value: ip })}>{t('ui.ev.showIp', { ip })}</button>
      )}
      <h4>{t('ui.ev.tags')}</h4>
      <div className="row tags">
        {shownTags.map((tg) => (
          <span key={tg} className="tag">
            {tg}{' '}
            <button
              className="link"
              aria-label={t('ui.ev.removeTag', { tag: tg })}
              onClick={async () => {
                try {
                  setTags(await api.eventUntag({ id, tag: tg }));
                } catch (e) {
                  setError(errorText(e));
                }
              }}
            >
              ×
            </button>
          </span>
        ))}
        <form
          className="row"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!tag.trim()) return;
            try {
              setTags(await api.eventTag({ id, tag: tag.trim() }));
              setTag('');
            } catch (err) {
              setError(errorText(err));
            }
          }}
        >
          <input aria-label={t('ui.ev.tag')} placeholder={t('ui.ev.tag')} value={tag} onChange={(e) => setTag(e.target.value)} />
          <button type="submit" disabled={!tag.trim()}>{t('ui.ev.tagButton')}</button>
        </form>
      </div>
      {error && <div className="error-box">{error}</div>}
      <h4>{t('ui.ev.notes')}</h4>
      <Notes targetKind="event" targetId={String(id)} tz={tz} />
    </section>
  );
}
