import { useState } from 'react';
import { api } from '../../api';
import { contract } from '../../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../../shared/contract/validate';
import { OBJECTION_CHANNEL_LABEL, OBJECTION_CHANNELS, type NoticeView, type ObjectionStateId } from '../../../../shared/contract/slices/publicNotice';
import { Badge } from '../../components/Badge';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorSummary, fieldId, SelectField, TextAreaField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { useFormState } from '../../components/useFormState';
import { formatDate, formatTimestamp } from '../../format';

type Objection = NoticeView['objections'][number];

const OBJECTION_TONE: Record<ObjectionStateId, 'info' | 'warn' | 'danger' | 'success'> = {
  received: 'info',
  under_review: 'warn',
  upheld: 'danger',
  dismissed: 'success',
};

export function ObjectionStateBadge({ state, label }: { state: ObjectionStateId; label: string }) {
  return <Badge tone={OBJECTION_TONE[state]}>{label}</Badge>;
}

interface ObjectionValues {
  applicationId: string;
  receivedOn: string;
  channel: string;
  objector: string;
  contact: string;
  content: string;
}
const FIELDS = ['applicationId', 'receivedOn', 'channel', 'objector', 'contact', 'content'] as const;
const LABELS: Record<string, string> = { applicationId: '针对机构', receivedOn: '收到日期', channel: '反映方式', objector: '异议人', contact: '联系方式', content: '异议内容' };

