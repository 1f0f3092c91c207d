import type { ReactNode } from 'react';
import { api } from '../api';
import type { RoundSummary } from '../../../shared/domain/round';
import { Breadcrumbs, LoadError, Loading, PageHeading } from './Page';
import { useHotkey } from './useHotkey';
import { useLoad } from './useLoad';
import { Link, navigate, type ReviewSection } from '../router';
import '../review.css';

/** The panel's screens of a round, in the order the work is done, each with its shortcut. */
export const REVIEW_SECTIONS: readonly { id: ReviewSection; label: string; key: string; hint: string }[] = [
  { id: 'panel', label: '审核小组', key: 'Alt+G', hint: '组' },
  { id: 'conflicts', label: '回避声明', key: 'Alt+B', hint: '避' },
  { id: 'rubric', label: '评分细则', key: 'Alt+X', hint: '细' },
  { id: 'basic', label: '基础性指标核查', key: 'Alt+K', hint: '核' },
  { id: 'scoring', label: '评分', key: 'Alt+P', hint: '评' },
  { id: 'results', label: '评审结果', key: 'Alt+J', hint: '结' },
];

/**
 * 评审 navigation of a round: links to the six screens, shown on the round
 * screen and on each of them (as tabs, the current one marked). The shortcuts
 * work wherever the bar is shown.
 */
export function ReviewNav({ roundId, current }: { roundId: string; current?: ReviewSection }) {
  const go = (section: ReviewSection) => navigate({ name: 'roundReview', roundId, section });
  useHotkey('Alt+G', () => go('panel'));
  useHotkey('Alt+B', () => go('conflicts'));
  useHotkey('Alt+X', () => go('rubric'));
  useHotkey('Alt+K', () => go('basic'));
  useHotkey('Alt+P', () => go('scoring'));
  useHotkey('Alt+J', () => go('results'));
  return (
    <nav className="review-nav" aria-label="评审工作" data-testid="review-nav">
      <span className="review-nav-title" aria-hidden="true">
        评审
      </span>
      <ol>
        {REVIEW_SECTIONS.map((s, i) => (
          <li key={s.id}>
            <Link to={{ name: 'roundReview', roundId, section: s.id }} aria-current={current === s.id ? 'page' : undefined} aria-keyshortcuts={s.key} className="review-link">
              <span className="review-step" aria-hidden="true">
                {i + 1}
              </span>
              {s.label}
              <span className="tab-key" aria-hidden="true">
                {s.key}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The frame of a 评审 screen: breadcrumbs, heading, the 评审 bar, then the
 * screen's content once the round is read.
 */
export function ReviewFrame({
  roundId,
  section,
  lead,
  actions,
  wide,
  children,
}: {
  roundId: string;
  section: ReviewSection;
  lead?: (round: RoundSummary) => ReactNode;
  actions?: ReactNode;
  wide?: boolean;
  children: (round: RoundSummary) => ReactNode;
}) {
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const title = REVIEW_SECTIONS.find((s) => s.id === section)!.label;
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
    <div className={`page review-page${wide ? ' review-wide' : ''}`}>
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: r.name, to: { name: 'round', roundId } }, { label: title }]} />
      <PageHeading title={title} actions={actions}>
        {lead ? <div className="lead">{lead(r)}</div> : <p className="lead">{r.name}</p>}
      </PageHeading>
      <ReviewNav roundId={roundId} current={section} />
      {r.status !== 'open' && (
        <div className="banner banner-neutral" role="note">
          本批次已关闭，以下内容只能查看，不能修改。
        </div>
      )}
      {children(r)}
    </div>
  );
}
