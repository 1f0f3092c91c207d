import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { contract } from '../../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../../shared/contract/validate';
import type { Candidate, NoticeView } from '../../../../shared/contract/slices/publicNotice';
import { SERVICE_TYPE_LABEL } from '../../../../shared/domain/enums';
import { DeadlineText, PROVISIONAL_EXPLANATION, ProvisionalBadge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorSummary, fieldId, focusField, TextField } from '../../components/Field';
import { NoticeDayStrip } from '../../components/NoticeDayStrip';
import { DataTable } from '../../components/Table';
import { errorMessage, useToast } from '../../components/Toast';
import { formatDate, parseCount } from '../../format';

type Preview = { period: NoticeView['period']; candidates: Candidate[]; problems: string[] };

const LABELS: Record<string, string> = { startOn: '公示发布日期', workingDays: '公示期（工作日）' };

/**
 * 新建公示: the publication date and the working days; every change asks the
 * back end for a preview (end date, the days, the list, what stands in the
 * way); 发布公示 creates the notice and issues its PDF after a confirmation.
 */
export function NoticeNewForm({
  roundId,
  today,
  seq,
  minWorkingDays,
  citation,
  onCreated,
  onCancel,
}: {
  roundId: string;
  today: string;
  /** the number the new notice will get */
  seq: number;
  minWorkingDays: number;
  citation: string;
  onCreated: (n: NoticeView) => void;
  onCancel?: (() => void) | undefined;
}) {
  const toast = useToast();
  const [startOn, setStartOn] = useState(today);
  const [days, setDays] = useState(String(minWorkingDays));
  const [submitted, setSubmitted] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const seqRef = useRef(0);

  const workingDays = parseCount(days);
  const input = { roundId, startOn, ...(workingDays === undefined ? {} : { workingDays }) };
  const parsed = contract['publicNotice.preview'].input.safeParse(input);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (!startOn) errors.startOn = '请填写公示发布日期';
  if (days.trim() === '') errors.workingDays = '请填写公示期（工作日数）';
  else if (!errors.workingDays && workingDays !== undefined && workingDays < minWorkingDays) errors.workingDays = `公示期不得少于${minWorkingDays}个工作日（${citation}）`;
  const valid = Object.keys(errors).length === 0;

  useEffect(() => {
    if (!valid) {
      setPreview(null);
      return;
    }
    const mine = ++seqRef.current;
    setLoading(true);
    const t = window.setTimeout(() => {
      api['publicNotice.preview']({ roundId, startOn, ...(workingDays === undefined ? {} : { workingDays }) })
        .then((p) => {
          if (mine !== seqRef.current) return;
          setPreview(p);
          setPreviewError(null);
        })
        .catch((e: unknown) => {
          if (mine !== seqRef.current) return;
          setPreview(null);
          setPreviewError(errorMessage(e));
        })
        .finally(() => {
          if (mine === seqRef.current) setLoading(false);
        });
    }, 200);
    return () => window.clearTimeout(t);
  }, [roundId, startOn, workingDays, valid]);

  const shown = (path: string) => (submitted ? errors[path] : undefined) ?? (path === 'workingDays' && days.trim() !== '' ? errors[path] : undefined) ?? (path === 'startOn' && startOn !== '' ? errors[path] : undefined);

  const publish = () => {
    setSubmitted(true);
    if (!valid) {
      window.setTimeout(() => focusField(Object.keys(errors)[0]!), 0);
      return;
    }
    if (!preview || loading) {
      toast.info('正在计算公示期，请稍候再发布');
      return;
    }
    if (preview.problems.length > 0) {
      toast.error(`暂不能发布公示：${preview.problems[0]}`);
      document.getElementById('pn-new-problems')?.focus();
      return;
    }
    setConfirm(true);
  };

  const create = async () => {
    setBusy(true);
    try {
      const n = await api['publicNotice.create']({ roundId, startOn, ...(workingDays === undefined ? {} : { workingDays }) });
      toast.success(`已发布第${n.seq}次公示（${n.entries.length}家机构），公示期至${formatDate(n.period.end.date)}，公示文书已生成`);
      setConfirm(false);
      onCreated(n);
    } catch (e) {
      setConfirm(false);
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  const p = preview?.period;
  return (
    <section className="panel pn-new" aria-labelledby="pn-new-heading" data-testid="notice-new">
      <div className="panel-header">
        <h2 id="pn-new-heading">新建公示（第{seq}次）</h2>
        {onCancel && (
          <button type="button" className="btn btn-small" onClick={onCancel}>
            返回已发布的公示
          </button>
        )}
      </div>
      <p className="section-note">
        公示本批次已封存的审核合格机构（尚未列入公示的）。公示期自发布日次日起按工作日计算，节假日不计入，调休上班日计入，不少于{minWorkingDays}个工作日
        <span className="citation">{citation}</span>。
      </p>
      <form
        className="pn-new-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          publish();
        }}
      >
        {submitted && <ErrorSummary errors={errors} labels={LABELS} title="请修改以下内容后再发布" />}
        <div className="inline-form">
          <TextField
            id={fieldId('startOn')}
            label="公示发布日期"
            type="date"
            required
            value={startOn}
            error={shown('startOn')}
            hint="公示期自次日起算"
            onChange={(e) => setStartOn(e.target.value)}
          />
          <TextField
            id={fieldId('workingDays')}
            label="公示期（工作日）"
            inputMode="numeric"
            required
            value={days}
            error={shown('workingDays')}
            hint={`不少于${minWorkingDays}个工作日`}
            className="pn-days-field"
            onChange={(e) => setDays(e.target.value)}
          />
        </div>
        <div aria-live="polite" className="pn-preview" data-testid="notice-preview">
          {!valid ? (
            <p className="muted">填写正确的发布日期和公示期后显示公示期和名单。</p>
          ) : previewError ? (
            <div className="banner banner-error" role="alert">
              <p>{previewError}</p>
            </div>
          ) : !p ? (
            <p className="loading">正在计算公示期…</p>
          ) : (
            <>
              <p className="pn-period-line" data-testid="preview-end">
                自{formatDate(p.startOn)}发布，公示{p.workingDays}个工作日，至 <DeadlineText date={p.end.date} provisional={p.end.provisional} weekday /> 止
                {loading && <span className="muted small">（正在更新…）</span>}
              </p>
              {p.end.provisional && (
                <p className="pn-provisional-note small" data-testid="preview-provisional">
                  <ProvisionalBadge /> 结束日期待定：{PROVISIONAL_EXPLANATION}公示期满前须录入该年节假日安排，否则不能确定最终名单。
                </p>
              )}
              <NoticeDayStrip period={p} testId="preview-strip" />
              {preview.problems.length > 0 && (
                <div className="banner banner-warn" id="pn-new-problems" tabIndex={-1} role="note" data-testid="preview-problems">
                  <p>
                    <strong>暂不能发布：</strong>
                  </p>
                  <ul className="plain-list">
                    {preview.problems.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                </div>
              )}
              <DataTable<Candidate>
                caption={`将公示的机构（${preview.candidates.length}家）`}
                testId="preview-candidates"
                columns={[
                  { key: 'pos', header: '序号', headerText: '序号', render: (c) => preview.candidates.indexOf(c) + 1, className: 'num' },
                  { key: 'name', header: '机构名称', headerText: '机构名称', render: (c) => c.name },
                  { key: 'address', header: '地址', headerText: '地址', render: (c) => c.address, className: 'wrap' },
                  { key: 'types', header: '服务类型', headerText: '服务类型', render: (c) => c.serviceTypes.map((t) => SERVICE_TYPE_LABEL[t]).join('、') },
                  { key: 'uscc', header: '统一社会信用代码', headerText: '统一社会信用代码', render: (c) => <span className="mono">{c.uscc}</span> },
                  { key: 'decided', header: '集体评议日期', headerText: '集体评议日期', render: (c) => formatDate(c.decidedOn) },
                ]}
                rows={preview.candidates}
                rowKey={(c) => c.applicationId}
                empty="没有待公示的合格机构"
              />
            </>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="publish-notice">
            发布公示…
          </button>
          <span className="muted small">发布时生成公示文书（PDF）；已取得单位证书的，文书带数字签名。</span>
        </div>
      </form>
      {confirm && p && preview && (
        <ConfirmDialog title={`发布第${seq}次公示`} confirmLabel="发布公示" busy={busy} onConfirm={() => void create()} onClose={() => setConfirm(false)}>
          <p>
            公示 <strong>{preview.candidates.length}</strong> 家审核合格机构：{preview.candidates.map((c) => c.name).join('、')}。
          </p>
          <p>
            公示期自{formatDate(p.startOn)}发布，{p.workingDays}个工作日，至{formatDate(p.end.date)}
            {p.end.provisional ? '（待定）' : ''}。
          </p>
          <p className="small muted">发布后公示名单不能修改，公示期内收到的异议在本页登记处理。</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
