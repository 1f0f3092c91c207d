/**
 * 不予受理情形 (000 第九条（一）–（六）; 004 第十四条（一）–（七）; 《办法》第十三条 for
 * 001–003) checked against the applicant's declared facts. Each rule is tied to
 * the profile's reason by its `declaredFactKey`, and cites that reason's article.
 *
 * The periods (“未满3年”, “不满5年”) are written in the reasons themselves and are
 * the same in every text; the profile schema does not parameterise them, so
 * they are fixed here and listed in the catalogue as fixed values.
 */
import { addYears, cnDate, fail, missingOutcome, pass } from './helpers';
import type { ApplicationData } from '../../domain/application';
import type { FixedValue, Outcome, RuleDef } from './types';

export const FRAUD_BAR_YEARS = 3;
export const TERMINATION_BAR_YEARS = 3;
export const MANAGEMENT_BAN_YEARS = 5;

function flagRule(id: string, factKey: string, title: string, field: 'penaltyUnfulfilled' | 'assessmentAgencyFounded' | 'seriousDishonestyListed', yes: string, no: string): RuleDef {
  return {
    id,
    title,
    group: 'not_accepted',
    kind: 'declaration',
    inputs: [field],
    anchor: { kind: 'notAccepted', factKey },
    checklist: [],
    requirement: () => `不存在“${title}”的情形`,
    evaluate(d) {
      const v = d[field];
      if (v === undefined) return missingOutcome([field]);
      return v ? fail(yes) : pass(no);
    },
  };
}

export const unfulfilledPenalty = flagRule(
  'not_accepted_unfulfilled_penalty',
  'unfulfilled_penalty',
  '受到行政处罚（处理）但未完全履行处罚（处理）责任',
  'penaltyUnfulfilled',
  '申请机构受到相关行政部门行政处罚（处理），尚未完全履行处罚（处理）责任',
  '申请机构声明不存在未完全履行的行政处罚（处理）责任',
);

/**
 * The common part of a “declared X, and less than N years since” reason: not
 * declared → manual; declared no → pass(`clean`); no date → manual; else whether
 * the 受理日期 still falls within the N years, and `at` = '<date><event>，至<end>满N年'.
 */
function barPeriod(
  d: ApplicationData,
  flag: 'fraudFound' | 'agreementTerminated' | 'managementBanned',
  date: 'fraudFoundOn' | 'agreementTerminatedOn' | 'managementBannedOn',
  years: number,
  event: string,
  clean: string,
): Outcome | { barred: boolean; at: string } {
  if (d[flag] === undefined) return missingOutcome([flag]);
  if (!d[flag]) return pass(clean);
  const on = d[date];
  if (!on) return missingOutcome([date]);
  const end = addYears(on, years);
  return { barred: d.receivedOn < end, at: `${cnDate(on)}${event}，至${cnDate(end)}满${years}年` };
}

const fraudYears: FixedValue = { label: '弄虚作假自发现之日起不予受理的年限', value: FRAUD_BAR_YEARS, unit: '年' };

export const fraudWithin3Years: RuleDef = {
  id: 'not_accepted_fraud',
  title: '以弄虚作假等不正当手段申请定点管理，自发现之日起未满3年',
  group: 'not_accepted',
  kind: 'declaration',
  inputs: ['fraudFound', 'fraudFoundOn', 'receivedOn'],
  anchor: { kind: 'notAccepted', factKey: 'fraud_within_3_years' },
  checklist: [],
  fixed: [fraudYears],
  requirement: () => `未曾以弄虚作假等不正当手段申请定点管理，或自发现之日起已满${FRAUD_BAR_YEARS}年（至受理日期）`,
  evaluate(d) {
    const bar = barPeriod(d, 'fraudFound', 'fraudFoundOn', FRAUD_BAR_YEARS, '发现', '申请机构声明未曾以弄虚作假等不正当手段申请定点管理');
    if ('state' in bar) return bar;
    const { at } = bar;
    if (bar.barred) return fail(`以弄虚作假等不正当手段申请定点管理，自发现之日起未满${FRAUD_BAR_YEARS}年（${at}）`);
    return pass(`以弄虚作假等不正当手段申请定点管理，自发现之日起已满${FRAUD_BAR_YEARS}年（${at}，受理日期 ${cnDate(d.receivedOn)}）`);
  },
};

