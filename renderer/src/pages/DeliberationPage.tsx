import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import type { AgendaView } from '../../../shared/contract/slices/deliberation';
import type { PanelView } from '../../../shared/contract/slices/panel';
import type { Output } from '../../../shared/contract/methods';
import { PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { SERVICE_TYPE_LABEL } from '../../../shared/domain/enums';
import { Badge } from '../components/Badge';
import { ConfirmDialog } from '../components/Dialog';
import { AgendaProgress, BASIC_LOOK, DeliberationLinks, rankText, ItemStatusBadge, MeetingNav, OutcomeBadge, PinSignIn, SessionStrip } from '../components/DeliberationBits';
import { actAs, signIn, useDelibSession } from '../components/deliberationSession';
import { FieldError, TextField } from '../components/Field';
import { Breadcrumbs, Kbd, LoadError, Loading, PageHeading } from '../components/Page';
import { useToast, errorMessage } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { useToday } from '../components/AppContext';
import { formatDate, formatTimestamp } from '../format';
import { Link } from '../router';

type Status = Output<'deliberation.status'>;

/**
 * 集体评议 of a round: what keeps a meeting from opening, the opening form
 * (date, place, attendance, tie rule) for the chair, and once open the agenda
 * with its progress and the discussion order (the chair moves items up and
 * down with the keyboard).
 */
export function DeliberationPage({ roundId }: { roundId: string }) {
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const status = useLoad(() => api['deliberation.status']({ roundId }), [roundId]);
  const panel = useLoad(() => api['panel.get']({ roundId }), [roundId]);
  const openId = status.data?.openMeetingId ?? null;
  const agenda = useLoad(() => (openId ? api['deliberation.agenda']({ meetingId: openId }) : Promise.resolve(null)), [openId]);

  const title = '集体评议';
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
  const a = agenda.data;

  return (
    <div className="page delib-page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: r.name, to: { name: 'round', roundId } }, { label: title }]} />
      <PageHeading title={title}>
        <p className="lead">
          {r.name} · 审核小组对每个申请集体评议，逐人表决“合格”或“不合格”，组长确认结论，全体确认会议纪要后封存。
        </p>
      </PageHeading>
      {a ? <MeetingNav roundId={roundId} meetingId={a.meeting.meetingId} applicationId={a.items[0]?.applicationId} current="agenda" /> : <DeliberationLinks roundId={roundId} />}

      {status.error ? (
        <LoadError error={status.error} onRetry={status.reload} />
      ) : !status.data || !panel.data ? (
        <Loading what="评议状态" />
      ) : a ? (
        <Agenda
          agenda={a}
          panel={panel.data}
          onChanged={(next) => {
            agenda.setData(next);
          }}
        />
      ) : openId && agenda.error ? (
        <LoadError error={agenda.error} onRetry={agenda.reload} />
      ) : openId ? (
        <Loading what="议程" />
      ) : (
        <Opening
          roundId={roundId}
          status={status.data}
          panel={panel.data}
          roundOpen={r.status === 'open'}
          onOpened={(next) => {
            agenda.setData(next);
            void status.reload();
          }}
        />
      )}

      {status.data && status.data.meetings.length > 0 && <PastMeetings status={status.data} />}
    </div>
  );
}

// ---------------------------------------------------------------------------
// Opening

function Blockers({ status }: { status: Status }) {
  const shown = status.blockers.filter((b) => b.code !== 'meeting_open');
  if (shown.length === 0) return null;
  return (
    <div className="banner banner-warn" role="note" data-testid="deliberation-blockers">
      <p>
        <strong>暂不能召开集体评议：</strong>
      </p>
      <ul className="plain-list">
        {shown.map((b) => (
          <li key={b.code + b.message}>{b.message}</li>
        ))}
      </ul>
      <p className="small">
        评分进度和待办见<Link to={{ name: 'roundReview', roundId: status.roundId, section: 'results' }}>评审结果</Link>。
      </p>
    </div>
  );
}

interface Attendance {
  present: boolean;
  note: string;
}

function Opening({ roundId, status, panel, roundOpen, onOpened }: { roundId: string; status: Status; panel: PanelView; roundOpen: boolean; onOpened: (a: AgendaView) => void }) {
  const toast = useToast();
  const today = useToday();
  const chair = panel.members.find((m) => m.role === 'chair') ?? null;
  const { session, notice, minutesLeft } = useDelibSession('chair', roundId);
  const chairSession = session && chair && session.id === chair.id ? session : null;
  const defaultRule = status.tieRules.find((t) => t.isDefault)?.id ?? status.tieRules[0]?.id ?? 'revote_substitute';
  const [heldOn, setHeldOn] = useState(today);
  const [place, setPlace] = useState('');
  const [att, setAtt] = useState<Record<string, Attendance>>(() => Object.fromEntries(panel.members.map((m) => [m.id, { present: true, note: '' }])));
  const [tieRule, setTieRule] = useState(defaultRule);
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const presentCount = panel.members.filter((m) => att[m.id]?.present).length;
  const min = panel.rule.minMembers;

  const submit = async () => {
    if (busy || !chair) return;
    const e: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) e.heldOn = '请填写会议日期';
    if (!place.trim()) e.place = '请填写会议地点';
    if (!att[chair.id]?.present) e.presentMemberIds = '组长须出席并主持集体评议';
    if (!chairSession && !/^\d{6,12}$/.test(pin.trim())) e.pin = pin ? 'PIN须为6至12位数字' : `请${chair.name}输入PIN`;
    setErrors(e);
    setFormError(null);
    if (Object.keys(e).length > 0) {
      const first = e.heldOn ? 'open-heldOn' : e.place ? 'open-place' : e.presentMemberIds ? `att-${chair.id}` : 'open-pin';
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    try {
      if (!chairSession) await signIn('chair', { roundId }, chair.id, pin.trim());
      setPin('');
      const out = await actAs('chair', (actor) =>
        api['deliberation.open']({
          roundId,
          ...actor,
          heldOn,
          place: place.trim(),
          presentMemberIds: panel.members.filter((m) => att[m.id]?.present).map((m) => m.id),
          absences: panel.members.filter((m) => !att[m.id]?.present).map((m) => ({ memberId: m.id, ...(att[m.id]?.note.trim() ? { note: att[m.id]!.note.trim() } : {}) })),
          tieRule,
        }),
      );
      toast.success(`第${out.meeting.seq}次集体评议已开始`);
      onOpened(out);
    } catch (err) {
      setPin('');
      const fe = err instanceof ApiError ? (err.fieldErrors ?? {}) : {};
      const fields = { ...(fe.pin ? { pin: fe.pin } : {}), ...(fe.place ? { place: fe.place } : {}), ...(fe.heldOn ? { heldOn: fe.heldOn } : {}) };
      setErrors(fields);
      // a field's own message is shown at the field; anything else above the form
      if (Object.keys(fields).length > 0) {
        document.getElementById(fields.pin ? 'open-pin' : fields.place ? 'open-place' : 'open-heldOn')?.focus();
      } else {
        setFormError(errorMessage(err));
        window.setTimeout(() => document.getElementById('open-error')?.focus(), 0);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Blockers status={status} />
      {status.canOpen && !roundOpen && <div className="banner banner-neutral">本批次已关闭，不能召开集体评议。</div>}
      <section className="panel" aria-labelledby="open-h" data-testid="open-meeting">
        <div className="panel-header">
          <h2 id="open-h">召开第{status.meetings.length + 1}次集体评议</h2>
          <p className="material-tally">待评议的申请 {status.pendingApplicants} 个 · 由组长{chair ? chair.name : '（未指定）'}主持</p>
        </div>
        {!chair ? (
          <p className="muted">审核小组尚未指定组长。</p>
        ) : (
          <form
            className="open-form"
            noValidate
            onSubmit={(ev: FormEvent) => {
              ev.preventDefault();
              void submit();
            }}
          >
            {formError && (
              <div className="banner banner-error" role="alert" id="open-error" tabIndex={-1} data-testid="open-error">
                <p>{formError}</p>
              </div>
            )}
            <div className="grid">
              <TextField id="open-heldOn" label="会议日期" type="date" required value={heldOn} error={errors.heldOn} onChange={(e) => {
                  setHeldOn(e.target.value);
                  if (errors.heldOn) setErrors({ ...errors, heldOn: '' });
                }}
              />
              <TextField id="open-place" label="会议地点" required value={place} error={errors.place} maxLength={100} placeholder="例如：医保中心三楼会议室"
                onChange={(e) => {
                  setPlace(e.target.value);
                  if (errors.place) setErrors({ ...errors, place: '' });
                }}
              />
            </div>
            <fieldset className="field attendance" aria-describedby="att-hint">
              <legend>
                出席情况<span className="req" aria-hidden="true">*</span>
              </legend>
              <p className="hint" id="att-hint">
                取消勾选表示缺席，可填写缺席原因。出席 <strong>{presentCount}</strong> 人（须不少于{min}人，{panel.rule.citation}）。
              </p>
              <table className="data-table compact attendance-table">
                <thead>
                  <tr>
                    <th scope="col">出席</th>
                    <th scope="col">成员</th>
                    <th scope="col">缺席原因</th>
                  </tr>
                </thead>
                <tbody>
                  {panel.members.map((m) => {
                    const a = att[m.id] ?? { present: true, note: '' };
                    return (
                      <tr key={m.id} data-testid={`att-row-${m.name}`}>
                        <td>
                          <input
                            id={`att-${m.id}`}
                            type="checkbox"
                            checked={a.present}
                            aria-label={`${m.name}出席`}
                            onChange={(e) => setAtt({ ...att, [m.id]: { ...a, present: e.target.checked } })}
                          />
                        </td>
                        <td>
                          <label htmlFor={`att-${m.id}`}>
                            {m.name}
                            <span className="muted small">（{PANEL_ROLE_LABEL[m.role]}）</span>
                          </label>
                        </td>
                        <td>
                          {a.present ? (
                            <span className="muted small" aria-label="出席，无需填写">—</span>
                          ) : (
                            <input
                              type="text"
                              className="absence-note"
                              aria-label={`${m.name}缺席原因`}
                              placeholder="请假、出差…（选填）"
                              maxLength={200}
                              value={a.note}
                              onChange={(e) => setAtt({ ...att, [m.id]: { ...a, note: e.target.value } })}
                            />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {presentCount < min && (
                <p className="field-error" role="alert">
                  出席成员{presentCount}人，少于{min}人，不能召开集体评议
                </p>
              )}
              <FieldError id="open-present" error={errors.presentMemberIds} />
            </fieldset>
            <fieldset className="field choice-group" id="open-tieRule">
              <legend>票数相同时的处理规则</legend>
              <div className="choices vertical">
                {status.tieRules.map((t) => (
                  <label key={t.id} className={`choice${tieRule === t.id ? ' checked' : ''}`} htmlFor={`tie-${t.id}`}>
                    <input id={`tie-${t.id}`} type="radio" name="tieRule" value={t.id} checked={tieRule === t.id} onChange={() => setTieRule(t.id)} />
                    <span>
                      {t.label}
                      {t.isDefault && <strong className="default-mark">（默认）</strong>}
                    </span>
                  </label>
                ))}
              </div>
              <p className="hint">只有出现双数表决人数且票数相同时才适用；所用规则记入会议纪要。</p>
            </fieldset>
            {chairSession ? (
              <SessionStrip session={chairSession} minutesLeft={minutesLeft} role="组长已登录" />
            ) : (
              <div className={`field pin-inline${errors.pin ? ' has-error' : ''}`}>
                {notice && <p className="banner banner-warn">{notice}</p>}
                <label htmlFor="open-pin">组长{chair.name}的PIN</label>
                <input
                  id="open-pin"
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={12}
                  value={pin}
                  aria-invalid={errors.pin ? true : undefined}
                  aria-describedby={errors.pin ? 'open-pin-error' : undefined}
                  onChange={(e) => {
                    setPin(e.target.value);
                    if (errors.pin) setErrors({ ...errors, pin: '' });
                  }}
                />
                <FieldError id="open-pin" error={errors.pin} />
              </div>
            )}
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !status.canOpen || !roundOpen}>
                {busy ? '正在开始…' : '开始集体评议'}
              </button>
              {!status.canOpen && <span className="muted small">先处理上面列出的事项</span>}
            </div>
          </form>
        )}
      </section>
    </>
  );
}

// ---------------------------------------------------------------------------
// Agenda

function Agenda({ agenda, panel, onChanged }: { agenda: AgendaView; panel: PanelView; onChanged: (a: AgendaView) => void }) {
  const toast = useToast();
  const m = agenda.meeting;
  const { session, notice, minutesLeft } = useDelibSession('chair', m.roundId);
  const chairSession = session && session.id === m.chair.memberId ? session : null;
  const [busy, setBusy] = useState(false);
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    const id = focusAfter.current;
    if (!id) return;
    focusAfter.current = null;
    const el = document.getElementById(id) as HTMLButtonElement | null;
    if (el && !el.disabled) el.focus();
    else document.getElementById(id.replace(/^move-(up|down)/, (_, d: string) => `move-${d === 'up' ? 'down' : 'up'}`))?.focus();
  }, [agenda]);

  const move = async (applicationId: string, dir: -1 | 1) => {
    if (busy) return;
    const ids = agenda.items.map((x) => x.applicationId);
    const i = ids.indexOf(applicationId);
    const j = i + dir;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    setBusy(true);
    try {
      const next = await actAs('chair', (actor) => api['deliberation.setOrder']({ meetingId: m.meetingId, ...actor, applicationIds: ids }));
      focusAfter.current = `move-${dir < 0 ? 'up' : 'down'}-${applicationId}`;
      onChanged(next);
      const name = agenda.items[i]!.name;
      toast.info(`“${name}”已移到第${j + 1}位`);
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  const canReorder = !m.sealed && !!chairSession;
  return (
    <>
      <section className="panel meeting-card" aria-labelledby="meeting-h" data-testid="meeting-card">
        <div className="panel-header">
          <h2 id="meeting-h">
            第{m.seq}次集体评议{m.sealed && <Badge tone="neutral">已封存</Badge>}
          </h2>
          <Link to={{ name: 'meeting', meetingId: m.meetingId, view: 'present', ...(agenda.items[0] ? { applicationId: agenda.items[0].applicationId } : {}) }} className="btn btn-primary" aria-keyshortcuts="Alt+V">
            进入会议模式（投影） <Kbd>Alt+V</Kbd>
          </Link>
        </div>
        <dl className="fact-list meeting-facts">
          <div>
            <dt>日期</dt>
            <dd>{formatDate(m.heldOn)}</dd>
          </div>
          <div>
            <dt>地点</dt>
            <dd>{m.place}</dd>
          </div>
          <div>
            <dt>主持</dt>
            <dd>组长 {m.chair.name}</dd>
          </div>
          <div>
            <dt>票数相同时</dt>
            <dd>{m.tieRuleLabel}</dd>
          </div>
          <div>
            <dt>最少表决人数</dt>
            <dd>
              {m.minMembers} 人<span className="citation">{m.panelCitation}</span>
            </dd>
          </div>
        </dl>
        <div className="attendance-summary">
          <p>
            <strong>出席（{agenda.attendance.present.length}人）：</strong>
            {agenda.attendance.present.map((p) => `${p.name}${p.role === 'chair' ? '（组长）' : ''}`).join('、')}
          </p>
          {agenda.attendance.present.some((p) => p.arrivalNote) && (
            <p data-testid="late-arrivals">
              <strong>迟到到会：</strong>
              {agenda.attendance.present
                .filter((p) => p.arrivalNote)
                .map((p) => `${p.name}（${p.arrivalNote}）`)
                .join('；')}
            </p>
          )}
          {agenda.attendance.absent.length > 0 && (
            <p>
              <strong>缺席（{agenda.attendance.absent.length}人）：</strong>
              {agenda.attendance.absent.map((p) => `${p.name}${p.note ? `（${p.note}）` : ''}`).join('、')}
            </p>
          )}
          {!m.sealed && chairSession && agenda.attendance.absent.length > 0 && <LateArrival agenda={agenda} onChanged={onChanged} />}
          {agenda.attendance.substitutes.length > 0 && (
            <p>
              <strong>候补成员：</strong>
              {agenda.attendance.substitutes.map((s) => `${s.name}替代${s.replacesName}（${s.applicationName}）`).join('；')}
            </p>
          )}
        </div>
        <AgendaProgress progress={agenda.progress} />
      </section>

      <section className="panel" aria-labelledby="agenda-h" data-testid="agenda">
        <div className="panel-header">
          <h2 id="agenda-h">议程（讨论顺序）</h2>
          <p className="material-tally">默认顺序：评分分歧较大的先讨论，其余按得分由高到低。{canReorder ? '用“上移”“下移”调整顺序。' : ''}</p>
        </div>
        <div className="table-wrap">
          <table className="data-table agenda-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  序号
                </th>
                <th scope="col">申请</th>
                <th scope="col" className="num">
                  得分
                </th>
                <th scope="col">排序</th>
                <th scope="col">提示</th>
                <th scope="col" className="num">
                  已表决
                </th>
                <th scope="col">状态</th>
                <th scope="col">结论</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {agenda.items.map((x, i) => {
                const look = BASIC_LOOK[x.basic];
                return (
                  <tr key={x.applicationId} data-testid={`agenda-row-${x.position}`}>
                    <td className="num">{x.position}</td>
                    <td className="wrap">
                      <strong>{x.name}</strong>
                      <div className="muted small mono">{x.applicationNo}</div>
                    </td>
                    <td className="num">{x.score === null ? '—' : x.score.toFixed(2)}</td>
                    <td className="small">
                      {x.ranks.length === 0
                        ? '—'
                        : x.ranks.map((k) => (
                            <div key={k.serviceType}>{rankText(k, SERVICE_TYPE_LABEL[k.serviceType])}</div>
                          ))}
                    </td>
                    <td>
                      <div className="hints-cell">
                        {x.dispersion && <Badge tone="warn">评分分歧</Badge>}
                        <Badge tone={look.tone}>{look.text}</Badge>
                        {x.recused > 0 && <Badge tone="info">回避{x.recused}人</Badge>}
                      </div>
                    </td>
                    <td className="num">
                      {x.votes}/{x.eligible}
                    </td>
                    <td>
                      <ItemStatusBadge status={x.status} label={x.statusLabel} />
                      {x.ballot > 1 && <div className="muted small">第{x.ballot}轮表决</div>}
                    </td>
                    <td>
                      <OutcomeBadge outcome={x.outcome} />
                    </td>
                    <td className="agenda-actions">
                      {canReorder && (
                        <>
                          <button
                            type="button"
                            id={`move-up-${x.applicationId}`}
                            className="btn btn-small"
                            disabled={busy || i === 0}
                            aria-label={`上移“${x.name}”`}
                            onClick={() => void move(x.applicationId, -1)}
                          >
                            ↑ 上移
                          </button>
                          <button
                            type="button"
                            id={`move-down-${x.applicationId}`}
                            className="btn btn-small"
                            disabled={busy || i === agenda.items.length - 1}
                            aria-label={`下移“${x.name}”`}
                            onClick={() => void move(x.applicationId, 1)}
                          >
                            ↓ 下移
                          </button>
                        </>
                      )}
                      <Link to={{ name: 'meeting', meetingId: m.meetingId, view: 'present', applicationId: x.applicationId }} className="btn btn-small" aria-label={`在会议模式中显示“${x.name}”`}>
                        投影
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {!m.sealed &&
        (chairSession ? (
          <SessionStrip session={chairSession} minutesLeft={minutesLeft} role="组长已登录（可调整议程顺序、确认结论）" />
        ) : (
          <PinSignIn
            idPrefix="agenda-chair"
            heading="组长登录（调整议程顺序）"
            slot="chair"
            notice={notice}
            people={panel.members.filter((p) => p.id === m.chair.memberId).map((p) => ({ id: p.id, name: p.name, tag: '组长' }))}
            onSubmit={async (id, pin) => {
              await signIn('chair', { roundId: m.roundId, meetingId: m.meetingId }, id, pin);
            }}
          />
        ))}
    </>
  );
}

/**
 * 迟到到会: the chair records a member absent at the opening who has arrived.
 * They vote only on applicants nobody has voted on yet (the service decides
 * which; the minutes record the time).
 */
function LateArrival({ agenda, onChanged }: { agenda: AgendaView; onChanged: (a: AgendaView) => void }) {
  const toast = useToast();
  const [member, setMember] = useState<{ memberId: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const record = async () => {
    if (!member || busy) return;
    setBusy(true);
    try {
      const next = await actAs('chair', (actor) => api['deliberation.recordArrival']({ meetingId: agenda.meeting.meetingId, ...actor, memberId: member.memberId }));
      toast.success(`已登记${member.name}到会`);
      setMember(null);
      onChanged(next);
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="late-arrival row-actions">
      {agenda.attendance.absent.map((p) => (
        <button key={p.memberId} type="button" className="btn btn-small" onClick={() => setMember({ memberId: p.memberId, name: p.name })} data-testid={`arrive-${p.memberId}`}>
          登记{p.name}到会
        </button>
      ))}
      {member && (
        <ConfirmDialog title={`登记${member.name}到会`} confirmLabel="登记到会" busy={busy} onClose={() => setMember(null)} onConfirm={() => void record()}>
          <p>记录{member.name}现在到会。到会后只参加尚无人表决的申请机构的表决；正在表决或已作出结论的不参加（暂缓后重新表决的除外）。到会时间写入会议纪要。</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function PastMeetings({ status }: { status: Status }) {
  return (
    <section className="panel" aria-labelledby="past-h" data-testid="meetings-list">
      <div className="panel-header">
        <h2 id="past-h">本批次的集体评议</h2>
      </div>
      <div className="table-wrap">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">次数</th>
              <th scope="col">日期</th>
              <th scope="col">地点</th>
              <th scope="col">合格 / 不合格 / 暂缓</th>
              <th scope="col">状态</th>
              <th scope="col">会议纪要</th>
            </tr>
          </thead>
          <tbody>
            {status.meetings.map((mt) => (
              <tr key={mt.meetingId}>
                <td>第{mt.seq}次</td>
                <td>{formatDate(mt.heldOn)}</td>
                <td className="wrap">{mt.place}</td>
                <td>
                  {mt.pass} / {mt.fail} / {mt.held}
                </td>
                <td>{mt.sealed ? <Badge tone="neutral">已封存 {formatTimestamp(mt.sealedAt)}</Badge> : <Badge tone="info">进行中</Badge>}</td>
                <td>
                  <Link to={{ name: 'meeting', meetingId: mt.meetingId, view: 'minutes' }}>查看会议纪要</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
