import { useMemo, useRef, useState } from 'react';
import { api } from '../api';
import { contract } from '../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABEL, type ApplicationStatus, type ApplicationSummary } from '../../../shared/domain/application';
import { INSTITUTION_TYPE_LABEL, SERVICE_TYPES, SERVICE_TYPE_LABEL } from '../../../shared/domain/enums';
import type { RoundSummary } from '../../../shared/domain/round';
import { ApplicationStatusBadge, Badge, DeadlineText, RoundStatusBadge } from '../components/Badge';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { TextAreaField } from '../components/Field';
import { Breadcrumbs, Kbd, LoadError, Loading, PageHeading } from '../components/Page';
import { DataTable, type Column } from '../components/Table';
import { ReviewNav } from '../components/ReviewNav';
import { DeliberationLinks } from '../components/DeliberationBits';
import { OfflineLinks } from '../components/OfflineBits';
import { DocumentLinks } from '../components/DocumentLinks';
import { useToast } from '../components/Toast';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { formatDate, formatTimestamp, toHalfWidth } from '../format';
import { formatCitation } from '../../../shared/profiles/schema';
import { Link, navigate } from '../router';

/** 批次: header, quota, and the table of applications. */
export function RoundPage({ roundId }: { roundId: string }) {
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const apps = useLoad(() => api['applications.list']({ roundId }), [roundId]);
  const profileId = round.data?.profileId;
  const profileVersion = round.data?.profileVersion;
  const profile = useLoad(
    () => (profileId ? api['profiles.get']({ id: profileId, version: profileVersion }) : Promise.resolve(null)),
    [profileId, profileVersion],
  );
  const [filter, setFilter] = useState<ApplicationStatus | ''>('');
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);

  const open = round.data?.status === 'open';
  useHotkey('Alt+N', () => navigate({ name: 'newApplication', roundId }), open);
  useHotkey('Alt+F', () => search.current?.focus());

  const rows = useMemo(() => {
    const q = toHalfWidth(query).trim().toUpperCase();
    return (apps.data ?? []).filter(
      (a) => (!filter || a.status === filter) && (!q || a.name.toUpperCase().includes(q) || a.uscc.includes(q) || a.applicationNo.toUpperCase().includes(q)),
    );
  }, [apps.data, filter, query]);

  if (round.error) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: '批次' }]} />
        <LoadError error={round.error} onRetry={round.reload} />
      </div>
    );
  }
  if (!round.data) return <Loading what="批次" />;
  const r = round.data;

  const counts = new Map<ApplicationStatus, number>();
  for (const a of apps.data ?? []) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);

  return (
    <div className="page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: r.name }]} />
      <PageHeading
        title={r.name}
        actions={
          <>
            {open ? (
              <Link to={{ name: 'newApplication', roundId }} className="btn btn-primary" aria-keyshortcuts="Alt+N">
                登记申请 <Kbd>Alt+N</Kbd>
              </Link>
            ) : (
              <button type="button" className="btn btn-primary" disabled title="批次已关闭">
                登记申请
              </button>
            )}
            <Link to={{ name: 'roundMatrix', roundId }} className="btn">
              基础性指标一览
            </Link>
            <Link to={{ name: 'roundRules', roundId }} className="btn">
              规则目录
            </Link>
            <RoundStatusControl round={r} onChanged={() => void round.reload()} />
          </>
        }
      >
        <p className="lead">
          <RoundStatusBadge status={r.status} /> 批次编号 <span className="mono">{r.code}</span> · 统筹区 {r.region} · 开始于 {formatDate(r.openedOn)}
          {r.closedAt && <> · 关闭于 {formatTimestamp(r.closedAt)}</>}
        </p>
      </PageHeading>

      <ReviewNav roundId={roundId} />
      <DeliberationLinks roundId={roundId} />
      <OfflineLinks roundId={roundId} />
      <DocumentLinks roundId={roundId} />

      <RoundFacts round={r} profile={profile.data ?? null} apps={apps.data ?? []} />

      <section className="panel" aria-labelledby="apps-heading">
        <div className="panel-header">
          <h2 id="apps-heading">申请列表</h2>
          <div className="table-tools">
            <label className="inline-label" htmlFor="status-filter">
              状态
            </label>
            <select id="status-filter" value={filter} onChange={(e) => setFilter(e.target.value as ApplicationStatus | '')}>
              <option value="">全部（{apps.data?.length ?? 0}）</option>
              {APPLICATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {APPLICATION_STATUS_LABEL[s]}（{counts.get(s) ?? 0}）
                </option>
              ))}
            </select>
            <label className="inline-label" htmlFor="app-search">
              搜索
            </label>
            <input
              id="app-search"
              ref={search}
              type="search"
              placeholder="机构名称或统一社会信用代码"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-keyshortcuts="Alt+F"
              className="search-input"
            />
          </div>
        </div>
        {apps.error ? (
          <LoadError error={apps.error} onRetry={apps.reload} />
        ) : !apps.data ? (
          <Loading what="申请" />
        ) : (
          <ApplicationsTable rows={rows} total={apps.data.length} />
        )}
      </section>
    </div>
  );
}

