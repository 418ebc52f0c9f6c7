// The workbench shell: no case → welcome screen; a case → tabs (home, findings, IPs, investigate, import,
// audit) with the detail pane beside the views that select things.
import { useCallback, useEffect, useState } from 'react';
import type { CaseInfo } from '../core/api/handlers';
import { api } from './api';
import { selection } from './selection';
import { errorText } from './useAsync';
import { Welcome } from './components/Welcome';
import { CaseHome } from './components/CaseHome';
import { FindingsList } from './components/FindingsList';
import { IpList } from './components/IpList';
import { DetailPane } from './components/DetailPane';
import { ImportWizard } from './components/ImportWizard';
import { AuditLog } from './components/AuditLog';
import { Investigate } from './components/Investigate';
import { AboutDialog } from './components/AboutDialog';

export type Tab = 'home' | 'findings' | 'ips' | 'investigate' | 'import' | 'audit';
const TABS: { id: Tab; label: string }[] = [
  { id: 'home', label: 'Case' },
  { id: 'findings', label: 'Findings' },
  { id: 'ips', label: 'IPs' },
  { id: 'investigate', label: 'Timeline & graph' },
  { id: 'import', label: 'Import' },
  { id: 'audit', label: 'Audit log' },
];

export function App() {
  const [info, setInfo] = useState<CaseInfo | null | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('home');
  const [version, setVersion] = useState(0);
  const [pendingImport, setPendingImport] = useState<string[]>([]);
  const [about, setAbout] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const opened = useCallback((i: CaseInfo) => {
    selection.reset();
    setInfo(i);
    setTab('home');
    setVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    api.caseCurrent({}).then(setInfo, (e) => setError(errorText(e)));
  }, []);

  useEffect(() => {
    if (!api.onHostCommand) return;
    return api.onHostCommand((cmd) => {
      if (cmd.kind === 'import-files') {
        setPendingImport(cmd.paths);
        setTab('import');
      } else if (cmd.kind === 'import') setTab('import');
      else if (cmd.kind === 'about') setAbout(true);
      else if (cmd.kind === 'case-changed' || cmd.kind === 'new-case' || cmd.kind === 'open-case') {
        api.caseCurrent({}).then((i) => (i ? opened(i) : setInfo(null)), (e) => setError(errorText(e)));
      }
    });
  }, [opened]);

  const closeCase = async () => {
    await api.caseClose({});
    selection.reset();
    setInfo(null);
  };

  if (info === undefined) return <div className="loading">Loading…</div>;
  if (info === null) {
    return (
      <>
        {error && <div className="error-box" role="alert">{error}</div>}
        <Welcome onOpened={opened} />
        {about && <AboutDialog onClose={() => setAbout(false)} />}
      </>
    );
  }

  const withDetail = tab === 'findings' || tab === 'ips' || tab === 'investigate';
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Alibi</span>
        <span className="case-title" title={info.path}>{info.title}</span>
        <span className="muted">{info.tz}</span>
        {info.verdict && <span className={`verdict-badge verdict-${info.verdict}`}>verdict: {info.verdict}</span>}
        <nav className="tabs" role="tablist">
          {TABS.map((t) => (
            <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </nav>
        <button className="link" onClick={() => setAbout(true)}>About</button>
        <button className="link" onClick={closeCase}>Close case</button>
      </header>
      <main className={withDetail ? 'main with-detail' : 'main'}>
        <section className="view">
          {tab === 'home' && <CaseHome key={version} onChanged={(i) => (setInfo(i), refresh())} onTab={setTab} />}
          {tab === 'findings' && <FindingsList key={version} tz={info.tz} onOpenEvidence={() => setTab('investigate')} />}
          {tab === 'ips' && <IpList key={version} />}
          {tab === 'investigate' && <Investigate key={version} />}
          {tab === 'import' && (
            <ImportWizard
              tz={info.tz}
              initialPaths={pendingImport}
              onImported={() => {
                setPendingImport([]);
                refresh();
              }}
            />
          )}
          {tab === 'audit' && <AuditLog key={version} />}
        </section>
        {withDetail && (
          <aside className="detail">
            <DetailPane tz={info.tz} onChanged={refresh} />
          </aside>
        )}
      </main>
      {about && <AboutDialog onClose={() => setAbout(false)} />}
    </div>
  );
}
