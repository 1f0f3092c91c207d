/**
 * 审核小组 (review panel) rules, pure. The numbers and the article come from the
 * region profile's `panel` section (000 第十三条; 003 第二十条（二）; 004 第十一条:
 * 由长护管理、养老服务、医疗保障、医药卫生、财务管理、信息技术等相关领域的专业人员
 * 构成，人数不少于5人且为单数), so every message can cite it.
 *
 * Also the likely-conflict check for 回避: the app flags what it can see (a
 * member's employer is the applicant, or the member bears the name of the
 * applicant's 法定代表人/主要负责人/实际控制人); a human confirms or dismisses.
 */
import { EXPERTISE_FIELD_LABEL, type ExpertiseField } from '../domain/enums';
import { formatCitation, type RegionProfile } from '../profiles/schema';

export const PANEL_ROLES = ['chair', 'member'] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];
export const PANEL_ROLE_LABEL: Record<PanelRole, string> = { chair: '组长', member: '成员' };

/** The profile's panel rule, with its citation as text. */
export interface PanelRule {
  minMembers: number;
  oddOnly: boolean;
  fields: readonly ExpertiseField[];
  citation: string;
  note: string | null;
}

export function panelRuleOf(profile: RegionProfile): PanelRule {
  return {
    minMembers: profile.panel.minMembers,
    oddOnly: profile.panel.oddOnly,
    fields: profile.panel.fields,
    citation: formatCitation(profile.panel.source),
    note: profile.panel.note ?? null,
  };
}

export interface PanelMemberFacts {
  id: string;
  name: string;
  role: PanelRole;
  fields: readonly ExpertiseField[];
}

/**
 * A chair's acknowledgement that a field of the profile is not covered by any
 * member. Only the chair (with their PIN) can record one; it stays valid if
 * the chair later changes, since it records who acknowledged it.
 */
export interface GapAcknowledgement {
  field: ExpertiseField;
  note: string;
  /** panel member id of the chair who acknowledged it */
  byMemberId: string;
}

export type PanelIssueCode = 'too_few' | 'even' | 'no_chair' | 'several_chairs' | 'field_uncovered';

export interface PanelIssue {
  code: PanelIssueCode;
  message: string;
  citation: string;
  field?: ExpertiseField;
}

export interface FieldCoverage {
  field: ExpertiseField;
  label: string;
  memberIds: string[];
  /** 'covered' by a member; 'acknowledged' by the current chair with a note; else 'gap' */
  state: 'covered' | 'acknowledged' | 'gap';
}

export interface PanelValidation {
  valid: boolean;
  issues: PanelIssue[];
  coverage: FieldCoverage[];
  size: number;
}

/**
 * Whether the panel may start scoring (and later voting). Every problem is
 * listed, not only the first, so the setup screen can show them all at once.
 */
export function validatePanel(rule: PanelRule, members: readonly PanelMemberFacts[], acks: readonly GapAcknowledgement[] = []): PanelValidation {
  const issues: PanelIssue[] = [];
  const n = members.length;
  const basis = `（${rule.citation}：审核小组人数不少于${rule.minMembers}人${rule.oddOnly ? '且为单数' : ''}）`;
  if (n < rule.minMembers) {
    issues.push({ code: 'too_few', message: `审核小组现有${n}人，少于${rule.minMembers}人${basis}`, citation: rule.citation });
  }
  if (rule.oddOnly && n % 2 === 0 && n > 0) {
    issues.push({ code: 'even', message: `审核小组现有${n}人，人数须为单数，请增加或减少1人${basis}`, citation: rule.citation });
  }
  const chairs = members.filter((m) => m.role === 'chair');
  if (chairs.length === 0) {
    issues.push({ code: 'no_chair', message: '审核小组尚未指定组长，请从成员中指定一名组长', citation: rule.citation });
  } else if (chairs.length > 1) {
    issues.push({ code: 'several_chairs', message: `审核小组只能有一名组长，现有${chairs.length}名（${chairs.map((c) => c.name).join('、')}）`, citation: rule.citation });
  }
  const coverage: FieldCoverage[] = rule.fields.map((field) => {
    const memberIds = members.filter((m) => m.fields.includes(field)).map((m) => m.id);
    const label = EXPERTISE_FIELD_LABEL[field];
    if (memberIds.length > 0) return { field, label, memberIds, state: 'covered' };
    const ack = acks.find((a) => a.field === field && a.note.trim() !== '');
    if (ack) return { field, label, memberIds, state: 'acknowledged' };
    issues.push({
      code: 'field_uncovered',
      field,
      message: `“${label}”领域没有成员；请增加该领域成员，或由组长说明缺少该领域的原因（${rule.citation}：审核小组由${rule.fields.map((f) => EXPERTISE_FIELD_LABEL[f]).join('、')}等相关领域的专业人员构成）`,
      citation: rule.citation,
    });
    return { field, label, memberIds, state: 'gap' };
  });
  return { valid: issues.length === 0, issues, coverage, size: n };
}

