import type { DecisionView } from '../../../shared/contract/slices/deliberation';
import { TIE_RULE_LABEL, VOTE_CHOICE_LABEL } from '../../../shared/rules/voting';
import { formatTimestamp } from '../format';
import { OutcomeBadge } from './DeliberationBits';

type Decision = Omit<DecisionView, 'stale'> & { stale?: boolean };

const BASIS_LABEL: Record<DecisionView['basis'], string> = { majority: '多数表决', casting: '组长决定票', tie: '票数相同' };

/** A recorded decision: outcome, tally, reasons with articles, 整改建议, override, tie rule. */
export function DecisionSummary({ d, titles, testId }: { d: Decision; titles?: Map<string, string>; testId?: string }) {
  const titleOf = (code: string) => d.reasons.find((r) => r.code === code)?.title ?? titles?.get(code) ?? code;
  return (
    <div className="decision-summary" data-testid={testId}>
      <p className="decision-head">
        <OutcomeBadge outcome={d.outcome} large />
        <span>
          第{d.ballot}轮表决 · {d.tally.eligible}人表决，{d.tally.pass}票合格、{d.tally.fail}票不合格 · {BASIS_LABEL[d.basis]}
        </span>
      </p>
      <p className="small muted">
        {d.decidedBy}确认于{formatTimestamp(d.decidedAt)}
        {d.changeReason && <>；修改原因：{d.changeReason}</>}
      </p>
      {d.reasons.length > 0 && (
        <div>
          <h4>理由</h4>
          <ol className="reason-list">
            {d.reasons.map((r) => (
              <li key={r.code}>
                <strong>{r.title}</strong>
                {r.citation && <span className="citation">{r.citation}</span>}
                {r.text && r.text !== r.title && <div>{r.text}</div>}
              </li>
            ))}
          </ol>
        </div>
      )}
      {d.advice.length > 0 && (
        <div>
          <h4>整改建议</h4>
          <ol className="reason-list">
            {d.advice.map((a) => (
              <li key={a.code}>
                <span className="muted small">针对“{titleOf(a.code)}”：</span>
                {a.text}
              </li>
            ))}
          </ol>
        </div>
      )}
      {d.override && (
        <div className="banner banner-warn">
          <p>
            <strong>审核小组认定合格（推翻基础性指标结论）：</strong>
            {d.override.items.map((i) => `${i.title}（${i.state === 'fail' ? '不符合' : '未核查'}）`).join('、')}
          </p>
          <p>认定理由：{d.override.reason}</p>
          <p className="small">
            记录人：{d.override.recordedBy}；投合格票：{d.override.supporters.join('、')}
          </p>
        </div>
      )}
      {d.tie && (
        <p className="small">
          票数相同规则：{TIE_RULE_LABEL[d.tie.rule]}。{d.tie.note}
          {d.tie.casting && (
            <>
              {' '}
              决定票：{VOTE_CHOICE_LABEL[d.tie.casting.choice]}（{d.tie.casting.by}：{d.tie.casting.reason}）
            </>
          )}
        </p>
      )}
    </div>
  );
}
