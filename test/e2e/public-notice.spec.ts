import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { demoApplication } from '../../service/demo';
import { ARTIFACTS, callApi, seedDemo, startHost, type Host } from './support/host';
import { COMPLETE_FACTS } from '../support/reviewFixtures';

/**
 * 审核结果公示 (issue 7; 000 第十四条 ≥5 working days, 第十七条 agreement within 3 months)
 * through the screen, on the CLI demo run on 2025-09-26 (Friday before National Day):
 *
 *   - the demo's own notice from 2025-09-26: 5 working days across the holiday
 *     (10-01…10-08 off, Sunday 09-28 a make-up working day) end on 2025-10-10;
 *   - a second round prepared through the contract with two 合格 institutions
 *     not yet on a notice: the new-notice form previews the days (6 days reach
 *     the make-up Saturday 10-11), refuses 3 days in Chinese, and publishes;
 *   - an objection: refused without content (nothing saved), then logged, put
 *     under review → its institution 暂缓 and finalising refused with the reasons;
 *   - the host restarted on the same data on 2025-10-13: the objection dismissed
 *     with a note (refused without one), the final list fixed, agreement deadlines shown.
 */

mkdirSync(ARTIFACTS, { recursive: true });
const SEEDED_ON = '2025-09-26';
const LATER = '2025-10-13';
const SHOT_STYLE = '.toasts { display: none !important; } .data-table thead th { position: static !important; }';
async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, style: SHOT_STYLE });
}

let host: Host | null = null;
let base = '';
let dataDir = '';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- set-up answers are untyped, as in the other specs
function call(page: Page, method: string, data: unknown): Promise<any> {
  return callApi(page, base, method, data);
}

/** The demo's panel (service/demo.ts): the same people, PIN 2468i0. */
const PANEL = ['张国华', '李秀英', '王志强', '赵丽娟', '陈海燕'];
const pinOf = (name: string) => `2468${PANEL.indexOf(name)}0`;

const NEW_APPS = [
  { n: 40, name: '乌鲁木齐市天山区松鹤护理院', boss: '买买提', services: ['institutional'] },
  { n: 41, name: '乌鲁木齐市新市区长青颐养中心', boss: '阿依古丽', services: ['institutional', 'home'] },
] as const;

/**
 * A second round in the demo's data, up to a sealed 集体评议 with both
 * institutions 合格, through the contract as the screens would do it
 * (the demo's persons, the standard rubric, equal scores from everyone).
 */
