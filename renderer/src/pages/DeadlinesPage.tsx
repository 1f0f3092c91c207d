import { useState } from 'react';
import { api, ApiError } from '../api';
import type { DeadlineRow } from '../../../shared/contract/slices/deliberation';
import type { Output } from '../../../shared/contract/methods';
import { Badge, DeadlineText } from '../components/Badge';
import { DeliberationLinks, OutcomeBadge } from '../components/DeliberationBits';
import { Dialog } from '../components/Dialog';
import { TextAreaField, TextField } from '../components/Field';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../components/Page';
import { errorMessage, useToast } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { useToday } from '../components/AppContext';
import { formatDate, formatTimestamp } from '../format';
import { Link } from '../router';

type Period = NonNullable<NonNullable<DeadlineRow['rectification']>['window']>;
type Agreement = Output<'deliberation.agreementDeadline'>;

const METHODS = ['直接送达', '邮寄送达', 'EMS邮寄', '电子送达', '留置送达', '公告送达'];

/** A period's last day with its marks: 顺延 (moved off a rest day) and 待定 (holidays of that year not known). */
function PeriodEnd({ p, testId }: { p: Period; testId?: string }) {
  return (
    <span data-testid={testId}>
      <DeadlineText date={p.date} provisional={p.provisional} weekday />
      {p.extended && (
        <>
          {' '}
          <Badge tone="info" title={`${formatDate(p.nominal)}为休息日，期限顺延至其后第一个工作日`}>
            顺延
          </Badge>
          <span className="muted small">（原到期日{formatDate(p.nominal)}为休息日）</span>
        </>
      )}
    </span>
  );
}

/**
 * 评议结果与期限: each applicant's outcome (final once the meeting is sealed,
 * provisional before), the link to an earlier failure it re-reviews, the
 * delivery of the result (登记送达), and what follows: the rectification
 * window and re-reviews for 不合格, the bar after a failed re-review, the
 * agreement window for 合格 once the 公示 end is known.
 */
export function DeadlinesPage({ roundId }: { roundId: string }) {
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const rows = useLoad(() => api['deliberation.deadlines']({ roundId }), [roundId]);
  const [agreements, setAgreements] = useState<Record<string, Agreement>>({});
  const [dialog, setDialog] = useState<DeadlineRow | null>(null);

  const title = '评议结果与期限';
  if (round.error) return <LoadError error={round.error} onRetry={round.reload} />;
  if (!round.data) return <Loading what="批次" />;
  return (
    <div className="page delib-page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: round.data.name, to: { name: 'round', roundId } }, { label: title }]} />
      <PageHeading title={title}>
        <p className="lead">
          {round.data.name} · 会议纪要封存后结论为最终结论。不合格的，自结果告知送达之日起计算整改期限；合格的，公示结束后计算申请签订协议的期限。
        </p>
      </PageHeading>
      <DeliberationLinks roundId={roundId} />
      {rows.error ? (
        <LoadError error={rows.error} onRetry={rows.reload} />
      ) : !rows.data ? (
        <Loading what="评议结果" />
      ) : rows.data.length === 0 ? (
        <p className="muted">本批次没有形式审查通过的申请。</p>
      ) : (
        <div className="deadline-cards">
          {rows.data.map((r) => (
            <DeadlineCard key={r.applicationId} r={r} agreement={agreements[r.applicationId] ?? null} onAgreement={(a) => setAgreements((x) => ({ ...x, [r.applicationId]: a }))} onDeliver={() => setDialog(r)} />
          ))}
        </div>
      )}
      {dialog && (
        <DeliveryDialog
          row={dialog}
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            rows.setData((rows.data ?? []).map((x) => (x.applicationId === next.applicationId ? next : x)));
          }}
        />
      )}
    </div>
  );
}

