import type { ReviewSection } from '../router';
import { PanelPage } from './PanelPage';
import { ConflictsPage } from './ConflictsPage';
import { RubricPage } from './RubricPage';
import { BasicChecksPage } from './BasicChecksPage';
import { ScoringPage } from './ScoringPage';
import { ResultsPage } from './ResultsPage';

/** 评审 screens of a round (issue 4): 审核小组, 回避声明, 评分细则, 基础性指标核查, 评分, 评审结果. */
export function ReviewScreen({ roundId, section }: { roundId: string; section: ReviewSection }) {
  switch (section) {
    case 'panel':
      return <PanelPage roundId={roundId} />;
    case 'conflicts':
      return <ConflictsPage roundId={roundId} />;
    case 'rubric':
      return <RubricPage roundId={roundId} />;
    case 'basic':
      return <BasicChecksPage roundId={roundId} />;
    case 'scoring':
      return <ScoringPage roundId={roundId} />;
    case 'results':
      return <ResultsPage roundId={roundId} />;
  }
}