async function prepareSecondRound(page: Page): Promise<string> {
  const people = (await call(page, 'persons.list', {})) as { id: string; name: string }[];
  const round = await call(page, 'rounds.create', {
    name: '2025年乌鲁木齐市长护服务机构定点申请（第二批）',
    region: '乌鲁木齐市',
    code: 'WLMQ-2025-2',
    profileId: 'xinjiang-bingtuan',
    quota: { institutional: 2, home: 1, community: 1 },
    openedOn: SEEDED_ON,
  });
  const roundId = round.id as string;
  let panel: { validation: { valid: boolean }; members: { id: string; name: string }[] } = { validation: { valid: false }, members: [] };
  for (const [i, name] of PANEL.entries()) {
    panel = await call(page, 'panel.addMember', { roundId, personId: people.find((p) => p.name === name)!.id, role: i === 0 ? 'chair' : 'member' });
  }
  expect(panel.validation.valid).toBe(true);
  for (const [i, app] of NEW_APPS.entries()) {
    const boss = { name: app.boss, phone: `1389912${String(app.n).padStart(4, '0')}` };
    const data = {
      ...demoApplication(app.n, { name: app.name, type: 'elderly_care', services: [...app.services], beds: 90, staff: 30, doctors: 1, nurses: 2 }, SEEDED_ON),
      legalRep: boss,
      principal: boss,
      actualController: boss,
      contact: { name: '何晓东', phone: `0991-455200${i}` },
      ...COMPLETE_FACTS,
    };
    const a = await call(page, 'applications.create', { roundId, data });
    const fc = await call(page, 'formalCheck.get', { applicationId: a.id });
    for (const m of fc.materials as { materialId: string }[]) await call(page, 'formalCheck.markMaterial', { applicationId: a.id, materialId: m.materialId, state: 'received' });
    await call(page, 'formalCheck.pass', { applicationId: a.id });
    const e = await call(page, 'eligibility.get', { applicationId: a.id });
    for (const item of e.checklist.items as { itemId: string; source: string; state: string }[]) {
      if (item.state === 'met') continue;
      await call(page, 'checklist.mark', { applicationId: a.id, itemId: item.itemId, state: 'met', note: '书面查验、现场核查符合' });
    }
  }
  for (const c of (await call(page, 'panel.conflicts', { roundId })).cells.filter((x: { standing: string }) => x.standing === 'flag_pending')) {
    await call(page, 'panel.setConflict', { roundId, memberId: c.memberId, applicationId: c.applicationId, decision: 'cleared', note: '经核实系同名，与该机构无利害关系' });
  }
  const template = (await call(page, 'rubric.templates', { roundId }))[0];
  await call(page, 'rubric.saveDraft', { roundId, definition: template.definition });
  await call(page, 'rubric.freeze', { roundId });
  const criteria = (template.definition.groups as { criteria: { id: string; maxPoints: number }[] }[]).flatMap((g) => g.criteria);
  const apps = (await call(page, 'applications.list', { roundId })) as { id: string }[];
  const sessions: Record<string, string> = {};
  for (const m of panel.members) {
    const session = (await call(page, 'scoring.signIn', { roundId, memberId: m.id, pin: pinOf(m.name) })).session as string;
    sessions[m.id] = session;
    for (const a of apps) {
      const entries = criteria.map((c) => ({ criterionId: c.id, points: Math.round(c.maxPoints * 0.8 * 2) / 2 }));
      await call(page, 'scoring.save', { roundId, actingMemberId: m.id, session, applicationId: a.id, entries });
    }
    await call(page, 'scoring.submit', { roundId, actingMemberId: m.id, session, pin: pinOf(m.name) });
  }
  expect((await call(page, 'scoring.progress', { roundId })).blockers).toEqual([]);
  const chair = panel.members.find((m) => m.name === PANEL[0])!;
  const agenda = await call(page, 'deliberation.open', {
    roundId,
    actingMemberId: chair.id,
    session: sessions[chair.id],
    heldOn: SEEDED_ON,
    place: '乌鲁木齐市医疗保障事务服务中心三楼会议室',
    presentMemberIds: panel.members.map((m) => m.id),
    absences: [],
  });
  const meetingId = agenda.meeting.meetingId as string;
  for (const item of agenda.items as { applicationId: string }[]) {
    const v = await call(page, 'deliberation.applicant', { meetingId, applicationId: item.applicationId });
    expect(v.overrideNeeded).toEqual([]);
    for (const m of panel.members) await call(page, 'deliberation.vote', { meetingId, actingMemberId: m.id, session: sessions[m.id], applicationId: item.applicationId, choice: 'pass' });
    await call(page, 'deliberation.decide', { meetingId, actingMemberId: chair.id, session: sessions[chair.id], applicationId: item.applicationId, outcome: 'pass', advice: [] });
  }
  let minutes = await call(page, 'deliberation.minutes', { meetingId });
  for (const m of panel.members) {
    minutes = await call(page, 'deliberation.respondMinutes', { meetingId, actingMemberId: m.id, session: sessions[m.id], pin: pinOf(m.name), response: 'confirm', minutesHash: minutes.minutesHash });
  }
  await call(page, 'deliberation.seal', { meetingId, actingMemberId: chair.id, session: sessions[chair.id], pin: pinOf(chair.name), minutesHash: minutes.minutesHash });
  return roundId;
}

