// The workbench shell: no case → welcome screen; a case → tabs (home, findings, IPs, investigate, import,
// audit) with the detail pane beside the views that select things.
import { useCallback, useEffect, useState } from 'react';
import type { CaseInfo } from '../core/api/handlers';
import { api } from './api';
import { selection } from './selection';
import { errorText } from './useAsync';
import { VERDICT_LABELS, labelOf } from './labels';
import { Welcome } from './components/Welcome';
import { CaseHome } from './components/CaseHome';
import { FindingsList } from './components/FindingsList';
import { IpList } from './components/IpList';
import { DetailPane } from './components/DetailPane';
import { AuditLog } from './components/AuditLog';
import { Investigate } from './components/Investigate';
import { AboutDialog } from './components/AboutDialog';
import { BusyNotice } from './components/BusyNotice';
import { EmptyCase } from './components/EmptyCase';
import { EventsGrid, ImportWizard } from './lazyViews';
import { onTabListKey } from './keyboard';
import { ThemeToggle } from './theme';
import { LanguagePicker, t } from './i18n';
import type { MessageId } from '../core/i18n';
import { caseTitle } from './format';

export type Tab = 'home' | 'findings' | 'ips' | 'events' | 'investigate' | 'import' | 'audit';
const TABS: { id: Tab; label: MessageId }[] = [
  { id: 'home', label: 'ui.tab.home' },
  { id: 'findings', label: 'ui.tab.findings' },
  { id: 'ips', label: 'ui.tab.ips' },
  { id: 'events', label: 'ui.tab.events' },
  { id: 'investigate', label: 'ui.tab.investigate' },
  { id: 'import', label: 'ui.tab.import' },
  { id: 'audit', label: 'ui.tab.audit' },
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

  // Whether the open case has any file: an empty case shows what to import in place of its (empty) analysis.
  const [empty, setEmpty] = useState(false);
  useEffect(() => {
    if (info) api.sourceList({}).then((s) => setEmpty(s.length === 0), () => setEmpty(false));
  }, [info, version]);

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

  if (info === undefined) return <div className="loading">{t('ui.app.loading')}</div>;
  if (info === null) {
    return (
      <>
        {error && <div className="error-box" role="alert">{error}</div>}
        <div className="welcome-lang"><LanguagePicker /></div>
        <Welcome onOpened={opened} />
        <BusyNotice />
        {about && <AboutDialog onClose={() => setAbout(false)} />}
      </>
    );
  }

  const analysisTab = tab === 'findings' || tab === 'ips' || tab === 'investigate' || tab === 'events';
  const withDetail = analysisTab && !empty;
  const fixed = (tab === 'investigate' || tab === 'events') && !empty; // fills the window: the panes scroll, never the page
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Alibi</span>
        <span className="case-title" title={info.path}>{caseTitle(info)}</span>
        <span className="muted case-zone">{info.tz}</span>
        {info.verdict && <span className={`verdict-badge verdict-${info.verdict}`} title={t('ui.app.verdict', { verdict: labelOf(VERDICT_LABELS, info.verdict) })}>{t('ui.app.verdict', { verdict: labelOf(VERDICT_LABELS, info.verdict) })}</span>}
        <nav className="tabs" role="tablist" aria-label={t('ui.app.views')} onKeyDown={(e) => onTabListKey(e, TABS.map((x) => x.id), tab, setTab)}>
          {TABS.map((x) => (
            <button
              key={x.id}
              id={`tab-${x.id}`}
              role="tab"
              aria-selected={tab === x.id}
              aria-controls="view"
              tabIndex={tab === x.id ? 0 : -1}
              className={tab === x.id ? 'tab active' : 'tab'}
              onClick={() => setTab(x.id)}
            >
              {t(x.label)}
            </button>
          ))}
        </nav>
        <LanguagePicker />
        <ThemeToggle />
        <button className="link" onClick={() => setAbout(true)}>
          <span aria-hidden="true" className="topbar-icon">?</span>
          <span className="topbar-label">{t('ui.app.about')}</span>
        </button>
        <button className="link" onClick={closeCase}>{t('ui.app.close')}</button>
      </header>
      <main className={withDetail ? 'main with-detail' : 'main'}>
        <section className={fixed ? 'view fixed' : 'view'} id="view" role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={-1}>
          {tab === 'home' && <CaseHome key={version} onChanged={setInfo} onTab={setTab} />}
          {analysisTab && empty && <EmptyCase onImport={() => setTab('import')} />}
          {tab === 'findings' && !empty && <FindingsList key={version} tz={info.tz} onOpenEvidence={() => setTab('investigate')} />}
          {tab === 'ips' && !empty && <IpList key={version} />}
          {tab === 'events' && !empty && <EventsGrid key={version} tz={info.tz} />}
          {tab === 'investigate' && !empty && <Investigate key={version} />}
          {tab === 'import' && (
            <ImportWizard
              tz={info.tz}
              initialPaths={pendingImport}
              onNext={setTab}
              onImported={() => {
                setPendingImport([]);
                refresh();
              }}
            />
          )}
          {tab === 'audit' && <AuditLog key={version} />}
        </section>
        {withDetail && (
          <aside className="detail" aria-label={t('ui.app.detail')}>
            <DetailPane tz={info.tz} onChanged={refresh} />
          </aside>
        )}
      </main>
      {about && <AboutDialog onClose={() => setAbout(false)} />}
      <BusyNotice />
    </div>
  );
}
