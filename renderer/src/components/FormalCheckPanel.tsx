import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { contract } from '../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import type { Application } from '../../../shared/domain/application';
import { MATERIAL_STATE_LABEL, type FormalCheck, type MaterialCheck, type MaterialState } from '../../../shared/domain/formalCheck';
import { Badge, DeadlineText, PROVISIONAL_EXPLANATION } from './Badge';
import { ConfirmDialog, Dialog } from './Dialog';
import { FieldError, TextAreaField, TextField, errorId } from './Field';
import { useToday } from './AppContext';
import { useToast } from './Toast';
import { formatDate, formatDateWithWeekday, parseCount } from '../format';

type Action = 'issueNotice' | 'recordSupplement' | 'markWithdrawn' | 'pass' | 'notAccept';

interface Props {
  app: Application;
  check: FormalCheck;
  onChanged: (fc: FormalCheck) => void;
}

/** 形式审查 (000 第十一条): materials checklist, the one-time 补正 notice, and the decision. */
export function FormalCheckPanel({ app, check, onChanged }: Props) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  /** Runs one back-end action; its answer is the fresh formal check. */
  const run = async (fn: () => Promise<FormalCheck>, done?: string): Promise<boolean> => {
    setBusy(true);
    try {
      const fc = await fn();
      onChanged(fc);
      if (done) toast.success(done);
      return true;
    } catch (e) {
      toast.fromError(e);
      throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="formal-check">
      <Outcome app={app} check={check} />
      <ReviewClock check={check} />
      <MaterialsChecklist check={check} busy={busy} run={run} />
      <SupplementSection app={app} check={check} busy={busy} run={run} />
      <DecisionSection check={check} busy={busy} run={run} />
    </div>
  );
}

type Run = (fn: () => Promise<FormalCheck>, done?: string) => Promise<boolean>;

function Outcome({ app, check }: { app: Application; check: FormalCheck }) {
  if (check.status === 'accepted') {
    return (
      <div className="banner banner-success" role="status" id="formal-outcome" tabIndex={-1}>
        形式审查已通过，申请进入综合审核。
      </div>
    );
  }
  if (check.status === 'withdrawn') {
    return (
      <div className="banner banner-neutral" role="status" id="formal-outcome" tabIndex={-1}>
        申请人逾期未补正，已视作放弃申请{check.notice ? `（补正期限 ${formatDate(check.notice.deadline.date)}）` : ''}。
      </div>
    );
  }
  if (check.status === 'not_accepted') {
    return (
      <div className="banner banner-error" role="status" id="formal-outcome" tabIndex={-1}>
        <strong>不予受理：</strong>
        {app.notAccepted?.reasonTitle ?? ''}
        {app.notAccepted?.citation && <span className="citation">{app.notAccepted.citation}</span>}
        {app.notAccepted?.note && <p>说明：{app.notAccepted.note}</p>}
      </div>
    );
  }
  return null;
}

function ReviewClock({ check }: { check: FormalCheck }) {
  return (
    <section className="panel clock" aria-labelledby="clock-heading">
      <h2 id="clock-heading">审核时限</h2>
      <p>
        审核期限：
        <strong data-testid="review-deadline">
          <DeadlineText date={check.reviewDeadline.date} provisional={check.reviewDeadline.provisional} weekday />
        </strong>
        {check.pausedDays > 0 ? <Badge tone="info">暂停 {check.pausedDays} 天</Badge> : null}
        {check.notice?.outcome === 'open' && <Badge tone="warn">补正期间暂停计算</Badge>}
      </p>
      <p className="muted small">
        自受理之日起计算；申请机构补充材料的时间不计入审核期限{check.pausedDays > 0 ? `，已因补正暂停 ${check.pausedDays} 天，期限相应顺延` : ''}。
      </p>
    </section>
  );
}

/* ------------------------------------------------------------------ materials */

