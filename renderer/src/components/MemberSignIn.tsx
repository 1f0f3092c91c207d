import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api';
import { pinSchema } from '../../../shared/contract/slices/panel';
import { PANEL_ROLE_LABEL, type PanelRole } from '../../../shared/rules/panel';
import { toHalfWidth } from '../format';
import { FieldError, errorId } from './Field';
import { clearEndNotice, signIn, signOut, useScoringSession, type ScoringSession } from './scoringSession';
import { errorMessage } from './Toast';
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
  const { endNotice } = useScoringSession(roundId);
  const shown = onlyChair ? members.filter((m) => m.role === 'chair') : members;
  const [memberId, setMemberId] = useState(shown.length === 1 ? shown[0]!.id : '');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<{ memberId?: string; pin?: string }>({});
  const [busy, setBusy] = useState(false);
  const member = members.find((m) => m.id === memberId);

  const submit = async () => {
    if (busy) return;
    const e: { memberId?: string; pin?: string } = {};
    if (!memberId) e.memberId = '请选择评分成员';
    else if (member && !member.hasPin) e.memberId = `${member.name}尚未设置个人PIN，请先在“审核小组”页面由本人设置`;
    const p = pinSchema.safeParse(toHalfWidth(pin).trim());
    if (!p.success) e.pin = pin ? 'PIN须为6至12位数字' : '请输入PIN';
    setErrors(e);
    if (e.memberId) return document.getElementById('signin-member')?.focus();
    if (e.pin) return document.getElementById('signin-pin')?.focus();
    setBusy(true);
    try {
      const s = await signIn(roundId, memberId, p.data!);
      setPin('');
      onSignedIn?.(s);
    } catch (err) {
      setPin('');
      setErrors({ pin: err instanceof ApiError && err.fieldErrors?.pin ? err.fieldErrors.pin : errorMessage(err) });
      document.getElementById('signin-pin')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel signin-panel" aria-labelledby="signin-heading" data-testid="member-signin">
      <h2 id="signin-heading">{heading}</h2>
      {endNotice && (
        <div className="banner banner-warn" role="alert">
          <p>{endNotice}</p>
        </div>
      )}
      {intro}
      {shown.length === 0 ? (
        <p className="muted">{onlyChair ? '审核小组尚未指定组长。' : '审核小组还没有成员。'}</p>
      ) : (
        <form
          className="signin-form"
          noValidate
          onSubmit={(ev: FormEvent) => {
            ev.preventDefault();
            void submit();
          }}
        >
          <div className={`field${errors.memberId ? ' has-error' : ''}`}>
            <label htmlFor="signin-member">评分成员</label>
            <select
              id="signin-member"
              value={memberId}
              aria-invalid={errors.memberId ? true : undefined}
              aria-describedby={errors.memberId ? errorId('signin-member') : undefined}
              onChange={(ev) => {
                setMemberId(ev.target.value);
                setErrors({});
                clearEndNotice();
              }}
            >
              <option value="">请选择…</option>
              {shown.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}（{PANEL_ROLE_LABEL[m.role]}）{m.hasPin ? '' : ' — 未设置PIN'}
                </option>
              ))}
            </select>
            <FieldError id="signin-member" error={errors.memberId} />
          </div>
          <div className={`field${errors.pin ? ' has-error' : ''}`}>
            <label htmlFor="signin-pin">个人PIN</label>
            <input
              id="signin-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              value={pin}
              aria-invalid={errors.pin ? true : undefined}
              aria-describedby={errors.pin ? errorId('signin-pin') : 'signin-pin-hint'}
              onChange={(ev) => {
                setPin(ev.target.value);
                if (errors.pin) setErrors({ ...errors, pin: undefined });
              }}
            />
            <FieldError id="signin-pin" error={errors.pin} />
          </div>
          <button type="submit" className="btn btn-primary signin-button" disabled={busy}>
            {busy ? '正在核对…' : '登录'}
          </button>
        </form>
      )}
      <p className="hint" id="signin-pin-hint">
        请成员本人输入PIN。连续输错5次将锁定5分钟；闲置30分钟自动退出。忘记PIN请经办人在<Link to={{ name: 'roundReview', roundId, section: 'panel' }}>审核小组</Link>页面重置。
      </p>
    </section>
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
