import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { demoApplication } from '../../service/demo';
import { COMPLETE_FACTS, CRITERIA, PEOPLE, PIN as PIN_OF, RUBRIC as TEST_RUBRIC, acceptedApplication, makePersons } from '../support/reviewFixtures';
import { ARTIFACTS, callApi, hostCaller, startHost, type Host } from './support/host';

/**
 * 集体评议 (issue 6) through the screens: a short meeting of three applicants
 * in a round prepared through the API (7 people with PINs, a valid panel, a
 * frozen rubric, every sheet scored and submitted):
 *
 *   颐养 (A): 李秀英 stepped aside (回避), 孙玉兰 absent → 5 voters, all 合格;
 *   康宁 (B): 6 voters, 陈海燕 votes 不合格 with a written reason (少数意见), 合格;
 *   福乐 (C): 护理床位 5 < 20 fails a basic indicator (000 第七条（三）) → 不合格,
 *             with the rule's reason, a reason of the panel and 整改建议 edited from presets.
 *
 * The chair opens the meeting (孙玉兰 absent, 出差), reorders the agenda with
 * the keyboard, the projector view is shown (votes hidden until complete),
 * every vote is entered with the keyboard on the vote screen, the chair
 * confirms each decision, every member confirms the minutes with their PIN
 * and the chair seals them. A vote prepared on a second screen before the
 * seal is then refused with the Chinese message; the audit log verifies;
 * the delivery of C's result starts its rectification window.
 *
 * Own host and data folder on a free port (like eligibility.spec.ts); today is 2025-09-29.
 */

mkdirSync(ARTIFACTS, { recursive: true });
const TODAY = '2025-09-29';

/** Passing toasts are hidden; sticky table headers are put back in the flow for a full-page picture. */
const SHOT_STYLE = '.toasts { display: none !important; } .data-table thead th { position: static !important; }';
async function shot(page: Page, name: string, opts: { viewport?: boolean } = {}) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: !opts.viewport, style: SHOT_STYLE });
}

let host: Host | null = null;
let base = '';
let dataDir = '';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- set-up answers are untyped, as in the other specs
function call(page: Page, method: string, data: unknown): Promise<any> {
  return callApi(page, base, method, data);
}

const PIN = (name: string) => PIN_OF(PEOPLE.findIndex((p) => p.name === name));

type AppRow = { key: 'A' | 'B' | 'C'; name: string; boss: string; over: Record<string, unknown> };
const APPS: [AppRow, AppRow, AppRow] = [
  { key: 'A', name: '乌鲁木齐市颐养护理院', boss: '马文斌', over: {} },
  { key: 'B', name: '天山区康宁养老中心', boss: '艾尔肯', over: {} },
  { key: 'C', name: '新市区福乐老年公寓', boss: '古丽娜', over: { careBeds: 5, totalBeds: 60, careStaff: 30 } },
];

/** The integration tests' rubric, without their manual basic indicator. */
const RUBRIC = { ...TEST_RUBRIC, title: '2025年长护定点评分细则', basic: [] };
const BASE_SCORES: Record<'A' | 'B' | 'C', number[]> = { A: [25, 25, 15, 15], B: [22, 22, 12, 12], C: [18, 18, 9, 9] };

