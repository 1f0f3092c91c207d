import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROFILES,
  THRESHOLD_KEYS,
  applicableMaterials,
  formatCitation,
  getBuiltinProfile,
  parseRegionProfile,
  regionProfileSchema,
  type Citation,
  type RegionProfile,
} from '../../shared/profiles';

// ---------------------------------------------------------------------------
// Policy texts

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const POLICY_DIR_CANDIDATES = [
  process.env.POLICY_DIR,
  join(repoRoot, 'docs', 'policy'),
  join(repoRoot, '..', 'shared', 'policy'),
].filter((d): d is string => !!d);

function policyText(file: string): string {
  for (const dir of POLICY_DIR_CANDIDATES) {
    const p = join(dir, file);
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new Error(`policy file ${file} not found in ${POLICY_DIR_CANDIDATES.join(', ')}`);
}

/** Remove all whitespace (004 breaks lines, and puts spaces, inside articles). */
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

const CN = '[一二三四五六七八九十百零〇]+';
const ARTICLE_RE = new RegExp(`^(第${CN}条)((?:（${CN}）)?)$`);
// 002 has a Word bookmark marker before one heading: '[bookmark: OLE_LINK3]第六条'.
const HEADING_RE = new RegExp(`^[ \\t\\u3000]*(?:\\[bookmark:[^\\]]*\\])?[ \\t\\u3000]*(第${CN}条)`, 'gm');

/** Article heading → bodies (whitespace removed); headings must start a line. */
function articleBodies(text: string): Map<string, string[]> {
  const heads = [...text.matchAll(HEADING_RE)].map((m) => ({ art: m[1]!, at: m.index }));
  const map = new Map<string, string[]>();
  heads.forEach((h, i) => {
    const body = squash(text.slice(h.at, heads[i + 1]?.at ?? text.length));
    map.set(h.art, [...(map.get(h.art) ?? []), body]);
  });
  return map;
}

const textCache = new Map<string, { flat: string; bodies: Map<string, string[]> }>();
function source(profile: RegionProfile) {
  let t = textCache.get(profile.sourceFile);
  if (!t) {
    const raw = policyText(profile.sourceFile);
    t = { flat: squash(raw), bodies: articleBodies(raw) };
    textCache.set(profile.sourceFile, t);
  }
  return t;
}

/** The text a citation points at (an article body, or the whole file for section headings), or null. */
function citedText(profile: RegionProfile, c: Citation): string | null {
  const { flat, bodies } = source(profile);
  const m = ARTICLE_RE.exec(c.article);
  if (!m) return flat.includes(squash(c.article)) ? flat : null;
  const [, art, item] = m;
  const found = (bodies.get(art!) ?? []).filter((b) => !item || b.includes(item));
  return found.length > 0 ? found.join('') : null;
}

/** Every { file, article } object in a profile, with its path. */
function citations(value: unknown, path = ''): { path: string; c: Citation }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => citations(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.file === 'string' && typeof o.article === 'string') return [{ path, c: o as Citation }];
    return Object.entries(o).flatMap(([k, v]) => citations(v, path ? `${path}.${k}` : k));
  }
  return [];
}

const clone = (p: RegionProfile): RegionProfile => structuredClone(p);
const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

// ---------------------------------------------------------------------------