function MaterialsChecklist({ check, busy, run }: { check: FormalCheck; busy: boolean; run: Run }) {
  const blocked = check.blockers.markMaterial;
  const n = (s: MaterialState) => check.materials.filter((m) => m.state === s).length;
  const pending = check.materials.filter((m) => m.state === 'pending');

  const markRestReceived = async () => {
    for (const m of pending) {
      const ok = await run(() => api['formalCheck.markMaterial']({ applicationId: check.applicationId, materialId: m.materialId, state: 'received', note: m.note ?? undefined })).catch(() => false);
      if (!ok) return;
    }
  };

  return (
    <section className="panel" aria-labelledby="materials-heading">
      <div className="panel-header">
        <h2 id="materials-heading">申请材料清单</h2>
        <p className="material-tally" aria-live="polite">
          共 {check.materials.length} 项：已收到 {n('received')}，缺失 {n('missing')}，未核对 {n('pending')}
        </p>
      </div>
      {blocked && <p className="blocker">{blocked}</p>}
      <ol className="materials">
        {check.materials.map((m, i) => (
          <MaterialRow key={m.materialId} index={i + 1} m={m} applicationId={check.applicationId} disabled={!!blocked} busy={busy} run={run} />
        ))}
      </ol>
      {!blocked && pending.length > 0 && pending.length < check.materials.length && (
        <p>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void markRestReceived()}>
            其余 {pending.length} 项全部标为已收到
          </button>
        </p>
      )}
    </section>
  );
}

/**
 * One material. Its buttons stay enabled while a request runs (a disabled
 * button would drop the keyboard focus); clicks during a request are ignored.
 */
function MaterialRow({ index, m, applicationId, disabled, busy, run }: { index: number; m: MaterialCheck; applicationId: string; disabled: boolean; busy: boolean; run: Run }) {
  const titleId = useId();
  const noteId = `note-${m.materialId}`;
  const [note, setNote] = useState(m.note ?? '');
  const [noteError, setNoteError] = useState<string | undefined>();
  useEffect(() => setNote(m.note ?? ''), [m.note]);

  const mark = (state: MaterialState, nextNote = note) => {
    if (busy) return;
    const input = { applicationId, materialId: m.materialId, state, note: nextNote };
    const r = contract['formalCheck.markMaterial'].input.safeParse(input);
    if (!r.success) {
      setNoteError(fieldErrorsOf(r.error).note);
      return;
    }
    setNoteError(undefined);
    void run(() => api['formalCheck.markMaterial'](input)).catch(() => setNote(m.note ?? ''));
  };
  const saveNote = () => {
    if ((m.note ?? '') !== note.trim()) mark(m.state, note);
  };

  return (
    <li className={`material material-${m.state}`} role="group" aria-labelledby={titleId} data-testid={`material-${m.materialId}`}>
      <div className="material-index" aria-hidden="true">
        {index}
      </div>
      <div className="material-main">
        <div className="material-title">
          <span id={titleId}>{m.title}</span>
          <span className="citation">{m.citation}</span>
        </div>
        <p className="material-detail">{m.detail}</p>
        {disabled ? (
          m.note && <p className="material-note-text">备注：{m.note}</p>
        ) : (
          <div className="material-note">
            <label htmlFor={noteId} className="sr-only">
              {m.title}备注
            </label>
            <input
              id={noteId}
              type="text"
              placeholder="备注（如缺失的具体内容）"
              value={note}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={noteError ? errorId(noteId) : undefined}
              onChange={(e) => setNote(e.target.value)}
              onBlur={saveNote}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  saveNote();
                }
              }}
            />
            <FieldError id={noteId} error={noteError} />
          </div>
        )}
      </div>
      <div className="material-state">
        <span className={`state-label state-${m.state}`}>{MATERIAL_STATE_LABEL[m.state]}</span>
        <div className="segmented" role="group" aria-label={`${m.title}的核对结果`}>
          {(['received', 'missing'] as const).map((s) => (
            <button
              key={s}
              type="button"
              className={`seg seg-${s}`}
              aria-pressed={m.state === s}
              disabled={disabled}
              aria-busy={busy || undefined}
              onClick={() => mark(m.state === s ? 'pending' : s)}
              title={m.state === s ? '再按一次恢复为未核对' : undefined}
            >
              {MATERIAL_STATE_LABEL[s]}
            </button>
          ))}
        </div>
      </div>
    </li>
  );
}