test.describe.serial('集体评议', () => {
  test.use({ actionTimeout: 15_000 });
  let roundId = '';
  const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

  test.beforeAll(async () => {
    host = await startHost('delib', TODAY);
    base = host.base;
    dataDir = host.data;
  });
  test.afterAll(async () => {
    host?.stop();
    host = null;
  });

  test('set-up (API): panel of 7, three accepted applicants, a recusal, rubric frozen, every sheet submitted', async ({ page }) => {
    test.setTimeout(120_000);
    await makePersons(hostCaller(page, base), PEOPLE.length, (i) => `1390991100${i}`);
    const r = await prepareRound(page, {
      name: '2025年第四批长护定点评审',
      code: 'JT-2025-4',
      members: PEOPLE.map((p) => p.name),
      apps: APPS.map((a, i) => ({ ...a, n: 60 + i })),
      recusals: [['李秀英', 'A', '其配偶为该机构主要负责人']],
    });
    roundId = r.roundId;
    Object.assign(ids, r.ids);
  });

  test('a short meeting: opening, projector, votes by keyboard, decisions, minutes confirmed and sealed; a later vote refused; audit verifies; deadlines', async ({ page, context }) => {
    test.setTimeout(300_000);

    await test.step('集体评议: the chair opens the meeting (孙玉兰 absent) and reorders the agenda by keyboard', async () => {
      await page.goto(`${base}#/rounds/${roundId}`);
      await expect(page.getByTestId('deliberation-links')).toBeVisible();
      await page.keyboard.press('Alt+y');
      await expect(page.getByRole('heading', { level: 1, name: '集体评议' })).toBeVisible();
      const form = page.getByTestId('open-meeting');
      await expect(form).toContainText('待评议的申请 3 个');
      await expect(form.getByLabel('会议日期')).toHaveValue(TODAY);
      await form.getByLabel('会议地点').fill('乌鲁木齐市医疗保障事务中心三楼会议室');
      await form.getByLabel('孙玉兰出席').uncheck();
      await form.getByLabel('孙玉兰缺席原因').fill('出差');
      await expect(form.getByRole('radio', { name: /暂缓决定.*（默认）/ })).toBeChecked();
      // the PIN is checked by the back end: a wrong one is refused, nothing opens
      await form.getByLabel('组长张国华的PIN').fill('000000');
      await form.getByRole('button', { name: '开始集体评议' }).click();
      await expect(page.getByTestId('open-pin-error')).toHaveText('PIN不正确');
      await form.getByLabel('组长张国华的PIN').fill(PIN('张国华'));
      await shot(page, 'deliberation-opening');
      await form.getByRole('button', { name: '开始集体评议' }).click();

      const card = page.getByTestId('meeting-card');
      await expect(card).toContainText('第1次集体评议');
      await expect(card).toContainText('孙玉兰（出差）');
      // 迟到到会: the chair could record her arrival; the dialog says what she may then vote on (cancelled here)
      await card.getByRole('button', { name: '登记孙玉兰到会' }).click();
      const arrival = page.getByRole('dialog', { name: '登记孙玉兰到会' });
      await expect(arrival).toContainText('只参加尚无人表决的申请机构的表决');
      await arrival.getByRole('button', { name: '取消' }).click();
      await expect(arrival).toHaveCount(0);
      await expect(card).not.toContainText('迟到到会');
      await expect(page.getByTestId('agenda-progress')).toContainText('已作出结论 0 个');
      const rows = page.getByTestId('agenda').locator('tbody tr');
      await expect(rows.nth(0)).toContainText(APPS[0].name);
      await expect(rows.nth(0)).toContainText('回避1人');
      await expect(rows.nth(2)).toContainText(APPS[2].name);
      await expect(rows.nth(2)).toContainText('基础性指标不符合');
      // keyboard: move 福乐 up (focus stays on the moved item), then back down
      await page.getByRole('button', { name: `上移“${APPS[2].name}”` }).focus();
      await page.keyboard.press('Enter');
      await expect(rows.nth(1)).toContainText(APPS[2].name);
      await expect(page.getByRole('button', { name: `上移“${APPS[2].name}”` })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: `下移“${APPS[2].name}”` })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(rows.nth(2)).toContainText(APPS[2].name);
      await shot(page, 'deliberation-agenda');
    });

    await test.step('会议模式 at 1280×720: one applicant at a time, keys move, votes hidden', async () => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.keyboard.press('Alt+v');
      const pj = page.getByTestId('projector');
      await expect(pj).toBeVisible();
      await expect(page.getByTestId('pj-position')).toHaveText('1/3');
      await expect(page.getByTestId('pj-name')).toHaveText(APPS[0].name);
      await expect(page.getByTestId('pj-conflicts')).toContainText('李秀英');
      await expect(page.getByTestId('pj-seat-李秀英')).toContainText('回避');
      await expect(page.getByTestId('pj-seat-孙玉兰')).toContainText('缺席');
      await expect(page.getByTestId('pj-seat-张国华')).toContainText('未表决');
      await shot(page, 'projector-recusal', { viewport: true });
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('pj-position')).toHaveText('2/3');
      await page.keyboard.press('3');
      await expect(page.getByTestId('pj-position')).toHaveText('3/3');
      await expect(page.getByTestId('pj-basic')).toContainText('专区护理床位数');
      await expect(page.getByTestId('pj-basic')).toContainText('000 第七条（三）');
      await shot(page, 'projector-basic-failed', { viewport: true });
      await page.keyboard.press('Alt+z');
      await expect(page.locator('html')).toHaveAttribute('data-font-size', 'large');
      await shot(page, 'projector-large-font', { viewport: true });
      await page.keyboard.press('Alt+z');
      await page.keyboard.press('Home');
      await expect(page.getByTestId('pj-position')).toHaveText('1/3');
      await page.setViewportSize({ width: 1366, height: 900 });
    });

    const voteByKeyboard = (name: string, choice: '合格' | '不合格', reason?: string) => castByKeyboard(page, name, choice, reason);
    const nextVoter = () => nextByKeyboard(page);

    await test.step('表决录入 for 颐养: the recused and the absent cannot vote; 5 votes by keyboard; hidden on the projector until complete', async () => {
      await page.keyboard.press('Alt+t');
      await expect(page.getByRole('heading', { level: 1, name: '表决录入' })).toBeVisible();
      await expect(page.getByTestId('vote-applicant')).toContainText(APPS[0].name);
      const picker = page.getByTestId('voter-signin');
      await expect(picker.getByRole('button', { name: /^李秀英/ })).toBeDisabled();
      await expect(picker.getByRole('button', { name: /^李秀英/ })).toContainText('回避');
      await expect(picker.getByRole('button', { name: /^孙玉兰/ })).toBeDisabled();
      await voteByKeyboard('张国华', '合格');
      await nextVoter();
      // a 不合格 without a reason is refused before anything is sent
      const wang = picker.getByRole('button', { name: /^王志强/ });
      await expect(wang).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.locator('#voter-pin')).toBeFocused();
      await page.keyboard.type(PIN('王志强'));
      await page.keyboard.press('Enter');
      await page.getByTestId('vote-fail').click();
      await page.getByTestId('vote-submit').click();
      await expect(page.getByTestId('vote-reason-error')).toHaveText('投“不合格”票须写明理由');
      await shot(page, 'vote-entry');
      await page.getByTestId('vote-pass').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('vote-submit').click();
      await expect(page.getByTestId('vote-recorded')).toContainText('王志强：合格');
      await nextVoter();

      // the projector shows who has voted, not how
      await page.keyboard.press('Alt+v');
      await expect(page.getByTestId('pj-seat-张国华')).toContainText('已表决');
      await expect(page.getByTestId('pj-seat-张国华')).not.toContainText('合格');
      await expect(page.getByTestId('pj-tally')).toContainText('已表决2/5人');
      await page.keyboard.press('Alt+t');
      for (const name of ['赵丽娟', '陈海燕', '刘永刚']) {
        await voteByKeyboard(name, '合格');
        await nextVoter();
      }
      await expect(page.getByTestId('vote-progress')).toContainText('5人表决，5票合格、0票不合格');
      await page.keyboard.press('Alt+v');
      await expect(page.getByTestId('pj-seat-张国华')).toContainText('合格');
      await expect(page.getByTestId('pj-tally')).toContainText('多数意见为“合格”');
    });

    await test.step('确认结论 for 颐养 by the chair (signed in since the opening)', async () => {
      await page.keyboard.press('Alt+d');
      await expect(page.getByRole('heading', { level: 1, name: '确认审核结论' })).toBeVisible();
      await expect(page.getByTestId('tally-message')).toContainText('5人表决，5票合格');
      await page.getByTestId('decide-submit').click();
      await expect(page.getByTestId('current-decision')).toContainText('合格');
      await expect(page.getByTestId('decision-done')).toBeVisible();
    });

    await test.step('康宁: 6 vote, 陈海燕 against in writing; 合格 with the dissent on record', async () => {
      await page.getByRole('button', { name: '下一个申请' }).click();
      await expect(page.getByTestId('tally')).toContainText(APPS[1].name);
      await page.keyboard.press('Alt+t');
      await expect(page.getByTestId('vote-applicant')).toContainText(APPS[1].name);
      for (const name of ['张国华', '李秀英', '王志强', '赵丽娟']) {
        await voteByKeyboard(name, '合格');
        await nextVoter();
      }
      await voteByKeyboard('陈海燕', '不合格', '长期照护师持证人数刚达标，人员流动大，建议整改后再定点');
      await nextVoter();
      await voteByKeyboard('刘永刚', '合格');
      await nextVoter();
      await page.keyboard.press('Alt+d');
      await expect(page.getByTestId('tally-message')).toContainText('6人表决，5票合格、1票不合格');
      await expect(page.getByTestId('tally-votes')).toContainText('长期照护师持证人数刚达标');
      await expect(page.getByTestId('dissent-missing')).toHaveCount(0);
      await page.getByTestId('decide-submit').click();
      await expect(page.getByTestId('current-decision')).toContainText('5票合格、1票不合格');
    });

    await test.step('福乐: 6 vote 不合格; the chair records the rule, a reason of the panel and 整改建议 edited from presets', async () => {
      await page.getByRole('button', { name: '下一个申请' }).click();
      await page.keyboard.press('Alt+t');
      await expect(page.getByTestId('vote-applicant')).toContainText(APPS[2].name);
      for (const name of ['张国华', '李秀英', '王志强', '赵丽娟', '陈海燕', '刘永刚']) {
        await voteByKeyboard(name, '不合格', '专区护理床位不足20张');
        await nextVoter();
      }
      await page.keyboard.press('Alt+d');
      const form = page.getByTestId('decision-form');
      await expect(form).toContainText('按表决结果，结论为“不合格”');
      await expect(page.getByTestId('auto-reasons')).toContainText('专区护理床位数');
      await expect(page.getByTestId('auto-reasons')).toContainText('000 第七条（三）');
      const rule = page.getByTestId('advice-rule:care_beds_min');
      await expect(rule.getByRole('textbox', { name: '整改建议', exact: true })).toHaveValue(/增加专区护理床位/);
      await rule.getByRole('textbox', { name: '整改建议', exact: true }).fill('增加专区护理床位至20张以上，于2025年12月底前完成，提供床位设置情况说明和现场照片');
      await form.getByRole('checkbox', { name: '现场核查情况与申报不符' }).check();
      await expect(form.getByRole('textbox', { name: '“现场核查情况与申报不符”的具体理由' })).toHaveValue('经现场核查，机构实际情况与申报材料不符');
      await form.getByRole('textbox', { name: '“现场核查情况与申报不符”的具体理由' }).fill('经现场核查，护理专区实有床位5张，与申报的床位规划不符');
      const site = page.getByTestId('advice-panel:site_inspection');
      await expect(site.getByRole('textbox', { name: '整改建议', exact: true })).toHaveValue(/按现场核查发现的问题逐项整改/);
      await shot(page, 'decision-advice');
      await page.getByTestId('decide-submit').click();
      const d = page.getByTestId('current-decision');
      await expect(d).toContainText('不合格');
      await expect(d).toContainText('专区护理床位数');
      await expect(d).toContainText('于2025年12月底前完成');
      await expect(d).toContainText('护理专区实有床位5张');
    });

    let voteScreen: Page;
    await test.step('a second screen prepares a vote before the seal', async () => {
      voteScreen = await context.newPage();
      await voteScreen.goto(`${base}#/meetings/${await meetingId(page)}/vote?app=${ids.A}`);
      await voteScreen.getByTestId('voter-signin').getByRole('button', { name: /^陈海燕/ }).click();
      await voteScreen.locator('#voter-pin').fill(PIN('陈海燕'));
      await voteScreen.locator('#voter-pin').press('Enter');
      await voteScreen.getByTestId('vote-fail').click();
      await voteScreen.locator('#vote-reason').fill('改变主意：护理记录不全');
    });

    await test.step('会议纪要: every member confirms with their PIN; the chair seals', async () => {
      await page.keyboard.press('Alt+m');
      await expect(page.getByRole('heading', { level: 1, name: '会议纪要' })).toBeVisible();
      const doc = page.getByTestId('minutes-doc');
      await expect(doc).toContainText('缺席成员：孙玉兰（出差）');
      await expect(page.getByTestId('minutes-item-1')).toContainText('回避：李秀英');
      await expect(page.getByTestId('minutes-dissent-2')).toContainText('陈海燕（不合格）：长期照护师持证人数刚达标');
      await expect(page.getByTestId('minutes-item-3')).toContainText('增加专区护理床位至20张以上');
      await expect(page.getByTestId('seal-button')).toBeDisabled();
      const hash = (await page.getByTestId('minutes-hash').getAttribute('title'))!;
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      for (const name of ['张国华', '李秀英', '王志强', '赵丽娟', '陈海燕', '刘永刚']) {
        await page.getByRole('button', { name: `${name}确认或拒绝确认会议纪要` }).click();
        const dialog = page.getByTestId('respond-dialog');
        await expect(dialog).toContainText(hash.slice(0, 8));
        await dialog.getByLabel(`${name}的PIN`).fill(PIN(name));
        await dialog.getByLabel(`${name}的PIN`).press('Enter');
        await expect(dialog).toHaveCount(0);
        await expect(page.getByTestId(`signer-${name}`)).toContainText('已确认');
      }
      await expect(page.getByTestId('seal-button')).toBeEnabled();
      await shot(page, 'minutes-confirmed');
      await page.getByTestId('seal-button').click();
      const seal = page.getByTestId('seal-dialog');
      await seal.getByLabel('组长张国华的PIN').fill(PIN('张国华'));
      await seal.getByLabel('组长张国华的PIN').press('Enter');
      const badge = page.getByTestId('sealed-badge');
      await expect(badge).toContainText('已封存（只读）');
      await expect(badge).toContainText(hash.slice(0, 8));
      await expect(badge).toContainText('审计日志锚点：第');
      await shot(page, 'minutes-sealed');
      await page.emulateMedia({ media: 'print' });
      await shot(page, 'minutes-print');
      await page.emulateMedia({ media: 'screen' });
    });

    await test.step('after the seal the prepared vote is refused with the Chinese message, nothing recorded', async () => {
      await voteScreen.getByTestId('vote-submit').click();
      await expect(voteScreen.getByTestId('vote-error')).toContainText(/第1次集体评议已于2025年9月29日封存，会议中的任何内容都不能再修改/);
      await expect(voteScreen.getByTestId('vote-recorded')).toHaveCount(0);
      await voteScreen.close();
      const v = await call(page, 'deliberation.applicant', { meetingId: await meetingId(page), applicationId: ids.A });
      expect(v.votes.find((x: { name: string }) => x.name === '陈海燕').choice).toBe('pass');
    });

    await test.step('审计日志: 核验 is green; an entry opens to its before/after', async () => {
      await page.keyboard.press('Alt+l');
      await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
      await page.getByTestId('audit-verify').click();
      await expect(page.getByTestId('audit-ok')).toContainText('核验通过');
      await expect(page.getByTestId('audit-ok')).toContainText('核对已封存会议 1 次');
      const first = page.getByTestId('audit-table').locator('tbody tr').first();
      await expect(first).toContainText('封存会议纪要');
      await first.getByRole('button', { name: '展开' }).click();
      await expect(page.getByTestId('audit-table')).toContainText('"minutesHash"');
      await shot(page, 'audit', { viewport: true });
    });

    await test.step('评议结果与期限: final outcomes; delivery of 福乐 starts its 3-month window; 颐养 agreement after 公示', async () => {
      await page.goto(`${base}#/rounds/${roundId}`);
      await expect(page.getByTestId('deliberation-links')).toBeVisible();
      await page.keyboard.press('Alt+q');
      await expect(page.getByRole('heading', { level: 1, name: '评议结果与期限' })).toBeVisible();
      const c = page.locator('[data-testid^="deadline-"]').filter({ hasText: APPS[2].name });
      await expect(c).toContainText('最终结论');
      await expect(c.getByTestId('rectification')).toContainText('登记送达后计算');
      await expect(c.getByTestId('re-reviews')).toContainText('已用 0/1 次');
      await c.getByRole('button', { name: `登记“${APPS[2].name}”的结果送达` }).click();
      const dlg = page.getByTestId('delivery-dialog');
      await expect(dlg.getByLabel('送达日期')).toHaveValue(TODAY);
      await dlg.getByLabel('送达方式').fill('直接送达');
      await dlg.getByLabel('备注').fill('签收人：马明');
      await dlg.getByRole('button', { name: '保存' }).click();
      await expect(dlg).toHaveCount(0);
      await expect(c.getByTestId('delivery')).toContainText('2025年9月29日 · 直接送达');
      await expect(c.getByTestId('rectification')).toContainText('2025年12月29日');
      // a correction needs a reason
      await c.getByRole('button', { name: '更正…' }).click();
      await dlg.getByLabel('送达方式').fill('EMS邮寄');
      await dlg.getByRole('button', { name: '保存' }).click();
      await expect(dlg.getByTestId('dlv-reason-error')).toHaveText('已登记送达信息，修改须写明原因');
      await dlg.getByRole('button', { name: '取消' }).click();

      const a = page.locator('[data-testid^="deadline-"]').filter({ hasText: APPS[0].name });
      await expect(a.getByTestId('agreement')).toContainText('公示结束后3个月内');
      await a.getByLabel('公示结束日期').fill('2025-10-31');
      await a.getByRole('button', { name: '计算期限' }).click();
      await expect(a.getByTestId('agreement')).toContainText('2026年2月2日');
      await expect(a.getByTestId('agreement')).toContainText('顺延');
      await shot(page, 'deadlines');
    });

    await test.step('审计日志 after a row is deleted behind the app\'s back: red, naming the entry, the table at the gap', async () => {
      const raw = new BetterSqlite3(path.join(dataDir, 'review.sqlite'));
      try {
        raw.exec('drop trigger audit_log_no_delete; delete from audit_log where seq = 20');
      } finally {
        raw.close();
      }
      await page.keyboard.press('Alt+l');
      await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
      await page.getByTestId('audit-verify').click();
      await expect(page.getByTestId('audit-broken')).toContainText('第20条审计记录缺失（已被删除）');
      await expect(page.locator('#audit-gap-20')).toContainText('第 20 条记录缺失');
      await expect(page.locator('#audit-gap-20')).toBeInViewport();
      await shot(page, 'audit-broken', { viewport: true });
    });
  });

  test('no quorum after a recusal: a substitute stands in; 合格 over a failed basic indicator only with a recorded reason', async ({ page }) => {
    test.setTimeout(180_000);
    const five = ['张国华', '李秀英', '王志强', '赵丽娟', '陈海燕'];
    const r = await prepareRound(page, {
      name: '2025年第五批长护定点评审',
      code: 'JT-2025-5',
      members: five,
      apps: [{ key: 'D', name: '水磨沟区安康护理站', boss: '买买提', n: 70, over: { careBeds: 12, totalBeds: 60, careStaff: 30 } }],
      recusals: [['李秀英', 'D', '曾在该机构兼职']],
    });
    await page.goto(`${base}#/rounds/${r.roundId}/deliberation`);
    const form = page.getByTestId('open-meeting');
    await form.getByLabel('会议地点').fill('医保中心二楼会议室');
    await form.getByLabel('组长张国华的PIN').fill(PIN('张国华'));
    await form.getByRole('button', { name: '开始集体评议' }).click();
    await expect(page.getByTestId('meeting-card')).toContainText('第1次集体评议');

    // 5 members, one recused: 4 may vote, fewer than 5 — no decision until a substitute stands in
    await page.keyboard.press('Alt+t');
    for (const name of ['张国华', '王志强', '赵丽娟', '陈海燕']) {
      await castByKeyboard(page, name, '合格');
      await nextByKeyboard(page);
    }
    await page.keyboard.press('Alt+d');
    await expect(page.getByTestId('tally-message')).toContainText('回避1人后，可参加表决的成员只有4人，少于5人');
    await expect(page.getByTestId('decision-waiting')).toBeVisible();
    const sub = page.getByTestId('substitute');
    await sub.getByRole('button', { name: '添加候补成员…' }).click();
    await sub.getByLabel('候补成员').selectOption({ label: '刘永刚（自治区财政厅）' });
    await expect(sub.getByLabel('替代的成员')).toHaveValue(/.+/);
    await sub.getByLabel('替代原因').fill('李秀英回避，表决人数不足，由候补成员替代');
    await sub.getByRole('button', { name: '添加候补成员' }).click();
    await expect(page.getByTestId('tally-message')).toContainText('已表决4/5人，尚未表决：刘永刚');

    await page.keyboard.press('Alt+t');
    await expect(page.getByTestId('voter-signin').getByRole('button', { name: /^刘永刚/ })).toContainText('候补成员');
    await castByKeyboard(page, '刘永刚', '合格');
    await nextByKeyboard(page);

    await page.keyboard.press('Alt+d');
    const box = page.getByTestId('override-box');
    await expect(box).toContainText('专区护理床位数');
    await page.getByTestId('decide-submit').click();
    await expect(page.getByTestId('dec-override-error')).toHaveText('请填写认定合格的理由');
    await box.getByLabel('认定合格的理由').fill('该机构护理专区扩建已完工，新增床位经现场核查属实，申请表数据为扩建前填报');
    await shot(page, 'decision-override');
    await page.getByTestId('decide-submit').click();
    const d = page.getByTestId('current-decision');
    await expect(d).toContainText('审核小组认定合格（推翻基础性指标结论）');
    await expect(d).toContainText('投合格票：张国华、王志强、赵丽娟、陈海燕、刘永刚');

    await page.keyboard.press('Alt+m');
    await expect(page.getByTestId('minutes-item-1')).toContainText('候补：刘永刚替代李秀英');
    await expect(page.getByTestId('signer-刘永刚')).toContainText('候补成员');
  });
});

