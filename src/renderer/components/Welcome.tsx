// First screen with no case open: the bundled sample case first (a Sunday-morning user wants the answer),
// then recent cases, open and new.
import { useState } from 'react';
import type { CaseInfo } from '../../core/api/handlers';
import { api } from '../api';
import { errorText, useAsync } from '../useAsync';
import { caseTitle, formatTime } from '../format';
import { t } from '../i18n';

export function Welcome({ onOpened }: { onOpened: (i: CaseInfo) => void }) {
  const recent = useAsync(() => api.caseRecent({}), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [newTz, setNewTz] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

  const run = async (label: string, f: () => Promise<CaseInfo>) => {
    setBusy(label);
    setError(null);
    try {
      onOpened(await f());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  // Files come from main's dialogs only (opaque handles in the app); the page never takes a typed path.
  const pickOpen = async () => {
    const p = await api.pickFiles({ title: t('ui.welcome.openTitle'), filters: [{ name: t('ui.welcome.fileKind'), extensions: ['alibi'] }] });
    if (p?.[0]) void run('open', () => api.caseOpen({ path: p[0] }));
  };
  const pickNew = async () => {
    const p = await api.pickSavePath({ title: t('ui.welcome.new'), defaultName: `${(newTitle.trim() || 'case').replace(/[^\p{L}\p{N} _.-]+/gu, '_').slice(0, 60)}.alibi` });
    if (p) void run('new', () => api.caseCreate({ path: p, title: newTitle.trim() || undefined, tz: newTz.trim() }));
  };

  return (
    <div className="welcome">
      <h1>Alibi</h1>
      <p className="muted">{t('ui.welcome.tagline')}</p>
      {error && <div className="error-box" role="alert">{error}</div>}
      <div className="welcome-grid">
        <section className="card">
          <h2>{t('ui.welcome.sample')}</h2>
          <p>{t('ui.welcome.sampleText')}</p>
          <button className="primary" data-testid="open-sample" disabled={!!busy} onClick={() => run('sample', () => api.caseOpenSample({}))}>
            {busy === 'sample' ? t('ui.welcome.sampleBuilding') : t('ui.welcome.sampleOpen')}
          </button>
        </section>
        <section className="card">
          <h2>{t('ui.welcome.recent')}</h2>
          {recent.data?.length ? (
            <ul className="recent">
              {recent.data.map((r) => (
                <li key={r.path}>
                  <button className="link" onClick={() => run('open', () => api.caseOpen({ path: r.path }))}>{caseTitle(r)}</button>
                  <span className="muted small"> {r.path} · {formatTime(r.openedAt, 'UTC')}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('ui.welcome.none')}</p>
          )}
        </section>
        <section className="card">
          <h2>{t('ui.welcome.open')}</h2>
          <button onClick={pickOpen} disabled={!!busy}>{t('ui.welcome.choose')}</button>
        </section>
        <section className="card">
          <h2>{t('ui.welcome.new')}</h2>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void pickNew();
            }}
          >
            <label>{t('ui.welcome.title')} <input value={newTitle} onChange={(e) => setNewTitle(e.target.value)} placeholder={t('ui.welcome.titleExample')} /></label>
            <label>{t('ui.welcome.zone')} <input value={newTz} onChange={(e) => setNewTz(e.target.value)} /></label>
            <button type="submit" disabled={!!busy}>{t('ui.welcome.create')}</button>
          </form>
        </section>
      </div>
    </div>
  );
}
