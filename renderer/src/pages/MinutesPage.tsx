import { useState } from 'react';
import { api, ApiError } from '../api';
import type { Minutes, MinutesView } from '../../../shared/contract/slices/deliberation';
import { PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { SERVICE_TYPE_LABEL } from '../../../shared/domain/enums';
import { VOTE_CHOICE_LABEL } from '../../../shared/rules/voting';
import { Badge } from '../components/Badge';
import { BASIC_LOOK, HashText, OutcomeBadge, rankText } from '../components/DeliberationBits';
import { DecisionSummary } from '../components/DecisionSummary';
import { Dialog } from '../components/Dialog';
import { FieldError, TextAreaField } from '../components/Field';
import { MeetingFrame } from '../components/MeetingFrame';
import { LoadError, Loading } from '../components/Page';
import { errorMessage, useToast } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { formatDate, formatTimestamp, toHalfWidth } from '../format';
import { Link } from '../router';

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnNo = (n: number) => (n <= 10 ? CN_NUM[n - 1]! : n < 20 ? `十${CN_NUM[n - 11]}` : String(n));
const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(2));

type Signer = MinutesView['signers'][number];

/**
 * 会议纪要: generated from the meeting, printable. Each member present (and
 * each substitute) confirms it under their PIN — or refuses with a reason —
 * against the hash they read; then the chair seals the meeting. After sealing
 * the minutes, their hash and the audit head are shown read-only.
 */
export function MinutesPage({ meetingId }: { meetingId: string }) {
  const agenda = useLoad(() => api['deliberation.agenda']({ meetingId }), [meetingId]);
  const view = useLoad(() => api['deliberation.minutes']({ meetingId }), [meetingId]);
  return (
    <MeetingFrame
      title="会议纪要"
      view="minutes"
      agenda={agenda.data}
      agendaError={agenda.error}
      onRetry={agenda.reload}
      actions={
        <button type="button" className="btn" onClick={() => window.print()}>
          打印
        </button>
      }
    >
      {() =>
        view.error ? (
          <LoadError error={view.error} onRetry={view.reload} />
        ) : !view.data ? (
          <Loading what="会议纪要" />
        ) : (
          <MinutesBody
            v={view.data}
            onChanged={(next) => {
              view.setData(next);
              void agenda.reload();
            }}
          />
        )
      }
    </MeetingFrame>
  );
}

function MinutesBody({ v, onChanged }: { v: MinutesView; onChanged: (v: MinutesView) => void }) {
  return (
    <div className="minutes-layout">
      {v.sealed ? (
        <div className="banner banner-success sealed-badge" role="status" data-testid="sealed-badge">
          <p>
            <strong>已封存（只读）</strong>：{v.sealed.sealedBy}于{formatTimestamp(v.sealed.sealedAt)}封存，会议中的任何内容都不能再修改。
          </p>
          <p className="small">
            纪要校验值（SHA-256）：<HashText hash={v.sealed.minutesHash} />
          </p>
          <p className="small">
            审计日志锚点：第 {v.sealed.auditHead.seq} 条，哈希 <HashText hash={v.sealed.auditHead.hash} />
          </p>
        </div>
      ) : v.notReady ? (
        <div className="banner banner-warn no-print" role="note" data-testid="minutes-not-ready">
          <p>
            <strong>会议纪要尚不能确认：</strong>
            {v.notReady}
          </p>
        </div>
      ) : null}
      <MinutesDocument m={v.minutes} hash={v.minutesHash} sealed={v.sealed} />
      <Signers v={v} onChanged={onChanged} />
    </div>
  );
}

