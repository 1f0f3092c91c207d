import { useMemo, useState } from 'react';
import { api, ApiError } from '../api';
import type { AgendaView, ApplicantView } from '../../../shared/contract/slices/deliberation';
import { OUTCOME_LABEL, TIE_RULE_LABEL, VOTE_CHOICE_LABEL, type Outcome, type VoteChoice } from '../../../shared/rules/voting';
import { ApplicantSwitcher, ItemStatusBadge, PinSignIn, SessionStrip } from '../components/DeliberationBits';
import { DecisionSummary } from '../components/DecisionSummary';
import { actAs, signIn, useDelibSession } from '../components/deliberationSession';
import { FieldError, SelectField, TextAreaField } from '../components/Field';
import { MeetingFrame } from '../components/MeetingFrame';
import { LoadError, Loading } from '../components/Page';
import { errorMessage, useToast } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { useMeeting } from '../components/useMeeting';
import { formatTimestamp } from '../format';
import { Link, navigate } from '../router';

/**
 * 确认审核结论 (组长): the tally and what it proposes, confirmed by the chair —
 * 不合格 with the failed rules, the panel's own reasons and one 整改建议 per
 * reason (from the presets, then edited); 合格 over a failed basic indicator
 * only with a recorded reason; 暂缓 or the chair's deciding vote on a tie, as
 * the meeting's rule says. Also 添加候补成员 for a recused or absent member.
 */
export function DecisionPage({ meetingId, applicationId }: { meetingId: string; applicationId?: string | undefined }) {
  const { agenda, applicant, appId } = useMeeting(meetingId, applicationId);
  const roundId = agenda.data?.meeting.roundId;
  const { session, notice, minutesLeft } = useDelibSession('chair', roundId);
  const chairId = agenda.data?.meeting.chair.memberId;
  const chairSession = session && session.id === chairId ? session : null;

  const pick = (id: string) => navigate({ name: 'meeting', meetingId, view: 'decide', applicationId: id }, { replace: true });

  return (
    <MeetingFrame title="确认审核结论" view="decide" agenda={agenda.data} agendaError={agenda.error} onRetry={agenda.reload} applicationId={appId}>
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
              <>
                <TallyPanel v={applicant.data} meetingId={meetingId} />
                {applicant.data.decision && (
                  <section className="panel" aria-labelledby="cur-dec-h" data-testid="current-decision">
                    <div className="panel-header">
                      <h2 id="cur-dec-h">已作出的审核结论</h2>
                      {applicant.data.decision.stale && <span className="badge badge-warn">表决有变化，须重新确认</span>}
                    </div>
                    {applicant.data.decision.stale && (
                      <div className="banner banner-warn" role="note">
                        <p>结论作出后表决有变化。请根据最新表决重新确认结论，并写明修改原因。</p>
                      </div>
                    )}
                    <DecisionSummary d={applicant.data.decision} />
                  </section>
                )}
                {a.meeting.sealed ? (
                  <div className="banner banner-neutral" role="note">
                    本次集体评议已封存，结论不能再修改。
                  </div>
                ) : (
                  <>
                    {chairSession ? (
                      <SessionStrip session={chairSession} minutesLeft={minutesLeft} role="组长已登录" />
                    ) : (
                      <PinSignIn
                        idPrefix="decide-chair"
                        testId="chair-signin"
                        heading={`组长${a.meeting.chair.name}登录（确认审核结论）`}
                        slot="chair"
                        notice={notice}
                        people={[{ id: a.meeting.chair.memberId, name: a.meeting.chair.name, tag: '组长' }]}
                        onSubmit={async (id, pin) => {
                          await signIn('chair', { roundId: a.meeting.roundId, meetingId }, id, pin);
                        }}
                      />
                    )}
                    {/* the form stays while the chair signs in again (登录已过期): nothing typed is lost */}
                    <DecisionForm
                      key={`${appId}|${applicant.data.decision?.decisionId ?? ''}|${applicant.data.tally.ballot}|${applicant.data.tally.proposed ?? ''}`}
                      agenda={a}
                      v={applicant.data}
                      signedIn={!!chairSession}
                      onDone={(next) => {
                        applicant.setData(next);
                        void agenda.reload();
                      }}
                    />
                    {chairSession && applicant.data.replaceable.length > 0 && applicant.data.status !== 'decided' && (
                      <SubstituteForm
                        roundId={a.meeting.roundId}
                        meetingId={meetingId}
                        v={applicant.data}
                        onDone={(next) => {
                          applicant.setData(next);
                          void agenda.reload();
                        }}
                      />
                    )}
                  </>
                )}
                {applicant.data.decisionHistory.length > 0 && <History v={applicant.data} />}
              </>
            )}
          </>
        )
      }
    </MeetingFrame>
  );
}

