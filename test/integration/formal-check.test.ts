import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService, makeRound, sampleApplication } from '../support/service';

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-09-29');
});
afterEach(async () => {
  await t.cleanup();
});

async function applicationWithMaterials(profileId = 'xinjiang-bingtuan', missing: number[] = [1]) {
  const r = await makeRound(t.service, { profileId, code: `R-${profileId}` });
  const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0) });
  let fc = await t.service.call('formalCheck.get', { applicationId: a.id });
  for (const [i, m] of fc.materials.entries()) {
    fc = await t.service.call('formalCheck.markMaterial', { applicationId: a.id, materialId: m.materialId, state: missing.includes(i) ? 'missing' : 'received' });
  }
  return { round: r, app: a, fc };
}

describe('形式审查 and the one-time 补正通知', () => {
  it('lists the materials of the profile that apply to the applicant', async () => {
    const { fc } = await applicationWithMaterials();
    expect(fc.materials.length).toBeGreaterThanOrEqual(7);
    expect(fc.materials.every((m) => m.citation.startsWith('000 第十条'))).toBe(true);
  });

  it('will not issue a notice while materials are unchecked: the notice must list every missing item at once', async () => {
    const r = await makeRound(t.service);
    const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0) });
    const fc = await t.service.call('formalCheck.get', { applicationId: a.id });
    await t.service.call('formalCheck.markMaterial', { applicationId: a.id, materialId: fc.materials[0]!.materialId, state: 'missing' });
    await expect(t.service.call('formalCheck.issueNotice', { applicationId: a.id, issuedOn: '2025-09-29' })).rejects.toThrow(/项材料未核对/);
  });

  it('sets the deadline in Chinese working days across National Day 2025 (新疆: 5 days)', async () => {
    const { app } = await applicationWithMaterials();
    const fc = await t.service.call('formalCheck.issueNotice', { applicationId: app.id, issuedOn: '2025-09-29' });
    // 09-30 (Tue), then the Oct 1–8 holiday, 10-09, 10-10, 10-11 (Sat, make-up workday), 10-13.
    expect(fc.notice?.deadline).toEqual({ date: '2025-10-13', provisional: false });
    expect(fc.notice?.workingDays).toBe(5);
    expect(fc.notice?.citation).toBe('000 第十一条');
    expect(fc.status).toBe('supplement_requested');
    await expect(t.service.call('formalCheck.issueNotice', { applicationId: app.id, issuedOn: '2025-09-30' })).rejects.toThrow('补正通知只能一次性发出');
  });

  it('uses 10 working days for 黑龙江', async () => {
    const { app } = await applicationWithMaterials('heilongjiang');
    const fc = await t.service.call('formalCheck.issueNotice', { applicationId: app.id, issuedOn: '2025-09-29' });
    expect(fc.notice?.workingDays).toBe(10);
    // 09-30, 10-09, 10-10, 10-11, 10-13, 10-14, 10-15, 10-16, 10-17, 10-20
    expect(fc.notice?.deadline.date).toBe('2025-10-20');
  });

  it('resumes review when the supplement arrives in time, and pauses the 3-month clock meanwhile', async () => {
    const { app } = await applicationWithMaterials();
    await t.service.call('formalCheck.issueNotice', { applicationId: app.id, issuedOn: '2025-09-29' });
    t.setToday('2025-10-10');
    const fc = await t.service.call('formalCheck.recordSupplement', { applicationId: app.id, receivedOn: '2025-10-10' });
    expect(fc.status).toBe('registered');
    expect(fc.materials.every((m) => m.state === 'received')).toBe(true);
    expect(fc.pausedDays).toBe(11);
    // received 2025-09-01 + 3 months = 2025-12-01, + 11 paused days
    expect(fc.reviewDeadline.date).toBe('2025-12-12');
    const passed = await t.service.call('formalCheck.pass', { applicationId: app.id });
    expect(passed.status).toBe('accepted');
  });

  it('refuses a late supplement and lets the clerk mark the application withdrawn only after the deadline', async () => {
    const { app } = await applicationWithMaterials();
    await t.service.call('formalCheck.issueNotice', { applicationId: app.id, issuedOn: '2025-09-29' });
    await expect(t.service.call('formalCheck.markWithdrawn', { applicationId: app.id })).rejects.toThrow('尚未届满');
    t.setToday('2025-10-14');
    await expect(t.service.call('formalCheck.recordSupplement', { applicationId: app.id, receivedOn: '2025-10-14' })).rejects.toThrow('逾期补正的视作放弃申请');
    const fc = await t.service.call('formalCheck.markWithdrawn', { applicationId: app.id });
    expect(fc.status).toBe('withdrawn');
    await expect(t.service.call('formalCheck.pass', { applicationId: app.id })).rejects.toThrow('已办结');
  });

  it('marks a deadline beyond the published calendar as provisional until the clerk enters that year', async () => {
    t.setToday('2026-12-28');
    const r = await makeRound(t.service);
    const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0, { receivedOn: '2026-12-20' }) });
    let fc = await t.service.call('formalCheck.get', { applicationId: a.id });
    for (const [i, m] of fc.materials.entries()) {
      fc = await t.service.call('formalCheck.markMaterial', { applicationId: a.id, materialId: m.materialId, state: i === 0 ? 'missing' : 'received' });
    }
    fc = await t.service.call('formalCheck.issueNotice', { applicationId: a.id, issuedOn: '2026-12-28' });
    expect(fc.notice?.deadline.provisional).toBe(true);
    t.setToday('2027-01-08');
    await expect(t.service.call('formalCheck.markWithdrawn', { applicationId: a.id })).rejects.toThrow(/期限待定/);
    const before = fc.notice!.deadline.date;
    await t.service.call('calendar.saveYear', { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], makeupWorkdays: [] });
    fc = await t.service.call('formalCheck.get', { applicationId: a.id });
    expect(fc.notice?.deadline.provisional).toBe(false);
    expect(fc.notice!.deadline.date > before).toBe(true);
  });

  it('records 不予受理 with a reason from the profile list', async () => {
    const { app, fc } = await applicationWithMaterials();
    await expect(t.service.call('formalCheck.notAccept', { applicationId: app.id, reasonId: 'made-up' })).rejects.toThrow('请从本地区政策列出的不予受理情形中选择理由');
    const reason = fc.notAcceptedReasons[1]!;
    const after = await t.service.call('formalCheck.notAccept', { applicationId: app.id, reasonId: reason.id, note: '2024年发现提供虚假材料' });
    expect(after.status).toBe('not_accepted');
    const a = await t.service.call('applications.get', { applicationId: app.id });
    expect(a.notAccepted?.citation).toMatch(/^000 第九条/);
  });
});