function RoundFacts({ round, profile, apps }: { round: RoundSummary; profile: Awaited<ReturnType<(typeof api)['profiles.get']>> | null; apps: ApplicationSummary[] }) {
  const applied = (t: (typeof SERVICE_TYPES)[number]) => apps.filter((a) => a.serviceTypes.includes(t) && a.status !== 'withdrawn' && a.status !== 'not_accepted').length;
  return (
    <div className="facts">
      <dl className="fact-list">
        <div>
          <dt>地区政策配置</dt>
          <dd>
            {round.profileName}
            <span className="muted small">（第{round.profileVersion}版）</span>
          </dd>
        </div>
        <div>
          <dt>补正期限</dt>
          <dd data-testid="round-supplement-days">
            {profile
              ? profile.supplement.workingDays === null
                ? '政策未规定天数'
                : `${profile.supplement.workingDays} 个工作日`
              : '—'}
            {profile && <span className="citation">{formatCitation(profile.supplement.source)}</span>}
          </dd>
        </div>
        <div>
          <dt>审核时限</dt>
          <dd>
            {profile ? `受理后 ${profile.reviewTimeLimit.months} 个月${profile.reviewTimeLimit.supplementExcluded ? '（补正时间不计入）' : ''}` : '—'}
            {profile && <span className="citation">{formatCitation(profile.reviewTimeLimit.source)}</span>}
          </dd>
        </div>
        <div>
          <dt>最近期限</dt>
          <dd>
            {round.nextDeadline ? (
              <>
                <DeadlineText date={round.nextDeadline.date} provisional={round.nextDeadline.provisional} />
                <span className="muted small"> {round.nextDeadline.what}</span>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>
      <table className="quota-table">
        <caption>配置规划（定点名额）</caption>
        <thead>
          <tr>
            <th scope="col">服务类型</th>
            <th scope="col" className="num">
              名额
            </th>
            <th scope="col" className="num">
              有效申请
            </th>
          </tr>
        </thead>
        <tbody>
          {SERVICE_TYPES.map((t) => (
            <tr key={t}>
              <th scope="row">{SERVICE_TYPE_LABEL[t]}</th>
              <td className="num">{round.quota[t]}</td>
              <td className="num">{applied(t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {round.note && (
        <p className="round-note">
          <span className="muted">备注：</span>
          {round.note}
        </p>
      )}
    </div>
  );
}

/** 机构护理、居家护理 in the 申请表's order, whatever order they were ticked in. */
function serviceList(types: readonly (typeof SERVICE_TYPES)[number][]): string {
  return SERVICE_TYPES.filter((t) => types.includes(t))
    .map((t) => SERVICE_TYPE_LABEL[t])
    .join('、');
}

const isFinal = (a: ApplicationSummary) => a.status === 'withdrawn' || a.status === 'not_accepted';

function ApplicationsTable({ rows, total }: { rows: ApplicationSummary[]; total: number }) {
  const columns: Column<ApplicationSummary>[] = [
    {
      key: 'no',
      header: '申请编号',
      headerText: '申请编号',
      sortValue: (a) => a.applicationNo,
      render: (a) => (
        <Link to={{ name: 'application', applicationId: a.id, tab: 'info' }} tabIndex={-1} className="mono">
          {a.applicationNo}
        </Link>
      ),
    },
    { key: 'name', header: '机构名称', headerText: '机构名称', sortValue: (a) => a.name, render: (a) => a.name, className: 'wrap' },
    { key: 'uscc', header: '统一社会信用代码', headerText: '统一社会信用代码', sortValue: (a) => a.uscc, render: (a) => <span className="mono">{a.uscc}</span> },
    { key: 'type', header: '类型', headerText: '类型', sortValue: (a) => INSTITUTION_TYPE_LABEL[a.institutionType], render: (a) => INSTITUTION_TYPE_LABEL[a.institutionType] },
    {
      key: 'services',
      header: '申请服务类型',
      headerText: '申请服务类型',
      sortValue: (a) => serviceList(a.serviceTypes),
      render: (a) => serviceList(a.serviceTypes),
    },
    { key: 'status', header: '状态', headerText: '状态', sortValue: (a) => APPLICATION_STATUSES.indexOf(a.status), render: (a) => <ApplicationStatusBadge status={a.status} /> },
    {
      key: 'materials',
      header: '材料',
      headerText: '材料',
      sortValue: (a) => a.materialsMissing * 1000 + a.materialsPending,
      render: (a) =>
        isFinal(a) ? (
          <span className="muted">—</span>
        ) : a.materialsMissing === 0 && a.materialsPending === 0 ? (
          <span className="ok-text">齐全</span>
        ) : (
          <span className="material-counts">
            {a.materialsMissing > 0 && <Badge tone="danger">缺{a.materialsMissing}</Badge>}
            {a.materialsPending > 0 && <Badge tone="neutral">未核对{a.materialsPending}</Badge>}
          </span>
        ),
    },
    {
      key: 'supplement',
      header: '补正期限',
      headerText: '补正期限',
      sortValue: (a) => (a.status === 'supplement_requested' ? (a.supplementDeadline?.date ?? null) : null),
      // After the supplement (or the end of the application) the date is history: shown muted.
      render: (a) =>
        a.supplementDeadline ? (
          <span className={a.status === 'supplement_requested' ? undefined : 'muted'} title={a.status === 'supplement_requested' ? undefined : '补正已结束'}>
            <DeadlineText date={a.supplementDeadline.date} provisional={a.supplementDeadline.provisional} />
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: 'review',
      header: '审核期限',
      headerText: '审核期限',
      sortValue: (a) => (isFinal(a) ? null : a.reviewDeadline.date),
      render: (a) => (isFinal(a) ? <span className="muted">已办结</span> : <DeadlineText date={a.reviewDeadline.date} provisional={a.reviewDeadline.provisional} />),
    },
  ];
  return (
    <DataTable
      testId="applications-table"
      caption={
        <span className="table-caption">
          显示 {rows.length} / 共 {total} 条申请<span className="muted small">（↑↓ 选择行，Enter 打开；点击表头排序）</span>
        </span>
      }
      columns={columns}
      rows={rows}
      rowKey={(a) => a.id}
      onOpen={(a) => navigate({ name: 'application', applicationId: a.id, tab: 'info' })}
      initialSort={{ key: 'no', dir: 'asc' }}
      empty={total === 0 ? '本批次还没有登记申请。' : '没有符合条件的申请。'}
    />
  );
}

/** 关闭批次 / 重新开启 (with a reason), each behind a confirmation. */
function RoundStatusControl({ round, onChanged }: { round: RoundSummary; onChanged: () => void }) {
  const toast = useToast();
  const [dialog, setDialog] = useState<'close' | 'reopen' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      toast.success(done);
      setDialog(null);
      onChanged();
    } catch (e) {
      // The message is a toast; a modal dialog would hide it.
      setDialog(null);
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  const submitReopen = () => {
    const r = contract['rounds.reopen'].input.safeParse({ roundId: round.id, reason });
    if (!r.success) {
      setReasonError(fieldErrorsOf(r.error).reason);
      document.getElementById('reopen-reason')?.focus();
      return;
    }
    void run(() => api['rounds.reopen']({ roundId: round.id, reason }), '批次已重新开启');
  };

  return (
    <>
      {round.status === 'open' ? (
        <button type="button" className="btn" onClick={() => setDialog('close')}>
          关闭批次
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setReason('');
            setReasonError(undefined);
            setDialog('reopen');
          }}
        >
          重新开启批次
        </button>
      )}
      {dialog === 'close' && (
        <ConfirmDialog title="关闭批次" confirmLabel="确认关闭" danger busy={busy} onClose={() => setDialog(null)} onConfirm={() => void run(() => api['rounds.close']({ roundId: round.id }), '批次已关闭')}>
          <p>
            关闭“{round.name}”后，不能再登记或修改本批次的申请，也不能再进行形式审查操作。
          </p>
          <p>如需继续办理，可以重新开启批次（须填写原因，并记入操作日志）。</p>
        </ConfirmDialog>
      )}
      {dialog === 'reopen' && (
        <Dialog
          title="重新开启批次"
          onClose={() => setDialog(null)}
          onSubmit={submitReopen}
          footer={
            <>
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {busy ? '处理中…' : '确认重新开启'}
              </button>
              <button type="button" className="btn" onClick={() => setDialog(null)}>
                取消
              </button>
            </>
          }
        >
          <p>重新开启后可以继续登记和审查。请说明原因，原因将记入操作日志。</p>
          <TextAreaField
            id="reopen-reason"
            label="重新开启原因"
            required
            value={reason}
            error={reasonError}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                submitReopen();
              }
            }}
          />
        </Dialog>
      )}
    </>
  );
}
