import { describe, expect, it } from 'vitest';
import { getBuiltinProfile } from '../../shared/profiles';
import { EXPERTISE_FIELDS, type ExpertiseField } from '../../shared/domain/enums';
import {
  conflictFlagger,
  conflictStanding,
  likelyConflicts,
  normalizeName,
  panelRuleOf,
  validatePanel,
  type PanelMemberFacts,
} from '../../shared/rules/panel';

const xinjiang = panelRuleOf(getBuiltinProfile('xinjiang-bingtuan')!);

/** n members, the first the chair, fields dealt round-robin so 6+ members cover all six. */
function panel(n: number, over: Partial<PanelMemberFacts>[] = []): PanelMemberFacts[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    name: `成员${i}`,
    role: i === 0 ? ('chair' as const) : ('member' as const),
    fields: n >= 6 ? [EXPERTISE_FIELDS[i % 6]!] : EXPERTISE_FIELDS.filter((_, k) => k % n === i),
    ...over[i],
  }));
}

describe('审核小组 rule (000 第十三条: 不少于5人且为单数)', () => {
  it('cites the profile article', () => {
    expect(xinjiang).toMatchObject({ minMembers: 5, oddOnly: true, citation: '000 第十三条' });
    expect(panelRuleOf(getBuiltinProfile('heilongjiang')!).citation).toBe('003 第二十条（二）');
    expect(panelRuleOf(getBuiltinProfile('jilin')!).citation).toBe('004 第十一条');
  });

  it('refuses 4 members', () => {
    const v = validatePanel(xinjiang, panel(4));
    expect(v.valid).toBe(false);
    expect(v.issues.map((i) => i.code)).toEqual(['too_few', 'even']);
    expect(v.issues[0]!.message).toBe('审核小组现有4人，少于5人（000 第十三条：审核小组人数不少于5人且为单数）');
  });

  it('refuses 6 members as even', () => {
    const v = validatePanel(xinjiang, panel(6));
    expect(v.valid).toBe(false);
    expect(v.issues).toHaveLength(1);
    expect(v.issues[0]).toMatchObject({ code: 'even', citation: '000 第十三条' });
    expect(v.issues[0]!.message).toMatch(/现有6人，人数须为单数/);
  });

  it('accepts 5 and 7 members covering every field', () => {
    expect(validatePanel(xinjiang, panel(5))).toMatchObject({ valid: true, issues: [], size: 5 });
    const seven = validatePanel(xinjiang, panel(7));
    expect(seven.valid).toBe(true);
    expect(seven.coverage.every((c) => c.state === 'covered')).toBe(true);
  });

  it('needs exactly one chair', () => {
    const none = validatePanel(xinjiang, panel(5, [{ role: 'member' }]));
    expect(none.issues.map((i) => i.code)).toEqual(['no_chair']);
    const two = validatePanel(xinjiang, panel(5, [{}, { role: 'chair' }]));
    expect(two.issues.map((i) => i.code)).toEqual(['several_chairs']);
    expect(two.issues[0]!.message).toMatch(/成员0、成员1/);
  });

  it('refuses an uncovered field without the chair’s acknowledgement, accepts it with one', () => {
    const noIt: PanelMemberFacts[] = panel(5).map((m) => ({ ...m, fields: m.fields.filter((f) => f !== 'information_technology') as ExpertiseField[] }));
    const v = validatePanel(xinjiang, noIt);
    expect(v.valid).toBe(false);
    expect(v.issues).toEqual([expect.objectContaining({ code: 'field_uncovered', field: 'information_technology' })]);
    expect(v.issues[0]!.message).toMatch(/“信息技术”领域没有成员/);
    expect(v.coverage.find((c) => c.field === 'information_technology')?.state).toBe('gap');
    const blank = validatePanel(xinjiang, noIt, [{ field: 'information_technology', note: '  ', byMemberId: 'm0' }]);
    expect(blank.valid).toBe(false);
    const acked = validatePanel(xinjiang, noIt, [{ field: 'information_technology', note: '本地区暂无信息技术专家', byMemberId: 'm0' }]);
    expect(acked.valid).toBe(true);
    expect(acked.coverage.find((c) => c.field === 'information_technology')?.state).toBe('acknowledged');
  });
});

describe('回避 flags', () => {
  const applicant = { name: '乌鲁木齐市天山区康宁护理院', legalRep: '买买提·艾力', principal: '王建国', actualController: '王建国' };

  it('normalises full-width characters, spaces and middle dots', () => {
    expect(normalizeName(' 乌鲁木齐市 天山区康宁护理院（ＡＢ） ')).toBe(normalizeName('乌鲁木齐市天山区康宁护理院(AB)'));
    expect(normalizeName('买买提・艾力')).toBe(normalizeName('买买提·艾力'));
    expect(normalizeName('王\u3000建国')).toBe('王建国');
  });

  it('flags a member employed by the applicant and one bearing its legal representative’s name', () => {
    expect(likelyConflicts({ name: '李四', employer: '乌鲁木齐市天山区康宁护理院' }, applicant)).toEqual([
      { kind: 'employment', reason: '成员工作单位“乌鲁木齐市天山区康宁护理院”与申请机构“乌鲁木齐市天山区康宁护理院”相同' },
    ]);
    expect(likelyConflicts({ name: '李四', employer: '乌鲁木齐市天山区康宁护理院护理部' }, applicant)[0]!.reason).toMatch(/相关/);
    const same = likelyConflicts({ name: '王 建国', employer: '新疆医科大学' }, applicant);
    expect(same).toEqual([{ kind: 'other', reason: '成员姓名与申请机构主要负责人、实际控制人姓名相同（可能为同一人）' }]);
    expect(likelyConflicts({ name: '买买提•艾力', employer: null }, applicant)[0]!.reason).toMatch(/法定代表人/);
    expect(likelyConflicts({ name: '李四', employer: '新疆医科大学' }, applicant)).toEqual([]);
  });

  it('flags a whole panel in one pass, with the same results', () => {
    const flag = conflictFlagger([
      { id: 'a', name: '王建国', employer: null },
      { id: 'b', name: '李四', employer: '其他单位' },
    ]);
    const out = flag(applicant);
    expect([...out.keys()]).toEqual(['a']);
  });

  it('a pending flag blocks until decided; a decision wins over the flag', () => {
    const f = [{ kind: 'employment' as const, reason: 'x' }];
    expect(conflictStanding(null, f)).toBe('flag_pending');
    expect(conflictStanding('cleared', f)).toBe('clear');
    expect(conflictStanding('conflicted', [])).toBe('conflicted');
    expect(conflictStanding(null, [])).toBe('clear');
  });
});