function DeadlineCard({ r, agreement, onAgreement, onDeliver }: { r: DeadlineRow; agreement: Agreement | null; onAgreement: (a: Agreement) => void; onDeliver: () => void }) {
  return (
    <section className="panel deadline-card" aria-labelledby={`dl-${r.applicationId}`} data-testid={`deadline-${r.applicationNo}`}>
      <div className="panel-header">
        <h2 id={`dl-${r.applicationId}`}>
          {r.name} <span className="muted small mono">{r.applicationNo}</span>
        </h2>
        <div className="deadline-outcome">
          <OutcomeBadge outcome={r.outcome} provisional={!!r.outcome && !r.final} />
          {r.outcome && (r.final ? <Badge tone="neutral">最终结论</Badge> : <Badge tone="warn" title="会议纪要尚未封存，结论可能变化">暂定</Badge>)}
        </div>
      </div>
      <dl className="dl-grid deadline-grid">
        <dt>集体评议</dt>
        <dd>
          {r.meetingId ? (
            <>
              {formatDate(r.decidedOn)} · <Link to={{ name: 'meeting', meetingId: r.meetingId, view: 'minutes' }}>会议纪要</Link>
            </>
          ) : (
            <span className="muted">尚未评议</span>
          )}
        </dd>
        <dt>申请类别</dt>
        <dd data-testid="reapplication">
          {r.reapplication.label}
          {r.reapplication.previousApplicationId && (
            <>
              {' · '}
              <Link to={{ name: 'application', applicationId: r.reapplication.previousApplicationId, tab: 'info' }}>
                {r.reapplication.kind === 're_review' ? '再次审核：' : '上次申请：'}
                {r.reapplication.previousApplicationNo}
              </Link>
            </>
          )}
        </dd>
        {r.final && (
          <>
            <dt>结果告知送达</dt>
            <dd data-testid="delivery">
              {r.delivery ? (
                <>
                  {formatDate(r.delivery.deliveredOn)} · {r.delivery.method}
                  {r.delivery.note && <> · {r.delivery.note}</>}
                  <span className="muted small">
                    （{r.delivery.recordedBy}登记于{formatTimestamp(r.delivery.recordedAt)}
                    {r.delivery.revisions > 0 && `，更正${r.delivery.revisions}次`}）
                  </span>{' '}
                  <button type="button" className="btn btn-small" onClick={onDeliver}>
                    更正…
                  </button>
                </>
              ) : (
                <>
                  <span className="warn-text">尚未登记</span>{' '}
                  <button type="button" className="btn btn-small" onClick={onDeliver} aria-label={`登记“${r.name}”的结果送达`}>
                    登记送达…
                  </button>
                </>
              )}
            </dd>
          </>
        )}
        {r.rectification && (
          <>
            <dt>整改期限</dt>
            <dd data-testid="rectification">
              {r.rectification.window ? (
                <>
                  至 <PeriodEnd p={r.rectification.window} />
                </>
              ) : (
                <span>自结果告知送达之日起 {r.rectification.months} 个月（登记送达后计算）</span>
              )}
              <span className="citation">{r.rectification.citation}</span>
            </dd>
            <dt>再次审核</dt>
            <dd data-testid="re-reviews">
              已用 {r.rectification.reReviewsUsed}/{r.rectification.reReviewsAllowed} 次
              {r.rectification.reReviewAvailable ? '，整改完成后可在期限内申请再次审核' : '，不能再申请再次审核'}
            </dd>
          </>
        )}
        {r.bar && (
          <>
            <dt>不得再次申请</dt>
            <dd data-testid="bar">
              至 <strong>{formatDate(r.bar.endsOn)}</strong>（自{formatDate(r.bar.startsOn)}起{r.bar.months % 12 === 0 ? `${r.bar.months / 12}年` : `${r.bar.months}个月`}）
              {!r.bar.fromDelivery && (
                <Badge tone="warn" title="结果告知送达日期尚未登记，暂自评议之日起算；登记送达后重新计算">
                  自评议日起算
                </Badge>
              )}
              <span className="citation">{r.bar.citation}</span>
            </dd>
          </>
        )}
        {r.agreement && <AgreementRow r={r} a={agreement} onDone={onAgreement} />}
      </dl>
    </section>
  );
}

