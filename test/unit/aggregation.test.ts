import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AGGREGATION_CONFIG,
  aggregateTotals,
  criterionSpread,
  deliberationBlockers,
  basicExclusion,
  rankAgainstQuota,
  rankByServiceType,
  rankingExclusion,
  round2,
  type BlockerFacts,
} from '../../shared/rules/aggregation';
import { rubricIssues, rubricDefinitionSchema, scoreProblem } from '../../shared/rubric/rubric';
import { rubricTemplates } from '../../shared/rubric/templates';
import { BUILTIN_PROFILES } from '../../shared/profiles';

const totals = (...xs: number[]) => xs.map((total, i) => ({ memberId: `m${i}`, total }));

describe('trimmed mean (去掉一个最高分和一个最低分)', () => {
  it('drops one highest and one lowest when at least 5 totals remain', () => {
    const a = aggregateTotals(totals(90, 85, 80, 75, 60));
    expect(a).toMatchObject({ count: 5, mean: 78, trimmed: true, trimmedMean: 80, score: 80 });
    expect(a.dropped).toEqual({ highMemberId: 'm0', lowMemberId: 'm4', highTied: false, lowTied: false });
  });

  it('with a tie at the top drops only one of the equal highest totals', () => {
    const a = aggregateTotals(totals(90, 90, 80, 70, 60));
    expect(a.trimmedMean).toBe(80); // (90 + 80 + 70) / 3
    expect(a.dropped?.highTied).toBe(true);
    expect(a.dropped?.lowTied).toBe(false);
    expect(['m0', 'm1']).toContain(a.dropped?.highMemberId);
  });

  it('with a tie at the bottom drops only one of the equal lowest totals', () => {
    const a = aggregateTotals(totals(90, 80, 70, 60, 60));
    expect(a.trimmedMean).toBe(70); // (80 + 70 + 60) / 3
    expect(a.dropped).toMatchObject({ lowTied: true, highTied: false, highMemberId: 'm0' });
  });

  it('when all are equal the trimmed mean is that score', () => {
    expect(aggregateTotals(totals(75, 75, 75, 75, 75))).toMatchObject({ trimmedMean: 75, score: 75, memberFlags: [] });
  });

  it('does not trim below 5 totals (e.g. after a recusal) and can be switched off per round', () => {
    expect(aggregateTotals(totals(90, 80, 70, 60))).toMatchObject({ trimmed: false, trimmedMean: null, score: 75 });
    expect(aggregateTotals(totals(90, 85, 80, 75, 60), { ...DEFAULT_AGGREGATION_CONFIG, trimEnabled: false })).toMatchObject({ trimmed: false, score: 78 });
    expect(aggregateTotals(totals(90, 80, 70), { ...DEFAULT_AGGREGATION_CONFIG, trimMinCount: 3 })).toMatchObject({ trimmed: true, score: 80 });
  });

  it('publishes two decimals', () => {
    expect(aggregateTotals(totals(80, 80, 81)).score).toBe(80.33);
    expect(round2(80.005)).toBe(80.01);
  });
});

describe('dispersion flags (prompts, not errors)', () => {
  it('flags a member whose total deviates from the others’ mean by more than 20%', () => {
    const a = aggregateTotals(totals(80, 82, 78, 80, 40));
    expect(a.memberFlags).toEqual([{ memberId: 'm4', total: 40, othersMean: 80, deviation: -0.5, direction: 'low' }]);
  });

  it('does not flag exactly 20% (the rule says more than)', () => {
    // 96 against others' mean 80 is +20% exactly
    expect(aggregateTotals(totals(80, 80, 80, 80, 96)).memberFlags.map((f) => f.memberId)).toEqual([]);
    expect(aggregateTotals(totals(80, 80, 80, 80, 97)).memberFlags.map((f) => f.memberId)).toEqual(['m4']);
  });

  it('uses the round’s configured share', () => {
    const a = aggregateTotals(totals(80, 80, 80, 80, 90), { ...DEFAULT_AGGREGATION_CONFIG, deviationShare: 0.1 });
    expect(a.memberFlags).toEqual([expect.objectContaining({ memberId: 'm4', direction: 'high', deviation: 0.125 })]);
  });

  it('flags a criterion whose range exceeds half its maximum points', () => {
    expect(criterionSpread('c', 10, [2, 8, 5])).toMatchObject({ min: 2, max: 8, mean: 5, flagged: true });
    expect(criterionSpread('c', 10, [3, 8])).toMatchObject({ flagged: false }); // range 5 = 50%, not more
    expect(criterionSpread('c', 10, [9])).toMatchObject({ flagged: false, count: 1 });
  });
});