/** The dates on a day strip of one kind, in order. */
async function daysOf(page: Page, strip: string, kind: string): Promise<string[]> {
  return page.getByTestId(strip).locator(`li[data-kind="${kind}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? ''));
}
/** 国庆节、中秋节 2025: 10月1日至8日放假调休, 9月28日（星期日）、10月11日（星期六）上班. */
const NATIONAL_DAY = ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'];
/** The days of the National Day break on a strip: every one, its Saturday and Sunday too, marked 法定节假日 and none counted. */
async function expectNationalDay(page: Page, strip: string) {
  expect(await daysOf(page, strip, 'holiday')).toEqual(NATIONAL_DAY);
}

test.describe.serial('审核结果公示', () => {
  test.use({ actionTimeout: 15_000 });
  let demoRoundId = '';
  let roundId = '';
  let noticeId = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dataDir = seedDemo('notice', SEEDED_ON);
    host = await startHost('notice', SEEDED_ON, { data: dataDir });
    base = host.base;
  });
  test.afterAll(async () => {
    host?.stop();
    host = null;
  });

  test('the demo notice: 5 working days across National Day end on 2025-10-10; the strip shows every day', async ({ page }) => {
    const rounds = (await call(page, 'rounds.list', {})) as { id: string; code: string }[];
    demoRoundId = rounds.find((r) => r.code === 'WLMQ-2025-1')!.id;
    await page.goto(`${base}#/rounds/${demoRoundId}/notice`);
    await expect(page.getByRole('heading', { level: 1, name: '审核结果公示' })).toBeVisible();
    await expect(page.getByTestId('document-links').getByRole('link', { name: /审核结果公示/ })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('review-nav')).toBeVisible();
    const view = page.getByTestId('notice-view');
    await expect(view.getByRole('heading', { name: '第1次公示' })).toBeVisible();
    await expect(page.getByTestId('notice-end')).toHaveText('2025年10月10日（星期五）');
    await expect(page.getByTestId('notice-status')).toHaveText('公示中（至2025年10月10日）');
    // the strip: the publication day, then 09-27 … 10-10
    await expect(page.getByTestId('day-strip').locator('li[data-date]')).toHaveCount(15);
    expect(await daysOf(page, 'day-strip', 'start')).toEqual(['2025-09-26']);
    await expectNationalDay(page, 'day-strip');
    expect(await daysOf(page, 'day-strip', 'makeup')).toEqual(['2025-09-28']);
    expect(await daysOf(page, 'day-strip', 'weekend')).toEqual(['2025-09-27']);
    expect(await daysOf(page, 'day-strip', 'working')).toEqual(['2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10']);
    await expect(page.getByTestId('day-strip').locator('li[data-date="2025-10-11"]')).toHaveCount(0);
    const oct1 = page.getByTestId('day-strip').locator('li[data-date="2025-10-01"]');
    await expect(oct1).toHaveAttribute('aria-label', '10月1日 法定节假日');
    await expect(oct1).toHaveAttribute('title', '10月1日 法定节假日');
    await expect(page.getByTestId('day-strip').locator('li[data-date="2025-09-28"]')).toHaveAttribute('aria-label', '9月28日 调休上班，第1个工作日');
    await expect(page.getByTestId('day-strip').locator('li[data-date="2025-10-10"]')).toHaveAttribute('aria-label', '10月10日 工作日，第5个工作日，公示期最后一日');
    // the list: service types in Chinese, no objection yet; finalising waits for the end of the period
    const entries = page.getByTestId('notice-entries');
    await expect(entries.locator('tbody tr').first()).toContainText('机构护理');
    await expect(entries.locator('tbody tr').first()).toContainText('公示中（无未决异议）');
    await expect(page.getByTestId('finalise-problems')).toContainText('公示期至2025年10月10日结束，公示期满后（2025年10月11日起）方可确定最终名单');
    await expect(page.getByTestId('finalise-button')).toBeDisabled();
    // no candidates left in the demo round: no 新建公示
    await expect(page.getByTestId('new-notice')).toHaveCount(0);
    // the PDF opens in a new tab in the browser host
    await expect(page.getByTestId('notice-document')).toContainText('已数字签名');
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('notice-pdf-view').click()]);
    await popup.waitForLoadState('domcontentloaded').catch(() => undefined);
    expect(popup.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await popup.close();
    // large font: the strip wraps, nothing runs off the side
    await page.keyboard.press('Alt+Z');
    await expect(page.locator('html')).toHaveAttribute('data-font-size', 'large');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press('Alt+Z');
  });

  test('a new notice: the preview shows the days and the end; 3 days are refused; publishing issues the notice', async ({ page }) => {
    test.setTimeout(180_000);
    roundId = await prepareSecondRound(page);
    await page.goto(`${base}#/rounds/${roundId}/notice`);
    const form = page.getByTestId('notice-new');
    await expect(form.getByRole('heading', { name: '新建公示（第1次）' })).toBeVisible();
    await expect(page.locator('#f-startOn')).toHaveValue(SEEDED_ON);
    await expect(page.locator('#f-workingDays')).toHaveValue('5');
    await expect(page.getByTestId('preview-end')).toContainText('至 2025年10月10日（星期五） 止');
    await expectNationalDay(page, 'preview-strip');
    expect(await daysOf(page, 'preview-strip', 'makeup')).toEqual(['2025-09-28']);
    await expect(page.getByTestId('preview-candidates').locator('tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('preview-candidates')).toContainText('机构护理、居家护理');
    await expect(page.getByTestId('preview-problems')).toHaveCount(0);

    // 6 working days reach the make-up Saturday 10-11
    await page.locator('#f-workingDays').fill('6');
    await expect(page.getByTestId('preview-end')).toContainText('至 2025年10月11日（星期六） 止');
    expect(await daysOf(page, 'preview-strip', 'makeup')).toEqual(['2025-09-28', '2025-10-11']);
    await expectNationalDay(page, 'preview-strip');

    // fewer than 5: a Chinese message next to the field, no preview, nothing published
    await page.locator('#f-workingDays').fill('3');
    await expect(page.getByTestId('f-workingDays-error')).toHaveText(/^公示期不得少于5个工作日（.+第十四条.*）$/);
    await expect(page.getByTestId('preview-strip')).toHaveCount(0);
    await page.getByTestId('publish-notice').click();
    await expect(page.getByTestId('error-summary')).toContainText('公示期不得少于5个工作日');
    await expect(page.locator('#f-workingDays')).toBeFocused();
    expect((await call(page, 'publicNotice.list', { roundId })).notices).toHaveLength(0);

    await page.locator('#f-workingDays').fill('5');
    // a period reaching into 2027, whose holidays are not published: the end is 待定, explained, and blocks publishing
    await page.locator('#f-startOn').fill('2026-12-28');
    await expect(page.getByTestId('preview-end')).toContainText('至 2027年1月4日（星期一） 待定');
    await expect(page.getByTestId('preview-provisional')).toContainText('结束日期待定');
    await expect(page.getByTestId('preview-problems')).toContainText('结束日期2027年1月4日为待定');
    await page.locator('#f-startOn').fill(SEEDED_ON);
    await expect(page.getByTestId('preview-end')).toContainText('至 2025年10月10日（星期五） 止');
    expect(await daysOf(page, 'preview-strip', 'makeup')).toEqual(['2025-09-28']);
    await expect(page.getByTestId('preview-strip').locator('li[data-date="2025-10-06"]')).toHaveAttribute('title', '10月6日 法定节假日');
    await shot(page, 'notice-new');

    await page.getByTestId('publish-notice').click();
    const dialog = page.getByRole('dialog', { name: '发布第1次公示' });
    await expect(dialog).toContainText('公示 2 家审核合格机构');
    await expect(dialog).toContainText('至2025年10月10日');
    await dialog.getByRole('button', { name: '发布公示' }).click();
    await expect(page.getByTestId('toast-success')).toContainText('已发布第1次公示（2家机构），公示期至2025年10月10日');
    await expect(page.getByTestId('notice-view').getByRole('heading', { name: '第1次公示' })).toBeVisible();
    await expect(page).toHaveURL(/notice\?notice=/);
    noticeId = new URL(page.url().replace('#/', '')).searchParams.get('notice') ?? '';
    expect(noticeId).not.toBe('');
    await expect(page.getByTestId('notice-entries').locator('tbody tr')).toHaveCount(2);
    await expectNationalDay(page, 'day-strip');
    await expect(page.getByTestId('notice-document')).toBeVisible();
  });

  test('an objection: refused without content, logged, under review → 暂缓, finalising refused with the reasons', async ({ page }) => {
    await page.goto(`${base}#/rounds/${roundId}/notice?notice=${noticeId}`);
    const form = page.getByTestId('objection-form');
    await form.getByLabel('针对机构').selectOption({ label: `2. ${NEW_APPS[1].name}` });
    await form.getByLabel('反映方式').selectOption({ label: '电话' });
    await form.getByLabel('异议人（单位或个人）').fill('王先生（附近居民）');
    await form.getByLabel('联系方式').fill('13999120000');
    await form.getByTestId('add-objection').click();
    await expect(page.getByTestId('f-content-error')).toHaveText('请填写异议内容');
    await expect(page.locator('#f-content')).toBeFocused();
    await expect(page.getByTestId('objection-empty')).toBeVisible();
    expect((await call(page, 'publicNotice.get', { noticeId })).objections).toHaveLength(0);

    await page.locator('#f-content').fill('反映该中心居家护理人员不足，夜间无人值守。');
    await form.getByTestId('add-objection').click();
    await expect(page.getByTestId('toast-success')).toContainText(`已登记对“${NEW_APPS[1].name}”的异议`);
    const item = page.getByTestId('objection');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('已收到');
    await expect(item).toContainText('2025年9月26日');
    await expect(item).toContainText('电话');
    await expect(item).toContainText('夜间无人值守');
    await expect(page.locator('#f-content')).toHaveValue('');

    await item.getByRole('button', { name: /^开始核查/ }).click();
    await expect(item).toContainText('核查中');
    await expect(page.getByTestId('entry-state-2')).toHaveText('暂缓（异议核查中）');
    await expect(page.getByTestId('entry-state-1')).toHaveText('公示中（无未决异议）');
    await expect(page.getByTestId('finalise-button')).toBeDisabled();
    const problems = page.getByTestId('finalise-problems');
    await expect(problems).toContainText('公示期至2025年10月10日结束');
    await expect(problems).toContainText(`“${NEW_APPS[1].name}”有尚未处理完毕的异议（暂缓），异议处理完毕后方可确定最终名单`);
    // the back end refuses too, with the same reasons
    const res = await page.request.post(`${base}api/publicNotice.finalise`, { data: { noticeId } });
    const env = await res.json();
    expect(env.ok).toBe(false);
    expect(env.error.message).toContain('不能确定最终名单');
    await item.locator('summary').click();
    await shot(page, 'notice-objections');
  });

  test('on 2025-10-13: the objection dismissed with a note, the final list fixed with agreement deadlines', async ({ page }) => {
    host?.stop();
    await new Promise((r) => setTimeout(r, 500));
    host = await startHost('notice-later', LATER, { data: dataDir });
    base = host.base;
    await page.goto(`${base}#/rounds/${roundId}/notice?notice=${noticeId}`);
    await expect(page.getByTestId('notice-status')).toHaveText('公示期已结束，待确定最终名单');
    const problems = page.getByTestId('finalise-problems');
    await expect(problems).not.toContainText('公示期至');
    await expect(problems).toContainText('有尚未处理完毕的异议');
    await expect(page.getByTestId('finalise-button')).toBeDisabled();

    const item = page.getByTestId('objection');
    await item.getByRole('button', { name: /^异议不成立/ }).click();
    const dialog = page.getByTestId('objection-decision');
    await dialog.getByRole('button', { name: '确认异议不成立' }).click();
    await expect(dialog.getByTestId('pn-decision-note-error')).toHaveText('作出异议处理结论须写明核查情况和理由');
    expect((await call(page, 'publicNotice.get', { noticeId })).objections[0].state).toBe('under_review');
    await dialog.getByLabel('核查情况和理由').fill('经现场核查，该中心夜间值守护理员2名，排班表、监控记录齐全，反映情况不属实。');
    await dialog.getByRole('button', { name: '确认异议不成立' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(item).toContainText('异议不成立');
    await expect(item).toContainText('反映情况不属实');
    await expect(page.getByTestId('entry-state-2')).toHaveText('公示中（无未决异议）');

    await expect(page.getByTestId('finalise-problems')).toHaveCount(0);
    await page.getByTestId('finalise-button').click();
    const confirm = page.getByRole('dialog', { name: '确定第1次公示的最终名单' });
    await expect(confirm).toContainText('列入最终名单 2 家');
    await confirm.getByRole('button', { name: '确定最终名单' }).click();
    const final = page.getByTestId('final-list');
    await expect(final).toBeVisible();
    await expect(final).toContainText('公示于2025年10月10日结束');
    await expect(page.getByTestId('final-listed').locator('tbody tr')).toHaveCount(2);
    // 3 months after 2025-10-10 is Saturday 2026-01-10: moved to Monday 2026-01-12
    const deadlines = page.getByTestId('agreement-deadline');
    await expect(deadlines).toHaveCount(2);
    await expect(deadlines.first()).toContainText('2026年1月12日（星期一）');
    await expect(deadlines.first()).toContainText('顺延');
    await expect(deadlines.first()).toContainText('原到期日2026年1月10日为休息日');
    await expect(final).toContainText('第十七条');
    await expect(page.getByTestId('entry-state-1')).toHaveText('列入最终名单');
    await expect(page.getByTestId('objection-form')).toHaveCount(0);
    await expect(page.getByTestId('notice-status')).toHaveText('已确定最终名单');
    await shot(page, 'notice-final');
  });
});
