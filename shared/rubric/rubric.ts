/**
 * 评分细则 (the rubric of a round): basic indicators (基础性指标, pass/fail)
 * first, then differentiated indicators (差异化指标) with points, in groups,
 * each with scoring guidance (001 “申请机构需先满足基础性指标要求，再以差异化指标
 * 分值高低作为纳入定点管理的核心依据”).
 *
 * The basic indicators are a display list: each names the eligibility rule
 * (`ruleId`, shared/rules/eligibility) whose result says whether it is met.
 * There is no second record of them; the ranking reads the eligibility
 * results (service/eligibility/roundStates.ts).
 *
 * Decision on weights: there are none. Chinese expert scoring sheets are
 * 百分制 with points per item, so each criterion carries its own maximum, each
 * group declares its points (which must equal the sum of its criteria) and the
 * groups must add up to the rubric's total (100 by default). A member's total
 * is the plain sum of their criterion scores; a "weight" is simply how many
 * points an item is worth. This keeps every number on the sheet readable and
 * every total checkable by hand.
 *
 * The zod schema checks shape and lengths (so a half-finished draft can be
 * saved); `rubricIssues` checks the arithmetic and the ids, and a rubric with
 * issues cannot be frozen (开始评分).
 */
import { z } from 'zod';
import { INSTITUTION_TYPES, SERVICE_TYPES } from '../domain/enums';
import { appliesToApplicant, type ApplicantScope } from '../profiles';

const slug = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,59}$/, { message: '编号须以小写英文字母开头，只含小写英文、数字和下划线，最多60位' });

const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, { message: `请填写${label}` })
    .max(max, { message: `${label}不能超过${max}个字` });

