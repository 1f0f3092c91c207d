import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api';
import { FieldError, errorId } from './Field';
import { clearEndNotice, useScoringSession } from './scoringSession';
import { errorMessage } from './Toast';

export interface SignInOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** The secret a member signs in with: the personal PIN (clerk's laptop) or the key passphrase (member's laptop). */
export interface SignInSecret {
  /** the input's id; its hint below the form is `${id}-hint` */
  id: string;
  label: string;
  kind: 'pin' | 'passphrase';
  /** the typed secret, checked: the value to send or the message for the field */
  check: (typed: string) => { value: string; error?: undefined } | { value?: undefined; error: string };
  hint: ReactNode;
}

/**
 * 评分成员登录, the one form of the clerk's laptop (PIN) and the member's
 * laptop (key passphrase): the member picks their name and types their
 * secret, which is never kept by the renderer. A failed sign-in clears the
 * secret and puts the back end's message on the field it is about.
 */
export function SignInPanel({
  roundId,
  testId,
  headingId,
  heading,
  intro,
  memberFieldId,
  options,
  initialMemberId,
  memberProblem,
  empty,
  secret,
  signIn,
}: {
  roundId: string;
  testId: string;
  headingId: string;
  heading: ReactNode;
  intro?: ReactNode;
  memberFieldId: string;
  options: SignInOption[];
  initialMemberId: string;
  /** why the chosen member cannot sign in, before asking the back end */
  memberProblem?: (memberId: string) => string | undefined;
  /** shown instead of the form (e.g. no members yet) */
  empty?: ReactNode;
  secret: SignInSecret;
  signIn: (memberId: string, secret: string) => Promise<unknown>;
}) {
  const { endNotice } = useScoringSession(roundId);
  const [memberId, setMemberId] = useState(initialMemberId);
  const [typed, setTyped] = useState('');
  const [errors, setErrors] = useState<{ memberId?: string | undefined; secret?: string | undefined }>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const e: typeof errors = {};
    if (!memberId) e.memberId = '请选择评分成员';
    else e.memberId = memberProblem?.(memberId);
    const s = secret.check(typed);
    e.secret = s.error;
    setErrors(e);
    if (e.memberId) return document.getElementById(memberFieldId)?.focus();
    if (e.secret) return document.getElementById(secret.id)?.focus();
    setBusy(true);
    try {
      await signIn(memberId, s.value!);
      setTyped('');
    } catch (err) {
      setTyped('');
      const fe = err instanceof ApiError ? err.fieldErrors : undefined;
      setErrors(fe?.memberId ? { memberId: fe.memberId } : { secret: fe?.[secret.kind] ?? errorMessage(err) });
      document.getElementById(fe?.memberId ? memberFieldId : secret.id)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const hintId = `${secret.id}-hint`;
  return (
    <section className="panel signin-panel" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{heading}</h2>
      {endNotice && (
        <div className="banner banner-warn" role="alert">
          <p>{endNotice}</p>
        </div>
      )}
      {intro}
      {empty ?? (
        <form
          className="signin-form"
          noValidate
          onSubmit={(ev: FormEvent) => {
            ev.preventDefault();
            void submit();
          }}
        >
          <div className={`field${errors.memberId ? ' has-error' : ''}`}>
            <label htmlFor={memberFieldId}>评分成员</label>
            <select
              id={memberFieldId}
              value={memberId}
              aria-invalid={errors.memberId ? true : undefined}
              aria-describedby={errors.memberId ? errorId(memberFieldId) : undefined}
              onChange={(ev) => {
                setMemberId(ev.target.value);
                setErrors({});
                clearEndNotice();
              }}
            >
              <option value="">请选择…</option>
              {options.map((o) => (
                <option key={o.value} value={o.value} disabled={o.disabled}>
                  {o.label}
                </option>
              ))}
            </select>
            <FieldError id={memberFieldId} error={errors.memberId} />
          </div>
          <div className={`field${errors.secret ? ' has-error' : ''}`}>
            <label htmlFor={secret.id}>{secret.label}</label>
            <input
              id={secret.id}
              type="password"
              autoComplete="off"
              {...(secret.kind === 'pin' ? { inputMode: 'numeric' as const, maxLength: 12 } : {})}
              value={typed}
              aria-invalid={errors.secret ? true : undefined}
              aria-describedby={errors.secret ? errorId(secret.id) : hintId}
              onChange={(ev) => {
                setTyped(ev.target.value);
                if (errors.secret) setErrors({ ...errors, secret: undefined });
              }}
            />
            <FieldError id={secret.id} error={errors.secret} />
          </div>
          <button type="submit" className="btn btn-primary signin-button" disabled={busy}>
            {busy ? '正在核对…' : '登录'}
          </button>
        </form>
      )}
      <p className="hint" id={hintId}>
        {secret.hint}
      </p>
    </section>
  );
}
