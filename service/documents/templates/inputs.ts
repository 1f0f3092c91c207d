/**
 * The typed inputs of the built-in templates and their placeholder values.
 * The 补正通知 input comes from the formal check today; result letters and the
 * 公示 will be fed by the deliberation feature (for now tests build them).
 */
import { NATIONAL_MEASURES_TITLE, type Citation, type RegionProfile } from '../../../shared/profiles/schema';
import type { WorkingDayCalendar } from '../../../shared/calendar/workingDays';
import { docError } from '../errors';
import { chineseDate } from '../layout/blocks';
import type { TemplateValues } from './types';

/** 《…》 title of the region's policy text, without the “（附…）” annotation. */
export function policyTitle(profile: RegionProfile): string {
  const t = profile.sourceTitle.replace(/（附.*）$/, '');
  return t.includes('《') ? t : `《${t}》`;
}

/** An article as a letter cites it: the region's own text by article; the national measures by title and article. */
export function letterCitation(c: Citation): string {
  return c.file === 'national' ? `${NATIONAL_MEASURES_TITLE}${c.article}` : c.article;
}

function months(n: number): string {
  return n % 12 === 0 ? `${n / 12}年` : `${n}个月`;
}

// ---------------------------------------------------------------------------
// 补正通知

export interface SupplementNoticeInput {
  institutionName: string;
  applicationNo: string;
  receivedOn: string;
  issuedOn: string;
  workingDays: number;
  deadline: string;
  deadlineProvisional: boolean;
  missing: { title: string; detail: string; citation: string }[];
  policyTitle: string;
  /** the 补正 article, e.g. 第十一条 */
  supplementCitation: string;
  withdrawnIfLate: boolean;
  supplementExcluded: boolean;
}

export function supplementNoticeValues(i: SupplementNoticeInput): TemplateValues {
  if (i.missing.length === 0) docError('补正通知中没有需要补正的材料', 'supplement notice without missing items');
  return {
    机构名称: i.institutionName,
    申请编号: i.applicationNo,
    受理日期: chineseDate(i.receivedOn),
    政策名称: i.policyTitle,
    补正依据: i.supplementCitation,
    缺失材料: i.missing.map((m) => ({ 材料名称: m.title, 材料说明: m.detail.replace(/[。；]$/, ''), 材料依据: m.citation })),
    补正工作日: String(i.workingDays),
    补正截止日期: chineseDate(i.deadline),
    逾期视为放弃: i.withdrawnIfLate,
    补正不计入审核期限: i.supplementExcluded,
    截止日期待定: i.deadlineProvisional,
  };
}

// ---------------------------------------------------------------------------
// 审核结果告知书

export interface ResultLetterInput {
  institution: { name: string; uscc: string };
  applicationNo: string;
  receivedOn: string;
  decision: 'qualified' | 'unqualified';
  /** each reason with the article it rests on (unqualified) */
  reasons: { text: string; citation: string }[];
  /** 整改建议 (unqualified) */
  suggestions: string[];
  policyTitle: string;
  publicNotice: { minWorkingDays: number; citation: string };
  agreement: { applyWithinMonthsAfterNotice: number | null; firstTermYears: number };
  rectification: { months: number; reReviews: number; barMonths: number; citation: string };
  appeal: { bodies: string; timeLimits: string; citation: string | null };
  /** unqualified after the re-reviews allowed: the bar applies, no further re-review is offered */
  finalFailure?: boolean;
}

/** Remedies when the profile's text names none: the statutory ones (行政复议法、行政诉讼法). */
export const STATUTORY_APPEAL = {
  bodies: '可以依法申请行政复议，或者依法向人民法院提起行政诉讼。',
  timeLimits:
    '申请期限依照《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》的规定：自知道或者应当知道本审核结果之日起60日内申请行政复议，或者自知道或者应当知道之日起6个月内提起行政诉讼。',
};