describe('ranking against the quota plan', () => {
  const e = (id: string, score: number | null, eligible = true, reason?: string) => ({ applicationId: id, score, eligible, ...(reason ? { reason } : {}) });

  it('marks a tie at the quota line 并列 for every tied applicant, never breaking it silently', () => {
    const { rows, tie } = rankAgainstQuota(3, [e('a', 90), e('b', 85), e('c', 80), e('d', 80), e('e', 70)]);
    expect(rows.map((r) => [r.applicationId, r.rank, r.status])).toEqual([
      ['a', 1, 'within'],
      ['b', 2, 'within'],
      ['c', 3, 'tie_at_line'],
      ['d', 3, 'tie_at_line'],
      ['e', 5, 'outside'],
    ]);
    expect(rows[2]!.tiedWith).toEqual(['d']);
    expect(tie).toMatchObject({ seats: 1, applicationIds: ['c', 'd'], score: 80 });
    expect(tie!.message).toMatch(/第3名起有2个申请并列（80.00分），名额只剩1个/);
  });

  it('a tie inside the quota or below the line is no tie at the line', () => {
    const inside = rankAgainstQuota(3, [e('a', 90), e('b', 90), e('c', 80), e('d', 70)]);
    expect(inside.rows.map((r) => r.status)).toEqual(['within', 'within', 'within', 'outside']);
    expect(inside.tie).toBeNull();
    const below = rankAgainstQuota(2, [e('a', 90), e('b', 85), e('c', 80), e('d', 80)]);
    expect(below.rows.map((r) => r.status)).toEqual(['within', 'within', 'outside', 'outside']);
    expect(below.tie).toBeNull();
  });

  it('a tie exactly filling the last seats is within the quota', () => {
    const { rows, tie } = rankAgainstQuota(3, [e('a', 90), e('b', 80), e('c', 80), e('d', 70)]);
    expect(rows.map((r) => r.status)).toEqual(['within', 'within', 'within', 'outside']);
    expect(tie).toBeNull();
  });

  it('leaves out the ineligible and those without scores, with the reason', () => {
    const { rows } = rankAgainstQuota(5, [e('a', 90), e('b', 95, false, '基础性指标不符合：专区护理床位数'), e('c', null)]);
    expect(rows).toEqual([
      { applicationId: 'a', rank: 1, score: 90, status: 'within', reason: null, tiedWith: [] },
      { applicationId: 'b', rank: null, score: 95, status: 'not_ranked', reason: '基础性指标不符合：专区护理床位数', tiedWith: [] },
      { applicationId: 'c', rank: null, score: null, status: 'not_ranked', reason: '尚无有效评分', tiedWith: [] },
    ]);
  });

  it('ranks only applicants accepted at formal check whose basic indicators (the eligibility results) all pass', () => {
    const allPass = { overall: 'all_pass' as const, failed: [], pending: 0 };
    expect(rankingExclusion({ status: 'accepted', basic: allPass, score: 80 })).toBeNull();
    expect(rankingExclusion({ status: 'accepted', basic: allPass, score: null })).toBe('尚无已提交的有效评分');
    expect(rankingExclusion({ status: 'accepted', basic: { overall: 'some_fail', failed: ['专区护理床位数', '机构资质文件'], pending: 2 }, score: 95 })).toBe('基础性指标不符合：专区护理床位数、机构资质文件');
    expect(rankingExclusion({ status: 'accepted', basic: { overall: 'manual_pending', failed: [], pending: 3 }, score: 95 })).toBe('基础性指标待人工核查（3项）');
    expect(rankingExclusion({ status: 'supplement_requested', basic: allPass, score: 95 })).toBe('未通过形式审查');
    // before any score: the same grounds, score aside
    expect(basicExclusion({ status: 'accepted', basic: allPass })).toBeNull();
    expect(basicExclusion({ status: 'accepted', basic: { overall: 'manual_pending', failed: [], pending: 1 } })).toBe('基础性指标待人工核查（1项）');
  });

  it('ranks per service type; an applicant of two types appears in both', () => {
    const r = rankByServiceType({ institutional: 1, home: 1, community: 0 }, [
      { ...e('a', 90), serviceTypes: ['institutional', 'home'] },
      { ...e('b', 80), serviceTypes: ['home'] },
      { ...e('c', 70), serviceTypes: ['community'] },
    ]);
    expect(r.map((x) => [x.serviceType, x.rows.map((y) => `${y.applicationId}:${y.status}`)])).toEqual([
      ['institutional', ['a:within']],
      ['home', ['a:within', 'b:outside']],
      ['community', ['c:outside']],
    ]);
  });
});

