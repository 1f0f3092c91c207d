import { useState } from 'react';
import { api } from '../../api';
import type { NoticeView } from '../../../../shared/contract/slices/publicNotice';
import { SERVICE_TYPE_LABEL } from '../../../../shared/domain/enums';
import { Badge, DeadlineText, PROVISIONAL_EXPLANATION } from '../../components/Badge';
import { ConfirmDialog } from '../../components/Dialog';
import { NoticeDayStrip } from '../../components/NoticeDayStrip';
import { DataTable } from '../../components/Table';
import { useToast } from '../../components/Toast';
import { formatDate, formatDateWithWeekday, formatTimestamp } from '../../format';
import { NoticeObjections } from './NoticeObjections';

type Entry = NoticeView['entries'][number];
type Listed = NonNullable<NoticeView['final']>['listed'][number];
type Removed = NonNullable<NoticeView['final']>['removed'][number];

const STATUS_TONE: Record<NoticeView['status'], 'info' | 'warn' | 'success'> = { open: 'info', ended: 'warn', finalised: 'success' };
const ENTRY_TONE: Record<Entry['state'], 'success' | 'warn' | 'danger'> = { listed: 'success', held: 'warn', removed: 'danger' };

/** One 公示: its period and days, the list, the PDF, the objections, finalising and the final list. */
export function NoticeDetail({ notice, today, onChange }: { notice: NoticeView; today: string; onChange: (n: NoticeView) => void }) {
  const p = notice.period;
  return (
    <div className="pn-detail" data-testid="notice-view" data-notice={notice.noticeId}>
      <section className="panel" aria-labelledby="pn-view-heading">
        <div className="panel-header">
          <h2 id="pn-view-heading">第{notice.seq}次公示</h2>
          <span data-testid="notice-status">
            <Badge tone={STATUS_TONE[notice.status]}>{notice.statusLabel}</Badge>
          </span>
        </div>
        <dl className="dl-grid pn-facts">
          <div>
            <dt>公示发布日期</dt>
            <dd>{formatDateWithWeekday(p.startOn)}</dd>
          </div>
          <div>
            <dt>公示期</dt>
            <dd>
              {p.workingDays}个工作日（不少于{p.minWorkingDays}个工作日）<span className="citation">{p.citation}</span>
            </dd>
          </div>
          <div>
            <dt>公示期最后一日</dt>
            <dd data-testid="notice-end">
              <DeadlineText date={p.end.date} provisional={p.end.provisional} weekday />
            </dd>
          </div>
          <div>
            <dt>异议受理地址</dt>
            <dd>{notice.objectionAddress}</dd>
          </div>
          <div>
            <dt>异议受理电话</dt>
            <dd className="mono">{notice.objectionPhone}</dd>
          </div>
          <div>
            <dt>公示文书</dt>
            <dd>
              <NoticeDocument notice={notice} />
            </dd>
          </div>
        </dl>
        {p.end.provisional && (
          <p className="banner banner-warn small" role="note">
            结束日期待定：{PROVISIONAL_EXPLANATION}
          </p>
        )}
        <NoticeDayStrip period={p} />
      </section>
      <section className="panel" aria-labelledby="pn-entries-heading">
        <h2 id="pn-entries-heading">公示名单（{notice.entries.length}家）</h2>
        <DataTable<Entry>
          caption={`第${notice.seq}次公示的机构`}
          captionHidden
          testId="notice-entries"
          columns={[
            { key: 'position', header: '序号', headerText: '序号', render: (e) => e.position, sortValue: (e) => e.position, className: 'num' },
            {
              key: 'name',
              header: '机构名称',
              headerText: '机构名称',
              render: (e) => (
                <>
                  {e.name}
                  <div className="muted small mono">{e.applicationNo}</div>
                </>
              ),
              sortValue: (e) => e.name,
              className: 'wrap',
            },
            { key: 'address', header: '地址', headerText: '地址', render: (e) => e.address, className: 'wrap' },
            { key: 'types', header: '服务类型', headerText: '服务类型', render: (e) => e.serviceTypes.map((t) => SERVICE_TYPE_LABEL[t]).join('、') },
            { key: 'uscc', header: '统一社会信用代码', headerText: '统一社会信用代码', render: (e) => <span className="mono">{e.uscc}</span> },
            {
              key: 'state',
              header: '状态',
              headerText: '状态',
              render: (e) => (
                <span data-testid={`entry-state-${e.position}`}>
                  <Badge tone={ENTRY_TONE[e.state]}>{e.stateLabel}</Badge>
                </span>
              ),
              sortValue: (e) => e.state,
            },
            {
              key: 'objections',
              header: '异议',
              headerText: '异议',
              render: (e) => (e.objections === 0 ? <span className="muted">无</span> : <>{e.objections}件{e.openObjections > 0 && <span className="warn-text">（未决{e.openObjections}件）</span>}</>),
              sortValue: (e) => e.objections,
            },
          ]}
          rows={notice.entries}
          rowKey={(e) => e.applicationId}
          rowLabel={(e) => `${e.position}. ${e.name}：${e.stateLabel}`}
          empty="本次公示没有机构"
        />
      </section>
      <NoticeObjections notice={notice} today={today} onChange={onChange} />
      {notice.final ? <FinalList notice={notice} /> : <Finalise notice={notice} onChange={onChange} />}
    </div>
  );
}

