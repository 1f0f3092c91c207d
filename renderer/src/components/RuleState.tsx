import { RULE_STATE_LABEL, type RuleState } from '../../../shared/rules/eligibility/types';
import type { CellState, OverallState } from '../../../shared/rules/eligibility/schemas';

/**
 * How a rule result looks everywhere (基础性指标 tab, round matrix): a symbol
 * and a word, never colour alone, so a projector or a grey-scale print still
 * tells 符合 from 不符合.
 */

export const STATE_SYMBOL: Record<CellState, string> = {
  pass: '✓',
  fail: '✗',
  manual: '?',
  warning: '!',
  na: '—',
};

export const CELL_LABEL: Record<CellState, string> = { ...RULE_STATE_LABEL, na: '不适用' };

/** 符合 / 不符合 / 待人工核查 / 提示 with its symbol. */
export function RuleStateChip({ state, testId }: { state: RuleState; testId?: string }) {
  return (
    <span className={`rule-chip rule-chip-${state}`} data-testid={testId}>
      <span className="rule-chip-symbol" aria-hidden="true">
        {STATE_SYMBOL[state]}
      </span>
      {RULE_STATE_LABEL[state]}
    </span>
  );
}

/** The short overall words the panel uses. */
export const OVERALL_SHORT: Record<OverallState, string> = {
  all_pass: '全部符合',
  some_fail: '有不符合',
  manual_pending: '待人工核查',
};

const OVERALL_TONE: Record<OverallState, RuleState> = { all_pass: 'pass', some_fail: 'fail', manual_pending: 'manual' };

export function OverallBadge({ overall, large, testId }: { overall: OverallState; large?: boolean; testId?: string }) {
  const tone = OVERALL_TONE[overall];
  return (
    <span className={`overall-badge rule-chip-${tone}${large ? ' overall-large' : ''}`} data-testid={testId}>
      <span className="rule-chip-symbol" aria-hidden="true">
        {STATE_SYMBOL[tone]}
      </span>
      {OVERALL_SHORT[overall]}
    </span>
  );
}

/** A policy article, e.g. '000 第七条（三）'. */
export function Citation({ children }: { children: string }) {
  return <span className="citation">{children}</span>;
}
