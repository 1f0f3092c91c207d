/**
 * 基本条件: operating period and premises (000 第六条（一）), managers and the
 * internal unit (000 第六条（二）; 003 第十四条（三）; 004 第七条（三）、第八条（二）),
 * the 长期照护师 share (000 第六条（三）). Numbers and articles come from the profile.
 */
import { addCalendarMonths } from '../../calendar/workingDays';
import { addDays, addYears, ceilPercentOf, cnDate, fail, missingOf, missingOutcome, num, pass, warning, wholeMonthsBetween } from './helpers';
import { minCountRule } from './factories';
import type { RuleDef } from './types';

/** 在现营业场所正式营业N个月以上: the N-month anniversary of opening is on or before the 受理日期 (“以上”含本数). */
export const operatingPeriod: RuleDef = {
  id: 'operating_period',
  title: '现营业场所正式营业期限',
  group: 'general',
  kind: 'automatic',
  inputs: ['operatingSince', 'receivedOn'],
  anchor: { kind: 'thresholds', keys: ['minOperatingMonths'] },
  checklist: ['legal_person_operation_premises'],
  requirement: (b) => `在现营业场所正式营业${b.value('minOperatingMonths')}个月以上（至受理日期）`,
  evaluate(d, b) {
    const n = b.value('minOperatingMonths');
    if (!d.operatingSince) return missingOutcome(['operatingSince']);
    const since = d.operatingSince;
    const head = `正式营业日期 ${cnDate(since)}，受理日期 ${cnDate(d.receivedOn)}`;
    if (since > d.receivedOn) return fail(`${head}，受理时尚未正式营业`);
    const due = addCalendarMonths(since, n);
    const months = wholeMonthsBetween(since, d.receivedOn);
    if (due <= d.receivedOn) return pass(`${head}，已营业满${months}个月，不少于${n}个月`);
    return fail(`${head}，营业不足${n}个月（至${cnDate(due)}方满${n}个月）`);
  },
};

/** 业务用房的使用期限不少于N年, counted from the 受理日期 with that day included. */
export const premisesTerm: RuleDef = {
  id: 'premises_term',
  title: '业务用房使用期限',
  group: 'general',
  kind: 'automatic',
  inputs: ['premisesUntil', 'receivedOn'],
  anchor: { kind: 'thresholds', keys: ['minPremisesYears'] },
  checklist: ['legal_person_operation_premises'],
  requirement: (b) => `业务用房的使用期限不少于${b.value('minPremisesYears')}年（自受理日期起）`,
  evaluate(d, b) {
    const n = b.value('minPremisesYears');
    if (!d.premisesUntil) return missingOutcome(['premisesUntil']);
    // From the 受理日期 (inclusive) for N years: a lease 2025-09-01 … 2027-08-31 covers exactly 2 years.
    const needed = addDays(addYears(d.receivedOn, n), -1);
    const head = `业务用房使用期限至 ${cnDate(d.premisesUntil)}，受理日期 ${cnDate(d.receivedOn)}`;
    if (d.premisesUntil >= needed) return pass(`${head}，剩余使用期限不少于${n}年（须至少至${cnDate(needed)}）`);
    return fail(`${head}，剩余使用期限不足${n}年（须至少至${cnDate(needed)}）`);
  },
};

export const managersMin = minCountRule({
  id: 'managers_min',
  title: '专（兼）职管理人员',
  group: 'general',
  key: 'minManagers',
  field: 'managers',
  what: '专（兼）职管理人员',
  checklist: ['managers', 'management_systems'],
  requirement: (n) => `配备不少于${n}名专（兼）职管理人员`,
});