const optText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}不能超过${max}个字` })
    .nullish()
    .transform((v) => (v ? v : null));

const points = (label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .min(0, { message: `${label}不能为负数` })
    .max(1000, { message: `${label}不能超过1000` });

export const basicIndicatorSchema = z.object({
  id: slug,
  title: text('基础性指标名称', 200),
  /** what meeting it means, with the profile's numbers */
  requirement: optText('指标要求', 500),
  /** the article it rests on, e.g. '000 第七条（三）' */
  citation: optText('政策依据', 100),
  /**
   * id of the eligibility rule (shared/rules/eligibility) whose result says
   * whether this indicator is met. Optional in the shape so stored versions
   * made before it was required still read; `rubricIssues` requires it.
   */
  ruleId: optText('规则编号', 80),
  appliesTo: z
    .object({
      institutionTypes: z.array(z.enum(INSTITUTION_TYPES)).optional(),
      serviceTypes: z.array(z.enum(SERVICE_TYPES)).optional(),
    })
    .nullish()
    .transform((v) => v ?? null),
});
export type BasicIndicator = z.output<typeof basicIndicatorSchema>;

export const criterionSchema = z.object({
  id: slug,
  title: text('评分项名称', 100),
  /** 评分标准: how to award the points */
  guidance: text('评分标准', 1000),
  maxPoints: points('分值'),
  /** the smallest step a member may use (0.5 = half points) */
  step: z
    .number({ message: '评分最小单位应为数字' })
    .refine((s) => s === 0.1 || s === 0.5 || s === 1, { message: '评分最小单位只能是0.1、0.5或1分' })
    .default(0.5),
  citation: optText('政策依据', 100),
});
export type Criterion = z.output<typeof criterionSchema>;

export const criterionGroupSchema = z.object({
  id: slug,
  title: text('指标类别名称', 50),
  /** declared points of the group; must equal the sum of its criteria */
  points: points('类别分值'),
  criteria: z.array(criterionSchema).max(100, { message: '每个类别最多100个评分项' }),
});
export type CriterionGroup = z.output<typeof criterionGroupSchema>;

export const rubricDefinitionSchema = z.object({
  title: text('评分细则名称', 100),
  totalPoints: points('总分'),
  basic: z.array(basicIndicatorSchema).max(100, { message: '基础性指标最多100项' }),
  groups: z.array(criterionGroupSchema).max(30, { message: '指标类别最多30个' }),
});
export type RubricDefinition = z.output<typeof rubricDefinitionSchema>;
export type RubricDefinitionInput = z.input<typeof rubricDefinitionSchema>;

export interface RubricIssue {
  /** e.g. 'groups.0.criteria.2.maxPoints' */
  path: string;
  message: string;
}

function isMultiple(x: number, step: number): boolean {
  const q = x / step;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** The arithmetic and id checks; empty when the rubric may be frozen. */
export function rubricIssues(def: RubricDefinition): RubricIssue[] {
  const out: RubricIssue[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, path: string, what: string) => {
    const prev = seen.get(id);
    if (prev) out.push({ path, message: `${what}编号“${id}”与${prev}重复` });
    else seen.set(id, what);
  };
  if (!(def.totalPoints > 0)) out.push({ path: 'totalPoints', message: '总分必须大于0' });
  const ruleOf = new Map<string, string>();
  def.basic.forEach((b, i) => {
    claim(b.id, `basic.${i}.id`, `基础性指标“${b.title}”`);
    // Display only: whether it is met comes from the eligibility rule it names.
    if (!b.ruleId) out.push({ path: `basic.${i}.ruleId`, message: `基础性指标“${b.title}”未对应基础性指标规则：是否符合取自申请的基础性指标核查结果，请选择对应的规则` });
    else if (ruleOf.has(b.ruleId)) out.push({ path: `basic.${i}.ruleId`, message: `基础性指标“${b.title}”与“${ruleOf.get(b.ruleId)}”对应同一条规则（${b.ruleId}）` });
    else ruleOf.set(b.ruleId, b.title);
  });
  if (def.groups.length === 0) out.push({ path: 'groups', message: '至少需要一个差异化指标类别' });
  let sum = 0;
  let criteria = 0;
  def.groups.forEach((g, gi) => {
    claim(g.id, `groups.${gi}.id`, `类别“${g.title}”`);
    if (g.criteria.length === 0) out.push({ path: `groups.${gi}.criteria`, message: `类别“${g.title}”没有评分项` });
    let gsum = 0;
    g.criteria.forEach((c, ci) => {
      const p = `groups.${gi}.criteria.${ci}`;
      criteria++;
      claim(c.id, `${p}.id`, `评分项“${c.title}”`);
      if (!(c.maxPoints > 0)) out.push({ path: `${p}.maxPoints`, message: `评分项“${c.title}”的分值必须大于0` });
      else if (!isMultiple(c.maxPoints, c.step)) out.push({ path: `${p}.maxPoints`, message: `评分项“${c.title}”的分值${c.maxPoints}不是评分最小单位${c.step}的整数倍` });
      gsum += c.maxPoints;
    });
    if (!near(gsum, g.points)) out.push({ path: `groups.${gi}.points`, message: `类别“${g.title}”标明${g.points}分，但其评分项合计${round(gsum)}分` });
    sum += g.points;
  });
  if (criteria > 200) out.push({ path: 'groups', message: `评分项共${criteria}项，最多200项` });
  if (def.groups.length > 0 && !near(sum, def.totalPoints)) out.push({ path: 'totalPoints', message: `各类别分值合计${round(sum)}分，与总分${def.totalPoints}分不一致` });
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The criteria in sheet order, with their group. */
export function flatCriteria(def: RubricDefinition): (Criterion & { groupId: string; groupTitle: string })[] {
  return def.groups.flatMap((g) => g.criteria.map((c) => ({ ...c, groupId: g.id, groupTitle: g.title })));
}

/** Why a score is not acceptable for a criterion, or null. */
export function scoreProblem(c: { title: string; maxPoints: number; step: number }, value: number): string | null {
  if (!Number.isFinite(value)) return `“${c.title}”的得分应为数字`;
  if (value < 0 || value > c.maxPoints + 1e-9) return `“${c.title}”的得分应在0至${c.maxPoints}分之间（录入${value}分）`;
  if (!isMultiple(value, c.step)) return `“${c.title}”的得分须为${c.step}分的整数倍（录入${value}分）`;
  return null;
}

/** Whether a basic indicator concerns the applicant (absent scope = all). */
export function basicApplies(b: BasicIndicator, scope: ApplicantScope): boolean {
  if (!b.appliesTo) return true;
  return appliesToApplicant(
    {
      ...(b.appliesTo.institutionTypes ? { institutionTypes: b.appliesTo.institutionTypes } : {}),
      ...(b.appliesTo.serviceTypes ? { serviceTypes: b.appliesTo.serviceTypes } : {}),
    },
    scope,
  );
}