function MinutesDocument({ m, hash, sealed }: { m: Minutes; hash: string; sealed: MinutesView['sealed'] }) {
  const att = m.attendance;
  return (
    <article className="minutes-doc" aria-labelledby="minutes-title" data-testid="minutes-doc">
      <h2 id="minutes-title" className="minutes-title">
        {m.title}
      </h2>
      <p className="minutes-sub">
        {m.round.name}（批次编号 {m.round.code}）· 第{m.meetingNo}次集体评议
      </p>
      <dl className="minutes-facts">
        <div>
          <dt>时间</dt>
          <dd>{formatDate(m.heldOn)}</dd>
        </div>
        <div>
          <dt>地点</dt>
          <dd>{m.place}</dd>
        </div>
        <div>
          <dt>主持人</dt>
          <dd>组长 {m.chair.name}</dd>
        </div>
        <div>
          <dt>统筹区</dt>
          <dd>{m.round.region}</dd>
        </div>
        <div>
          <dt>政策依据</dt>
          <dd>
            {m.profile.name}（第{m.profile.version}版）；审核小组不少于{m.panelRule.minMembers}人（{m.panelRule.citation}）
          </dd>
        </div>
        <div>
          <dt>票数相同时</dt>
          <dd>{m.tieRule.label}</dd>
        </div>
      </dl>

      <h3>出席情况</h3>
      <p>
        <strong>出席成员（{att.present.length}人）：</strong>
        {att.present.map((p) => `${p.name}（${PANEL_ROLE_LABEL[p.role]}${p.employer ? `，${p.employer}` : ''}）`).join('、')}
      </p>
      <p>
        <strong>缺席成员：</strong>
        {att.absent.length === 0 ? '无' : att.absent.map((p) => `${p.name}${p.note ? `（${p.note}）` : ''}`).join('、')}
      </p>
      {att.substitutes.length > 0 && (
        <p>
          <strong>候补成员：</strong>
          {att.substitutes.map((s) => `${s.name}${s.employer ? `（${s.employer}）` : ''}替代${s.replacesName}参加对“${s.applicationName}”的表决，原因：${s.reason}`).join('；')}
        </p>
      )}

      <h3>评议情况</h3>
      <p>
        本次会议共评议 {m.summary.total} 个申请：合格 {m.summary.pass} 个，不合格 {m.summary.fail} 个{m.summary.held > 0 ? `，暂缓 ${m.summary.held} 个` : ''}。
      </p>
      {m.items.map((it) => (
        <section key={it.applicationId} className="minutes-item" data-testid={`minutes-item-${it.position}`}>
          <h4>
            {cnNo(it.position)}、{it.name} <OutcomeBadge outcome={it.outcome} />
          </h4>
          <p className="small">
            申请编号 <span className="mono">{it.applicationNo}</span> · 统一社会信用代码 <span className="mono">{it.uscc}</span> · 申请{it.serviceTypes.map((t) => SERVICE_TYPE_LABEL[t]).join('、')} · 得分 {fmt(it.score)}
            {it.ranks.map((k) => `，${rankText(k)}`).join('')} · {BASIC_LOOK[it.basic].text}
          </p>
          {it.recusals.length > 0 && (
            <p>
              <strong>回避：</strong>
              {it.recusals.map((r) => `${r.name}（${r.reason}）`).join('；')}
            </p>
          )}
          {it.substitutes.length > 0 && (
            <p>
              <strong>候补：</strong>
              {it.substitutes.map((s) => `${s.name}替代${s.replacesName}（${s.reason}）`).join('；')}
            </p>
          )}
          {it.ballots.map((b) => (
            <div key={b.ballot} className="minutes-ballot">
              <p>
                <strong>第{b.ballot}轮表决：</strong>
                {b.eligible}人参加表决，{b.pass}票合格、{b.fail}票不合格{b.outcome ? `，结论：${b.outcome === 'held' ? '票数相同，暂缓' : VOTE_CHOICE_LABEL[b.outcome]}` : '（尚无结论）'}
              </p>
              <table className="data-table compact minutes-votes">
                <thead>
                  <tr>
                    <th scope="col">表决人</th>
                    <th scope="col">意见</th>
                    <th scope="col">理由</th>
                  </tr>
                </thead>
                <tbody>
                  {b.votes.map((x) => (
                    <tr key={x.voterId}>
                      <td>
                        {x.name}
                        {x.kind === 'substitute' ? '（候补）' : ''}
                      </td>
                      <td>{VOTE_CHOICE_LABEL[x.choice]}</td>
                      <td className="wrap">{x.reason ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {it.decision && (
            <div className="minutes-decision">
              <p>
                <strong>审核结论</strong>
              </p>
              <DecisionSummary d={it.decision} />
            </div>
          )}
          {it.dissents.length > 0 && (
            <p data-testid={`minutes-dissent-${it.position}`}>
              <strong>少数意见：</strong>
              {it.dissents.map((d) => `${d.name}（${VOTE_CHOICE_LABEL[d.choice]}）：${d.reason ?? '未说明理由'}`).join('；')}
            </p>
          )}
          {it.voteChanges.length > 0 && (
            <p className="small">
              <strong>改票记录：</strong>
              {it.voteChanges.map((c) => `${c.name}第${c.ballot}轮由“${VOTE_CHOICE_LABEL[c.from]}”${c.from === c.to ? '补充理由' : `改为“${VOTE_CHOICE_LABEL[c.to]}”`}（${c.reason ?? '—'}，${formatTimestamp(c.at)}）`).join('；')}
            </p>
          )}
          {it.decisionChanges.length > 0 && (
            <p className="small">
              <strong>结论修改：</strong>
              {it.decisionChanges.map((c) => `${formatTimestamp(c.decidedAt)}作出的“${VOTE_CHOICE_LABEL[c.outcome as 'pass' | 'fail'] ?? '暂缓'}”结论已修改，原因：${c.changeReason ?? '—'}`).join('；')}
            </p>
          )}
        </section>
      ))}

      {m.tieRuleUses.length > 0 && (
        <>
          <h3>票数相同规则的适用</h3>
          <ul>
            {m.tieRuleUses.map((u) => (
              <li key={`${u.applicationId}-${u.ballot}`}>
                {u.applicationName}（第{u.ballot}轮）：{u.note}
              </li>
            ))}
          </ul>
        </>
      )}
      {m.overrides.length > 0 && (
        <>
          <h3>推翻基础性指标结论的认定</h3>
          <ul>
            {m.overrides.map((o) => (
              <li key={o.applicationId}>
                {o.applicationName}：{o.items.map((i) => i.title).join('、')}；理由：{o.reason}（投合格票：{o.supporters.join('、')}）
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="minutes-hash">
        本纪要校验值（SHA-256）：<HashText hash={hash} testId="minutes-hash" />
        {sealed && (
          <>
            <br />
            封存时间：{formatTimestamp(sealed.sealedAt)}；审计日志锚点：第{sealed.auditHead.seq}条 <HashText hash={sealed.auditHead.hash} />
          </>
        )}
      </p>
    </article>
  );
}

const STATUS: Record<'none' | 'confirm' | 'refuse' | 'stale', { text: string; tone: 'neutral' | 'success' | 'danger' | 'warn' }> = {
  none: { text: '未确认', tone: 'neutral' },
  confirm: { text: '已确认', tone: 'success' },
  refuse: { text: '拒绝确认', tone: 'danger' },
  stale: { text: '须重新确认', tone: 'warn' },
};

function signerState(s: Signer): keyof typeof STATUS {
  if (!s.response) return 'none';
  if (!s.response.current) return 'stale';
  return s.response.response;
}

function Signers({ v, onChanged }: { v: MinutesView; onChanged: (v: MinutesView) => void }) {
  const [dialog, setDialog] = useState<{ kind: 'respond'; signer: Signer } | { kind: 'seal' } | null>(null);
  const chair = v.signers.find((s) => s.role === 'chair');
  return (
    <section className="panel signers" aria-labelledby="signers-h" data-testid="signers">
      <div className="panel-header">
        <h2 id="signers-h">成员确认</h2>
        <p className="material-tally">
          {v.signers.filter((s) => signerState(s) === 'confirm' || signerState(s) === 'refuse').length}/{v.signers.length} 人已确认或拒绝
        </p>
      </div>
      <p className="small no-print">每位出席成员和候补成员阅读上面的纪要后，以本人PIN确认；不同意的可以拒绝确认，但须写明理由。纪要内容有变化的，已确认的成员须重新确认。</p>
      <table className="data-table signers-table">
        <thead>
          <tr>
            <th scope="col">成员</th>
            <th scope="col">状态</th>
            <th scope="col">时间</th>
            <th scope="col" className="print-only">签名</th>
            {!v.sealed && (
              <th scope="col" className="no-print">
                操作
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {v.signers.map((s) => {
            const st = signerState(s);
            return (
              <tr key={s.id} data-testid={`signer-${s.name}`}>
                <td>
                  {s.name}
                  <span className="muted small">（{s.kind === 'substitute' ? '候补成员' : s.role ? PANEL_ROLE_LABEL[s.role] : '成员'}）</span>
                </td>
                <td>
                  <Badge tone={STATUS[st].tone}>{STATUS[st].text}</Badge>
                  {s.response?.response === 'refuse' && s.response.reason && <div className="small">理由：{s.response.reason}</div>}
                  {st === 'stale' && <div className="small muted">之前{s.response?.response === 'confirm' ? '已确认' : '已拒绝'}的是旧版本</div>}
                </td>
                <td className="small">{s.response ? formatTimestamp(s.response.at) : '—'}</td>
                <td className="print-only signature-cell" />
                {!v.sealed && (
                <td className="no-print">
                  {!v.notReady && (
                    <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'respond', signer: s })} aria-label={`${s.name}确认或拒绝确认会议纪要`}>
                      {st === 'confirm' ? '重新确认…' : '确认…'}
                    </button>
                  )}
                </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!v.sealed && (
        <div className="seal-row no-print" data-testid="seal-row">
          {v.sealProblem ? (
            <p className="muted" data-testid="seal-problem">
              暂不能封存：{v.sealProblem}
            </p>
          ) : (
            <p className="ok-text">全体已确认（或写明理由拒绝确认），组长可以封存。</p>
          )}
          <button type="button" className="btn btn-primary" disabled={!v.canSeal} onClick={() => setDialog({ kind: 'seal' })} data-testid="seal-button">
            组长封存会议纪要…
          </button>
        </div>
      )}
      {!v.sealed && v.notReady && (
        <p className="small no-print">
          请先在<Link to={{ name: 'meeting', meetingId: v.meetingId, view: 'decide' }}>确认结论</Link>中处理全部申请。
        </p>
      )}
      {dialog?.kind === 'respond' && (
        <RespondDialog
          v={v}
          signer={dialog.signer}
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            onChanged(next);
          }}
        />
      )}
      {dialog?.kind === 'seal' && chair && (
        <SealDialog
          v={v}
          chair={chair}
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            onChanged(next);
          }}
        />
      )}
    </section>
  );
}

/** A PIN session just for one call, ended right after. */
async function withPin<T>(meetingId: string, personId: string, pin: string, fn: (actor: { meetingId: string; actingMemberId: string; session: string }) => Promise<T>): Promise<T> {
  const s = await api['deliberation.signIn']({ meetingId, voterId: personId, pin });
  try {
    return await fn({ meetingId, actingMemberId: s.voterId, session: s.session });
  } finally {
    void api['scoring.signOut']({ session: s.session }).catch(() => undefined);
  }
}

function PinField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" inputMode="numeric" autoComplete="off" maxLength={12} value={value} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)} />
      <FieldError id={id} error={error} />
    </div>
  );
}

function RespondDialog({ v, signer, onClose, onDone }: { v: MinutesView; signer: Signer; onClose: () => void; onDone: (v: MinutesView) => void }) {
  const toast = useToast();
  const [response, setResponse] = useState<'confirm' | 'refuse'>('confirm');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    const p = toHalfWidth(pin).trim();
    const e: Record<string, string> = {};
    if (response === 'refuse' && !reason.trim()) e.reason = '拒绝确认会议纪要须写明理由';
    if (!/^\d{6,12}$/.test(p)) e.pin = pin ? 'PIN须为6至12位数字' : '请输入PIN';
    setErrors(e);
    if (e.reason) return document.getElementById('resp-reason')?.focus();
    if (e.pin) return document.getElementById('resp-pin')?.focus();
    setBusy(true);
    try {
      const next = await withPin(v.meetingId, signer.id, p, (actor) =>
        api['deliberation.respondMinutes']({ ...actor, pin: p, response, ...(response === 'refuse' ? { reason: reason.trim() } : {}), minutesHash: v.minutesHash }),
      );
      toast.success(`${signer.name}已${response === 'confirm' ? '确认' : '拒绝确认'}会议纪要`);
      onDone(next);
    } catch (err) {
      setPin('');
      const fe = err instanceof ApiError ? (err.fieldErrors ?? {}) : {};
      setErrors({ ...(fe.reason ? { reason: fe.reason } : {}), pin: fe.pin ?? errorMessage(err) });
      document.getElementById('resp-pin')?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`${signer.name}确认会议纪要`}
      testId="respond-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="submit" className={response === 'refuse' ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>
            {busy ? '处理中…' : response === 'confirm' ? '确认' : '拒绝确认'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
        </>
      }
    >
      <p className="small">
        您确认的是校验值为 <HashText hash={v.minutesHash} /> 的纪要。纪要此后如有变化，须重新确认。
      </p>
      <fieldset className="field choice-group">
        <legend>意见</legend>
        <div className="choices">
          <label className={`choice${response === 'confirm' ? ' checked' : ''}`} htmlFor="resp-confirm">
            <input id="resp-confirm" type="radio" name="resp" checked={response === 'confirm'} onChange={() => setResponse('confirm')} />
            <span>确认纪要内容</span>
          </label>
          <label className={`choice${response === 'refuse' ? ' checked' : ''}`} htmlFor="resp-refuse">
            <input id="resp-refuse" type="radio" name="resp" checked={response === 'refuse'} onChange={() => setResponse('refuse')} />
            <span>拒绝确认</span>
          </label>
        </div>
      </fieldset>
      {response === 'refuse' && (
        <TextAreaField
          id="resp-reason"
          label="拒绝确认的理由"
          required
          value={reason}
          error={errors.reason}
          onChange={(e) => {
            setReason(e.target.value);
            setErrors((x) => ({ ...x, reason: '' }));
          }}
        />
      )}
      <PinField
        id="resp-pin"
        label={`${signer.name}的PIN`}
        value={pin}
        onChange={(x) => {
          setPin(x);
          setErrors((e) => ({ ...e, pin: '' }));
        }}
        error={errors.pin}
      />
    </Dialog>
  );
}

function SealDialog({ v, chair, onClose, onDone }: { v: MinutesView; chair: Signer; onClose: () => void; onDone: (v: MinutesView) => void }) {
  const toast = useToast();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    const p = toHalfWidth(pin).trim();
    if (!/^\d{6,12}$/.test(p)) {
      setError(pin ? 'PIN须为6至12位数字' : '请输入PIN');
      return;
    }
    setBusy(true);
    try {
      const next = await withPin(v.meetingId, chair.id, p, (actor) => api['deliberation.seal']({ ...actor, pin: p, minutesHash: v.minutesHash }));
      toast.success('会议纪要已封存');
      onDone(next);
    } catch (err) {
      setPin('');
      setError(errorMessage(err));
      document.getElementById('seal-pin')?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="封存会议纪要"
      testId="seal-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? '处理中…' : '封存'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
        </>
      }
    >
      <p>封存后，本次会议的表决、结论和纪要都不能再修改。纪要校验值和审计日志锚点将记录在纪要上。</p>
      <p className="small">
        纪要校验值：<HashText hash={v.minutesHash} />
      </p>
      <PinField
        id="seal-pin"
        label={`组长${chair.name}的PIN`}
        value={pin}
        onChange={(x) => {
          setPin(x);
          setError(undefined);
        }}
        error={error}
      />
    </Dialog>
  );
}
