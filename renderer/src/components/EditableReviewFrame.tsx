import type { ComponentProps, ReactNode } from 'react';
import type { RoundSummary } from '../../../shared/domain/round';
import { usePackageInfo } from './OfflineScoring';
import { Loading } from './Page';
import { ReviewFrame } from './ReviewNav';

/** What a 评审 screen may change, decided once for the screens that have edit actions. */
export interface ReviewEditing {
  /** The round's own records can be changed: the round is open and is not a package round on a member's laptop. */
  editable: boolean;
  /**
   * A round imported from a round package, i.e. a panel member's laptop: the
   * panel, the people, the recusals and the rubric came with the package and
   * the back end refuses any change to them, so the screen only shows them.
   */
  memberLaptop: boolean;
  /** Why the round's records cannot be changed here, for a blocker next to a disabled action; null when editable. */
  blocker: string | null;
}

type FrameProps = Omit<ComponentProps<typeof ReviewFrame>, 'children'> & {
  children: (round: RoundSummary, editing: ReviewEditing) => ReactNode;
};

/**
 * ReviewFrame for the screens with edit actions (审核小组, 回避声明, 评分细则):
 * it reads once whether the round came from a package and, on a member's
 * laptop, shows the one note saying so; the screen hides its actions by
 * `editing.memberLaptop` and disables the rest by `editing.editable`.
 */
export function EditableReviewFrame({ children, ...frame }: FrameProps) {
  const { info, known } = usePackageInfo(frame.roundId);
  return (
    <ReviewFrame {...frame}>
      {(round) => {
        if (!known) return <Loading what="批次" />;
        const memberLaptop = info !== null;
        const blocker = memberLaptop ? '本机为评审专家电脑，只能查看' : round.status !== 'open' ? '本批次已关闭' : null;
        return (
          <>
            {memberLaptop && <MemberLaptopNote />}
            {children(round, { editable: blocker === null, memberLaptop, blocker })}
          </>
        );
      }}
    </ReviewFrame>
  );
}

function MemberLaptopNote() {
  return (
    <div className="banner banner-neutral" role="note" data-testid="member-laptop-readonly">
      <p>
        <strong>本机为评审专家电脑，以下内容只能查看。</strong>
        审核小组、回避情况和评分细则随经办机构的评分包提供；如需修改，请经办机构修改后重新导出评分包。
      </p>
    </div>
  );
}