export const terminatedWithin3Years: RuleDef = {
  id: 'not_accepted_terminated',
  title: '被解除协议未满3年，或已满3年但未完全履行违约责任',
  group: 'not_accepted',
  kind: 'declaration',
  inputs: ['agreementTerminated', 'agreementTerminatedOn', 'terminationLiabilityFulfilled', 'receivedOn'],
  anchor: { kind: 'notAccepted', factKey: 'terminated_within_3_years' },
  checklist: [],
  fixed: [{ label: '被解除协议后不予受理的年限', value: TERMINATION_BAR_YEARS, unit: '年' }],
  requirement: () => `未曾因违法违规或严重违反协议约定被解除协议；或解除已满${TERMINATION_BAR_YEARS}年（至受理日期）且已完全履行违约责任`,
  evaluate(d) {
    const bar = barPeriod(d, 'agreementTerminated', 'agreementTerminatedOn', TERMINATION_BAR_YEARS, '解除', '申请机构声明未曾因违法违规或严重违反协议约定被解除协议');
    if ('state' in bar) return bar;
    const { at } = bar;
    if (bar.barred) return fail(`被解除协议未满${TERMINATION_BAR_YEARS}年（${at}）`);
    if (d.terminationLiabilityFulfilled === undefined) {
      return missingOutcome(['terminationLiabilityFulfilled'], `被解除协议已满${TERMINATION_BAR_YEARS}年（${at}），须核实违约责任是否已完全履行`);
    }
    if (!d.terminationLiabilityFulfilled) return fail(`被解除协议已满${TERMINATION_BAR_YEARS}年（${at}），但未完全履行违约责任`);
    return pass(`被解除协议已满${TERMINATION_BAR_YEARS}年（${at}），违约责任已完全履行`);
  },
};

export const assessmentAgency = flagRule(
  'not_accepted_assessment_agency',
  'founded_assessment_agency',
  '法定代表人、主要负责人、实际控制人或股东设立长期护理保险失能等级评估机构',
  'assessmentAgencyFounded',
  '申请机构的法定代表人、主要负责人、实际控制人或股东设立了长期护理保险失能等级评估机构',
  '申请机构声明其法定代表人、主要负责人、实际控制人或股东未设立长期护理保险失能等级评估机构',
);

export const seriousDishonesty = flagRule(
  'not_accepted_serious_dishonesty',
  'serious_dishonesty_list',
  '法定代表人、主要负责人或实际控制人被列入严重失信名单',
  'seriousDishonestyListed',
  '申请机构的法定代表人、主要负责人或实际控制人被列入严重失信名单',
  '申请机构声明其法定代表人、主要负责人或实际控制人未被列入严重失信名单',
);

export const managementBan: RuleDef = {
  id: 'not_accepted_management_ban',
  title: '法定代表人、主要负责人或实际控制人被禁止从事定点长护服务机构管理活动不满5年',
  group: 'not_accepted',
  kind: 'declaration',
  inputs: ['managementBanned', 'managementBannedOn', 'receivedOn'],
  anchor: { kind: 'notAccepted', factKey: 'banned_from_management' },
  checklist: [],
  fixed: [{ label: '禁止从事定点长护服务机构管理活动的年限', value: MANAGEMENT_BAN_YEARS, unit: '年' }],
  requirement: () => `法定代表人、主要负责人或实际控制人未被禁止从事定点长护服务机构管理活动，或禁止已满${MANAGEMENT_BAN_YEARS}年（至受理日期）`,
  evaluate(d) {
    const bar = barPeriod(
      d,
      'managementBanned',
      'managementBannedOn',
      MANAGEMENT_BAN_YEARS,
      '作出禁止决定',
      '申请机构声明其法定代表人、主要负责人或实际控制人未被禁止从事定点长护服务机构管理活动',
    );
    if ('state' in bar) return bar;
    const { at } = bar;
    if (bar.barred) return fail(`被禁止从事定点长护服务机构管理活动不满${MANAGEMENT_BAN_YEARS}年（${at}）`);
    return pass(`被禁止从事定点长护服务机构管理活动已满${MANAGEMENT_BAN_YEARS}年（${at}）`);
  },
};

/** Reasons the profile lists without a declared fact (e.g. 004 第十四条（七）“法律法规和规章规定的其他不予受理的情形”). */
export const otherNotAccepted: RuleDef = {
  id: 'not_accepted_other',
  title: '法律法规和规章规定的其他不予受理情形',
  group: 'not_accepted',
  kind: 'manual',
  inputs: [],
  anchor: { kind: 'notAcceptedUndeclared' },
  checklist: [],
  requirement: () => '不存在法律法规和规章规定的其他不予受理情形（由审核人员核查）',
  evaluate: () => ({ state: 'manual', explanation: '须由审核人员核查是否存在法律法规和规章规定的其他不予受理情形' }),
};

export const NOT_ACCEPTED_RULES: readonly RuleDef[] = [
  unfulfilledPenalty,
  fraudWithin3Years,
  terminatedWithin3Years,
  assessmentAgency,
  seriousDishonesty,
  managementBan,
  otherNotAccepted,
];
