import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshService, makeRound, sampleApplication } from '../support/service';
import { DB_FILE_NAME } from '../../service';
import { verifyAudit } from '../../db/queries/audit';
import type { Eligibility, RuleResult } from '../../shared/rules/eligibility';
import { COMPLETE_FACTS } from '../support/reviewFixtures';
import type { RegionProfile } from '../../shared/profiles';

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-09-29');
});
afterEach(async () => {
  await t.cleanup();
});

function rowCount(table: string, where = ''): number {
  const db = new BetterSqlite3(path.join(t.dir, DB_FILE_NAME), { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table} ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const ruleOf = (e: Eligibility, id: string): RuleResult | undefined => e.groups.flatMap((g) => g.results).find((r) => r.ruleId === id);

describe('eligibility through the service', () => {
  it('shows the failing rule with its article and numbers, and passes once the data is fixed', async () => {
    const r = await makeRound(t.service);
    // 45 carers for 150 beds: below 1:3 (000 第七条（三）)
    const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0, { careStaff: 45, careBeds: 150 }) });
    let e = await t.service.call('eligibility.get', { applicationId: a.id });
    expect(e.title).toBe('基础性指标');
    expect(e.overall).toBe('some_fail');
    expect(e.profile).toMatchObject({ id: 'xinjiang-bingtuan', version: 1 });
    const ratio = ruleOf(e, 'staff_bed_ratio')!;
    expect(ratio.state).toBe('fail');
    expect(ratio.citations).toEqual(['000 第七条（三）']);
    expect(ratio.explanation).toBe('护理服务人员 45 人，护理床位 150 张，配比 1:3.3，低于 1:3');
    expect(e.groups.map((g) => g.title)).toEqual(['不予受理情形', '基本条件', '机构护理', '人工核查项']);
    // data the old form did not ask for: manual, naming the field
    expect(ruleOf(e, 'operating_period')).toMatchObject({ state: 'manual', missingFields: [{ key: 'operatingSince', label: '正式营业日期' }] });

    const matrix = await t.service.call('eligibility.matrix', { roundId: r.id });
    expect(matrix.rows[0]!.cells.staff_bed_ratio).toBe('fail');
    expect(matrix.rows[0]!.notes.staff_bed_ratio).toContain('1:3.3');
    expect(matrix.rows[0]!.cells.home_staff_min).toBe('na');
    expect(Object.keys(matrix.rows[0]!.cells)).toEqual(matrix.rules.map((x) => x.id));

    // fix the data: 50 carers, and answer the questions the rules asked
    await t.service.call('applications.update', {
      applicationId: a.id,
      data: sampleApplication(0, COMPLETE_FACTS),
    });
    // the new fields round-trip through the stored JSON and the output schema
    const stored = await t.service.call('applications.get', { applicationId: a.id });
    expect(stored.data).toMatchObject({ operatingSince: '2024-01-02', longTermCarers: 15, hasSeparateCareZone: true, agreementTerminated: false });
    e = await t.service.call('eligibility.get', { applicationId: a.id });
    expect(ruleOf(e, 'staff_bed_ratio')).toMatchObject({ state: 'pass', explanation: '护理服务人员 50 人，护理床位 150 张，配比 1:3，不低于 1:3' });
    const automatic = e.groups.flatMap((g) => g.results).filter((x) => x.kind !== 'manual');
    expect(automatic.filter((x) => x.state !== 'pass')).toEqual([]);
    // only the reviewer's checks remain
    expect(e.overall).toBe('manual_pending');
    expect(e.groups.find((g) => g.id === 'manual')!.results.every((x) => x.state === 'manual')).toBe(true);
  });

  it('lets the reviewer mark checklist items, pre-filled from the rules, and audits each mark', async () => {
    const r = await makeRound(t.service, { profileId: 'jilin', code: 'JL-1' });
    const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0, { doctors: 1, nurses: 2 }) });
    let e = await t.service.call('eligibility.get', { applicationId: a.id });
    expect(e.checklist.items.slice(0, 7).map((i) => i.citation)).toEqual(['一', '二', '三', '四', '五', '六', '七'].map((n) => `004 第十一条（${n}）`));
    const staff = e.checklist.items.find((i) => i.itemId === 'care_staff')!;
    expect(staff).toMatchObject({ state: 'not_met', source: 'rules' });
    expect(staff.suggestion?.ruleIds).toContain('institutional_doctors_min');
    expect(staff.suggestion?.explanation).toContain('执业医师 1 人，少于 2 人');
    expect(e.checklist.items.map((i) => i.itemId)).toContain('rule:not_accepted_other');

    const audit = rowCount('audit_log');
    await expect(t.service.call('checklist.mark', { applicationId: a.id, itemId: 'pricing', state: 'not_met' })).rejects.toThrow('请写明理由');
    await expect(t.service.call('checklist.mark', { applicationId: a.id, itemId: 'made_up', state: 'met' })).rejects.toThrow('不在本申请的审核清单中');
    expect(rowCount('audit_log')).toBe(audit);

    e = await t.service.call('checklist.mark', { applicationId: a.id, itemId: 'pricing', state: 'met', note: '价格表已核对' });
    expect(ruleOf(e, 'manual_pricing')).toMatchObject({ state: 'pass', decidedBy: 'reviewer', explanation: '审核人员核查符合：价格表已核对' });
    e = await t.service.call('checklist.mark', { applicationId: a.id, itemId: 'pricing', state: 'not_met', note: '护理费高于公示价格' });
    const pricing = e.checklist.items.find((i) => i.itemId === 'pricing')!;
    expect(pricing).toMatchObject({ state: 'not_met', source: 'reviewer', note: '护理费高于公示价格', markedBy: '经办员' });
    expect(pricing.history.map((h) => h.state)).toEqual(['not_met', 'met']);
    expect(ruleOf(e, 'manual_pricing')!.state).toBe('fail');
    await expect(t.service.call('checklist.mark', { applicationId: a.id, itemId: 'pricing', state: 'not_met', note: '护理费高于公示价格' })).rejects.toThrow('无需重复提交');

    e = await t.service.call('checklist.mark', { applicationId: a.id, itemId: 'rule:not_accepted_other', state: 'met' });
    expect(ruleOf(e, 'not_accepted_other')!.state).toBe('pass');
    expect(rowCount('audit_log')).toBe(audit + 3);
    expect(rowCount('audit_log', "where action = 'checklist.mark'")).toBe(3);
    expect((await verifyAudit(t.service.ctx.db)).ok).toBe(true);

    await t.service.call('rounds.close', { roundId: r.id });
    e = await t.service.call('eligibility.get', { applicationId: a.id });
    expect(e.checklist).toMatchObject({ canMark: false, blocker: '本批次已关闭，不能再修改审核内容' });
    await expect(t.service.call('checklist.mark', { applicationId: a.id, itemId: 'planning', state: 'met' })).rejects.toThrow('本批次已关闭');
  });

  it('evaluates the same applicant differently under two profiles (居家 staff 20 vs 4)', async () => {
    const xj = await makeRound(t.service, { code: 'XJ-1' });
    const jl = await makeRound(t.service, { profileId: 'jilin', code: 'JL-1' });
    const data = sampleApplication(0, { institutionType: 'other', serviceTypes: ['home'], careStaff: 18, careBeds: undefined, medicalArrangement: undefined, elderlyCareLicenceNo: undefined, legalCertKind: 'business_licence' });
    const a = await t.service.call('applications.create', { roundId: xj.id, data });
    const b = await t.service.call('applications.create', { roundId: jl.id, data });
    const ea = await t.service.call('eligibility.get', { applicationId: a.id });
    const eb = await t.service.call('eligibility.get', { applicationId: b.id });
    expect(ruleOf(ea, 'home_staff_min')).toMatchObject({ state: 'fail', citations: ['000 第七条（二）'] });
    expect(ruleOf(eb, 'home_staff_min')).toMatchObject({ state: 'pass', citations: ['004 第八条（一）'] });
  });
});

