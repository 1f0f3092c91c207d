import { useMemo, useState } from 'react';
import { api } from '../api';
import type { BasicView } from '../../../shared/contract/slices/scoring';
import type { RoundStates } from '../../../shared/rules/eligibility/schemas';
import { ApplicationStatusBadge, Badge } from '../components/Badge';
import { ChoiceGroup } from '../components/Field';
import { LoadError, Loading } from '../components/Page';
import { ReviewFrame } from '../components/ReviewNav';
import { OverallBadge } from '../components/RuleState';
import { useLoad } from '../components/useLoad';
import { Link } from '../router';

type BasicState = BasicView['state'];
type Row = RoundStates['applications'][number];
type Filter = 'accepted' | 'attention' | 'all';

export const BASIC_STATE_LOOK: Record<BasicState, { text: string; tone: 'success' | 'danger' | 'warn' | 'neutral' }> = {
  passed: { text: '基础性指标全部符合', tone: 'success' },
  failed: { text: '基础性指标不符合', tone: 'danger' },
  pending: { text: '基础性指标待人工核查', tone: 'warn' },
  none: { text: '无适用的基础性指标', tone: 'neutral' },
};

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'accepted', label: '通过形式审查的' },
  { value: 'attention', label: '有不符合或待核查的' },
  { value: 'all', label: '全部申请' },
];

/**
 * 基础性指标核查: a read-only overview of every application's 基础性指标 in
 * the round, from the eligibility evaluation (`eligibility.roundStates`) —
 * the single record the ranking uses. Each condition is confirmed once, on the
 * application's 基础性指标 tab (rules re-run on every edit; the reviewer marks
 * the 审核内容 checklist there); each row links to it. Nothing is recorded here.
 */
export function BasicChecksPage({ roundId }: { roundId: string }) {
  const states = useLoad(() => api['eligibility.roundStates']({ roundId }), [roundId]);
  const [filter, setFilter] = useState<Filter>('accepted');
  const titles = useMemo(() => new Map((states.data?.rules ?? []).map((r) => [r.id, r.title])), [states.data]);
  const accepted = (states.data?.applications ?? []).filter((a) => a.status === 'accepted');
  const rows = (states.data?.applications ?? []).filter((a) =>
    filter === 'all' ? true : filter === 'accepted' ? a.status === 'accepted' : a.status === 'accepted' && a.overall !== 'all_pass',
  );

  return (
    <ReviewFrame
      roundId={roundId}
      section="basic"
      lead={(r) => (
        <p>
          {r.name} · 各申请的基础性指标核查结果（按申请信息自动核查，人工核查项以“审核内容”的确认为准）。只有通过形式审查且基础性指标全部符合的申请参加排序；核查和确认请在各申请的“基础性指标”页办理。
        </p>
      )}
    >
      {() =>
        states.error ? (
          <LoadError error={states.error} onRetry={states.reload} />
        ) : !states.data ? (
          <Loading what="基础性指标" />
        ) : states.data.applications.length === 0 ? (
          <p className="muted">本批次还没有申请。</p>
        ) : (
          <>
            <section className="panel" aria-labelledby="basic-summary-h" data-testid="basic-summary">
              <h2 id="basic-summary-h" className="sr-only">
                汇总
              </h2>
              <p>
                通过形式审查 {accepted.length} 个：
                <span data-testid="basic-count-all_pass">全部符合 {accepted.filter((a) => a.overall === 'all_pass').length}</span>，
                <span data-testid="basic-count-some_fail">有不符合 {accepted.filter((a) => a.overall === 'some_fail').length}</span>，
                <span data-testid="basic-count-manual_pending">待人工核查 {accepted.filter((a) => a.overall === 'manual_pending').length}</span>
              </p>
              <ChoiceGroup<Filter> id="basic-filter" legend="显示" type="radio" options={FILTERS} value={filter} onChange={(v) => setFilter(v as Filter)} />
            </section>
            {rows.length === 0 ? (
              <p className="muted" data-testid="basic-empty">
                {filter === 'attention' ? '通过形式审查的申请基础性指标均已全部符合。' : '没有符合条件的申请。'}
              </p>
            ) : (
              <div className="table-wrap">
                <table className="data-table" data-testid="basic-overview">
                  <caption className="sr-only">各申请的基础性指标核查结果</caption>
                  <thead>
                    <tr>
                      <th scope="col">申请编号</th>
                      <th scope="col">申请机构</th>
                      <th scope="col">形式审查</th>
                      <th scope="col">基础性指标</th>
                      <th scope="col">不符合 / 待人工核查</th>
                      <th scope="col">排序</th>
                      <th scope="col">
                        <span className="sr-only">操作</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((a) => (
                      <BasicRow key={a.applicationId} a={a} titles={titles} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )
      }
    </ReviewFrame>
  );
}

function BasicRow({ a, titles }: { a: Row; titles: ReadonlyMap<string, string> }) {
  const name = (id: string) => titles.get(id) ?? id;
  return (
    <tr data-testid={`basic-row-${a.applicationNo}`}>
      <td className="mono">{a.applicationNo}</td>
      <td className="wrap">{a.name}</td>
      <td>
        <ApplicationStatusBadge status={a.status} />
      </td>
      <td>
        <OverallBadge overall={a.overall} testId={`basic-overall-${a.applicationNo}`} />
        <div className="muted small">
          符合 {a.counts.pass}，不符合 {a.counts.fail}，待核查 {a.counts.manual}
        </div>
      </td>
      <td className="wrap small">
        {a.failedRuleIds.length > 0 && (
          <p data-testid={`basic-failed-${a.applicationNo}`}>
            <span className="field-error">✗ 不符合：</span>
            {a.failedRuleIds.map(name).join('、')}
          </p>
        )}
        {a.pendingRuleIds.length > 0 && (
          <p data-testid={`basic-pending-${a.applicationNo}`}>
            <span className="muted">? 待人工核查（{a.pendingRuleIds.length}项）：</span>
            {a.pendingRuleIds.map(name).join('、')}
          </p>
        )}
        {a.failedRuleIds.length === 0 && a.pendingRuleIds.length === 0 && <span className="muted">—</span>}
      </td>
      <td className="wrap small" data-testid={`basic-rank-${a.applicationNo}`}>
        {a.exclusion ? <span className="muted">不参加排序：{a.exclusion}</span> : <Badge tone="success">参加排序</Badge>}
      </td>
      <td>
        <Link to={{ name: 'application', applicationId: a.applicationId, tab: 'eligibility' }} aria-label={`查看${a.name}的基础性指标`}>
          查看基础性指标
        </Link>
      </td>
    </tr>
  );
}
