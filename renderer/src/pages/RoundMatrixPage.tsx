import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api';
import { APPLICATION_STATUS_LABEL, type ApplicationStatus } from '../../../shared/domain/application';
import type { CellState, Matrix } from '../../../shared/rules/eligibility/schemas';
import { RULE_GROUPS, RULE_GROUP_LABEL, type RuleGroup } from '../../../shared/rules/eligibility/types';
import { ChoiceGroup } from '../components/Field';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../components/Page';
import { CELL_LABEL, OVERALL_SHORT, OverallBadge, STATE_SYMBOL } from '../components/RuleState';
import { useLoad } from '../components/useLoad';
import { Link, navigate } from '../router';

type Rule = Matrix['rules'][number];
type Row = Matrix['rows'][number];
type Filter = 'all' | 'fail' | 'manual';

/**
 * Column headings for the matrix: the rule titles are sentences, too long for
 * a column a projector can show 30 of. The full title and article are in each
 * heading's tooltip and accessible name; an unknown rule falls back to its title.
 */
const SHORT_LABEL: Record<string, string> = {
  not_accepted_unfulfilled_penalty: '未履行处罚',
  not_accepted_fraud: '弄虚作假',
  not_accepted_terminated: '被解除协议',
  not_accepted_assessment_agency: '设评估机构',
  not_accepted_serious_dishonesty: '严重失信',
  not_accepted_management_ban: '禁止从业',
  not_accepted_other: '其他情形',
  operating_period: '营业期限',
  premises_term: '用房期限',
  managers_min: '管理人员',
  internal_unit: '内设机构',
  carer_share_min: '照护师占比',
  carer_share_target: '占比目标',
  home_staff_min: '护理人员',
  home_doctors_min: '执业医师',
  home_nurses_min: '执业护士',
  home_medical_staff_min: '医护合计',
  separate_care_zone: '独立专区',
  care_beds_min: '专区床位',
  staff_bed_ratio: '人床配比',
  elderly_care_beds_min: '养老床位',
  elderly_care_medical_support: '医疗资质或协议',
  medical_inpatient_qualification: '住院资质',
  medical_insurance_designated: '医保定点',
  institutional_doctors_min: '执业医师',
  institutional_nurses_min: '执业护士',
  manual_qualification: '资质文件',
  manual_entry_conditions: '其他条件',
  manual_planning: '配置规划',
  manual_staff_credentials: '人员资质',
  manual_home_team: '团队培训',
  manual_care_zone_facilities: '专区设施',
  manual_facilities: '设备设施',
  manual_management_systems: '管理制度',
  manual_information_system: '信息平台',
  manual_pricing: '收费价格',
  manual_medical_care_compliance: '卫健规定',
  manual_other_conditions: '其他规定',
};

const GROUP_SHORT: Record<RuleGroup, string> = {
  not_accepted: '不予受理',
  general: '基本条件',
  home_community: '居家/社区',
  institutional: '机构护理',
  manual: '人工核查',
};

const PROJECTOR_KEY = 'ltc.matrixProjector';

function storedProjector(): boolean {
  try {
    return localStorage.getItem(PROJECTOR_KEY) === '1';
  } catch {
    return false;
  }
}

const statusLabel = (s: string) => APPLICATION_STATUS_LABEL[s as ApplicationStatus] ?? s;
const isFinal = (s: string) => s === 'withdrawn' || s === 'not_accepted';

