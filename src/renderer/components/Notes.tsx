// Notes on the case, an event or an IP: listed and added through the engine (each addition is audited).
import { t } from '../i18n';
import { useState } from 'react';
import { api } from '../api';
import { errorText, useAsync } from '../useAsync';
import { formatTime } from '../format';

export function Notes({ targetKind, targetId, tz = 'UTC' }: { targetKind: 'case' | 'event' | 'ip'; targetId: string; tz?: string }) {
  const list = useAsync(() => api.notesList({ targetKind, targetId }), [targetKind, targetId]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="notes" data-testid={`notes-${targetKind}`}>
      {list.data?.length ? (
        <ul className="plain">
          {list.data.map((n) => (
            <li key={n.id}>
              <span className="muted small">{formatTime(n.at, tz)}</span> <span className="note-text">{n.text}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('ui.notes.none')}</p>
      )}
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!text.trim()) return;
          setError(null);
          try {
            await api.noteAdd({ targetKind, targetId, text: text.trim() });
            setText('');
            list.reload();
          } catch (err) {
            setError(errorText(err));
          }
        }}
      >
        <input aria-label={t('ui.notes.on', { kind: targetKind })} placeholder={t('ui.notes.placeholder')} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!text.trim()}>{t('ui.notes.add')}</button>
      </form>
      {error && <div className="error-box">{error}</div>}
    </div>
  );
}