describe('builtin region profiles', () => {
  it('has the five regions, ids unique, version 1', () => {
    expect(BUILTIN_PROFILES.map((p) => p.id)).toEqual([
      'xinjiang-bingtuan',
      'shenyang',
      'tianjin',
      'heilongjiang',
      'jilin',
    ]);
    expect(BUILTIN_PROFILES.map((p) => p.sourceFile.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    for (const p of BUILTIN_PROFILES) expect(p.version).toBe(1);
    expect(getBuiltinProfile('jilin')?.shortName).toBe('吉林');
    expect(getBuiltinProfile('nowhere')).toBeUndefined();
  });

  it.each(BUILTIN_PROFILES.map((p) => [p.id, p] as const))('%s parses with the schema', (_id, p) => {
    const r = parseRegionProfile(p);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it.each(BUILTIN_PROFILES.map((p) => [p.id, p] as const))(
    '%s: every citation exists in its source file',
    (_id, p) => {
      const all = citations(p);
      expect(all.length).toBeGreaterThan(10);
      const missing = all
        .filter(({ c }) => c.file !== 'national')
        .filter(({ c }) => citedText(p, c) === null)
        .map(({ path, c }) => `${path}: ${formatCitation(c)}`);
      expect(missing).toEqual([]);
      // Only the region's own text or 《办法》.
      for (const { c } of all) expect(['national', p.sourceFile.slice(0, 3)]).toContain(c.file);
    },
  );

  it.each(BUILTIN_PROFILES.map((p) => [p.id, p] as const))(
    '%s: every stated number occurs in the cited article',
    (_id, p) => {
      const wrong: string[] = [];
      const check = (what: string, c: Citation | null, needle: string) => {
        if (!c || c.file === 'national') return;
        const t = citedText(p, c);
        if (!t?.includes(needle)) wrong.push(`${what} “${needle}” not in ${formatCitation(c)}`);
      };
      if (p.supplement.workingDays !== null) {
        check('supplement', p.supplement.source, `${p.supplement.workingDays}个工作日`);
      }
      check('reviewTimeLimit', p.reviewTimeLimit.source, `${p.reviewTimeLimit.months}个月`);
      check('publicNotice', p.publicNotice.source, `${p.publicNotice.minWorkingDays}个工作日`);
      check('panel', p.panel.source, `${p.panel.minMembers}人`);
      if (p.panel.oddOnly) check('panel', p.panel.source, '单数');
      check('rectification', p.rectification.source, `${p.rectification.months}个月`);
      check('rectification', p.rectification.source, `${p.rectification.barMonths / 12}年`);
      if (p.agreement.applyWithinMonthsAfterNotice !== null) {
        check('agreement', p.agreement.source, `${p.agreement.applyWithinMonthsAfterNotice}个月`);
      }
      check('agreement', p.agreement.source, `${p.agreement.firstTermYears}年`);
      check('agreement', p.agreement.source, `${p.agreement.maxTermYears}年`);
      for (const k of THRESHOLD_KEYS) {
        const t = p.thresholds[k];
        if (t && !t.valueInferred) check(k, t.source, String(t.value));
      }
      expect(wrong).toEqual([]);
    },
  );

  it('items citing 《办法》 always carry a note', () => {
    for (const p of BUILTIN_PROFILES) {
      const sections = [p.supplement, p.reviewTimeLimit, p.publicNotice, p.panel, p.rectification, p.agreement];
      const items = [
        ...sections,
        ...p.materials,
        ...p.notAcceptedReasons,
        ...p.reviewContents,
        ...THRESHOLD_KEYS.map((k) => p.thresholds[k]).filter((t) => t !== null),
      ];
      for (const it of items) if (it.source.file === 'national') expect(it.note, `${p.id}`).toBeTruthy();
    }
  });
});

describe('schema refusals', () => {
  const base = getBuiltinProfile('xinjiang-bingtuan')!;

  function messages(p: unknown): string[] {
    const r = regionProfileSchema.safeParse(p);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  }

  it('refuses a negative threshold with a Chinese message', () => {
    const p = clone(base);
    p.thresholds.minManagers!.value = -1;
    const msgs = messages(p);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('不得为负数');
    expect(hasChinese(msgs[0]!)).toBe(true);
  });

  it('refuses a staff-to-bed ratio of 0', () => {
    const p = clone(base);
    p.thresholds.bedsPerStaffMax!.value = 0;
    const msgs = messages(p);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('配比不能为0');
  });

  it('refuses other nonsense', () => {
    const cases: [string, (p: RegionProfile) => void, string][] = [
      ['supplement 0 days', (p) => (p.supplement.workingDays = 0), '补正期限'],
      ['even panel with odd-only', (p) => (p.panel.minMembers = 6), '单数'],
      ['panel of 0', (p) => (p.panel.minMembers = 0), '审核小组最少人数'],
      ['negative reReviews', (p) => (p.rectification.reReviews = -1), '不得为负数'],
      ['max term below first term', (p) => (p.agreement.maxTermYears = 0), '协议期'],
      ['percent over 100', (p) => (p.thresholds.carerShareTargetPercent!.value = 130), '不得超过100%'],
      ['fractional head count', (p) => (p.thresholds.homeCommunityMinCareStaff!.value = 2.5), '必须是整数'],
      ['duplicate material id', (p) => (p.materials[1]!.id = p.materials[0]!.id), '重复'],
      ['foreign citation file', (p) => (p.publicNotice.source = { file: '004', article: '第十一条' }), '不是本地区'],
      ['national without note', (p) => (p.publicNotice.source = { file: 'national', article: '第十条' }), '《办法》'],
      ['null supplement without note', (p) => {
        p.supplement.workingDays = null;
        p.supplement.withdrawnIfLate = false;
      }, '须写明说明'],
    ];
    for (const [name, mutate, expected] of cases) {
      const p = clone(base);
      mutate(p);
      const msgs = messages(p);
      expect(msgs.length, name).toBeGreaterThan(0);
      expect(msgs.join('；'), name).toContain(expected);
      for (const m of msgs) expect(hasChinese(m), `${name}: ${m}`).toBe(true);
    }
  });

  it('reports structural errors in Chinese through parseRegionProfile', () => {
    const p = clone(base) as unknown as Record<string, unknown>;
    p.version = 'one';
    const r = parseRegionProfile(p);
    expect(r.success).toBe(false);
    expect(hasChinese(r.error!.issues[0]!.message)).toBe(true);
  });
});

describe('rules per region', () => {
  it('formats citations', () => {
    expect(formatCitation({ file: '000', article: '第七条（二）' })).toBe('000 第七条（二）');
    expect(formatCitation({ file: 'national', article: '第十条' })).toBe('《办法》第十条');
  });

  it('补正: 5 working days in 新疆/兵团 (withdrawn if late), 10 in 黑龙江, none set in 吉林', () => {
    const xj = getBuiltinProfile('xinjiang-bingtuan')!;
    expect(xj.supplement.workingDays).toBe(5);
    expect(xj.supplement.withdrawnIfLate).toBe(true);
    expect(formatCitation(xj.supplement.source)).toBe('000 第十一条');
    const hlj = getBuiltinProfile('heilongjiang')!;
    expect(hlj.supplement.workingDays).toBe(10);
    expect(hlj.supplement.withdrawnIfLate).toBe(false);
    expect(formatCitation(hlj.supplement.source)).toBe('003 第二十条（二）');
    expect(getBuiltinProfile('jilin')!.supplement.workingDays).toBeNull();
  });

  it('applicable materials differ between an elderly-care institutional and an other home-care applicant (000)', () => {
    const xj = getBuiltinProfile('xinjiang-bingtuan')!;
    const elderly = applicableMaterials(xj, { institutionType: 'elderly_care', serviceTypes: ['institutional'] }).map(
      (m) => m.id,
    );
    const home = applicableMaterials(xj, { institutionType: 'other', serviceTypes: ['home'] }).map((m) => m.id);
    expect(elderly).not.toEqual(home);
    expect(elderly).toEqual(expect.arrayContaining(['application_form', 'elderly_care_licence', 'care_zone_and_beds']));
    expect(elderly).not.toContain('financial_statements');
    expect(elderly).not.toContain('medical_licence');
    expect(home).toEqual(expect.arrayContaining(['application_form', 'financial_statements', 'premises_proof']));
    expect(home).not.toContain('care_zone_and_beds');
    expect(home).not.toContain('elderly_care_licence');
    // Applying for several types collects the materials of each.
    const both = applicableMaterials(xj, { institutionType: 'medical', serviceTypes: ['institutional', 'community'] });
    expect(both.map((m) => m.id)).toEqual(
      expect.arrayContaining(['medical_licence', 'care_zone_and_beds', 'financial_statements']),
    );
    // 吉林 第九条 applies to everyone.
    const jl = getBuiltinProfile('jilin')!;
    expect(applicableMaterials(jl, { institutionType: 'other', serviceTypes: ['home'] })).toHaveLength(9);
  });

  it('keeps the key thresholds with their articles', () => {
    const t = (id: string) => getBuiltinProfile(id)!.thresholds;
    const show = (x: { value: number; source: Citation } | null) => x && `${x.value} @ ${formatCitation(x.source)}`;
    expect(show(t('xinjiang-bingtuan').carerShareMinPercent)).toBe('3 @ 000 第六条（三）');
    expect(show(t('xinjiang-bingtuan').bedsPerStaffMax)).toBe('3 @ 000 第七条（三）');
    expect(show(t('xinjiang-bingtuan').elderlyCareMinBeds)).toBe('60 @ 000 第七条（三）');
    expect(show(t('xinjiang-bingtuan').homeCommunityMinCareStaff)).toBe('20 @ 000 第七条（二）');
    expect(show(t('heilongjiang').internalUnitCapacity)).toBe('100 @ 003 第十四条（三）');
    expect(t('heilongjiang').internalUnitCapacity?.appliesTo?.serviceTypes).toEqual(['institutional']);
    expect(show(t('jilin').elderlyCareMinBeds)).toBe('10 @ 004 第六条（一）');
    expect(show(t('jilin').homeCommunityMinCareStaff)).toBe('4 @ 004 第八条（一）');
    expect(show(t('jilin').institutionalMinDoctors)).toBe('2 @ 004 第八条（二）');
    expect(t('jilin').bedsPerStaffMax).toBeNull();
  });

  it('review contents of 吉林 are 第十一条（一）–（七）; not accepted 第十四条（一）–（七）', () => {
    const jl = getBuiltinProfile('jilin')!;
    expect(jl.reviewContents.map((r) => r.source.article)).toEqual(
      ['一', '二', '三', '四', '五', '六', '七'].map((n) => `第十一条（${n}）`),
    );
    expect(jl.notAcceptedReasons.map((r) => r.source.article)).toEqual(
      ['一', '二', '三', '四', '五', '六', '七'].map((n) => `第十四条（${n}）`),
    );
    expect(jl.materials.map((r) => r.source.article)).toEqual(
      ['一', '二', '三', '四', '五', '六', '七', '八', '九'].map((n) => `第九条（${n}）`),
    );
  });
});
