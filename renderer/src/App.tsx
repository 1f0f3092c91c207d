import { useState } from 'react';
import { AppProvider, useApp } from './components/AppContext';
import { ToastProvider } from './components/Toast';
import { Dialog } from './components/Dialog';
import { SHORTCUTS, useHotkey } from './components/useHotkey';
import { Link, navigate, useRoute, type Route } from './router';
import { HomePage } from './pages/HomePage';
import { NewRoundPage } from './pages/NewRoundPage';
import { ApplicationFormPage } from './pages/ApplicationFormPage';
import { ApplicationPage } from './pages/ApplicationPage';
import { SettingsPage } from './pages/SettingsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RoundMatrixPage } from './pages/RoundMatrixPage';
import { RuleCataloguePage } from './pages/RuleCataloguePage';
import { ProfilePage } from './pages/ProfilePage';
import { ReviewScreen } from './pages/ReviewScreen';
import { DeliberationScreen } from './pages/DeliberationScreen';
import { OfflineScreen, RoundScreen } from './pages/OfflineScreen';
import { DocumentsScreen } from './pages/documents/DocumentsScreen';
import { APP_TITLE, Loading } from './components/Page';

export function App() {
  return (
    <AppProvider>
      <ToastProvider>
        <Shell />
      </ToastProvider>
    </AppProvider>
  );
}

function Shell() {
  const route = useRoute();
  const { info, ready, largeFont, setLargeFont } = useApp();
  const [help, setHelp] = useState(false);

  useHotkey('Alt+H', () => navigate({ name: 'home' }));
  useHotkey('Alt+S', () => navigate({ name: 'settings' }));
  useHotkey('Alt+Z', () => setLargeFont(!largeFont));
  useHotkey('Alt+L', () => navigate({ name: 'audit' }));
  useHotkey('Alt+U', () => navigate({ name: 'keys' }));
  useHotkey('F1', () => setHelp(true));

  const section = route.name === 'settings' || route.name === 'profile' || route.name === 'profileRules' || route.name === 'keys' || route.name === 'documentSettings' ? 'settings' : route.name === 'audit' ? 'audit' : 'rounds';

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        跳到主要内容
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              医保
            </span>
            <span className="brand-text">{APP_TITLE}</span>
          </div>
          <nav className="mainnav" aria-label="主导航">
            <Link to={{ name: 'home' }} aria-current={section === 'rounds' ? 'page' : undefined} aria-keyshortcuts="Alt+H">
              审核批次
            </Link>
            <Link to={{ name: 'settings' }} aria-current={section === 'settings' ? 'page' : undefined} aria-keyshortcuts="Alt+S">
              设置
            </Link>
            <Link to={{ name: 'audit' }} aria-current={section === 'audit' ? 'page' : undefined} aria-keyshortcuts="Alt+L">
              审计日志
            </Link>
          </nav>
          <div className="topbar-tools">
            <span className="operator" title="操作员（可在设置中修改）">
              操作员：{info ? info.operator : '未连接'}
            </span>
            {info && <span className="today">今天：{info.today}</span>}
            <button
              type="button"
              className="topbar-button"
              aria-pressed={largeFont}
              aria-keyshortcuts="Alt+Z"
              onClick={() => setLargeFont(!largeFont)}
              title="适老化：放大全部文字（Alt+Z）"
            >
              <span className="toggle-box" aria-hidden="true">
                {largeFont ? '✓' : ''}
              </span>
              大字体
            </button>
            <button type="button" className="topbar-button" onClick={() => setHelp(true)} aria-keyshortcuts="F1" title="快捷键说明（F1）">
              快捷键
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {ready ? <Screen route={route} /> : <Loading what="程序信息" />}
      </main>
      {help && (
        <Dialog title="快捷键" onClose={() => setHelp(false)} footer={<button type="button" className="btn btn-primary" onClick={() => setHelp(false)} data-autofocus="">知道了</button>}>
          <table className="shortcut-table">
            <thead>
              <tr>
                <th scope="col">按键</th>
                <th scope="col">作用</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys}>
                  <td>
                    <kbd className="kbd">{s.keys}</kbd>
                  </td>
                  <td>{s.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
    </>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'newRound':
      return <NewRoundPage />;
    case 'round':
      return <RoundScreen key={route.roundId} roundId={route.roundId} />;
    case 'newApplication':
      return <ApplicationFormPage key={`new-${route.roundId}`} mode={{ kind: 'create', roundId: route.roundId }} />;
    case 'editApplication':
      return <ApplicationFormPage key={`edit-${route.applicationId}`} mode={{ kind: 'edit', applicationId: route.applicationId }} focusField={route.field} />;
    case 'application':
      return <ApplicationPage key={route.applicationId} applicationId={route.applicationId} tab={route.tab} />;
    case 'settings':
      return <SettingsPage />;
    case 'roundMatrix':
      return <RoundMatrixPage key={route.roundId} roundId={route.roundId} />;
    case 'roundRules':
      return <RuleCataloguePage key={`round-${route.roundId}`} source={{ kind: 'round', roundId: route.roundId }} />;
    case 'roundReview':
      return <ReviewScreen key={`${route.roundId}-${route.section}`} roundId={route.roundId} section={route.section} />;
    case 'profile':
      return <ProfilePage key={route.profileId} profileId={route.profileId} />;
    case 'profileRules':
      return <RuleCataloguePage key={`profile-${route.profileId}-${route.version ?? ''}`} source={{ kind: 'profile', profileId: route.profileId, version: route.version }} />;
    case 'notFound':
      return <NotFoundPage path={route.path} />;
    case 'deliberation':
    case 'deadlines':
    case 'meeting':
    case 'audit':
      return <DeliberationScreen route={route} />;
    case 'keys':
    case 'packageImport':
    case 'offline':
      return <OfflineScreen route={route} />;
    case 'roundDocuments':
    case 'publicNotice':
    case 'documentSettings':
      return <DocumentsScreen route={route} />;
  }
}