function AgreementRow({ r, a, onDone }: { r: DeadlineRow; a: Agreement | null; onDone: (a: Agreement) => void }) {
  const g = r.agreement!;
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const shown = a ?? (g.deadline ? { ...g, applicationId: r.applicationId, noticeEndsOn: g.noticeEndsOn ?? '' } : null);
  const submit = async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError('请填写公示结束日期');
    setBusy(true);
    try {
      onDone(await api['deliberation.agreementDeadline']({ applicationId: r.applicationId, noticeEndsOn: date }));
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError && e.fieldErrors?.noticeEndsOn ? e.fieldErrors.noticeEndsOn : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <dt>申请签订协议</dt>
      <dd data-testid="agreement">
        {shown?.deadline ? (
          <>
            公示于{formatDate(shown.noticeEndsOn)}结束，至 <PeriodEnd p={shown.deadline} />
          </>
        ) : (
          <span>{g.months ? `公示结束后${g.months}个月内` : g.note}</span>
        )}
        <span className="citation">{g.citation}</span>
        {g.note && shown?.deadline && <div className="small muted">{g.note}</div>}
        {r.final && (
          <form
            className="inline-form agreement-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <TextField id={`notice-${r.applicationId}`} label="公示结束日期" type="date" value={date} error={error} onChange={(e) => setDate(e.target.value)} />
            <button type="submit" className="btn btn-small" disabled={busy}>
              计算期限
            </button>
          </form>
        )}
      </dd>
    </>
  );
}

function DeliveryDialog({ row, onClose, onDone }: { row: DeadlineRow; onClose: () => void; onDone: (r: DeadlineRow) => void }) {
  const toast = useToast();
  const today = useToday();
  const correcting = !!row.delivery;
  const [deliveredOn, setDeliveredOn] = useState(row.delivery?.deliveredOn ?? today);
  const [method, setMethod] = useState(row.delivery?.method ?? '');
  const [note, setNote] = useState(row.delivery?.note ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const e: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(deliveredOn)) e.deliveredOn = '请填写送达日期';
    if (!method.trim()) e.method = '请填写送达方式';
    if (correcting && !reason.trim()) e.reason = '已登记送达信息，修改须写明原因';
    setErrors(e);
    if (Object.keys(e).length) return document.getElementById(`dlv-${Object.keys(e)[0]}`)?.focus();
    setBusy(true);
    try {
      const next = await api['deliberation.recordDelivery']({
        applicationId: row.applicationId,
        deliveredOn,
        method: method.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(correcting ? { reason: reason.trim() } : {}),
      });
      toast.success(`已登记“${row.name}”的结果送达`);
      onDone(next);
    } catch (err) {
      const fe = err instanceof ApiError ? (err.fieldErrors ?? {}) : {};
      setErrors({ ...fe, ...(Object.keys(fe).length ? {} : { form: errorMessage(err) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={correcting ? `更正送达信息：${row.name}` : `登记送达：${row.name}`}
      testId="delivery-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? '正在保存…' : '保存'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
        </>
      }
    >
      {errors.form && (
        <div className="banner banner-error" role="alert">
          <p>{errors.form}</p>
        </div>
      )}
      <p className="small">审核结果告知书送达申请机构的日期。{row.outcome === 'fail' ? '整改期限自送达之日起计算。' : ''}</p>
      <TextField id="dlv-deliveredOn" label="送达日期" type="date" required value={deliveredOn} error={errors.deliveredOn} max={today} onChange={(e) => {
          setDeliveredOn(e.target.value);
          setErrors((x) => ({ ...x, deliveredOn: '' }));
        }}
      />
      <TextField id="dlv-method" label="送达方式" required list="dlv-methods" value={method} error={errors.method} maxLength={50}
        onChange={(e) => {
          setMethod(e.target.value);
          setErrors((x) => ({ ...x, method: '' }));
        }}
      />
      <datalist id="dlv-methods">
        {METHODS.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <TextField id="dlv-note" label="备注" value={note} maxLength={300} placeholder="例如：签收人、邮件单号" onChange={(e) => setNote(e.target.value)} />
      {correcting && (
        <TextAreaField id="dlv-reason" label="修改原因" required value={reason} error={errors.reason}
          onChange={(e) => {
            setReason(e.target.value);
            setErrors((x) => ({ ...x, reason: '' }));
          }}
        />
      )}
    </Dialog>
  );
}
