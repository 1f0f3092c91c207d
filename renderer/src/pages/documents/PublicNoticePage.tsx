import { useState } from 'react';
import { api } from '../../api';
import type { NoticeView } from '../../../../shared/contract/slices/publicNotice';
import { useToday } from '../../components/AppContext';
import { Badge } from '../../components/Badge';
import { DocumentLinks } from '../../components/DocumentLinks';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../../components/Page';
import { ReviewNav } from '../../components/ReviewNav';
import { useLoad } from '../../components/useLoad';
import { formatDate } from '../../format';
import { Link, navigate } from '../../router';
import { NoticeDetail } from './NoticeDetail';
import { NoticeNewForm } from './NoticeNewForm';
import '../../notice.css';

/**
 * 审核结果公示 of a round (issue 7; 000 第十四条, 第十七条): the notices of the
 * round (one chosen by ?notice=, else the latest), a new notice of the 合格
 * institutions not on one yet (with a live preview of its days), the
 * objections received during the 公示, and the final list with each
 * institution's agreement deadline.
 */
export function PublicNoticePage({ roundId, noticeId }: { roundId: string; noticeId?: string | undefined }) {
  const today = useToday();
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const list = useLoad(() => api['publicNotice.list']({ roundId }), [roundId]);
  const [creating, setCreating] = useState(false);

  const title = '审核结果公示';
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
  const data = list.data;
  const notices = data?.notices ?? [];
  const chosen = noticeId ? notices.find((n) => n.noticeId === noticeId) : undefined;
  const current = chosen ?? notices[notices.length - 1];
  const canCreate = r.status === 'open' && (data?.candidates.length ?? 0) > 0;
  const showNew = !!data && (notices.length === 0 || (creating && canCreate));

  const replaceNotice = (n: NoticeView) => {
    if (!data) return;
    list.setData({ ...data, notices: data.notices.map((x) => (x.noticeId === n.noticeId ? n : x)) });
  };

  return (
    <div className="page notice-page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: r.name, to: { name: 'round', roundId } }, { label: title }]} />
      <PageHeading title={title}>
        <p className="lead">
          {r.name} · 审核合格的机构向社会公示，公示期不少于{data?.minWorkingDays ?? 5}个工作日
          {data && <span className="citation">{data.citation}</span>}；公示期满无异议或异议不成立的，列入最终名单。
        </p>
      </PageHeading>
      <ReviewNav roundId={roundId} />
      <DocumentLinks roundId={roundId} current="publicNotice" />
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading what="公示" />
      ) : (
        <>
          {data.settingsMissing && (
            <div className="banner banner-warn" role="note" data-testid="settings-missing">
              <p>
                尚未设置公示的异议受理地址和联系电话，不能发布公示。请先在 <Link to={{ name: 'documentSettings' }}>文书与签章设置</Link> 中填写。
              </p>
            </div>
          )}
          {r.status !== 'open' && (
            <div className="banner banner-neutral" role="note">
              本批次已关闭，不能再发布公示。
            </div>
          )}
          {noticeId && !chosen && notices.length > 0 && (
            <div className="banner banner-warn" role="note">
              <p>未找到所选公示，显示本批次最近一次公示。</p>
            </div>
          )}
          {notices.length > 0 && (
            <nav className="pn-switch" aria-label="本批次的公示" data-testid="notice-switch">
              <ol>
                {notices.map((n) => (
                  <li key={n.noticeId}>
                    <Link
                      to={{ name: 'publicNotice', roundId, noticeId: n.noticeId }}
                      className="pn-switch-link"
                      aria-current={!showNew && current?.noticeId === n.noticeId ? 'page' : undefined}
                      onClick={() => setCreating(false)}
                    >
                      第{n.seq}次公示
                      <span className="muted small">
                        {formatDate(n.period.startOn)}起 · {n.entries.length}家
                      </span>
                      {n.status === 'finalised' ? <Badge tone="success">已定名单</Badge> : n.status === 'open' ? <Badge tone="info">公示中</Badge> : <Badge tone="warn">待定名单</Badge>}
                    </Link>
                  </li>
                ))}
              </ol>
              {canCreate && !showNew && (
                <button type="button" className="btn btn-small" onClick={() => setCreating(true)} data-testid="new-notice">
                  新建公示（{data.candidates.length}家待公示）
                </button>
              )}
            </nav>
          )}
          {showNew ? (
            <NoticeNewForm
              roundId={roundId}
              today={today}
              seq={notices.length + 1}
              minWorkingDays={data.minWorkingDays}
              citation={data.citation}
              onCancel={notices.length > 0 ? () => setCreating(false) : undefined}
              onCreated={(n) => {
                setCreating(false);
                list.setData({ ...data, candidates: data.candidates.filter((c) => !n.entries.some((e) => e.applicationId === c.applicationId)), notices: [...notices, n] });
                navigate({ name: 'publicNotice', roundId, noticeId: n.noticeId }, { replace: true });
              }}
            />
          ) : (
            current && <NoticeDetail key={current.noticeId} notice={current} today={today} onChange={replaceNotice} />
          )}
        </>
      )}
    </div>
  );
}