/** 基础性指标一览: applications × rules of a round, for the panel meeting. */
export function RoundMatrixPage({ roundId }: { roundId: string }) {
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const matrix = useLoad(() => api['eligibility.matrix']({ roundId }), [roundId]);
  const [filter, setFilter] = useState<Filter>('all');
  const [projector, setProjectorState] = useState(storedProjector);
  // Columns no application shown needs: hidden by default on the projector, where width is scarce.
  const [hideNa, setHideNa] = useState(projector);

  const setProjector = (on: boolean) => {
    setProjectorState(on);
    setHideNa(on);
    try {
      localStorage.setItem(PROJECTOR_KEY, on ? '1' : '0');
    } catch {
      // private mode: the switch still works for this visit
    }
  };
  // 投影模式 widens the whole screen; it is undone when the clerk leaves the matrix.
  useEffect(() => {
    document.documentElement.classList.toggle('projector-mode', projector);
    return () => document.documentElement.classList.remove('projector-mode');
  }, [projector]);

  if (round.error || matrix.error) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: '基础性指标一览' }]} />
        <LoadError error={round.error ?? matrix.error} onRetry={() => void Promise.all([round.reload(), matrix.reload()])} />
      </div>
    );
  }
  if (!round.data || !matrix.data) return <Loading what="基础性指标一览" />;
  const m = matrix.data;
  const r = round.data;

  return (
    <div className="page page-matrix">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: r.name, to: { name: 'round', roundId } }, { label: '基础性指标一览' }]} />
      <PageHeading
        title="基础性指标一览"
        actions={
          <>
            <button type="button" className="btn" aria-pressed={projector} onClick={() => setProjector(!projector)} data-testid="projector-toggle">
              <span className="toggle-box" aria-hidden="true">
                {projector ? '✓' : ''}
              </span>
              投影模式
            </button>
            <Link to={{ name: 'roundRules', roundId }} className="btn">
              规则目录
            </Link>
          </>
        }
      >
        <p className="lead">
          {r.name} · 地区政策配置：{m.profile.name}（第{m.profile.version}版）· {m.rows.length} 个申请 × {m.rules.length} 条规则
        </p>
      </PageHeading>
      <MatrixView m={m} filter={filter} setFilter={setFilter} hideNa={hideNa} setHideNa={setHideNa} />
    </div>
  );
}

function Legend() {
  return (
    <ul className="matrix-legend" aria-label="图例">
      {(['pass', 'fail', 'manual', 'warning', 'na'] as const).map((s) => (
        <li key={s}>
          <span className={`mcell-sym mcell-${s}`} aria-hidden="true">
            {STATE_SYMBOL[s]}
          </span>
          {CELL_LABEL[s]}
        </li>
      ))}
    </ul>
  );
}

