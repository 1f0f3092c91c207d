import type { ReactNode } from 'react';
import { PANEL_ROLE_LABEL, type PanelRole } from '../../../shared/rules/panel';
import { checkPin } from './PinField';
import { signIn, signOut, type ScoringSession } from './scoringSession';
import { SignInPanel } from './SignInPanel';
import { Link } from '../router';

export interface SignInMember {
  id: string;
  name: string;
  role: PanelRole;
  hasPin: boolean;
}

/**
 * 评分成员登录: the member picks their name and types their PIN. The PIN is
 * never kept by the renderer; the back end gives a session that lapses after
 * 30 minutes without a call.
 */
export function MemberSignIn({
  roundId,
  members,
  heading,
  intro,
  onlyChair,
  onSignedIn,
}: {
  roundId: string;
  members: SignInMember[];
  heading: string;
  intro?: ReactNode;
  onlyChair?: boolean;
  onSignedIn?: (s: ScoringSession) => void;
}) {
  const shown = onlyChair ? members.filter((m) => m.role === 'chair') : members;
  return (
    <SignInPanel
      roundId={roundId}
      testId="member-signin"
      headingId="signin-heading"
      heading={heading}
      intro={intro}
      memberFieldId="signin-member"
      options={shown.map((m) => ({ value: m.id, label: `${m.name}（${PANEL_ROLE_LABEL[m.role]}）${m.hasPin ? '' : ' — 未设置PIN'}` }))}
      initialMemberId={shown.length === 1 ? shown[0]!.id : ''}
      memberProblem={(id) => {
        const member = members.find((m) => m.id === id);
        return member && !member.hasPin ? `${member.name}尚未设置个人PIN，请先在“审核小组”页面由本人设置` : undefined;
      }}
      empty={shown.length === 0 ? <p className="muted">{onlyChair ? '审核小组尚未指定组长。' : '审核小组还没有成员。'}</p> : undefined}
      secret={{
        id: 'signin-pin',
        label: '个人PIN',
        kind: 'pin',
        check: (typed) => checkPin(typed, '请输入PIN'),
        hint: (
          <>
            请成员本人输入PIN。连续输错5次将锁定5分钟；闲置30分钟自动退出。忘记PIN请经办人在<Link to={{ name: 'roundReview', roundId, section: 'panel' }}>审核小组</Link>页面重置。
          </>
        ),
      }}
      signIn={async (memberId, pin) => {
        const session = await signIn(roundId, memberId, pin);
        onSignedIn?.(session);
      }}
    />
  );
}

/** Who is signed in, the idle countdown and 退出登录. */
export function SessionBar({ session, minutesLeft, extra }: { session: ScoringSession; minutesLeft: number | null; extra?: ReactNode }) {
  return (
    <div className="session-bar" data-testid="session-bar">
      <span>
        当前登录：<strong>{session.name}</strong>（{PANEL_ROLE_LABEL[session.role]}）
      </span>
      {minutesLeft !== null && <span className="muted small">闲置 {minutesLeft} 分钟后自动退出</span>}
      {extra}
      <button type="button" className="btn btn-small" onClick={() => signOut()}>
        退出登录
      </button>
    </div>
  );
}