describe('rule catalogue', () => {
  it('lists the rules of a round\'s profile version, and of a profile', async () => {
    const r = await makeRound(t.service);
    const byRound = await t.service.call('rules.catalogue', { roundId: r.id });
    const byProfile = await t.service.call('rules.catalogue', { profileId: 'xinjiang-bingtuan' });
    expect(byRound).toEqual(byProfile);
    expect(byRound.rules.length).toBeGreaterThanOrEqual(25);
    const ratio = byRound.rules.find((x) => x.id === 'staff_bed_ratio')!;
    expect(ratio).toMatchObject({ source: '000 第七条（三）', requirement: '护理服务人员与护理床位配比不低于1:3' });
    expect(ratio.thresholds[0]).toMatchObject({ key: 'bedsPerStaffMax', value: 3 });
    expect(ratio.inputs.map((i) => i.key)).toEqual(['careStaff', 'careBeds']);
  });
});

describe('profiles: copy, versioned edits, refusals', () => {
  function withHomeStaff(p: RegionProfile, n: number): RegionProfile {
    const q = structuredClone(p);
    q.thresholds.homeCommunityMinCareStaff!.value = n;
    return q;
  }

  it('copies a builtin profile, stores an edit as version 2, and keeps a round on the version it started with', async () => {
    const copy = await t.service.call('profiles.copy', { id: 'xinjiang-bingtuan', newId: 'urumqi', name: '乌鲁木齐市（按新疆细则）' });
    expect(copy).toMatchObject({ id: 'urumqi', version: 1, name: '乌鲁木齐市（按新疆细则）', shortName: '乌鲁木齐市（按新疆细则）' });
    const before = await makeRound(t.service, { profileId: 'urumqi', code: 'U-1' });
    expect(before.profileVersion).toBe(1);

    const v2 = await t.service.call('profiles.update', { id: 'urumqi', profile: withHomeStaff(copy, 15) });
    expect(v2.version).toBe(2);
    expect(v2.thresholds.homeCommunityMinCareStaff?.value).toBe(15);
    // version 1 is unchanged
    expect((await t.service.call('profiles.get', { id: 'urumqi', version: 1 })).thresholds.homeCommunityMinCareStaff?.value).toBe(20);
    const after = await makeRound(t.service, { profileId: 'urumqi', code: 'U-2' });
    expect(after.profileVersion).toBe(2);
    expect((await t.service.call('rounds.get', { roundId: before.id })).profileVersion).toBe(1);

    const data = sampleApplication(0, { institutionType: 'other', serviceTypes: ['community'], careStaff: 18, careBeds: undefined, medicalArrangement: undefined, elderlyCareLicenceNo: undefined });
    const a1 = await t.service.call('applications.create', { roundId: before.id, data });
    const a2 = await t.service.call('applications.create', { roundId: after.id, data });
    expect(ruleOf(await t.service.call('eligibility.get', { applicationId: a1.id }), 'home_staff_min')!.state).toBe('fail');
    expect(ruleOf(await t.service.call('eligibility.get', { applicationId: a2.id }), 'home_staff_min')!.state).toBe('pass');
    expect((await t.service.call('rules.catalogue', { roundId: before.id })).profile.version).toBe(1);
    expect((await t.service.call('rules.catalogue', { profileId: 'urumqi' })).profile.version).toBe(2);

    const versions = await t.service.call('profiles.versions', { id: 'urumqi' });
    expect(versions.map((v) => [v.version, v.rounds, v.builtin])).toEqual([[2, 1, false], [1, 1, false]]);
    expect(versions[0]!.changes).toEqual([
      { path: 'thresholds.homeCommunityMinCareStaff.value', label: '居家/社区护理服务人员最少人数', before: '20', after: '15' },
    ]);
    expect(rowCount('audit_log', "where action in ('profiles.copy','profiles.update')")).toBe(2);
  });

  it('refuses to edit a builtin profile in place, a stale version, a changed id and an edit that changes nothing', async () => {
    const builtin = await t.service.call('profiles.get', { id: 'jilin' });
    await expect(t.service.call('profiles.update', { id: 'jilin', profile: withHomeStaff(builtin, 5) })).rejects.toThrow('请先复制为本机构的配置');
    const copy = await t.service.call('profiles.copy', { id: 'jilin', newId: 'changchun', name: '长春市' });
    await expect(t.service.call('profiles.copy', { id: 'jilin', newId: 'changchun', name: '长春市' })).rejects.toThrow('已被使用');
    await expect(t.service.call('profiles.copy', { id: 'jilin', newId: 'Chang Chun', name: '长春市' })).rejects.toThrow('新配置编号须以小写英文字母开头');
    await t.service.call('profiles.update', { id: 'changchun', profile: withHomeStaff(copy, 5) });
    await expect(t.service.call('profiles.update', { id: 'changchun', profile: withHomeStaff(copy, 6) })).rejects.toThrow('该配置已有第2版');
    const latest = await t.service.call('profiles.get', { id: 'changchun' });
    await expect(t.service.call('profiles.update', { id: 'changchun', profile: latest })).rejects.toThrow('没有任何修改');
    await expect(t.service.call('profiles.update', { id: 'changchun', profile: { ...latest, id: 'other' } })).rejects.toThrow('配置编号不能修改');
  });

  it('refuses a nonsensical edit with a Chinese message and writes nothing', async () => {
    const copy = await t.service.call('profiles.copy', { id: 'xinjiang-bingtuan', newId: 'kashgar', name: '喀什地区' });
    const profiles = rowCount('region_profile');
    const audit = rowCount('audit_log');
    const zeroRatio = structuredClone(copy);
    zeroRatio.thresholds.bedsPerStaffMax!.value = 0;
    const negative = withHomeStaff(copy, -4);
    for (const [p, msg, field] of [
      [zeroRatio, '护理服务人员与床位配比不能为0', 'profile.thresholds.bedsPerStaffMax.value'],
      [negative, '居家/社区护理服务人员最少人数不得为负数（当前为-4）', 'profile.thresholds.homeCommunityMinCareStaff.value'],
    ] as const) {
      const env = await t.service.dispatch('profiles.update', { id: 'kashgar', profile: p });
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('VALIDATION');
        expect(env.error.message).toContain(msg);
        expect(env.error.fieldErrors?.[field]).toContain(msg);
      }
    }
    expect(rowCount('region_profile')).toBe(profiles);
    expect(rowCount('audit_log')).toBe(audit);
    expect((await t.service.call('profiles.versions', { id: 'kashgar' })).map((v) => v.version)).toEqual([1]);
  });
});