/** The profile's parts of a result letter. */
export function resultLetterInput(
  profile: RegionProfile,
  x: Pick<ResultLetterInput, 'institution' | 'applicationNo' | 'receivedOn' | 'decision' | 'reasons' | 'suggestions' | 'finalFailure'>,
): ResultLetterInput {
  const a = profile.appeal;
  return {
    ...x,
    policyTitle: policyTitle(profile),
    publicNotice: { minWorkingDays: profile.publicNotice.minWorkingDays, citation: letterCitation(profile.publicNotice.source) },
    agreement: { applyWithinMonthsAfterNotice: profile.agreement.applyWithinMonthsAfterNotice, firstTermYears: profile.agreement.firstTermYears },
    rectification: {
      months: profile.rectification.months,
      reReviews: profile.rectification.reReviews,
      barMonths: profile.rectification.barMonths,
      citation: letterCitation(profile.rectification.source),
    },
    appeal: a.source ? { bodies: a.bodies, timeLimits: a.timeLimits, citation: letterCitation(a.source) } : { ...STATUTORY_APPEAL, citation: null },
  };
}

function sentence(s: string): string {
  const t = s.trim();
  return /[。！？]$/.test(t) ? t : `${t}。`;
}

export function resultLetterValues(i: ResultLetterInput): TemplateValues {
  const common = {
    机构名称: i.institution.name,
    统一社会信用代码: i.institution.uscc,
    申请编号: i.applicationNo,
    受理日期: chineseDate(i.receivedOn),
    政策名称: i.policyTitle,
  };
  if (i.decision === 'qualified') {
    const n = i.agreement.applyWithinMonthsAfterNotice;
    return {
      ...common,
      公示工作日: String(i.publicNotice.minWorkingDays),
      公示依据: i.publicNotice.citation,
      协议安排:
        n !== null
          ? `公示无异议的，请于公示期满后${n}个月内与我单位协商谈判，签订长期护理保险服务协议，首次协议期限为${i.agreement.firstTermYears}年。`
          : `公示无异议的，我单位将与你单位协商谈判，签订长期护理保险服务协议，首次协议期限为${i.agreement.firstTermYears}年。`,
    };
  }
  if (i.reasons.length === 0) docError('不合格的审核结果告知书须写明不合格的原因', 'unqualified letter without reasons');
  return {
    ...common,
    不合格原因: i.reasons.map((r) => ({ 原因: r.text.replace(/[。；]$/, ''), 条款: r.citation })),
    整改建议: i.suggestions.map((s) => ({ 建议: sentence(s) })),
    有整改建议: i.suggestions.length > 0,
    整改月数: String(i.rectification.months),
    再次审核次数: String(i.rectification.reReviews),
    禁止申请期限: months(i.rectification.barMonths),
    整改依据: i.rectification.citation,
    救济途径: sentence(i.appeal.bodies),
    救济时限: sentence(i.appeal.timeLimits),
    再次审核仍不合格: i.finalFailure === true,
  };
}

// ---------------------------------------------------------------------------
// 公示

export interface PublicNoticeInput {
  roundName: string;
  policyTitle: string;
  citation: string;
  minWorkingDays: number;
  institutions: { name: string; address: string; serviceTypes: string[]; uscc: string }[];
  /** the day the notice is published; the period counts from the next day */
  startOn: string;
  workingDays: number;
  objection: { address: string; phone: string };
}

export interface Period {
  start: string;
  end: string;
  workingDays: number;
  provisional: boolean;
}

/** The 公示 period in Chinese working days (not fewer than the profile's minimum). */
export function publicNoticePeriod(cal: WorkingDayCalendar, startOn: string, workingDays: number, minWorkingDays: number): Period {
  if (workingDays < minWorkingDays) {
    docError(`公示期不得少于${minWorkingDays}个工作日`, `public notice of ${workingDays} < ${minWorkingDays} working days`);
  }
  const end = cal.addWorkingDays(startOn, workingDays);
  return { start: startOn, end: end.date, workingDays, provisional: end.provisional };
}

export function publicNoticeValues(i: PublicNoticeInput, cal: WorkingDayCalendar): TemplateValues {
  if (i.institutions.length === 0) docError('公示名单中没有机构', 'public notice without institutions');
  const p = publicNoticePeriod(cal, i.startOn, i.workingDays, i.minWorkingDays);
  return {
    批次名称: i.roundName,
    政策名称: i.policyTitle,
    公示依据: i.citation,
    机构数: String(i.institutions.length),
    公示机构: i.institutions.map((x) => ({ 机构名称: x.name, 地址: x.address, 服务类型: x.serviceTypes.join('、'), 统一社会信用代码: x.uscc })),
    公示开始日期: chineseDate(p.start),
    公示结束日期: chineseDate(p.end),
    公示工作日: String(p.workingDays),
    异议受理地址: i.objection.address,
    异议联系电话: i.objection.phone,
    期限待定: p.provisional,
  };
}
