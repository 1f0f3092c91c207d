import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api';
import type { AgendaView, ApplicantView } from '../../../shared/contract/slices/deliberation';
import { VOTE_CHOICE_LABEL, type VoteChoice } from '../../../shared/rules/voting';
import { ApplicantSwitcher, ItemStatusBadge, OutcomeBadge, PinSignIn, SessionStrip, type PickPerson } from '../components/DeliberationBits';
import { EXPIRED_NOTICE, actAs, isExpiry, signIn, signOut, useDelibSession, type DelibSession } from '../components/deliberationSession';
import { errorId } from '../components/Field';
import { MeetingFrame } from '../components/MeetingFrame';
import { LoadError, Loading } from '../components/Page';
import { errorMessage } from '../components/Toast';
import { useHotkey } from '../components/useHotkey';
import { useMeeting } from '../components/useMeeting';
import { formatTimestamp } from '../format';
import { navigate } from '../router';

interface Draft {
  choice: VoteChoice | null;
  reason: string;
}

interface Recorded {
  voterId: string;
  name: string;
  choice: VoteChoice;
  castAt: string;
  changed: boolean;
}

/**
 * 表决录入 on the clerk's laptop: the member picks their name and types their
 * PIN, then votes 合格 or 不合格 (a reason is required for 不合格 and for a
 * change). "已记录" appears only once the back end has committed the vote;
 * then the next member signs in. Nobody's choice is shown before everyone
 * entitled to vote has voted.
 */
export function VotePage({ meetingId, applicationId }: { meetingId: string; applicationId?: string | undefined }) {
  // the signed-in voter is sent as the viewer: the back end shows them their own vote before the ballot is complete
  const { agenda, applicant, appId } = useMeeting(meetingId, applicationId, 0, 'voter');
  const roundId = agenda.data?.meeting.roundId;
  const { session, notice } = useDelibSession('voter', roundId);
  const viewerExpired = isExpiry(applicant.error);
  useEffect(() => {
    if (viewerExpired) signOut('voter', EXPIRED_NOTICE);
  }, [viewerExpired]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [recorded, setRecorded] = useState<Recorded | null>(null);

  const pick = (id: string) => {
    setRecorded(null);
    navigate({ name: 'meeting', meetingId, view: 'vote', applicationId: id }, { replace: true });
  };

  return (
    <MeetingFrame title="表决录入" view="vote" agenda={agenda.data} agendaError={agenda.error} onRetry={agenda.reload} applicationId={appId}>
      {(a) =>
        !appId ? (
          <p className="muted">议程为空。</p>
        ) : (
          <>
            <ApplicantSwitcher agenda={a} applicationId={appId} onPick={pick} />
            {applicant.error ? (
              <LoadError error={applicant.error} onRetry={applicant.reload} />
            ) : !applicant.data ? (
              <Loading what="申请" />
            ) : (
              <VoteBody
                key={appId}
                agenda={a}
                v={applicant.data}
                session={session}
                notice={notice}
                draft={session ? drafts[`${appId}|${session.id}`] : undefined}
                setDraft={(d) => session && setDrafts((x) => ({ ...x, [`${appId}|${session.id}`]: d }))}
                recorded={recorded}
                onRecorded={(r) => {
                  setRecorded(r);
                  if (session) setDrafts((x) => ({ ...x, [`${appId}|${session.id}`]: { choice: null, reason: '' } }));
                  void applicant.reload();
                  void agenda.reload();
                }}
                onNext={() => {
                  setRecorded(null);
                  signOut('voter');
                }}
              />
            )}
          </>
        )
      }
    </MeetingFrame>
  );
}

function VoteBody({
  agenda,
  v,
  session,
  notice,
  draft,
  setDraft,
  recorded,
  onRecorded,
  onNext,
}: {
  agenda: AgendaView;
  v: ApplicantView;
  session: DelibSession | null;
  notice: string | null;
  draft: Draft | undefined;
  setDraft: (d: Draft) => void;
  recorded: Recorded | null;
  onRecorded: (r: Recorded) => void;
  onNext: () => void;
}) {
  const m = agenda.meeting;
  const complete = v.tally.state === 'majority' || v.tally.state === 'tie';
  const counted = new Map(v.votes.filter((x) => x.counted).map((x) => [x.voterId, x]));
  const voted = counted.size;
  const firstWaiting = v.seats.find((s) => s.standing === 'eligible' && !counted.has(s.id));
  const people: PickPerson[] = v.seats.map((s) => ({
    id: s.id,
    name: s.name,
    tag: s.role === 'chair' ? '组长' : s.kind === 'substitute' ? '候补成员' : undefined,
    ...(s.standing === 'eligible'
      ? { status: counted.has(s.id) ? '已表决' : '未表决', statusTone: counted.has(s.id) ? ('success' as const) : ('neutral' as const) }
      : { disabled: `${s.standingLabel}${s.note && s.standing !== 'inactive' ? `：${s.note}` : ''}，不参加表决` }),
  }));

  return (
    <div className="vote-layout">
      <section className="panel vote-applicant" aria-labelledby="vote-app-h" data-testid="vote-applicant">
        <div className="panel-header">
          <h2 id="vote-app-h">
            {v.position}. {v.applicant.name}
          </h2>
          <ItemStatusBadge status={v.status} label={v.statusLabel} />
        </div>
        <p className="small mono">{v.applicant.applicationNo}</p>
        <p data-testid="vote-progress">
          {v.tally.ballot > 1 && <strong>第{v.tally.ballot}轮表决 · </strong>}
          已表决 <strong>{voted}</strong>/{v.tally.eligible} 人
          {complete ? `。${v.tally.message}` : v.tally.state === 'incomplete' ? `；尚未表决：${v.tally.missing.map((x) => x.name).join('、')}` : `。${v.tally.message}`}
        </p>
        {v.decision && (
          <p>
            审核结论：<OutcomeBadge outcome={v.decision.outcome} />
            {v.decision.stale && <span className="warn-text">（表决有变化，须组长重新确认）</span>}
          </p>
        )}
      </section>

      {m.sealed || v.sealed ? (
        <div className="banner banner-neutral" role="note" data-testid="vote-sealed">
          <p>本次集体评议已封存，表决不能再录入或修改。</p>
        </div>
      ) : recorded && session && recorded.voterId === session.id ? (
        <RecordedBox recorded={recorded} onNext={onNext} onAgain={() => onRecorded({ ...recorded, voterId: '' })} />
      ) : session ? (
        <VoteForm v={v} meetingId={m.meetingId} session={session} draft={draft ?? { choice: null, reason: '' }} setDraft={setDraft} onRecorded={onRecorded} />
      ) : (
        <PinSignIn
          key={`${v.applicant.applicationId}-${voted}`}
          idPrefix="voter"
          testId="voter-signin"
          heading="表决成员登录"
          intro={<p className="small">请参加表决的成员选择本人姓名，输入个人PIN后表决。回避、缺席的成员不能表决。</p>}
          slot="voter"
          notice={notice}
          people={people}
          initialFocus={firstWaiting?.id}
          onSubmit={async (id, pin) => {
            await signIn('voter', { roundId: m.roundId, meetingId: m.meetingId }, id, pin);
          }}
        />
      )}
    </div>
  );
}

function RecordedBox({ recorded, onNext, onAgain }: { recorded: Recorded; onNext: () => void; onAgain: () => void }) {
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);
  return (
    <section className="panel vote-recorded" data-testid="vote-recorded" aria-labelledby="rec-h">
      <p className="recorded-mark" role="status" id="rec-h">
        <span aria-hidden="true">✓</span> 已记录
      </p>
      <p className="recorded-detail">
        {recorded.name}：{recorded.changed ? '改投' : ''}
        <strong>{VOTE_CHOICE_LABEL[recorded.choice]}</strong>（{formatTimestamp(recorded.castAt)}）
      </p>
      <p className="small muted">表决已保存，即使程序意外关闭也不会丢失。</p>
      <div className="form-actions">
        <button ref={next} type="button" className="btn btn-primary" onClick={onNext} data-testid="vote-next">
          下一位成员（退出登录）
        </button>
        <button type="button" className="btn" onClick={onAgain}>
          修改本人表决
        </button>
      </div>
    </section>
  );
}

