// First screen with no case open: the bundled sample case first (a Sunday-morning user wants the answer),
// then recent cases, open and new.
import { useState } from 'react';
import type { CaseInfo } from '../../core/api/handlers';
import { api } from '../api';
import { errorText, useAsync } from '../useAsync';
import { formatTime } from '../format';
import { t } from '../i18n';

export function Welcome({ onOpened }: { onOpened: (i: CaseInfo) => void }) {
  const recent = useAsync(() => api.caseRecent({}), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openPath, setOpenPath] = useState('');
  const [newPath, setNewPath] = useState('');
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

  const pickOpen = async () => {
    if (!api.pickFiles) return;
    const p = await api.pickFiles({ title: t('ui.welcome.openTitle'), filters: [{ name: t('ui.welcome.fileKind'), extensions: ['alibi'] }] });
    if (p?.[0]) void run('open', () => api.caseOpen({ path: p[0] }));
  };
  const pickNew = async () => {
    if (!api.pickSavePath) return;
    const p = await api.pickSavePath({ title: t('ui.welcome.new'), defaultName: 'case.alibi' });
    if (p) setNewPath(p);
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
                  <button className="link" onClick={() => run('open', () => api.caseOpen({ path: r.path }))}>{r.title}</button>
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
          {api.pickFiles && <button onClick={pickOpen} disabled={!!busy}>{t('ui.welcome.choose')}</button>}
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (openPath.trim()) void run('open', () => api.caseOpen({ path: openPath.trim() }));
            }}
          >
            <input aria-label={t('ui.welcome.casePath')} placeholder={t('ui.welcome.casePathExample')} value={openPath} onChange={(e) => setOpenPath(e.target.value)} />
            <button type="submit" disabled={!!busy || !openPath.trim()}>{t('ui.welcome.openButton')}</button>
          </form>
        </section>
        <section className="card">
          <h2>{t('ui.welcome.new')}</h2>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              if (newPath.trim()) void run('new', () => api.caseCreate({ path: newPath.trim(), title: newTitle.trim() || undefined, tz: newTz.trim() }));
            }}
          >
            <label>{t('ui.welcome.title')} <input value={newTitle} onChange={(e) => setNewTitle(e.target.value)} placeholder={t('ui.welcome.titleExample')} /></label>
            <label>{t('ui.welcome.zone')} <input value={newTz} onChange={(e) => setNewTz(e.target.value)} /></label>
            <div className="row">
              <input aria-label={t('ui.welcome.newPath')} placeholder={t('ui.welcome.newPathExample')} value={newPath} onChange={(e) => setNewPath(e.target.value)} />
              {api.pickSavePath && <button type="button" onClick={pickNew}>{t('ui.welcome.chooseShort')}</button>}
            </div>
            <button type="submit" disabled={!!busy || !newPath.trim()}>{t('ui.welcome.create')}</button>
          </form>
        </section>
      </div>
    </div>
  );
}