interface AppSpec {
  key: string;
  name: string;
  boss: string;
  n: number;
  over: Record<string, unknown>;
}

/**
 * A round ready for 集体评议, through the API: the named people (already in the
 * library with PINs) as the panel (the first is the chair), accepted
 * applicants with every checklist item met, declared recusals, the rubric
 * frozen, every sheet scored and submitted.
 */
async function prepareRound(page: Page, o: { name: string; code: string; members: string[]; apps: AppSpec[]; recusals: [string, string, string][] }) {
  const people = (await call(page, 'persons.list', {})) as { id: string; name: string }[];
  const round = await call(page, 'rounds.create', {
    name: o.name,
    region: '乌鲁木齐市',
    code: o.code,
    profileId: 'xinjiang-bingtuan',
    quota: { institutional: 2, home: 1, community: 1 },
    openedOn: '2025-09-01',
  });
  const roundId = round.id as string;
  let panel: { validation: { valid: boolean }; members: { id: string; name: string }[] } = { validation: { valid: false }, members: [] };
  for (const [i, name] of o.members.entries()) {
    panel = await call(page, 'panel.addMember', { roundId, personId: people.find((p) => p.name === name)!.id, ...(i === 0 ? { role: 'chair' } : {}) });
  }
  expect(panel.validation.valid).toBe(true);
  const member = (name: string) => panel.members.find((m) => m.name === name)!.id;
  const ids: Record<string, string> = {};
  for (const [i, app] of o.apps.entries()) {
    // named people of the applicant that no panel member shares (the app flags a shared name as a likely conflict)
    const boss = { name: app.boss, phone: `1389911${String(app.n).padStart(4, '0')}` };
    const data = {
      ...demoApplication(app.n, { name: app.name, type: 'elderly_care', services: ['institutional'], beds: 90, staff: 30, doctors: 1, nurses: 2 }, '2025-09-05'),
      legalRep: boss,
      principal: boss,
      actualController: boss,
      contact: { name: '何晓东', phone: `0991-455100${i}` },
      ...COMPLETE_FACTS,
      ...app.over,
    };
    ids[app.key] = (await acceptedApplication(hostCaller(page, base), roundId, data)).id;
  }
  for (const [name, key, note] of o.recusals) {
    await call(page, 'panel.setConflict', { roundId, memberId: member(name), applicationId: ids[key], decision: 'conflicted', kind: 'kinship', note });
  }
  await call(page, 'rubric.saveDraft', { roundId, definition: RUBRIC });
  await call(page, 'rubric.freeze', { roundId });
  for (const [mi, name] of o.members.entries()) {
    const memberId = member(name);
    const session = (await call(page, 'scoring.signIn', { roundId, memberId, pin: PIN(name) })).session;
    for (const [ai, app] of o.apps.entries()) {
      if (o.recusals.some(([n, k]) => n === name && k === app.key)) continue;
      const base = BASE_SCORES[(['A', 'B', 'C'] as const)[ai % 3]!];
      const pts = base.map((x, ci) => (ci === 0 ? x - (mi % 3) : x));
      await call(page, 'scoring.save', { roundId, actingMemberId: memberId, session, applicationId: ids[app.key], entries: pts.map((points, ci) => ({ criterionId: CRITERIA[ci]!, points })) });
    }
    await call(page, 'scoring.submit', { roundId, actingMemberId: memberId, session, pin: PIN(name) });
  }
  const progress = await call(page, 'scoring.progress', { roundId });
  expect(progress.blockers).toEqual([]);
  return { roundId, ids: ids as Record<'A' | 'B' | 'C', string> };
}