function MatrixView({ m, filter, setFilter, hideNa, setHideNa }: { m: Matrix; filter: Filter; setFilter: (f: Filter) => void; hideNa: boolean; setHideNa: (on: boolean) => void }) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [active, setActive] = useState(0);

  const nFail = m.rows.filter((x) => x.overall === 'some_fail').length;
  const nManual = m.rows.filter((x) => x.overall === 'manual_pending').length;
  const rows = useMemo(
    () => m.rows.filter((x) => filter === 'all' || (filter === 'fail' ? x.overall === 'some_fail' : x.overall === 'manual_pending')),
    [m.rows, filter],
  );

  // Columns by group; with 隐藏不适用的列, a rule that concerns none of the rows shown is left out.
  const groups = useMemo(() => {
    const out: { id: RuleGroup; rules: Rule[] }[] = [];
    for (const g of RULE_GROUPS) {
      const rules = m.rules.filter((x) => x.group === g && (!hideNa || rows.some((r) => (r.cells[x.id] ?? 'na') !== 'na')));
      if (rules.length) out.push({ id: g, rules });
    }
    return out;
  }, [m.rules, rows, hideNa]);
  const ordered = useMemo(() => groups.flatMap((g) => g.rules), [groups]);
  const groupStart = useMemo(() => new Set(groups.map((g) => g.rules[0]!.id)), [groups]);
  const hidden = m.rules.length - ordered.length;

  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  const open = (row: Row) => navigate({ name: 'application', applicationId: row.applicationId, tab: 'eligibility' });
  const focusRow = (i: number) => {
    const n = Math.max(0, Math.min(rows.length - 1, i));
    setActive(n);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr')[n]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number, row: Row) => {
    if (e.target !== e.currentTarget) return;
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(moves[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(row);
    }
  };

  return (
    <section className="panel matrix-panel" aria-labelledby="matrix-caption">
      <div className="matrix-tools">
        <ChoiceGroup<Filter>
          id="matrix-filter"
          legend="显示"
          type="radio"
          options={[
            { value: 'all', label: `全部（${m.rows.length}）` },
            { value: 'fail', label: `仅看不符合（${nFail}）` },
            { value: 'manual', label: `仅看待核查（${nManual}）` },
          ]}
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
        />
        <label className="switch matrix-hide-na" htmlFor="matrix-hide-na">
          <input id="matrix-hide-na" type="checkbox" checked={hideNa} onChange={(e) => setHideNa(e.target.checked)} />
          <span>
            隐藏不适用的列{hideNa && hidden > 0 ? `（已隐藏 ${hidden} 列）` : ''}
          </span>
        </label>
        <Legend />
      </div>
      <div className="table-wrap matrix-wrap">
        <table className="matrix" data-testid="eligibility-matrix">
          <caption id="matrix-caption" className="table-caption">
            显示 {rows.length} / 共 {m.rows.length} 个申请
            <span className="muted small">（鼠标停在格子上可看说明；↑↓ 选择行，Enter 或点击打开该申请的基础性指标）</span>
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="mh-name sticky-col">
                申请编号 / 机构名称
              </th>
              <th scope="col" rowSpan={2} className="mh-overall">
                总体 / 状态
              </th>
              {groups.map((g) => (
                <th key={g.id} scope="colgroup" colSpan={g.rules.length} className="mh-group group-start" title={RULE_GROUP_LABEL[g.id]}>
                  <span aria-hidden="true">{GROUP_SHORT[g.id]}</span>
                  <span className="sr-only">{RULE_GROUP_LABEL[g.id]}</span>
                </th>
              ))}
            </tr>
            <tr>
              {ordered.map((rule) => (
                <th key={rule.id} scope="col" className={`mh-rule${groupStart.has(rule.id) ? ' group-start' : ''}`} title={`${rule.title}\n依据：${rule.citation}`}>
                  <span className="mh-rule-text" aria-hidden="true">
                    {SHORT_LABEL[rule.id] ?? rule.title}
                  </span>
                  <span className="sr-only">
                    {rule.title}（{rule.citation}）
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body}>
            {rows.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={2 + ordered.length}>{m.rows.length === 0 ? '本批次还没有登记申请。' : '没有符合条件的申请。'}</td>
              </tr>
            ) : (
              rows.map((row, i) => (
                <tr
                  key={row.applicationId}
                  tabIndex={i === activeIndex ? 0 : -1}
                  className={`clickable${isFinal(row.status) ? ' row-final' : ''}`}
                  aria-label={`${row.applicationNo} ${row.name}：${OVERALL_SHORT[row.overall]}`}
                  data-testid={`matrix-row-${row.applicationNo}`}
                  onFocus={() => setActive(i)}
                  onKeyDown={(e) => onKey(e, i, row)}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a, button')) return;
                    open(row);
                  }}
                >
                  <th scope="row" className="mc-name sticky-col">
                    <span className="mc-app-no">{row.applicationNo}</span>
                    <span className="mc-app-name">{row.name}</span>
                  </th>
                  <td className="mc-overall">
                    <OverallBadge overall={row.overall} />
                    <span className="mc-status-text">{statusLabel(row.status)}</span>
                  </td>
                  {ordered.map((rule) => (
                    <Cell key={rule.id} rule={rule} state={row.cells[rule.id] ?? 'na'} note={row.notes[rule.id]} groupStart={groupStart.has(rule.id)} />
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Cell({ rule, state, note, groupStart }: { rule: Rule; state: CellState; note: string | undefined; groupStart: boolean }) {
  const text = `${rule.title}（${rule.citation}）：${CELL_LABEL[state]}${note ? `。${note}` : ''}`;
  return (
    <td className={`mcell mcell-${state}${groupStart ? ' group-start' : ''}`} title={text} data-rule={rule.id} data-state={state}>
      <span aria-hidden="true">{STATE_SYMBOL[state]}</span>
      <span className="sr-only">{text}</span>
    </td>
  );
}