/* ------------------------------------------------------------------ 补正 */

/** Focus an element once React has rendered the new state. */
function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus(), 0);
}

function Blocker({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="blocker">
      {text}
    </p>
  );
}

function SupplementSection({ app, check, busy, run }: { app: Application; check: FormalCheck; busy: boolean; run: Run }) {
  const today = useToday();
  const rule = check.supplementRule;
  const [issuedOn, setIssuedOn] = useState(today);
  const [days, setDays] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<'issue' | 'withdraw' | null>(null);
  const missing = check.materials.filter((m) => m.state === 'missing');

  const fail = (e: unknown) => {
    const fe = (e as { fieldErrors?: Record<string, string> }).fieldErrors;
    if (fe) setErrors(fe);
  };

  const issueInput = () => ({
    applicationId: check.applicationId,
    issuedOn,
    ...(rule.workingDays === null ? { workingDays: parseCount(days) } : {}),
  });
  const openIssue = () => {
    const r = contract['formalCheck.issueNotice'].input.safeParse(issueInput());
    if (!r.success) {
      setErrors(fieldErrorsOf(r.error));
      return;
    }
    setErrors({});
    setConfirm('issue');
  };
  const issue = () =>
    run(() => api['formalCheck.issueNotice'](issueInput()), '补正通知已发出').then(
      () => setConfirm(null),
      (e) => {
        setConfirm(null);
        fail(e);
      },
    );
  const record = () => {
    const input = { applicationId: check.applicationId, receivedOn };
    const r = contract['formalCheck.recordSupplement'].input.safeParse(input);
    if (!r.success) {
      setErrors(fieldErrorsOf(r.error));
      return;
    }
    setErrors({});
    void run(() => api['formalCheck.recordSupplement'](input), '已登记补正材料').then(() => focusSoon('supplement-heading'), fail);
  };

  const notice = check.notice;
  const ruleText =
    rule.workingDays === null
      ? '本地区政策未规定补正天数，发通知时由经办人填写期限（工作日）'
      : `申请人应在收到通知之日起 ${rule.workingDays} 个工作日内补正${rule.withdrawnIfLate ? '，逾期未补正的视作放弃申请' : ''}`;

  return (
    <section className="panel" aria-labelledby="supplement-heading">
      <h2 id="supplement-heading" tabIndex={-1}>
        材料补正
      </h2>
      <p className="rule-line">
        一次性告知需补正的全部材料；{ruleText}
        <span className="citation">{rule.citation}</span>
      </p>
      {rule.note && <p className="muted small">{rule.note}</p>}

      {!notice ? (
        <div className="action-row">
          <TextField
            id="notice-date"
            label="补正通知日期"
            type="date"
            value={issuedOn}
            error={errors.issuedOn}
            onChange={(e) => {
              setIssuedOn(e.target.value);
              setErrors({});
            }}
          />
          {rule.workingDays === null && (
            <TextField
              id="notice-days"
              label="补正期限（工作日）"
              inputMode="numeric"
              className="num-input"
              value={days}
              error={errors.workingDays}
              onChange={(e) => {
                setDays(e.target.value);
                setErrors({});
              }}
            />
          )}
          <div className="action-button">
            <button type="button" className="btn btn-primary" disabled={busy || !check.can.issueNotice} aria-describedby={check.blockers.issueNotice ? 'blk-issue' : undefined} onClick={openIssue}>
              发出补正通知
            </button>
            <Blocker id="blk-issue" text={check.can.issueNotice ? undefined : check.blockers.issueNotice} />
          </div>
        </div>
      ) : (
        <NoticeCard check={check} />
      )}

      {notice && notice.outcome === 'open' && (
        <div className="action-row">
          <TextField
            id="supplement-date"
            label="补正材料收到日期"
            type="date"
            value={receivedOn}
            error={errors.receivedOn}
            onChange={(e) => {
              setReceivedOn(e.target.value);
              setErrors({});
            }}
          />
          <div className="action-button">
            <button type="button" className="btn btn-primary" disabled={busy || !check.can.recordSupplement} aria-describedby={check.blockers.recordSupplement ? 'blk-record' : undefined} onClick={record}>
              登记补正材料
            </button>
            <Blocker id="blk-record" text={check.can.recordSupplement ? undefined : check.blockers.recordSupplement} />
          </div>
          <div className="action-button">
            <button type="button" className="btn btn-danger-outline" disabled={busy || !check.can.markWithdrawn} aria-describedby={check.blockers.markWithdrawn ? 'blk-withdraw' : undefined} onClick={() => setConfirm('withdraw')}>
              视作放弃申请
            </button>
            <Blocker id="blk-withdraw" text={check.can.markWithdrawn ? undefined : check.blockers.markWithdrawn} />
          </div>
        </div>
      )}

      {confirm === 'issue' && (
        <ConfirmDialog returnFocusTo="notice-card" title="发出补正通知" confirmLabel="确认发出" busy={busy} onClose={() => setConfirm(null)} onConfirm={() => void issue()}>
          <p>
            补正通知只能发出一次，将一次性告知{app.data.name}补正以下 {missing.length} 项材料：
          </p>
          <ul className="plain-list">
            {missing.map((m) => (
              <li key={m.materialId}>
                {m.title}
                {m.note ? `（${m.note}）` : ''}
              </li>
            ))}
          </ul>
          <p>
            通知日期：{formatDateWithWeekday(issuedOn)}。补正期限由系统按工作日（扣除法定节假日、计入调休上班日）计算。
          </p>
        </ConfirmDialog>
      )}
      {confirm === 'withdraw' && (
        <ConfirmDialog
          returnFocusTo="formal-outcome"
          title="视作放弃申请"
          confirmLabel="确认视作放弃"
          danger
          busy={busy}
          onClose={() => setConfirm(null)}
          onConfirm={() => void run(() => api['formalCheck.markWithdrawn']({ applicationId: check.applicationId }), '已视作放弃申请').then(() => setConfirm(null), () => setConfirm(null))}
        >
          <p>
            补正期限（{notice ? formatDate(notice.deadline.date) : ''}）已届满，申请人未补正。确认后本申请办结为“视作放弃申请”，不能再修改。
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function NoticeCard({ check }: { check: FormalCheck }) {
  const n = check.notice!;
  const outcome = n.outcome === 'open' ? <Badge tone="warn">待补正</Badge> : n.outcome === 'fulfilled' ? <Badge tone="success">已补正</Badge> : <Badge tone="neutral">已失效</Badge>;
  return (
    <div className="notice-card" data-testid="notice-card" id="notice-card" tabIndex={-1} aria-label="补正通知">
      <h3>补正通知 {outcome}</h3>
      <dl className="dl-grid">
        <div>
          <dt>通知日期</dt>
          <dd>{formatDateWithWeekday(n.issuedOn)}</dd>
        </div>
        <div>
          <dt>补正期限</dt>
          <dd data-testid="notice-deadline">
            <DeadlineText date={n.deadline.date} provisional={n.deadline.provisional} weekday />
          </dd>
        </div>
        <div>
          <dt>计算依据</dt>
          <dd>
            通知之日后第 {n.workingDays} 个工作日<span className="citation">{n.citation}</span>
          </dd>
        </div>
        {n.fulfilledOn && (
          <div>
            <dt>补正材料收到日期</dt>
            <dd>{formatDateWithWeekday(n.fulfilledOn)}</dd>
          </div>
        )}
        <div className="span-full">
          <dt>需补正的材料</dt>
          <dd>{n.missingItems.length ? n.missingItems.map((x) => x.title).join('；') : '—'}</dd>
        </div>
      </dl>
      {n.deadline.provisional && (
        <p className="banner banner-warn" role="note">
          <strong>期限待定：</strong>
          {PROVISIONAL_EXPLANATION}
        </p>
      )}
    </div>
  );
}

/* ------------------------------------------------------------------ decision */

function DecisionSection({ check, busy, run }: { check: FormalCheck; busy: boolean; run: Run }) {
  const [dialog, setDialog] = useState<Action | null>(null);
  const [reasonId, setReasonId] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const notAccept = () => {
    const input = { applicationId: check.applicationId, reasonId, note };
    const r = contract['formalCheck.notAccept'].input.safeParse(input);
    if (!r.success) {
      setErrors(fieldErrorsOf(r.error));
      return;
    }
    void run(() => api['formalCheck.notAccept'](input), '已作不予受理').then(
      () => setDialog(null),
      (e) => {
        // Field errors stay in the dialog next to their field; any other refusal closes it so its
        // message (behind the modal otherwise) can be read.
        const fe = (e as { fieldErrors?: Record<string, string> }).fieldErrors;
        if (fe) setErrors(fe);
        else setDialog(null);
      },
    );
  };

  // Decided: the outcome banner at the top says so.
  if (check.status !== 'registered' && check.status !== 'supplement_requested') return null;

  return (
    <section className="panel" aria-labelledby="decision-heading">
      <h2 id="decision-heading">形式审查结论</h2>
      <div className="action-row">
        <div className="action-button">
          <button type="button" className="btn btn-primary" disabled={busy || !check.can.pass} aria-describedby={check.can.pass ? undefined : 'blk-pass'} onClick={() => setDialog('pass')}>
            通过形式审查
          </button>
          <Blocker id="blk-pass" text={check.can.pass ? undefined : check.blockers.pass} />
        </div>
        <div className="action-button">
          <button
            type="button"
            className="btn btn-danger-outline"
            disabled={busy || !check.can.notAccept}
            aria-describedby={check.can.notAccept ? undefined : 'blk-notaccept'}
            onClick={() => {
              setReasonId('');
              setNote('');
              setErrors({});
              setDialog('notAccept');
            }}
          >
            不予受理…
          </button>
          <Blocker id="blk-notaccept" text={check.can.notAccept ? undefined : check.blockers.notAccept} />
        </div>
      </div>

      {dialog === 'pass' && (
        <ConfirmDialog
          returnFocusTo="formal-outcome"
          title="通过形式审查"
          confirmLabel="确认通过"
          busy={busy}
          onClose={() => setDialog(null)}
          onConfirm={() => void run(() => api['formalCheck.pass']({ applicationId: check.applicationId }), '形式审查已通过').then(() => setDialog(null), () => setDialog(null))}
        >
          <p>全部 {check.materials.length} 项材料已收到。确认通过形式审查后，申请进入综合审核，材料状态不能再修改。</p>
        </ConfirmDialog>
      )}
      {dialog === 'notAccept' && (
        <Dialog
          returnFocusTo="formal-outcome"
          title="不予受理"
          wide
          onClose={() => setDialog(null)}
          onSubmit={notAccept}
          footer={
            <>
              <button type="submit" className="btn btn-danger" disabled={busy}>
                {busy ? '处理中…' : '确认不予受理'}
              </button>
              <button type="button" className="btn" onClick={() => setDialog(null)}>
                取消
              </button>
            </>
          }
        >
          <fieldset className="field choice-group reasons" id="f-reasonId" aria-describedby={errors.reasonId ? errorId('f-reasonId') : undefined}>
            <legend>
              不予受理的理由<span className="req" aria-hidden="true">*</span>
            </legend>
            <div className="choices vertical">
              {check.notAcceptedReasons.map((r) => (
                <label key={r.id} className={`choice reason${reasonId === r.id ? ' checked' : ''}`} htmlFor={`reason-${r.id}`}>
                  <input
                    id={`reason-${r.id}`}
                    type="radio"
                    name="reasonId"
                    value={r.id}
                    checked={reasonId === r.id}
                    aria-invalid={errors.reasonId ? true : undefined}
                    onChange={() => {
                      setReasonId(r.id);
                      setErrors({});
                    }}
                  />
                  <span>{r.title}</span>
                  <span className="citation">{r.citation}</span>
                </label>
              ))}
            </div>
            <FieldError id="f-reasonId" error={errors.reasonId} />
          </fieldset>
          <TextAreaField id="not-accept-note" label="说明" value={note} error={errors.note} onChange={(e) => setNote(e.target.value)} hint="可填写具体情况，如处罚决定书文号" />
        </Dialog>
      )}
    </section>
  );
}