describe('CLI', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

  function cli(args: string[]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-cli-'));
    try {
      return spawnSync(tsx, ['host/cli.ts', ...args, '--data', dir], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('prints the catalogue of a profile as JSON: at least 25 rules, each with a source article', () => {
    const r = cli(['rules', '--profile', 'xinjiang-bingtuan', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as { profile: { id: string; version: number }; rules: { id: string; title: string; source: string; thresholds: unknown[] }[] };
    expect(c.profile).toMatchObject({ id: 'xinjiang-bingtuan', version: 1 });
    expect(c.rules.length).toBeGreaterThanOrEqual(25);
    for (const rule of c.rules) {
      expect(rule.source, rule.id).toMatch(/^000 第[一二三四五六七八九十]+条/);
      expect(rule.title).toMatch(/[\u4e00-\u9fff]/);
      expect(Array.isArray(rule.thresholds)).toBe(true);
    }
    expect(c.rules.find((x) => x.id === 'carer_share_min')).toMatchObject({ source: '000 第六条（三）' });
  });

  it('prints every profile without --profile, and refuses an unknown one', () => {
    const all = cli(['rules', '--json']);
    expect(all.status, all.stderr).toBe(0);
    const cs = JSON.parse(all.stdout) as { profile: { id: string }; rules: { source: string }[] }[];
    expect(cs.map((c) => c.profile.id).sort()).toEqual(['heilongjiang', 'jilin', 'shenyang', 'tianjin', 'xinjiang-bingtuan']);
    expect(cs.flatMap((c) => c.rules).length).toBeGreaterThanOrEqual(25);
    expect(cs.flatMap((c) => c.rules).every((x) => x.source.length > 0)).toBe(true);
    const bad = cli(['rules', '--profile', 'atlantis']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('找不到该地区政策配置');
  });
});