/** 异议: the form that logs one (while the notice is not finalised) and the list with its actions. */
export function NoticeObjections({ notice, today, onChange }: { notice: NoticeView; today: string; onChange: (n: NoticeView) => void }) {
  const open = notice.objections.filter((o) => o.state === 'received' || o.state === 'under_review').length;
  const [deciding, setDeciding] = useState<{ o: Objection; state: 'upheld' | 'dismissed' } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  /** a logged objection starts a fresh form (no messages from the last one) */
  const [formKey, setFormKey] = useState(0);
  const toast = useToast();

  const startReview = async (o: Objection) => {
    setBusyId(o.objectionId);
    try {
      const next = await api['publicNotice.setObjectionState']({ objectionId: o.objectionId, state: 'under_review' });
      toast.success(`已开始核查对“${o.institution}”的异议，该机构暂缓列入最终名单`);
      onChange(next);
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section className="panel pn-objections" aria-labelledby="pn-obj-heading" data-testid="objections">
      <div className="panel-header">
        <h2 id="pn-obj-heading">异议</h2>
        <span className="muted">
          共{notice.objections.length}件{open > 0 && <>，<span className="warn-text">未处理完毕{open}件</span></>}
        </span>
      </div>
      <p className="section-note">
        公示期内（{formatDate(notice.period.startOn)}至{formatDate(notice.period.end.date)}）收到的异议。尚未作出结论的异议使所针对的机构暂缓列入最终名单；异议成立的机构移出名单。
      </p>
      {!notice.final && (
        <ObjectionForm
          key={formKey}
          notice={notice}
          today={today}
          onChange={(n) => {
            setFormKey((k) => k + 1);
            onChange(n);
            window.setTimeout(() => document.getElementById(fieldId('applicationId'))?.focus(), 0);
          }}
        />
      )}
      {notice.objections.length === 0 ? (
        <p className="muted" data-testid="objection-empty">
          尚未登记异议。
        </p>
      ) : (
        <ol className="pn-objection-list" data-testid="objection-list">
          {notice.objections.map((o, i) => {
            const isOpen = o.state === 'received' || o.state === 'under_review';
            return (
              <li key={o.objectionId} className={`pn-objection pn-objection-${o.state}`} data-testid="objection" aria-labelledby={`obj-${o.objectionId}`}>
                <div className="pn-objection-head">
                  <h3 id={`obj-${o.objectionId}`}>
                    异议{i + 1}：{o.institution}
                  </h3>
                  <ObjectionStateBadge state={o.state} label={o.stateLabel} />
                </div>
                <dl className="pn-objection-meta">
                  <div>
                    <dt>收到日期</dt>
                    <dd>{formatDate(o.receivedOn)}</dd>
                  </div>
                  <div>
                    <dt>反映方式</dt>
                    <dd>{o.channelLabel}</dd>
                  </div>
                  <div>
                    <dt>异议人</dt>
                    <dd>{o.objector}</dd>
                  </div>
                  <div>
                    <dt>联系方式</dt>
                    <dd>{o.contact ?? '—'}</dd>
                  </div>
                </dl>
                <p className="pn-objection-content">{o.content}</p>
                {o.note && (
                  <p className="pn-objection-note">
                    <strong>处理说明：</strong>
                    {o.note}
                  </p>
                )}
                <details className="pn-history">
                  <summary>处理记录（{o.history.length}条）</summary>
                  <ol>
                    {o.history.map((h, k) => (
                      <li key={k}>
                        <span className="nowrap">{formatTimestamp(h.at)}</span> · {h.by} · <ObjectionStateBadge state={h.state} label={h.stateLabel} />
                        {h.note && <span className="pn-history-note">：{h.note}</span>}
                      </li>
                    ))}
                  </ol>
                </details>
                {isOpen && !notice.final && (
                  <div className="pn-objection-actions">
                    {o.state === 'received' && (
                      <button type="button" className="btn btn-small" disabled={busyId === o.objectionId} onClick={() => void startReview(o)} aria-label={`开始核查：异议${i + 1}（${o.institution}）`}>
                        开始核查
                      </button>
                    )}
                    <button type="button" className="btn btn-small" onClick={() => setDeciding({ o, state: 'upheld' })} aria-label={`异议成立：异议${i + 1}（${o.institution}）`}>
                      异议成立…
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setDeciding({ o, state: 'dismissed' })} aria-label={`异议不成立：异议${i + 1}（${o.institution}）`}>
                      异议不成立…
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {deciding && (
        <DecisionDialog
          objection={deciding.o}
          state={deciding.state}
          onClose={() => setDeciding(null)}
          onDone={(n) => {
            setDeciding(null);
            onChange(n);
          }}
        />
      )}
    </section>
  );
}

function ObjectionForm({ notice, today, onChange }: { notice: NoticeView; today: string; onChange: (n: NoticeView) => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const initial: ObjectionValues = {
    applicationId: notice.entries.length === 1 ? notice.entries[0]!.applicationId : '',
    receivedOn: today < notice.period.end.date ? today : notice.period.end.date,
    channel: 'written',
    objector: '',
    contact: '',
    content: '',
  };
  const form = useFormState<ObjectionValues>(initial, {
    schema: contract['publicNotice.addObjection'].input,
    toInput: (v) => ({ noticeId: notice.noticeId, ...v }),
    fields: FIELDS,
    requiredLabels: { receivedOn: '收到日期' },
    rawValue: (v, path) => v[path as keyof ObjectionValues],
  });
  const { values, set, touch, errorOf } = form;
  const submit = async () => {
    if (busy) return;
    const data = form.validateAll();
    if (!data) return;
    setBusy(true);
    try {
      const next = await api['publicNotice.addObjection'](data as Parameters<(typeof api)['publicNotice.addObjection']>[0]);
      const name = notice.entries.find((e) => e.applicationId === values.applicationId)?.name ?? '';
      toast.success(`已登记对“${name}”的异议`);
      onChange(next);
    } catch (e) {
      if (!form.applyServerError(e)) toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  const text = (path: 'objector' | 'contact' | 'receivedOn') => ({
    id: fieldId(path),
    value: values[path],
    error: errorOf(path),
    onChange: (e: { target: { value: string } }) => set(path, e.target.value),
    onBlur: () => touch(path),
  });
  return (
    <form
      className="pn-objection-form"
      noValidate
      aria-labelledby="pn-obj-form-heading"
      data-testid="objection-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 's' && e.ctrlKey) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <h3 id="pn-obj-form-heading">登记异议</h3>
      {form.submitted && <ErrorSummary errors={form.summary} labels={LABELS} title="请修改以下内容后再登记" />}
      <div className="grid pn-objection-grid">
        <SelectField id={fieldId('applicationId')} label="针对机构" required value={values.applicationId} error={errorOf('applicationId')} onChange={(e) => set('applicationId', e.target.value)} onBlur={() => touch('applicationId')}>
          <option value="">请选择公示名单上的机构</option>
          {notice.entries.map((e) => (
            <option key={e.applicationId} value={e.applicationId}>
              {e.position}. {e.name}
            </option>
          ))}
        </SelectField>
        <TextField {...text('receivedOn')} label="收到日期" type="date" required min={notice.period.startOn} max={today} hint="须在公示期内" />
        <SelectField id={fieldId('channel')} label="反映方式" required value={values.channel} error={errorOf('channel')} onChange={(e) => set('channel', e.target.value)} onBlur={() => touch('channel')}>
          {OBJECTION_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {OBJECTION_CHANNEL_LABEL[c]}
            </option>
          ))}
        </SelectField>
        <TextField {...text('objector')} label="异议人（单位或个人）" required maxLength={100} />
        <TextField {...text('contact')} label="联系方式" maxLength={100} hint="选填" />
        <TextAreaField
          id={fieldId('content')}
          label="异议内容"
          required
          span="full"
          maxLength={2000}
          value={values.content}
          error={errorOf('content')}
          onChange={(e) => set('content', e.target.value)}
          onBlur={() => touch('content')}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="add-objection">
          {busy ? '正在登记…' : '登记异议'}
        </button>
        <span className="muted small">Ctrl+S 登记</span>
      </div>
    </form>
  );
}

/** 异议成立 / 异议不成立 with the required note (the shared schema refuses a decision without one). */
function DecisionDialog({ objection, state, onClose, onDone }: { objection: Objection; state: 'upheld' | 'dismissed'; onClose: () => void; onDone: (n: NoticeView) => void }) {
  const toast = useToast();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const label = state === 'upheld' ? '异议成立' : '异议不成立';
  const submit = async () => {
    const input = { objectionId: objection.objectionId, state, note };
    const r = contract['publicNotice.setObjectionState'].input.safeParse(input);
    if (!r.success) {
      const fe = fieldErrorsOf(r.error);
      setError(fe.note ?? Object.values(fe)[0]);
      document.getElementById('pn-decision-note')?.focus();
      return;
    }
    setBusy(true);
    try {
      const next = await api['publicNotice.setObjectionState'](r.data);
      toast.success(`已作出结论：对“${objection.institution}”的异议${state === 'upheld' ? '成立，该机构移出名单' : '不成立'}`);
      onDone(next);
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`${label}：${objection.institution}`}
      testId="objection-decision"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={<DialogActions label={`确认${label}`} busy={busy} danger={state === 'upheld'} onCancel={onClose} />}
    >
      <p className="small">
        {formatDate(objection.receivedOn)}收到（{objection.channelLabel}，{objection.objector}）：{objection.content}
      </p>
      <p className="small">
        {state === 'upheld' ? '异议成立的，该机构移出公示名单，不列入最终名单。' : '异议不成立的，该机构恢复列入公示名单。'}作出结论须写明核查情况和理由。
      </p>
      <TextAreaField
        id="pn-decision-note"
        label="核查情况和理由"
        required
        rows={4}
        maxLength={1000}
        value={note}
        error={error}
        onChange={(e) => {
          setNote(e.target.value);
          setError(undefined);
        }}
      />
    </Dialog>
  );
}