describe('deliberation blockers', () => {
  const base: BlockerFacts = {
    panel: { valid: true, message: '' },
    rubricFrozen: true,
    deviationShare: 0.2,
    members: [
      { id: 'm0', name: '张国华', required: 3, done: 3, submitted: true },
      { id: 'm1', name: '李秀英', required: 3, done: 2, submitted: false },
    ],
    pendingFlags: [],
    flagged: [{ memberId: 'm0', memberName: '张国华', applicationId: 'a', applicationName: '康宁护理院', direction: 'high', explained: false }],
  };

  it('asks for explanations only once every sheet is in', () => {
    expect(deliberationBlockers(base).map((b) => b.code)).toEqual(['sheet_not_submitted']);
    const allIn = { ...base, members: base.members.map((m) => ({ ...m, done: 3, submitted: true })) };
    const b = deliberationBlockers(allIn);
    expect(b).toEqual([expect.objectContaining({ code: 'explanation_missing', memberId: 'm0', applicationId: 'a' })]);
    expect(b[0]!.message).toBe('张国华对“康宁护理院”的评分总分高于其他成员均值超过20%，须填写评分畸高畸低说明或修改评分');
    expect(deliberationBlockers({ ...allIn, flagged: [{ ...base.flagged[0]!, explained: true }] })).toEqual([]);
  });

  it('lists an invalid panel, an unfrozen rubric, pending flags and incomplete sheets', () => {
    const b = deliberationBlockers({
      ...base,
      panel: { valid: false, message: '审核小组现有4人' },
      rubricFrozen: false,
      pendingFlags: [{ memberId: 'm1', memberName: '李秀英', applicationId: 'a', applicationName: '康宁护理院' }],
      members: [{ id: 'm0', name: '张国华', required: 3, done: 2, submitted: true }],
    });
    expect(b.map((x) => x.code)).toEqual(['panel_invalid', 'rubric_not_frozen', 'conflict_flag_pending', 'sheet_incomplete']);
  });
});

describe('rubric', () => {
  it('every profile’s default template is a valid 100-point rubric with cited criteria and basic indicators from the rules', () => {
    for (const p of BUILTIN_PROFILES) {
      const [tpl] = rubricTemplates(p);
      const def = rubricDefinitionSchema.parse(tpl!.definition);
      expect(rubricIssues(def), p.id).toEqual([]);
      expect(def.totalPoints).toBe(100);
      expect(def.basic.length, p.id).toBeGreaterThan(0);
      expect(def.basic.every((b) => b.ruleId && b.citation)).toBe(true);
      const file = p.sourceFile.slice(0, 3);
      const cited = def.groups.flatMap((g) => g.criteria).filter((c) => c.citation);
      expect(cited.length, p.id).toBeGreaterThan(0);
      expect(cited.every((c) => c.citation!.startsWith(`${file} `))).toBe(true);
    }
  });

  it('checks group sums, the total and ids', () => {
    const def = rubricDefinitionSchema.parse({
      title: 't',
      totalPoints: 100,
      basic: [{ id: 'x', title: '重复编号', ruleId: 'manual_qualification' }],
      groups: [{ id: 'g', title: '类别', points: 50, criteria: [{ id: 'x', title: '项', guidance: '标准', maxPoints: 40 }, { id: 'y', title: '零分项', guidance: '标准', maxPoints: 0 }] }],
    });
    expect(rubricIssues(def).map((i) => i.message)).toEqual([
      '评分项“项”编号“x”与基础性指标“重复编号”重复',
      '评分项“零分项”的分值必须大于0',
      '类别“类别”标明50分，但其评分项合计40分',
      '各类别分值合计50分，与总分100分不一致',
    ]);
  });

  it('a basic indicator is a label for one eligibility rule: it must name one, and only one indicator per rule', () => {
    const def = rubricDefinitionSchema.parse({
      title: 't',
      totalPoints: 10,
      basic: [
        { id: 'a', title: '具备法人资格' },
        { id: 'b', title: '机构资质文件', ruleId: 'manual_qualification' },
        { id: 'c', title: '资质文件（重复）', ruleId: 'manual_qualification' },
      ],
      groups: [{ id: 'g', title: '类别', points: 10, criteria: [{ id: 'x', title: '项', guidance: '标准', maxPoints: 10 }] }],
    });
    expect(rubricIssues(def)).toEqual([
      { path: 'basic.0.ruleId', message: '基础性指标“具备法人资格”未对应基础性指标规则：是否符合取自申请的基础性指标核查结果，请选择对应的规则' },
      { path: 'basic.2.ruleId', message: '基础性指标“资质文件（重复）”与“机构资质文件”对应同一条规则（manual_qualification）' },
    ]);
  });

  it('checks a score against the criterion’s range and step', () => {
    const c = { title: '长期照护师配备', maxPoints: 8, step: 0.5 };
    expect(scoreProblem(c, 7.5)).toBeNull();
    expect(scoreProblem(c, 0)).toBeNull();
    expect(scoreProblem(c, 8.5)).toBe('“长期照护师配备”的得分应在0至8分之间（录入8.5分）');
    expect(scoreProblem(c, 7.3)).toBe('“长期照护师配备”的得分须为0.5分的整数倍（录入7.3分）');
  });
});
