// First screen with no case open: the bundled sample case first (a Sunday-morning user wants the answer),
// then recent cases, open and new.
import { useState } from 'react';
import type { CaseInfo } from '../../core/api/handlers';
import { api } from '../api';
import { errorText, useAsync } from '../useAsync';
import { formatTime } from '../format';

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
    const p = await api.pickFiles({ title: 'Open case', filters: [{ name: 'Alibi case', extensions: ['alibi'] }] });
    if (p?.[0]) void run('open', () => api.caseOpen({ path: p[0] }));
  };
  const pickNew = async () => {
    if (!api.pickSavePath) return;
    const p = await api.pickSavePath({ title: 'New case', defaultName: 'case.alibi' });
    if (p) setNewPath(p);
  };

  return (
    <div className="welcome">
      <h1>Alibi</h1>
      <p className="muted">Offline forensic workbench for e-commerce fraud alerts. No case data leaves this machine.</p>
      {error && <div className="error-box" role="alert">{error}</div>}
      <div className="welcome-grid">
        <section className="card">
          <h2>Sample case</h2>
          <p>A Multi-CB alert on a Sunday morning: one customer, two cards, a provider server in every order.</p>
          <button className="primary" data-testid="open-sample" disabled={!!busy} onClick={() => run('sample', () => api.caseOpenSample({}))}>
            {busy === 'sample' ? 'Building the sample case…' : 'Open the sample case'}
          </button>
        </section>
        <section className="card">
          <h2>Recent cases</h2>
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
            <p className="muted">None yet.</p>
          )}
        </section>
        <section className="card">
          <h2>Open a case</h2>
          {api.pickFiles && <button onClick={pickOpen} disabled={!!busy}>Choose a .alibi file…</button>}
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (openPath.trim()) void run('open', () => api.caseOpen({ path: openPath.trim() }));
            }}
          >
            <input aria-label="case file path" placeholder="/path/to/case.alibi" value={openPath} onChange={(e) => setOpenPath(e.target.value)} />
            <button type="submit" disabled={!!busy || !openPath.trim()}>Open</button>
          </form>
        </section>
        <section className="card">
          <h2>New case</h2>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              if (newPath.trim()) void run('new', () => api.caseCreate({ path: newPath.trim(), title: newTitle.trim() || undefined, tz: newTz.trim() }));
            }}
          >
            <label>Title <input value={newTitle} onChange={(e) => setNewTitle(e.target.value)} placeholder="Multi-CB alert, 23 Nov" /></label>
            <label>Time zone of the case <input value={newTz} onChange={(e) => setNewTz(e.target.value)} /></label>
            <div className="row">
              <input aria-label="new case path" placeholder="/path/to/new-case.alibi" value={newPath} onChange={(e) => setNewPath(e.target.value)} />
              {api.pickSavePath && <button type="button" onClick={pickNew}>Choose…</button>}
            </div>
            <button type="submit" disabled={!!busy || !newPath.trim()}>Create case</button>
          </form>
        </section>
      </div>
    </div>
  );
}