function TallyPanel({ v, meetingId }: { v: ApplicantView; meetingId: string }) {
  const t = v.tally;
  const complete = t.state === 'majority' || t.state === 'tie';
  const tone = t.state === 'tie' ? 'warn' : t.state === 'majority' || t.state === 'incomplete' ? 'neutral' : 'error';
  const unexplained = t.dissents.filter((d) => !d.reason);
  return (
    <section className="panel" aria-labelledby="tally-h" data-testid="tally">
      <div className="panel-header">
        <h2 id="tally-h">
          {v.position}. {v.applicant.name}
          {t.ballot > 1 && <span className="muted small">（第{t.ballot}轮表决）</span>}
        </h2>
        <ItemStatusBadge status={v.status} label={v.statusLabel} />
      </div>
      <div className={`banner banner-${tone}`} role="status" data-testid="tally-message">
        <p>{t.message}</p>
        {!t.quorumMet && (
          <p className="small">
            最少表决人数 {t.minMembers} 人（{t.citation}）。
          </p>
        )}
      </div>
      {complete && (
        <div className="table-wrap">
          <table className="data-table compact" data-testid="tally-votes">
            <thead>
              <tr>
                <th scope="col">表决人</th>
                <th scope="col">意见</th>
                <th scope="col">理由</th>
                <th scope="col">时间</th>
              </tr>
            </thead>
            <tbody>
              {v.votes
                .filter((x) => x.counted)
                .map((x) => (
                  <tr key={x.voteId}>
                    <td>
                      {x.name}
                      {x.kind === 'substitute' && <span className="muted small">（候补）</span>}
                    </td>
                    <td>
                      <span className={`choice-text choice-${x.choice ?? 'hidden'}`}>{x.choice ? VOTE_CHOICE_LABEL[x.choice] : '—'}</span>
                      {x.revisions > 0 && <span className="muted small">（改过{x.revisions}次）</span>}
                    </td>
                    <td className="wrap">{x.reason ?? <span className="muted">—</span>}</td>
                    <td className="small">{formatTimestamp(x.castAt)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      {unexplained.length > 0 && (
        <div className="banner banner-warn" role="alert" data-testid="dissent-missing">
          <p>
            <strong>少数意见尚未书面说明理由：</strong>
            {unexplained.map((d) => `${d.name}（${VOTE_CHOICE_LABEL[d.choice]}）`).join('、')}
          </p>
          <p className="small">
            请其在<Link to={{ name: 'meeting', meetingId, view: 'vote', applicationId: v.applicant.applicationId }}>表决录入</Link>
            中以本人PIN重新提交原意见并写明理由，然后再确认结论。
          </p>
        </div>
      )}
    </section>
  );
}

interface AdviceDraft {
  presetId: string | null;
  text: string;
}

function DecisionForm({ agenda, v, signedIn, onDone }: { agenda: AgendaView; v: ApplicantView; signedIn: boolean; onDone: (v: ApplicantView) => void }) {
  const toast = useToast();
  const m = agenda.meeting;
  const d = v.decision;
  const proposed = v.tally.proposed;
  // a decision stands and the votes are unchanged: the chair may still correct reasons or advice
  const [editing, setEditing] = useState(false);
  const fixedOutcome: Outcome | null = proposed && proposed !== 'casting_needed' ? proposed : d && !d.stale && editing ? d.outcome : null;
  const [casting, setCasting] = useState<{ choice: VoteChoice | null; reason: string }>(() => ({
    choice: d?.tie?.casting?.choice ?? null,
    reason: d?.tie?.casting?.reason ?? '',
  }));
  const outcome: Outcome | null = proposed === 'casting_needed' ? casting.choice : fixedOutcome;

  const presets = useMemo(() => new Map(v.advicePresets.map((p) => [p.code, p.presets])), [v.advicePresets]);
  const firstAdvice = (code: string): AdviceDraft => {
    const p = presets.get(code)?.[0];
    return { presetId: p?.id ?? null, text: p?.text ?? '' };
  };
  const [panel, setPanel] = useState<Record<string, string>>(() => Object.fromEntries((d?.reasons ?? []).filter((r) => r.kind === 'panel').map((r) => [r.code, r.text])));
  const [advice, setAdvice] = useState<Record<string, AdviceDraft>>(() => {
    const out: Record<string, AdviceDraft> = {};
    for (const r of v.reasonOptions) out[r.code] = firstAdvice(r.code);
    for (const a of d?.advice ?? []) out[a.code] = { presetId: a.presetId, text: a.text };
    return out;
  });
  const [override, setOverride] = useState(d?.override?.reason ?? '');
  const [changeReason, setChangeReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** a field edited after a refusal: its message goes */
  const clearErr = (key: string) =>
    setErrors((cur) => {
      if (!(key in cur)) return cur;
      const next = { ...cur };
      delete next[key];
      return next;
    });

  const reasonCodes = outcome === 'fail' ? [...v.reasonOptions.map((r) => r.code), ...v.panelReasonPresets.filter((p) => p.code in panel).map((p) => p.code)] : [];
  const titleOf = (code: string) => v.reasonOptions.find((r) => r.code === code)?.title ?? v.panelReasonPresets.find((p) => p.code === code)?.title ?? code;
  const needChangeReason = !!d;

  const submit = async () => {
    if (busy || !outcome) return;
    const e: Record<string, string> = {};
    if (proposed === 'casting_needed' && !casting.reason.trim()) e['casting-reason'] = '组长投决定票须写明理由';
    if (outcome === 'fail') {
      if (reasonCodes.length === 0) e.panelReasons = '基础性指标均符合时，请选择并填写审核小组的理由';
      for (const [code, text] of Object.entries(panel)) if (!text.trim()) e[`panel-${code}`] = `请填写“${titleOf(code)}”的具体理由`;
      for (const code of reasonCodes) if (!advice[code]?.text.trim()) e[`advice-${code}`] = `请填写针对“${titleOf(code)}”的整改建议`;
    }
    if (outcome === 'pass' && v.overrideNeeded.length > 0 && !override.trim()) e.override = '请填写认定合格的理由';
    if (needChangeReason && !changeReason.trim()) e.changeReason = '已作出审核结论，修改须写明修改原因';
    setErrors(e);
    setFormError(null);
    if (Object.keys(e).length > 0) {
      const key = Object.keys(e)[0]!;
      document.getElementById(`dec-${key}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const next = await actAs('chair', (actor) =>
        api['deliberation.decide']({
          meetingId: m.meetingId,
          ...actor,
          applicationId: v.applicant.applicationId,
          outcome,
          panelReasons: outcome === 'fail' ? Object.entries(panel).map(([code, text]) => ({ code, text: text.trim() })) : [],
          advice: outcome === 'fail' ? reasonCodes.map((code) => ({ code, ...(advice[code]!.presetId ? { presetId: advice[code]!.presetId! } : {}), text: advice[code]!.text.trim() })) : [],
          ...(outcome === 'pass' && v.overrideNeeded.length > 0 ? { override: { reason: override.trim() } } : {}),
          ...(proposed === 'casting_needed' && casting.choice ? { castingVote: { choice: casting.choice, reason: casting.reason.trim() } } : {}),
          ...(needChangeReason ? { changeReason: changeReason.trim() } : {}),
        }),
      );
      toast.success(`已确认“${v.applicant.name}”的审核结论：${OUTCOME_LABEL[outcome]}`);
      onDone(next);
    } catch (err) {
      const fe = err instanceof ApiError ? (err.fieldErrors ?? {}) : {};
      const mapped: Record<string, string> = {};
      if (fe.override) mapped.override = fe.override;
      if (fe.changeReason) mapped.changeReason = fe.changeReason;
      if (fe.advice) mapped.adviceAll = fe.advice;
      if (fe.panelReasons) mapped.panelReasons = fe.panelReasons;
      setErrors(mapped);
      setFormError(errorMessage(err));
      window.setTimeout(() => document.getElementById('dec-error')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  if (!proposed && !(d && !d.stale)) {
    return (
      <section className="panel" data-testid="decision-waiting">
        <h2>确认结论</h2>
        <p>尚不能作出审核结论：{v.tally.message}。</p>
      </section>
    );
  }

  if (!proposed && d && !d.stale && !editing) {
    return (
      <section className="panel" data-testid="decision-done">
        <h2>确认结论</h2>
        <p>已按表决结果确认结论。如理由或整改建议需要更正，可以修改（须写明修改原因，各成员须重新确认会议纪要）。</p>
        <button type="button" className="btn" onClick={() => setEditing(true)} disabled={!signedIn}>
          修改理由或整改建议…
        </button>
      </section>
    );
  }

  const choiceButtons: { key: Outcome | 'casting_needed'; label: string }[] = [
    { key: 'pass', label: '合格' },
    { key: 'fail', label: '不合格' },
    { key: 'held', label: '暂缓（待重新表决）' },
    ...(m.tieRule === 'chair_casting' ? [{ key: 'casting_needed' as const, label: '组长投决定票' }] : []),
  ];
  const active = proposed ?? fixedOutcome;

  return (
    <section className="panel decision-form" aria-labelledby="dec-h" data-testid="decision-form">
      <h2 id="dec-h">确认结论</h2>
      <p>
        {proposed === 'casting_needed'
          ? `票数相同，按本次会议规则（${TIE_RULE_LABEL.chair_casting}），由组长${m.chair.name}投决定票并写明理由。`
          : proposed === 'held'
            ? `票数相同，按本次会议规则（${m.tieRuleLabel}）暂缓决定；暂缓后由候补成员替代回避或缺席的成员重新表决。系统不自行决定。`
            : `按表决结果，结论为“${OUTCOME_LABEL[fixedOutcome!]}”。请核对后确认。`}
      </p>
      <div className="outcome-buttons" role="group" aria-label="审核结论">
        {choiceButtons.map((b) => (
          <span key={b.key} className={`outcome-choice${active === b.key ? ' is-active' : ''}`} aria-disabled={active !== b.key}>
            {active === b.key ? '▶ ' : ''}
            {b.label}
          </span>
        ))}
      </div>

      {formError && (
        <div className="banner banner-error" role="alert" id="dec-error" tabIndex={-1} data-testid="decision-error">
          <p>{formError}</p>
        </div>
      )}

      {proposed === 'casting_needed' && (
        <fieldset className="field choice-group" id="dec-casting">
          <legend>组长决定票</legend>
          <div className="choices">
            {(['pass', 'fail'] as const).map((c) => (
              <label key={c} className={`choice${casting.choice === c ? ' checked' : ''}`} htmlFor={`cast-${c}`}>
                <input id={`cast-${c}`} type="radio" name="casting" checked={casting.choice === c} onChange={() => setCasting({ ...casting, choice: c })} />
                <span>{VOTE_CHOICE_LABEL[c]}</span>
              </label>
            ))}
          </div>
          <TextAreaField id="dec-casting-reason" label="决定票理由" required value={casting.reason} error={errors['casting-reason']} onChange={(e) => {
              setCasting({ ...casting, reason: e.target.value });
              clearErr('casting-reason');
            }} />
        </fieldset>
      )}

      {outcome === 'fail' && (
        <FailReasons
          v={v}
          panel={panel}
          setPanel={(next) => {
            setPanel(next);
            setAdvice((cur) => {
              const out = { ...cur };
              for (const code of Object.keys(next)) out[code] ??= firstAdvice(code);
              return out;
            });
          }}
          advice={advice}
          setAdvice={setAdvice}
          reasonCodes={reasonCodes}
          titleOf={titleOf}
          presets={presets}
          errors={errors}
          clearErr={clearErr}
        />
      )}

      {outcome === 'pass' && v.overrideNeeded.length > 0 && (
        <div className="override-box" data-testid="override-box">
          <div className="banner banner-warn" role="note">
            <p>
              <strong>以下基础性指标{v.overrideNeeded.some((x) => x.state === 'pending') ? '不符合或尚未核查' : '不符合'}</strong>，认定合格须由审核小组明确记录理由（推翻基础性指标结论），并记入会议纪要：
            </p>
            <ul className="plain-list">
              {v.overrideNeeded.map((x) => (
                <li key={x.code}>
                  {x.state === 'fail' ? '✗ 不符合' : '? 未核查'}：{x.title}
                </li>
              ))}
            </ul>
          </div>
          <TextAreaField id="dec-override" label="认定合格的理由" required value={override} error={errors.override} onChange={(e) => {
              setOverride(e.target.value);
              clearErr('override');
            }} />
        </div>
      )}

      {needChangeReason && (
        <TextAreaField
          id="dec-changeReason"
          label="修改原因"
          required
          hint="已作出的结论不会删除；修改后的结论另行记录，并记入会议纪要。"
          value={changeReason}
          error={errors.changeReason}
          onChange={(e) => {
            setChangeReason(e.target.value);
            clearErr('changeReason');
          }}
        />
      )}

      <div className="form-actions">
        <button type="button" className={`btn btn-large ${outcome === 'fail' ? 'btn-danger' : 'btn-primary'}`} disabled={busy || !outcome || !signedIn} onClick={() => void submit()} data-testid="decide-submit">
          {busy ? '正在确认…' : outcome ? `确认审核结论：${OUTCOME_LABEL[outcome]}` : '请先投决定票'}
        </button>
        {!signedIn && <span className="muted small">组长输入PIN登录后才能确认</span>}
        {editing && (
          <button type="button" className="btn" onClick={() => setEditing(false)}>
            取消修改
          </button>
        )}
      </div>
    </section>
  );
}

function FailReasons({
  v,
  panel,
  setPanel,
  advice,
  setAdvice,
  reasonCodes,
  titleOf,
  presets,
  errors,
  clearErr,
}: {
  clearErr: (key: string) => void;
  v: ApplicantView;
  panel: Record<string, string>;
  setPanel: (p: Record<string, string>) => void;
  advice: Record<string, AdviceDraft>;
  setAdvice: (f: (cur: Record<string, AdviceDraft>) => Record<string, AdviceDraft>) => void;
  reasonCodes: string[];
  titleOf: (code: string) => string;
  presets: Map<string, { id: string; text: string }[]>;
  errors: Record<string, string>;
}) {
  return (
    <div className="fail-reasons" data-testid="fail-reasons">
      <h3>不合格理由</h3>
      {v.reasonOptions.length > 0 ? (
        <>
          <p className="small">以下基础性指标不符合，自动列为理由：</p>
          <ol className="reason-list" data-testid="auto-reasons">
            {v.reasonOptions.map((r) => (
              <li key={r.code}>
                <strong>{r.title}</strong>
                {r.citation && <span className="citation">{r.citation}</span>}
                <div>{r.text}</div>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="small">基础性指标均符合，请选择审核小组的理由。</p>
      )}
      <fieldset className="field" id="dec-panelReasons" tabIndex={-1}>
        <legend>审核小组的理由{v.reasonOptions.length === 0 && <span className="req">*</span>}</legend>
        <div className="panel-reasons">
          {v.panelReasonPresets.map((p) => {
            const on = p.code in panel;
            return (
              <div key={p.code} className={`panel-reason${on ? ' is-on' : ''}`}>
                <label className="choice" htmlFor={`pr-${p.code}`}>
                  <input
                    id={`pr-${p.code}`}
                    type="checkbox"
                    checked={on}
                    onChange={(e) => {
                      const next = { ...panel };
                      if (e.target.checked) next[p.code] = p.text;
                      else delete next[p.code];
                      setPanel(next);
                      clearErr('panelReasons');
                    }}
                  />
                  <span>{p.title}</span>
                </label>
                {on && (
                  <TextAreaField
                    id={`dec-panel-${p.code}`}
                    label={`“${p.title}”的具体理由`}
                    required
                    rows={2}
                    value={panel[p.code] ?? ''}
                    error={errors[`panel-${p.code}`]}
                    onChange={(e) => {
                      setPanel({ ...panel, [p.code]: e.target.value });
                      clearErr(`panel-${p.code}`);
                    }}
                  />
                )}
              </div>
            );
          })}
        </div>
        <FieldError id="dec-panelReasons" error={errors.panelReasons} />
      </fieldset>

      <h3>整改建议</h3>
      <p className="small">每项理由提出一条整改建议：先选模板，再按该机构的情况修改。</p>
      <FieldError id="dec-adviceAll" error={errors.adviceAll} />
      {reasonCodes.length === 0 ? (
        <p className="muted">请先选择理由。</p>
      ) : (
        <ol className="advice-list" data-testid="advice-list">
          {reasonCodes.map((code) => {
            const list = presets.get(code) ?? [];
            const cur = advice[code] ?? { presetId: null, text: '' };
            return (
              <li key={code} className="advice-item" data-testid={`advice-${code}`}>
                <p className="advice-for">针对：{titleOf(code)}</p>
                {list.length > 0 && (
                  <SelectField
                    id={`dec-preset-${code}`}
                    label="整改建议模板"
                    value={cur.presetId ?? ''}
                    onChange={(e) => {
                      const p = list.find((x) => x.id === e.target.value);
                      setAdvice((all) => ({ ...all, [code]: { presetId: p?.id ?? null, text: p?.text ?? all[code]?.text ?? '' } }));
                    }}
                  >
                    <option value="">（不用模板，自行填写）</option>
                    {list.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.text || '（空白模板）'}
                      </option>
                    ))}
                  </SelectField>
                )}
                <TextAreaField
                  id={`dec-advice-${code}`}
                  label="整改建议"
                  required
                  rows={2}
                  value={cur.text}
                  error={errors[`advice-${code}`]}
                  onChange={(e) => {
                    setAdvice((all) => ({ ...all, [code]: { presetId: all[code]?.presetId ?? null, text: e.target.value } }));
                    clearErr(`advice-${code}`);
                  }}
                />
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function SubstituteForm({ roundId, meetingId, v, onDone }: { roundId: string; meetingId: string; v: ApplicantView; onDone: (v: ApplicantView) => void }) {
  const toast = useToast();
  const persons = useLoad(() => api['persons.list']({}), []);
  const panel = useLoad(() => api['panel.get']({ roundId }), [roundId]);
  const [open, setOpen] = useState(false);
  const [personId, setPersonId] = useState('');
  const [replaces, setReplaces] = useState(v.replaceable.length === 1 ? v.replaceable[0]!.memberId : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const onPanel = new Set((panel.data?.members ?? []).map((m) => m.personId));
  const candidates = (persons.data ?? []).filter((p) => !onPanel.has(p.id));

  const submit = async () => {
    const e: Record<string, string> = {};
    if (!personId) e.personId = '请选择候补成员';
    if (!replaces) e.replaces = '请选择被替代的成员';
    if (!reason.trim()) e.reason = '请填写替代原因';
    setErrors(e);
    if (Object.keys(e).length) return document.getElementById(`sub-${Object.keys(e)[0]}`)?.focus();
    setBusy(true);
    try {
      const next = await actAs('chair', (actor) => api['deliberation.addSubstitute']({ meetingId, ...actor, applicationId: v.applicant.applicationId, personId, replacesMemberId: replaces, reason: reason.trim() }));
      toast.success('已添加候补成员，请其登录表决');
      setOpen(false);
      onDone(next);
    } catch (err) {
      setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="sub-h" data-testid="substitute">
      <div className="panel-header">
        <h2 id="sub-h">候补成员</h2>
        {!open && (
          <button type="button" className="btn" onClick={() => setOpen(true)}>
            添加候补成员…
          </button>
        )}
      </div>
      <p className="small">
        可替代：{v.replaceable.map((r) => `${r.name}（${r.standing === 'absent' ? '缺席' : '回避'}）`).join('、')}。候补成员只参加对本申请的表决，并须确认会议纪要。
      </p>
      {open && (
        <form
          className="grid"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {errors.form && (
            <div className="banner banner-error span-full" role="alert">
              <p>{errors.form}</p>
            </div>
          )}
          <SelectField id="sub-personId" label="候补成员" required value={personId} error={errors.personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">请选择…</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id} disabled={!p.hasPin}>
                {p.name}
                {p.employer ? `（${p.employer}）` : ''}
                {p.hasPin ? '' : ' — 未设置PIN'}
              </option>
            ))}
          </SelectField>
          <SelectField id="sub-replaces" label="替代的成员" required value={replaces} error={errors.replaces} onChange={(e) => setReplaces(e.target.value)}>
            <option value="">请选择…</option>
            {v.replaceable.map((r) => (
              <option key={r.memberId} value={r.memberId}>
                {r.name}（{r.standing === 'absent' ? '缺席' : '回避'}）
              </option>
            ))}
          </SelectField>
          <TextAreaField id="sub-reason" label="替代原因" required span="full" value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
          <div className="form-actions span-full">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? '正在添加…' : '添加候补成员'}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              取消
            </button>
          </div>
          <p className="hint span-full">
            候补成员须已在<Link to={{ name: 'roundReview', roundId, section: 'panel' }}>审核小组</Link>页面的人员库中登记并设置PIN。
          </p>
        </form>
      )}
    </section>
  );
}

function History({ v }: { v: ApplicantView }) {
  return (
    <section className="panel" aria-labelledby="hist-h">
      <details>
        <summary>
          <h2 id="hist-h" className="inline-h">
            以前的结论（{v.decisionHistory.length}）
          </h2>
        </summary>
        {v.decisionHistory.map((d) => (
          <DecisionSummary key={d.decisionId} d={d} />
        ))}
      </details>
    </section>
  );
}
