import { Fragment, type ReactNode } from 'react';
import { api } from '../api';
import type { RoundSummary } from '../../../shared/domain/round';
import type { OfflineView } from '../offlineRoutes';
import { Link, navigate } from '../router';
import { Breadcrumbs, LoadError, Loading, PageHeading } from './Page';
import { ReviewNav } from './ReviewNav';
import { useHotkey } from './useHotkey';
import { useLoad } from './useLoad';
import '../offline.css';

/** Shared pieces of the 离线评分 screens (issue 5). */

/**
 * A key fingerprint, large, in both spellings — 8 groups of 4 hex digits and
 * 8 groups of 5 digits — so it can be read aloud and compared between two
 * screens. Groups are separated by spaces (copying gives a valid spelling).
 */
export function Fingerprint({ hex, digits, size = 'large', testId }: { hex: string; digits: string; size?: 'large' | 'medium'; testId?: string }) {
  const groups = (s: string, sep: RegExp) =>
    s.split(sep).map((g, i) => (
      <Fragment key={i}>
        {i > 0 && ' '}
        <span className="fp-group">{g}</span>
      </Fragment>
    ));
  return (
    <div className={`fingerprint fingerprint-${size}`} data-testid={testId}>
      <div className="fp-row">
        <span className="fp-label">指纹（十六进制）</span>
        <span className="fp-value fp-hex mono" data-testid={testId ? `${testId}-hex` : undefined}>
          {groups(hex, /-/)}
        </span>
      </div>
      <div className="fp-row">
        <span className="fp-label">指纹（数字，便于念读）</span>
        <span className="fp-value fp-digits mono" data-testid={testId ? `${testId}-digits` : undefined}>
          {groups(digits, / /)}
        </span>
      </div>
    </div>
  );
}

/** The first and last characters of a SHA-256 (the full value in the title). */
export function ShortHash({ value }: { value: string }) {
  return (
    <span className="mono small" title={value}>
      {value.slice(0, 8)}…{value.slice(-6)}
    </span>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The clerk's 离线评分 screens of a round, each with its shortcut. */
export const OFFLINE_TABS: readonly { view: OfflineView; label: string; key: string }[] = [
  { view: 'package', label: '导出评分包', key: 'Alt+O' },
  { view: 'import', label: '导入评分表', key: 'Alt+I' },
  { view: 'status', label: '收表情况', key: 'Alt+W' },
];

/**
 * 离线评分 bar of a round (clerk's laptop): 导出评分包, 导入评分表, 收表情况
 * and 密钥管理. The shortcuts work wherever the bar is shown.
 */
export function OfflineLinks({ roundId, current }: { roundId: string; current?: OfflineView }) {
  useHotkey('Alt+O', () => navigate({ name: 'offline', roundId, view: 'package' }));
  useHotkey('Alt+I', () => navigate({ name: 'offline', roundId, view: 'import' }));
  useHotkey('Alt+W', () => navigate({ name: 'offline', roundId, view: 'status' }));
  return (
    <nav className="offline-links" aria-label="离线评分" data-testid="offline-links">
      <span className="offline-links-title" aria-hidden="true">
        离线评分
      </span>
      <ol>
        {OFFLINE_TABS.map((t) => (
          <li key={t.view}>
            <Link to={{ name: 'offline', roundId, view: t.view }} className="offline-link" aria-current={current === t.view ? 'page' : undefined} aria-keyshortcuts={t.key}>
              {t.label}
              <span className="tab-key" aria-hidden="true">
                {t.key}
              </span>
            </Link>
          </li>
        ))}
        <li>
          <Link to={{ name: 'keys' }} className="offline-link" aria-keyshortcuts="Alt+U">
            密钥管理
            <span className="tab-key" aria-hidden="true">
              Alt+U
            </span>
          </Link>
        </li>
      </ol>
    </nav>
  );
}

/** The frame of a clerk's 离线评分 screen: breadcrumbs, heading, the 评审 and 离线评分 bars. */
export function OfflineFrame({
  roundId,
  view,
  lead,
  actions,
  children,
}: {
  roundId: string;
  view: OfflineView;
  lead: ReactNode;
  actions?: ReactNode;
  children: (round: RoundSummary) => ReactNode;
}) {
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const title = OFFLINE_TABS.find((t) => t.view === view)!.label;
  if (round.error) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: title }]} />
        <LoadError error={round.error} onRetry={round.reload} />
      </div>
    );
  }
  if (!round.data) return <Loading what="批次" />;
  const r = round.data;
  return (
    <div className="page offline-page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: r.name, to: { name: 'round', roundId } }, { label: '离线评分' }, { label: title }]} />
      <PageHeading title={title} actions={actions}>
        <div className="lead">
          <p>
            {r.name}（<span className="mono">{r.code}</span>）
          </p>
          {lead}
        </div>
      </PageHeading>
      <ReviewNav roundId={roundId} />
      <OfflineLinks roundId={roundId} current={view} />
      {children(r)}
    </div>
  );
}

/** A numbered step of a path the user follows (member laptop, package export). */
export function Step({ n, title, done, current, children, testId }: { n: number; title: ReactNode; done?: boolean; current?: boolean; children?: ReactNode; testId?: string }) {
  return (
    <li className={`step${done ? ' step-done' : ''}${current ? ' step-current' : ''}`} data-testid={testId} aria-current={current ? 'step' : undefined}>
      <span className="step-no" aria-hidden="true">
        {done ? '✓' : n}
      </span>
      <div className="step-body">
        <h3 className="step-title">
          <span className="sr-only">第{n}步{done ? '（已完成）' : ''}：</span>
          {title}
        </h3>
        {children}
      </div>
    </li>
  );
}

/** 设置 › 离线评分密钥: the way to 密钥管理 (Alt+U). */
export function KeysSettingsSection() {
  return (
    <section className="panel" aria-labelledby="keys-heading" data-testid="settings-keys">
      <h2 id="keys-heading">离线评分密钥</h2>
      <p>
        评审专家在本人电脑上离线评分时使用的签名密钥：经办机构的电脑生成经办机构密钥并登记成员公钥，评审专家的电脑生成本人密钥。
      </p>
      <Link to={{ name: 'keys' }} className="btn" aria-keyshortcuts="Alt+U">
        密钥管理 <kbd className="kbd">Alt+U</kbd>
      </Link>
    </section>
  );
}
