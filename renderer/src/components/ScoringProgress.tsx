import type { ProgressView } from '../../../shared/contract/slices/scoring';
import { PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { Badge } from './Badge';
import { formatTimestamp } from '../format';

const STATUS: Record<ProgressView['members'][number]['status'], { text: string; tone: 'success' | 'warn' | 'neutral' }> = {
  submitted: { text: '已提交', tone: 'success' },
  draft: { text: '未提交', tone: 'warn' },
  nothing_to_score: { text: '无需评分', tone: 'neutral' },
};

/**
 * Who has submitted and what keeps 集体评议 from starting (scoring.progress):
 * no scores, so the clerk may show it to anyone.
 */
export function ScoringProgress({ p, heading = '评分进度' }: { p: ProgressView; heading?: string }) {
  return (
    <section className="panel" aria-labelledby="progress-h" data-testid="scoring-progress">
      <div className="panel-header">
        <h2 id="progress-h">{heading}</h2>
        <p className="material-tally">
          {p.rubricVersion ? `评分细则第${p.rubricVersion}版${p.rubricFrozen ? '' : '（草稿）'}` : '尚无评分细则'} ·{' '}
          {p.members.filter((m) => m.status === 'submitted').length} / {p.members.length} 名成员已提交
        </p>
      </div>
      {p.members.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">成员</th>
                <th scope="col">评分表</th>
                <th scope="col" className="num">
                  已评 / 应评
                </th>
                <th scope="col">进度</th>
                <th scope="col">提交时间</th>
              </tr>
            </thead>
            <tbody>
              {p.members.map((m) => (
                <tr key={m.memberId}>
                  <th scope="row">
                    {m.name}
                    {m.role === 'chair' && <span className="muted small">（{PANEL_ROLE_LABEL.chair}）</span>}
                    {!m.hasPin && <Badge tone="warn">未设置PIN</Badge>}
                  </th>
                  <td>
                    <Badge tone={STATUS[m.status].tone}>{STATUS[m.status].text}</Badge>
                  </td>
                  <td className="num">
                    {m.done} / {m.required}
                  </td>
                  <td>
                    <Bar done={m.done} total={m.required} label={`${m.name}的评分进度`} />
                  </td>
                  <td>{m.submittedAt ? formatTimestamp(m.submittedAt) : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Blockers p={p} />
    </section>
  );
}

export function Blockers({ p }: { p: Pick<ProgressView, 'blockers' | 'canStartDeliberation'> }) {
  return p.canStartDeliberation ? (
    <div className="banner banner-success deliberation-state" role="status" data-testid="deliberation-state">
      <p>
        <strong>可以开始集体评议</strong>：全部评分表已提交，没有待处理的事项。
      </p>
    </div>
  ) : (
    <div className="banner banner-warn deliberation-state" role="status" data-testid="deliberation-state">
      <p>
        <strong>尚不能开始集体评议</strong>，还有 {p.blockers.length} 项待处理：
      </p>
      <ul className="issue-list">
        {p.blockers.map((b, i) => (
          <li key={i}>{b.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** A progress bar with its numbers as text (colour is not the only cue). */
export function Bar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <span className="bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={`${done}/${total}`}>
      <span className={`bar-fill${done >= total && total > 0 ? ' bar-done' : ''}`} style={{ width: `${pct}%` }} />
    </span>
  );
}