function VoteForm({
  v,
  meetingId,
  session,
  draft,
  setDraft,
  onRecorded,
}: {
  v: ApplicantView;
  meetingId: string;
  session: DelibSession;
  draft: Draft;
  setDraft: (d: Draft) => void;
  onRecorded: (r: Recorded) => void;
}) {
  const seat = v.seats.find((s) => s.id === session.id);
  const current = v.votes.find((x) => x.voterId === session.id) ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const passRef = useRef<HTMLButtonElement>(null);
  const failRef = useRef<HTMLButtonElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const { choice, reason } = draft;
  const complete = v.tally.state === 'majority' || v.tally.state === 'tie';
  const majority = v.tally.state === 'majority' ? ((v.tally.pass ?? 0) > (v.tally.fail ?? 0) ? 'pass' : 'fail') : null;
  const myDissent = v.tally.dissents.find((d) => d.voterId === session.id && !d.reason);

  useEffect(() => {
    (choice === 'fail' ? failRef : passRef).current?.focus();
    // first render only: where the member starts
  }, []);

  const choose = (c: VoteChoice) => {
    const prefill = reason || (current?.reason ?? '');
    setDraft({ choice: c, reason: prefill });
    setError(null);
    setReasonError(null);
    window.setTimeout(() => (c === 'fail' || (current && current.choice !== c) || (majority && majority !== c) ? reasonRef.current : submitRef.current)?.focus(), 0);
  };

  const reasonRequired = choice === 'fail' || (!!current && choice !== null);
  const submit = async () => {
    if (busy) return;
    if (!choice) {
      setError('请选择“合格”或“不合格”');
      passRef.current?.focus();
      return;
    }
    const text = reason.trim();
    if (choice === 'fail' && !text) {
      setReasonError('投“不合格”票须写明理由');
      reasonRef.current?.focus();
      return;
    }
    if (current && !text) {
      setReasonError(current.choice === choice ? '补充意见须写明理由' : '改票须写明理由');
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setReasonError(null);
    try {
      const out = await actAs('voter', (actor) => api['deliberation.vote']({ meetingId, ...actor, applicationId: v.applicant.applicationId, choice, ...(text ? { reason: text } : {}) }));
      onRecorded({ voterId: session.id, name: session.name, choice: out.choice, castAt: out.castAt, changed: !!out.supersedes });
    } catch (e) {
      const msg = errorMessage(e);
      if (/理由/.test(msg)) {
        setReasonError(msg);
        reasonRef.current?.focus();
      } else {
        setError(msg);
        window.setTimeout(() => document.getElementById('vote-error')?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  };

  useHotkey('Ctrl+Enter', () => void submit());

  const arrows = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      (document.activeElement === passRef.current ? failRef : passRef).current?.focus();
    }
  };

  if (!seat || seat.standing !== 'eligible') {
    return (
      <section className="panel" data-testid="vote-not-eligible">
        <SessionStrip session={session} minutesLeft={null} role="当前登录" />
        <div className="banner banner-warn" role="alert">
          <p>{seat ? `${seat.name}对该申请${seat.standingLabel}${seat.note ? `（${seat.note}）` : ''}，不能表决。` : `${session.name}不是该申请的表决人员。`}</p>
        </div>
      </section>
    );
  }

  return (
    <section className="panel vote-form" aria-labelledby="vote-h" data-testid="vote-form">
      <SessionStrip session={session} minutesLeft={null} role="表决成员" />
      <h2 id="vote-h">
        {session.name}对“{v.applicant.name}”的表决
      </h2>
      {current?.choice && (
        <p className="current-vote" data-testid="current-vote">
          您已投：<strong>{VOTE_CHOICE_LABEL[current.choice]}</strong>（{formatTimestamp(current.castAt)}）{current.reason ? `，理由：${current.reason}` : '，未写理由'}。重新提交即改票，须写明理由。
        </p>
      )}
      {myDissent && (
        <div className="banner banner-warn" role="alert" data-testid="dissent-needed">
          <p>
            全体已表决，您的意见（{VOTE_CHOICE_LABEL[myDissent.choice]}）与多数意见不同。少数意见须书面说明理由：请保持原选择，写明理由后重新提交。
          </p>
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert" id="vote-error" tabIndex={-1} data-testid="vote-error">
          <p>{error}</p>
        </div>
      )}
      <div className="vote-buttons" role="group" aria-label="表决意见（←→ 切换，Enter 选择）">
        <button
          ref={passRef}
          type="button"
          className="vote-button vote-pass"
          aria-pressed={choice === 'pass'}
          disabled={busy}
          onKeyDown={arrows}
          onClick={() => choose('pass')}
          data-testid="vote-pass"
        >
          <span aria-hidden="true">✓</span> 合格
        </button>
        <button
          ref={failRef}
          type="button"
          className="vote-button vote-fail"
          aria-pressed={choice === 'fail'}
          disabled={busy}
          onKeyDown={arrows}
          onClick={() => choose('fail')}
          data-testid="vote-fail"
        >
          <span aria-hidden="true">✗</span> 不合格
        </button>
      </div>
      {choice && majority && choice !== majority && !myDissent && (
        <p className="hint warn-text" data-testid="against-majority">
          全体已表决，多数意见为“{VOTE_CHOICE_LABEL[majority]}”。您的选择与多数意见不同，须书面说明理由（记入会议纪要的少数意见）。
        </p>
      )}
      <div className={`field${reasonError ? ' has-error' : ''}`}>
        <label htmlFor="vote-reason">
          {choice === 'fail' ? '不合格理由' : current ? '改票理由' : '理由'}
          {reasonRequired ? <span className="req" aria-hidden="true">*</span> : <span className="muted small">（选填）</span>}
        </label>
        <textarea
          ref={reasonRef}
          id="vote-reason"
          rows={3}
          maxLength={1000}
          value={reason}
          disabled={busy}
          aria-invalid={reasonError ? true : undefined}
          aria-required={reasonRequired || undefined}
          aria-describedby={`${reasonError ? `${errorId('vote-reason')} ` : ''}vote-reason-hint`}
          onChange={(e) => {
            setDraft({ choice, reason: e.target.value });
            if (reasonError) setReasonError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.ctrlKey) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <p className="hint" id="vote-reason-hint">
          {complete ? '' : '表决意见与最终多数意见不同的，须书面说明理由（少数意见）。'}Ctrl+Enter 提交。
        </p>
        {reasonError && (
          <p className="field-error" id={errorId('vote-reason')} data-testid="vote-reason-error">
            {reasonError}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button ref={submitRef} type="button" className="btn btn-primary btn-large" disabled={busy || !choice} onClick={() => void submit()} aria-keyshortcuts="Control+Enter" data-testid="vote-submit">
          {busy ? '正在提交…' : choice ? `提交表决：${VOTE_CHOICE_LABEL[choice]}` : '提交表决'}
        </button>
        <button type="button" className="btn" onClick={() => signOut('voter')} disabled={busy}>
          取消（退出登录）
        </button>
      </div>
    </section>
  );
}