/** One line for a refusal: the first issue, plus how many more. */
export function panelInvalidMessage(v: PanelValidation): string {
  const first = v.issues[0]?.message ?? '审核小组不符合要求';
  return v.issues.length > 1 ? `${first}（另有${v.issues.length - 1}个问题，见审核小组页面）` : first;
}

// ---------------------------------------------------------------------------
// 回避: conflicts of interest

export const CONFLICT_KINDS = ['employment', 'kinship', 'shareholding', 'other'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const CONFLICT_KIND_LABEL: Record<ConflictKind, string> = {
  employment: '任职关系',
  kinship: '亲属关系',
  shareholding: '持股或投资关系',
  other: '其他利害关系',
};

/**
 * Names compared the way a clerk would: full-width letters, digits and
 * brackets folded to half-width (NFKC), every kind of space removed (also the
 * ideographic space U+3000), the middle dots of transliterated names (买买提·艾力)
 * unified, Latin letters lower-cased.
 */
export function normalizeName(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000\u200b]+/gu, '')
    .replace(/[•・‧∙⋅．.]/gu, '·')
    .toLowerCase();
}

export interface ConflictMemberFacts {
  name: string;
  employer: string | null;
}

export interface ConflictApplicantFacts {
  name: string;
  legalRep: string;
  principal: string;
  actualController: string;
}

export interface LikelyConflict {
  kind: ConflictKind;
  reason: string;
}

interface NormMember {
  name: string;
  employer: string;
  raw: ConflictMemberFacts;
}
interface NormApplicant {
  name: string;
  roles: [string, string][];
  raw: ConflictApplicantFacts;
}

function normApplicant(a: ConflictApplicantFacts): NormApplicant {
  return {
    name: normalizeName(a.name),
    roles: [
      ['法定代表人', normalizeName(a.legalRep)],
      ['主要负责人', normalizeName(a.principal)],
      ['实际控制人', normalizeName(a.actualController)],
    ],
    raw: a,
  };
}

function flagsOf(m: NormMember, a: NormApplicant): LikelyConflict[] {
  const out: LikelyConflict[] = [];
  if (m.employer && a.name && (m.employer === a.name || (a.name.length >= 4 && m.employer.includes(a.name)))) {
    out.push({ kind: 'employment', reason: `成员工作单位“${m.raw.employer}”与申请机构“${a.raw.name}”${m.employer === a.name ? '相同' : '相关'}` });
  }
  if (m.name) {
    const hits = a.roles.filter(([, person]) => person === m.name).map(([role]) => role);
    if (hits.length > 0) out.push({ kind: 'other', reason: `成员姓名与申请机构${hits.join('、')}姓名相同（可能为同一人）` });
  }
  return out;
}

/** What the app can see of a likely conflict between a member and an applicant; empty when nothing. */
export function likelyConflicts(m: ConflictMemberFacts, a: ConflictApplicantFacts): LikelyConflict[] {
  return flagsOf({ name: normalizeName(m.name), employer: normalizeName(m.employer), raw: m }, normApplicant(a));
}

/** The same check for a whole panel: members normalised once, each applicant once. */
export function conflictFlagger<M extends ConflictMemberFacts & { id: string }>(members: readonly M[]) {
  const ms = members.map((m) => ({ id: m.id, n: { name: normalizeName(m.name), employer: normalizeName(m.employer), raw: m } }));
  return (a: ConflictApplicantFacts): Map<string, LikelyConflict[]> => {
    const na = normApplicant(a);
    const out = new Map<string, LikelyConflict[]>();
    for (const m of ms) {
      const f = flagsOf(m.n, na);
      if (f.length > 0) out.set(m.id, f);
    }
    return out;
  };
}

/**
 * Where a member stands towards an applicant for scoring and voting:
 * 'clear' — may score; 'conflicted' — stepped aside (declared or a flag
 * confirmed); 'flag_pending' — the app flagged a likely conflict nobody has
 * confirmed or dismissed yet (blocks, as a conflict would, until decided).
 */
export type ConflictStanding = 'clear' | 'conflicted' | 'flag_pending';

export function conflictStanding(decision: 'conflicted' | 'cleared' | null, flags: readonly LikelyConflict[]): ConflictStanding {
  if (decision === 'conflicted') return 'conflicted';
  if (decision === 'cleared') return 'clear';
  return flags.length > 0 ? 'flag_pending' : 'clear';
}
