import { api } from '../api';
import { DataTable, type Column } from '../components/Table';
import { DeadlineText, RoundStatusBadge } from '../components/Badge';
import { Kbd, LoadError, Loading, PageHeading } from '../components/Page';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { MemberPath } from '../components/MemberPath';
import { formatDate } from '../format';
import { Link, navigate } from '../router';
import type { RoundSummary } from '../../../shared/domain/round';

/** 审核批次: every round with its counts and next deadline. */
export function HomePage() {
  const rounds = useLoad(() => api['rounds.list']({}), []);
  useHotkey('Alt+N', () => navigate({ name: 'newRound' }));

  const columns: Column<RoundSummary>[] = [
    {
      key: 'name',
      header: '批次名称',
      headerText: '批次名称',
      sortValue: (r) => r.name,
      render: (r) => (
        <Link to={{ name: 'round', roundId: r.id }} tabIndex={-1}>
          {r.name}
        </Link>
      ),
    },
    { key: 'code', header: '批次编号', headerText: '批次编号', sortValue: (r) => r.code, render: (r) => <span className="mono">{r.code}</span> },
    { key: 'region', header: '统筹区', headerText: '统筹区', sortValue: (r) => r.region, render: (r) => r.region },
    { key: 'profile', header: '地区政策', headerText: '地区政策', sortValue: (r) => r.profileName, render: (r) => r.profileName, className: 'wrap' },
    { key: 'openedOn', header: '开始日期', headerText: '开始日期', sortValue: (r) => r.openedOn, render: (r) => formatDate(r.openedOn) },
    { key: 'status', header: '状态', headerText: '状态', sortValue: (r) => r.status, render: (r) => <RoundStatusBadge status={r.status} /> },
    { key: 'apps', header: '申请数', headerText: '申请数', sortValue: (r) => r.applicationCount, className: 'num', render: (r) => r.applicationCount },
    { key: 'pending', header: '形式审查中', headerText: '形式审查中', sortValue: (r) => r.pendingFormalCheck, className: 'num', render: (r) => r.pendingFormalCheck },
    { key: 'notices', header: '待补正', headerText: '待补正', sortValue: (r) => r.openNotices, className: 'num', render: (r) => r.openNotices },
    {
      key: 'next',
      header: '最近期限',
      headerText: '最近期限',
      className: 'wrap',
      sortValue: (r) => r.nextDeadline?.date ?? null,
      render: (r) =>
        r.nextDeadline ? (
          <span className="next-deadline">
            <DeadlineText date={r.nextDeadline.date} provisional={r.nextDeadline.provisional} />
            <span className="muted small">{r.nextDeadline.what}</span>
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];

  return (
    <div className="page">
      <PageHeading
        title="审核批次"
        actions={
          <Link to={{ name: 'newRound' }} className="btn btn-primary" aria-keyshortcuts="Alt+N">
            新建批次 <Kbd>Alt+N</Kbd>
          </Link>
        }
      >
        <p className="lead">每个批次对应一次定点申请受理；点击批次进入申请登记与形式审查。</p>
      </PageHeading>
      <MemberPath />
      {rounds.error ? (
        <LoadError error={rounds.error} onRetry={rounds.reload} />
      ) : !rounds.data ? (
        <Loading what="审核批次" />
      ) : (
        <DataTable
          testId="rounds-table"
          caption={`审核批次列表（共${rounds.data.length}个）`}
          captionHidden
          columns={columns}
          rows={rounds.data}
          rowKey={(r) => r.id}
          onOpen={(r) => navigate({ name: 'round', roundId: r.id })}
          initialSort={{ key: 'openedOn', dir: 'desc' }}
          empty={
            <div className="empty">
              <p>还没有审核批次。</p>
              <p>
                <Link to={{ name: 'newRound' }}>新建第一个批次</Link>（Alt+N）
              </p>
            </div>
          }
        />
      )}
    </div>
  );
}