/** The latest PDF of the notice: view or print (Electron opens it itself; the browser host answers an address). */
function NoticeDocument({ notice }: { notice: NoticeView }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const doc = notice.document;
  if (!doc) return <span className="muted">尚未生成</span>;
  const open = async (action: 'view' | 'print') => {
    setBusy(true);
    try {
      const r = await api['system.openDocument']({ documentId: doc.documentId, action });
      if (!r.opened) {
        if (r.url) window.open(r.url, '_blank', 'noopener');
        else toast.info(`文件位置：${r.path}`);
      }
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  const file = doc.path.split(/[\\/]/).pop() ?? doc.path;
  return (
    <div className="pn-doc" data-testid="notice-document">
      {doc.signed ? <Badge tone="success">已数字签名</Badge> : <Badge tone="warn" title="生成时未解锁单位证书">未签名</Badge>}{' '}
      <span className="small pn-doc-file" title={doc.path}>
        {file}
      </span>
      <div className="pn-doc-actions">
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void open('view')} data-testid="notice-pdf-view">
          查看
        </button>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void open('print')} data-testid="notice-pdf-print">
          打印
        </button>
      </div>
    </div>
  );
}

/** Why the final list cannot be fixed yet, or the button that fixes it (after a confirmation). */
function Finalise({ notice, onChange }: { notice: NoticeView; onChange: (n: NoticeView) => void }) {
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const listed = notice.entries.filter((e) => e.state === 'listed');
  const removed = notice.entries.filter((e) => e.state === 'removed');
  const finalise = async () => {
    setBusy(true);
    try {
      const next = await api['publicNotice.finalise']({ noticeId: notice.noticeId });
      toast.success(`已确定第${notice.seq}次公示的最终名单（${next.final?.listed.length ?? 0}家）`);
      setConfirm(false);
      onChange(next);
    } catch (e) {
      setConfirm(false);
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel pn-finalise" aria-labelledby="pn-final-heading" data-testid="finalise">
      <h2 id="pn-final-heading">确定最终名单</h2>
      <p className="section-note">公示期满、异议均已作出结论后，确定最终名单；列入名单的机构随即计算申请签订协议的截止日期。</p>
      {notice.canFinalise ? (
        <p className="banner banner-success" role="note">
          公示期已满，没有未处理完毕的异议。最终名单将列入{listed.length}家{removed.length > 0 && `，移出${removed.length}家（异议成立）`}。
        </p>
      ) : (
        <div className="banner banner-warn" role="note" id="pn-finalise-problems" data-testid="finalise-problems">
          <p>
            <strong>暂不能确定最终名单：</strong>
          </p>
          <ul className="plain-list">
            {notice.finaliseProblems.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          id="pn-finalise-button"
          disabled={!notice.canFinalise || busy}
          aria-describedby={notice.canFinalise ? undefined : 'pn-finalise-problems'}
          onClick={() => setConfirm(true)}
          data-testid="finalise-button"
        >
          确定最终名单…
        </button>
      </div>
      {confirm && (
        <ConfirmDialog title={`确定第${notice.seq}次公示的最终名单`} confirmLabel="确定最终名单" busy={busy} onConfirm={() => void finalise()} onClose={() => setConfirm(false)} returnFocusTo="pn-final-heading">
          <p>
            列入最终名单 <strong>{listed.length}</strong> 家：{listed.map((e) => e.name).join('、') || '无'}。
          </p>
          {removed.length > 0 && (
            <p>
              移出 <strong>{removed.length}</strong> 家（异议成立）：{removed.map((e) => e.name).join('、')}。
            </p>
          )}
          <p className="small muted">确定后不能再登记或处理本次公示的异议。</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function FinalList({ notice }: { notice: NoticeView }) {
  const f = notice.final!;
  const citation = f.listed[0]?.agreement.citation;
  return (
    <section className="panel pn-final" aria-labelledby="pn-final-heading" data-testid="final-list">
      <div className="panel-header">
        <h2 id="pn-final-heading" tabIndex={-1}>
          最终名单
        </h2>
        <span className="muted small">
          {f.finalisedBy}确定于{formatTimestamp(f.finalisedAt)} · 公示于{formatDate(f.endOn)}结束
        </span>
      </div>
      <DataTable<Listed>
        caption={<>列入最终名单（{f.listed.length}家），自公示结束之日起申请签订协议{citation && <span className="citation">{citation}</span>}</>}
        testId="final-listed"
        columns={[
          { key: 'pos', header: '序号', headerText: '序号', render: (x) => f.listed.indexOf(x) + 1, className: 'num' },
          { key: 'name', header: '机构名称', headerText: '机构名称', render: (x) => x.name, className: 'wrap' },
          { key: 'uscc', header: '统一社会信用代码', headerText: '统一社会信用代码', render: (x) => <span className="mono">{x.uscc}</span> },
          {
            key: 'deadline',
            header: '申请签订协议截止日期',
            headerText: '申请签订协议截止日期',
            render: (x) => <AgreementDeadline a={x.agreement} />,
          },
        ]}
        rows={f.listed}
        rowKey={(x) => x.applicationId}
        empty="没有列入最终名单的机构"
      />
      {f.listed[0] && <p className="small muted pn-agreement-note">{f.listed[0].agreement.note}</p>}
      {f.removed.length > 0 && (
        <DataTable<Removed>
          caption={`移出名单（${f.removed.length}家）`}
          testId="final-removed"
          columns={[
            { key: 'name', header: '机构名称', headerText: '机构名称', render: (x) => x.name },
            { key: 'reason', header: '移出理由', headerText: '移出理由', render: (x) => x.reason, className: 'wrap' },
          ]}
          rows={f.removed}
          rowKey={(x) => x.applicationId}
          empty="无"
        />
      )}
    </section>
  );
}

function AgreementDeadline({ a }: { a: Listed['agreement'] }) {
  if (!a.deadline) return <span className="small">{a.note}</span>;
  const d = a.deadline;
  return (
    <span className="pn-agreement" data-testid="agreement-deadline">
      <DeadlineText date={d.date} provisional={d.provisional} weekday />
      {d.extended && (
        <>
          {' '}
          <Badge tone="info" title={`${formatDate(d.nominal)}为休息日，期限顺延至其后第一个工作日`}>
            顺延
          </Badge>
          <span className="muted small">（原到期日{formatDate(d.nominal)}为休息日）</span>
        </>
      )}
      {a.months !== null && <span className="muted small">（公示结束后{a.months}个月）</span>}
    </span>
  );
}