/** One member votes with the keyboard: the picker has focused them (the next one waiting), Enter, PIN, Enter, choice, submit. */
async function castByKeyboard(page: Page, name: string, choice: '合格' | '不合格', reason?: string) {
  const who = page.getByTestId('voter-signin').getByRole('button', { name: new RegExp(`^${name}`) });
  await expect(who).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#voter-pin')).toBeFocused();
  await page.keyboard.type(PIN(name));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vote-pass')).toBeFocused();
  if (choice === '不合格') {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('vote-fail')).toBeFocused();
  }
  await page.keyboard.press('Enter');
  if (choice === '不合格') {
    await expect(page.locator('#vote-reason')).toBeFocused();
    await page.keyboard.type(reason!);
    await page.keyboard.press('Control+Enter');
  } else {
    await expect(page.getByTestId('vote-submit')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('vote-recorded')).toContainText('已记录');
  await expect(page.getByTestId('vote-recorded')).toContainText(`${name}：${choice}`);
}

/** 已记录 → Enter: the voter is signed out, the picker focuses the next one waiting. */
async function nextByKeyboard(page: Page) {
  await expect(page.getByTestId('vote-next')).toBeFocused();
  await page.keyboard.press('Enter');
}

/** The meeting in the address bar (#/meetings/:id/…) or the round's open one. */
async function meetingId(page: Page): Promise<string> {
  const m = /#\/meetings\/([^/?]+)/.exec(page.url());
  if (m) return decodeURIComponent(m[1]!);
  throw new Error(`no meeting in ${page.url()}`);
}