/** 长期护理服务能力在N（含）人以上的，应当成立长护管理内设工作机构并配备专职管理人员. */
export const internalUnit: RuleDef = {
  id: 'internal_unit',
  title: '长护管理内设工作机构及专职管理人员',
  group: 'general',
  kind: 'automatic',
  inputs: ['serviceCapacity', 'hasInternalLtcUnit', 'hasFullTimeManager'],
  anchor: { kind: 'thresholds', keys: ['internalUnitCapacity'] },
  checklist: ['managers', 'internal_unit'],
  requirement: (b) => `长期护理服务能力在${b.value('internalUnitCapacity')}（含）人以上的，成立长护管理内设工作机构并配备专职管理人员`,
  evaluate(d, b) {
    const n = b.value('internalUnitCapacity');
    if (d.serviceCapacity === undefined) return missingOutcome(['serviceCapacity']);
    const head = `长期护理服务能力 ${d.serviceCapacity} 人`;
    if (d.serviceCapacity < n) return pass(`${head}，未达 ${n} 人，无须成立长护管理内设工作机构`);
    const missing = missingOf(d, ['hasInternalLtcUnit', 'hasFullTimeManager']);
    if (missing.length > 0) return missingOutcome(missing, `${head}（${n} 人及以上）须成立长护管理内设工作机构并配备专职管理人员，无法判断`);
    const lacks = [
      ...(d.hasInternalLtcUnit ? [] : ['未成立长护管理内设工作机构']),
      ...(d.hasFullTimeManager ? [] : ['未配备专职管理人员']),
    ];
    if (lacks.length === 0) return pass(`${head}（${n} 人及以上），已成立长护管理内设工作机构并配备专职管理人员`);
    return fail(`${head}（${n} 人及以上），${lacks.join('，')}`);
  },
};

function carerHead(careStaff: number, carers: number): string {
  const share = careStaff > 0 ? `，占 ${num((carers * 100) / careStaff)}%` : '';
  return `护理服务人员 ${careStaff} 人，长期照护师 ${carers} 人${share}`;
}

/** 长期照护师人数占护理人员的比例不低于P%（计算结果不足整数的向上取整）: required = ceil(careStaff × P%). */
export const carerShareMin: RuleDef = {
  id: 'carer_share_min',
  title: '长期照护师最低占比',
  group: 'general',
  kind: 'automatic',
  inputs: ['careStaff', 'longTermCarers'],
  anchor: { kind: 'thresholds', keys: ['carerShareMinPercent'] },
  checklist: ['care_staff'],
  requirement: (b) => `长期照护师人数占护理人员的比例不低于${b.value('carerShareMinPercent')}%（计算结果不足整数的向上取整）`,
  evaluate(d, b) {
    const p = b.value('carerShareMinPercent');
    if (d.longTermCarers === undefined) return missingOutcome(['longTermCarers']);
    const required = ceilPercentOf(d.careStaff, p);
    const calc = `${d.careStaff} × ${p}% = ${num((d.careStaff * p) / 100)}，向上取整须至少 ${required} 人`;
    const head = carerHead(d.careStaff, d.longTermCarers);
    return d.longTermCarers >= required ? pass(`${head}；${calc}，符合`) : fail(`${head}；${calc}，差 ${required - d.longTermCarers} 人`);
  },
};

/** 成为定点长护服务机构Y年内提升至不低于P%: a warning for the panel, not a condition of designation. */
export const carerShareTarget: RuleDef = {
  id: 'carer_share_target',
  title: '长期照护师占比提升目标',
  group: 'general',
  kind: 'automatic',
  inputs: ['careStaff', 'longTermCarers'],
  anchor: { kind: 'thresholds', keys: ['carerShareTargetPercent', 'carerShareTargetYears'] },
  checklist: [],
  requirement: (b) =>
    `成为定点长护服务机构${b.value('carerShareTargetYears')}年内，长期照护师占比提升至不低于${b.value('carerShareTargetPercent')}%（提示，不影响本次审核）`,
  evaluate(d, b) {
    const p = b.value('carerShareTargetPercent');
    const y = b.value('carerShareTargetYears');
    if (d.longTermCarers === undefined) return missingOutcome(['longTermCarers']);
    const required = ceilPercentOf(d.careStaff, p);
    const head = carerHead(d.careStaff, d.longTermCarers);
    if (d.longTermCarers >= required) return pass(`${head}，已达到${y}年内不低于${p}%的目标（${required} 人）`);
    return warning(`${head}；成为定点后${y}年内须提升至不低于${p}%（至少 ${required} 人），尚差 ${required - d.longTermCarers} 人`);
  },
};

export const GENERAL_RULES: readonly RuleDef[] = [operatingPeriod, premisesTerm, managersMin, internalUnit, carerShareMin, carerShareTarget];
