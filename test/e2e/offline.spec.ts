import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { PEOPLE as ALL_PEOPLE, acceptedApplication } from '../support/reviewFixtures';
import { ARTIFACTS, callApi, hostCaller, startHost, type Host } from './support/host';
import { demoApplication } from '../../service/demo';

/**
 * Issue 5 through the screens, with TWO laptops: the clerk's (经办机构) and a
 * panel member's (评审专家), each its own host on its own port and data
 * folder, and a temp folder between them as the USB stick.
 *
 * The round, its 5-member panel, three accepted applicants (the member
 * steps aside from one) and the frozen rubric are set up on the clerk's
 * laptop through the API. Then, through the
 * UI: the clerk creates the agency key; the member creates her key on her
 * laptop and the test reads its fingerprint off her screen; the clerk
 * registers her public key typing that fingerprint (a wrong one first: 不一致)
 * and exports the round package; the member imports it typing the agency
 * fingerprint read off the clerk's screen, signs in with her passphrase,
 * scores with the keyboard and exports her signed sheet; the clerk previews
 * it next to a copy with one byte changed (made here with fs), imports the
 * intact one and sees the status board update; the tampered copy alone is
 * refused with its own Chinese reason, and the board shows it as her last
 * refusal next to the sheet that is in.
 */

mkdirSync(ARTIFACTS, { recursive: true });
const TODAY = '2025-09-29';

async function shot(page: Page, name: string, opts: { viewport?: boolean } = {}) {
  await page.screenshot({
    path: path.join(ARTIFACTS, `${name}.png`),
    fullPage: !opts.viewport,
    style: '.sticky-actions, .sheet-list, .entry-total { position: static !important; } .toasts { display: none !important; }',
  });
}

const call = callApi;

const AGENCY = '乌鲁木齐市医疗保障事务中心';
const AGENCY_PASS = 'agency-pass-2025';
const MEMBER = '李秀英';
const MEMBER_PASS = '李秀英的口令-2025';
/** 张国华 (chair), 李秀英 (the member with the laptop), 王志强, 赵丽娟, 陈海燕 */
const PEOPLE = ALL_PEOPLE.slice(0, 5);
const RUBRIC = {
  title: '离线评分测试细则',
  totalPoints: 100,
  basic: [],
  groups: [
    {
      id: 'staffing',
      title: '人员配备',
      points: 70,
      criteria: [
        { id: 'carers', title: '长期照护师配备', guidance: '按持证长期照护师占比评分', maxPoints: 40, step: 0.5 },
        { id: 'medical', title: '医护人员', guidance: '按执业医师、护士人数评分', maxPoints: 30, step: 0.5 },
      ],
    },
    { id: 'systems', title: '制度与信息化', points: 30, criteria: [{ id: 'it', title: '医保信息平台对接', guidance: '按对接条件评分', maxPoints: 30, step: 0.5 }] },
  ],
};
const TITLES = ['长期照护师配备', '医护人员', '医保信息平台对接'];
const APPS = [
  { name: '乌鲁木齐市康宁护理院', type: 'elderly_care' as const, services: ['institutional' as const], beds: 90, staff: 30, doctors: 1, nurses: 3 },
  { name: '水磨沟区颐和养老中心', type: 'elderly_care' as const, services: ['institutional' as const], beds: 80, staff: 28, doctors: 1, nurses: 2 },
  // 李秀英 steps aside from this one (declared on the clerk's laptop): her sheet leaves it out
  { name: '新市区仁和医院', type: 'medical' as const, services: ['institutional' as const, 'home' as const], beds: 60, staff: 24, doctors: 5, nurses: 12 },
];
const MEDICAL_FACTS = { hasInpatientQualification: true, localMedicalInsuranceDesignated: true };
const SCORES = [
  [30, 25, 20],
  [35, 22.5, 18],
];
const FACTS = {
  operatingSince: '2024-01-02',
  premisesUntil: '2030-12-31',
  managers: 3,
  hasFullTimeManager: true,
  serviceCapacity: 120,
  hasInternalLtcUnit: true,
  longTermCarers: 3,
  hasSeparateCareZone: true,
  penaltyUnfulfilled: false,
  fraudFound: false,
  agreementTerminated: false,
  assessmentAgencyFounded: false,
  seriousDishonestyListed: false,
  managementBanned: false,
};

test.describe.serial('离线评分：评分包、成员密钥、签名评分表', () => {
  let clerk: Host;
  let member: Host;
  let usb = '';
  let roundId = '';
  const appNos: string[] = [];
  const appIds: string[] = [];
  let memberHex = '';
  let memberDigits = '';
  let agencyHex = '';
  const keyFile = () => path.join(usb, `公钥-${MEMBER}.json`);
  const packageFile = () => path.join(usb, '评分包-OL-2025-1.json');
  const sheetFile = () => path.join(usb, `评分表-${MEMBER}-第1号.json`);
  const tamperedFile = () => path.join(usb, `评分表-${MEMBER}-第1号（改动一个字节）.json`);

  test.beforeAll(async () => {
    [clerk, member] = await Promise.all([startHost('clerk', TODAY), startHost('member', TODAY)]);
    usb = mkdtempSync(path.join(os.tmpdir(), 'ltc-e2e-usb-'));
  });
  test.afterAll(async () => {
    for (const h of [clerk, member]) h?.stop();
    if (usb) rmSync(usb, { recursive: true, force: true });
  });

  test('set-up on the clerk’s laptop (API): round, 5-member panel, three accepted applicants (one she steps aside from), frozen rubric', async ({ page }) => {
    const b = clerk.base;
    await call(page, b, 'settings.setOperator', { operator: '王经办' });
    const round = await call<{ id: string }>(page, b, 'rounds.create', {
      name: '2025年第四批长护定点评审',
      region: '乌鲁木齐市',
      code: 'OL-2025-1',
      profileId: 'xinjiang-bingtuan',
      quota: { institutional: 2, home: 1, community: 1 },
      openedOn: '2025-09-01',
    });
    roundId = round.id;
    const persons: { id: string }[] = [];
    for (const p of PEOPLE) persons.push(await call(page, b, 'persons.save', p));
    await call(page, b, 'panel.addMember', { roundId, personId: persons[0]!.id, role: 'chair' });
    for (const p of persons.slice(1)) await call(page, b, 'panel.addMember', { roundId, personId: p.id });
    for (const [i, inst] of APPS.entries()) {
      const data = { ...demoApplication(60 + i, inst, '2025-09-10'), ...FACTS, ...(inst.type === 'medical' ? MEDICAL_FACTS : {}) };
      const a = await acceptedApplication(hostCaller(page, b), roundId, data, false);
      appNos.push(a.applicationNo);
      appIds.push(a.id);
    }
    // 回避: any flag the app raised is looked into and dismissed; 李秀英 declares one relationship
    const panel = await call<{ members: { id: string; name: string }[] }>(page, b, 'panel.get', { roundId });
    const memberId = (name: string) => panel.members.find((m) => m.name === name)!.id;
    const conflicts = await call<{ cells: { memberId: string; applicationId: string; standing: string }[] }>(page, b, 'panel.conflicts', { roundId });
    for (const c of conflicts.cells.filter((x) => x.standing === 'flag_pending')) {
      await call(page, b, 'panel.setConflict', { roundId, memberId: c.memberId, applicationId: c.applicationId, decision: 'cleared', note: '经核实无利害关系' });
    }
    await call(page, b, 'panel.setConflict', { roundId, memberId: memberId(MEMBER), applicationId: appIds[2], decision: 'conflicted', kind: 'kinship', note: '其配偶任该院副院长' });
    await call(page, b, 'rubric.saveDraft', { roundId, definition: RUBRIC });
    await call(page, b, 'rubric.freeze', { roundId });
  });

  test('clerk: no agency key yet blocks the export; the agency key is created on 密钥管理', async ({ page }) => {
    await page.goto(`${clerk.base}#/rounds/${roundId}`);
    await expect(page.getByTestId('offline-links')).toBeVisible();
    await page.keyboard.press('Alt+o');
    await expect(page.getByRole('heading', { level: 1, name: '导出评分包' })).toBeVisible();
    await expect(page.getByTestId('no-agency-key')).toContainText('本机还没有经办机构签名密钥');
    await expect(page.getByRole('button', { name: '签名并导出评分包' })).toBeDisabled();
    // every member is listed without a key
    await expect(page.getByTestId('member-key-table').getByText('未登记公钥')).toHaveCount(5);

    await page.keyboard.press('Alt+u');
    await expect(page.getByRole('heading', { level: 1, name: '密钥管理' })).toBeVisible();
    await page.keyboard.press('Alt+n');
    const d = page.getByTestId('create-key-dialog');
    await d.getByRole('radio', { name: /经办机构签名密钥/ }).check();
    await d.getByLabel('经办机构名称').fill(AGENCY);
    await d.getByLabel('密钥口令').fill('short');
    await d.getByLabel('再次输入口令').fill('short');
    await d.getByRole('button', { name: '生成密钥' }).click();
    await expect(d.getByTestId('ck-passphrase-error')).toHaveText('密钥口令至少8位');
    await d.getByLabel('密钥口令').fill(AGENCY_PASS);
    await d.getByLabel('再次输入口令').fill(`${AGENCY_PASS}x`);
    await d.getByRole('button', { name: '生成密钥' }).click();
    await expect(d.getByTestId('ck-passphrase2-error')).toHaveText('两次输入的口令不一致');
    await d.getByLabel('再次输入口令').fill(AGENCY_PASS);
    await d.getByRole('button', { name: '生成密钥' }).click();
    await expect(d).toHaveCount(0);
    const fp = page.getByTestId('agency-fingerprint-hex');
    await expect(fp).toHaveText(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await expect(page.getByTestId('agency-fingerprint-digits')).toHaveText(/^(\d{5} ){7}\d{5}$/);
  });

  test('member laptop: her own key through the UI, its fingerprint read off the screen, the public key exported to the USB stick', async ({ page }) => {
    await page.goto(member.base);
    await expect(page.getByTestId('member-hint')).toContainText('先在密钥管理（Alt+U）生成本人密钥');
    await page.keyboard.press('Alt+u');
    await expect(page.getByTestId('member-keys')).toContainText('本机还没有评审专家密钥');
    await page.getByRole('button', { name: '生成本人密钥…' }).click();
    const d = page.getByTestId('create-key-dialog');
    await expect(d.getByRole('radio', { name: /评审专家本人密钥/ })).toBeChecked();
    await d.getByLabel('评审专家姓名').fill(MEMBER);
    await d.getByLabel('密钥口令').fill(MEMBER_PASS);
    await d.getByLabel('再次输入口令').fill(MEMBER_PASS);
    await d.getByRole('button', { name: '生成密钥' }).click();
    await expect(d).toHaveCount(0);
    const card = page.getByTestId(`member-key-${MEMBER}`);
    await expect(card).toContainText('密钥已生成');
    memberHex = (await page.getByTestId(`fingerprint-${MEMBER}-hex`).innerText()).trim();
    memberDigits = (await page.getByTestId(`fingerprint-${MEMBER}-digits`).innerText()).trim();
    expect(memberHex).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(memberDigits).toMatch(/^(\d{5} ){7}\d{5}$/);
    await shot(page, 'offline-keys');

    await card.getByRole('button', { name: '导出公钥…' }).click();
    const ex = page.getByTestId('export-key-dialog');
    await ex.getByRole('button', { name: '导出公钥' }).click();
    await expect(ex.getByTestId('pk-path-error')).toHaveText('请选择保存位置');
    await ex.getByLabel('保存位置').fill(keyFile());
    await ex.getByRole('button', { name: '导出公钥' }).click();
    await expect(ex.getByTestId('export-key-done')).toContainText(keyFile());
    await ex.getByRole('button', { name: '完成' }).click();
    await expect(ex).toHaveCount(0);
    expect(JSON.parse(readFileSync(keyFile(), 'utf8'))).toMatchObject({ format: 'ltc-public-key/1', name: MEMBER, fingerprint: memberHex.replace(/ /g, '-') });
  });

  test('clerk: registers her public key typing the fingerprint she reads aloud, then exports the round package', async ({ page }) => {
    await page.goto(`${clerk.base}#/rounds/${roundId}/offline/package`);
    await expect(page.getByRole('heading', { level: 1, name: '导出评分包' })).toBeVisible();
    agencyHex = (await page.getByTestId('export-agency-fingerprint-hex').innerText()).trim();
    const row = page.getByTestId(`key-row-${MEMBER}`);
    await row.getByRole('button', { name: `登记${MEMBER}的公钥` }).click();
    const d = page.getByTestId('register-key-dialog');
    await d.getByLabel('公钥文件').fill(keyFile());
    await d.getByRole('button', { name: '读取公钥文件' }).click();
    await expect(d.getByTestId('key-file')).toContainText(`持有人 ${MEMBER}`);
    // a misheard group: refused, nothing registered
    const misheard = memberDigits.replace(/^\d{5}/, (g) => (g === '00000' ? '00001' : '00000'));
    await d.getByLabel('对方念出的指纹').fill(misheard);
    await expect(d.getByTestId('fingerprint-compare')).toContainText('不一致');
    await d.getByRole('button', { name: '核对指纹并登记' }).click();
    await expect(d.getByTestId('key-fingerprint-error')).toHaveText('指纹不一致');
    await expect(d.getByTestId('register-key-problem')).toContainText('指纹不一致：李秀英的公钥的指纹为');
    // as read aloud, in digits
    await d.getByLabel('对方念出的指纹').fill(memberDigits);
    await expect(d.getByTestId('fingerprint-compare')).toContainText('一致');
    await d.getByRole('button', { name: '核对指纹并登记' }).click();
    await expect(d).toHaveCount(0);
    await expect(row).toContainText(memberHex.replace(/ /g, '-'));

    // a wrong passphrase is an inline error; then the package goes to the USB stick
    await page.getByLabel('保存位置').fill(packageFile());
    await page.getByLabel('经办机构密钥口令').fill('not-the-passphrase');
    await page.getByRole('button', { name: '签名并导出评分包' }).click();
    await expect(page.getByTestId('pkg-pass-error')).toHaveText('密钥口令不正确');
    await page.getByLabel('经办机构密钥口令').fill(AGENCY_PASS);
    await page.getByRole('button', { name: '签名并导出评分包' }).click();
    const result = page.getByTestId('export-result');
    await expect(result).toContainText('评分包已导出');
    await expect(result).toContainText('3 个');
    await expect(page.getByTestId('members-without-key')).toContainText('张国华、王志强、赵丽娟、陈海燕 未登记公钥');
    await shot(page, 'offline-package-export');
    const pkg = readFileSync(packageFile(), 'utf8');
    expect(pkg).toContain('"format":"ltc-round-package/1"');
    // no phone numbers of the applicants' people
    expect(pkg).not.toMatch(/1[3-9]\d{9}/);
  });

  test('member laptop: the home screen shows her path; the package is imported typing the agency fingerprint', async ({ page }) => {
    await page.goto(member.base);
    const pathBox = page.getByTestId('member-path');
    await expect(pathBox.getByTestId('step-key')).toHaveClass(/step-done/);
    await expect(pathBox.getByTestId('step-import')).not.toHaveClass(/step-done/);
    await expect(pathBox.getByTestId('step-import')).toHaveAttribute('aria-current', 'step');
    await shot(page, 'offline-member-home');

    await page.keyboard.press('Alt+i');
    await expect(page.getByRole('heading', { level: 1, name: '导入评分包' })).toBeVisible();
    await page.getByRole('textbox', { name: '评分包文件' }).fill(packageFile());
    await page.getByRole('button', { name: '读取评分包' }).click();
    const preview = page.getByTestId('package-preview');
    await expect(preview).toContainText('2025年第四批长护定点评审');
    await expect(preview).toContainText('首次导入，须核对指纹');
    await expect(page.getByTestId('package-state')).toHaveText('新批次：本机还没有');
    await expect(page.getByTestId('package-members')).toContainText('本机有该成员的密钥');
    // the agency's fingerprint as read off the clerk's screen (a wrong one first)
    await page.getByLabel('经办机构密钥指纹').fill('0000 0000 0000 0000 0000 0000 0000 0000');
    await page.getByRole('button', { name: '导入评分包' }).click();
    await expect(page.getByTestId('agency-fp-error')).toHaveText('指纹不一致');
    await page.getByLabel('经办机构密钥指纹').fill(agencyHex);
    await shot(page, 'offline-package-import-preview');
    await page.getByRole('button', { name: '导入评分包' }).click();
    await expect(page.getByTestId('import-done')).toContainText('评分包已导入');
    await expect(page.getByTestId('package-state')).toHaveText('已导入本机');
    await shot(page, 'offline-package-import');
  });

  test('member laptop: 审核小组, 回避声明 and 评分细则 of the package round can only be viewed, with one note saying so', async ({ page }) => {
    const rounds = await call<{ id: string; code: string }[]>(page, member.base, 'rounds.list', {});
    const here = rounds.find((r) => r.code === 'OL-2025-1')!.id;
    const note = page.getByTestId('member-laptop-readonly');

    await page.goto(`${member.base}#/rounds/${here}/panel`);
    await expect(page.getByRole('heading', { level: 1, name: '审核小组' })).toBeVisible();
    await expect(note).toHaveText(/^本机为评审专家电脑，以下内容只能查看。/);
    await expect(note).toHaveCount(1);
    await expect(page.getByTestId(`member-${MEMBER}`)).toBeVisible();
    await expect(page.getByTestId('members-table').locator('tbody tr')).toHaveCount(5);
    // no edit actions: not in the tables, not 新增人员 (nor its shortcut), not 组长说明
    await expect(page.getByTestId('members-table').getByRole('button')).toHaveCount(0);
    await expect(page.getByTestId('people-table').getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /新增人员|组长说明|设为组长|移出|PIN/ })).toHaveCount(0);
    await page.keyboard.press('Alt+n');
    await expect(page.getByTestId('person-dialog')).toHaveCount(0);
    await shot(page, 'member-panel-readonly');

    await page.keyboard.press('Alt+b');
    await expect(page.getByRole('heading', { level: 1, name: '回避声明' })).toBeVisible();
    await expect(note).toBeVisible();
    // a cell opens the record to read: 保存 is disabled, and says why
    await page.getByTestId(`cx-${appNos[2]}-${MEMBER}`).click();
    const d = page.getByTestId('conflict-dialog');
    await expect(d).toContainText(MEMBER);
    await expect(d).toContainText(APPS[2]!.name);
    await expect(d.getByText('本机为评审专家电脑，只能查看，不能修改回避记录。')).toBeVisible();
    await expect(d.getByRole('button', { name: '保存' })).toBeDisabled();
    await d.getByRole('button', { name: '取消' }).click();
    await expect(d).toHaveCount(0);

    await page.keyboard.press('Alt+x');
    await expect(page.getByRole('heading', { level: 1, name: '评分细则' })).toBeVisible();
    await expect(note).toBeVisible();
    await expect(page.getByTestId('rubric-status')).toContainText('第1版已确定');
    await expect(page.getByRole('button', { name: /新建版本|保存计分规则|使用此模板/ })).toHaveCount(0);
    await expect(page.getByTestId('scoring-config').getByRole('checkbox')).toBeDisabled();
  });

  test('member laptop: signs in with her passphrase, scores with the keyboard, exports the signed sheet', async ({ page }) => {
    await page.goto(member.base);
    await page.getByTestId('member-path').getByRole('link', { name: /评分：/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: '评分' })).toBeVisible();
    const box = page.getByTestId('offline-signin');
    await expect(box.getByLabel('评分成员')).toHaveValue(/.+/);
    await box.getByLabel('密钥口令').fill('wrong-passphrase');
    await box.getByRole('button', { name: '登录' }).click();
    await expect(box.getByTestId('offline-pass-error')).toHaveText('密钥口令不正确');
    await box.getByLabel('密钥口令').fill(MEMBER_PASS);
    await box.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('session-bar')).toContainText(`当前登录：${MEMBER}`);
    // no 提交评分表 here: the signed sheet takes its place
    await expect(page.getByRole('button', { name: '提交评分表…' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /导出签名评分表/ })).toBeDisabled();

    for (const [i, points] of SCORES.entries()) {
      await expect(page.getByTestId('entry-form')).toContainText(APPS[i]!.name);
      await expect(page.getByLabel(`${TITLES[0]}得分`)).toBeFocused();
      for (const p of points) {
        await page.keyboard.type(String(p));
        await page.keyboard.press('Enter');
      }
      await page.keyboard.press('Control+Enter');
    }
    await expect(page.getByTestId('sheet-progress')).toContainText('已完成 2 / 2 个申请');
    const exportButton = page.getByRole('button', { name: /导出签名评分表/ });
    await expect(exportButton).toBeFocused();
    await expect(page.getByTestId('export-sheet-note')).toContainText('导出即为提交');
    // the applicant's data comes from the package (folded away, so the keyboard path above is not in its way)
    const info = page.getByTestId('package-applicant');
    await info.locator('summary').click();
    await expect(info).toContainText('护理服务人员数量');
    await expect(info).toContainText('服务机构分类');
    await expect(info).not.toContainText('联系人电话');
    await page.keyboard.press('Alt+r');
    const d = page.getByTestId('export-sheet-dialog');
    await expect(d).toContainText('已评 2 / 2 个申请，回避 1 个');
    await expect(d.getByTestId('sheet-exports').or(d.getByText('还没有导出过。'))).toBeVisible();
    await d.getByLabel('保存位置').fill(sheetFile());
    await d.getByLabel('密钥口令').fill(MEMBER_PASS);
    await d.getByRole('button', { name: '签名并导出' }).click();
    const done = d.getByTestId('export-sheet-done');
    await expect(done).toContainText(`已导出${MEMBER}的第1号签名评分表`);
    await expect(d.getByTestId('export-sheet-scores')).toHaveText('2个申请、6项评分');
    await expect(d.getByTestId('export-sheet-stepped-aside')).toContainText('1个申请');
    await expect(d.getByTestId('sheet-exports')).toContainText('第1号');
    await shot(page, 'offline-sheet-export', { viewport: true });
    await d.getByRole('button', { name: '完成' }).click();
    await expect(page.getByRole('button', { name: /重新导出签名评分表/ })).toBeVisible();
    expect(readFileSync(sheetFile(), 'utf8')).toMatch(/^\{"format":"ltc-score-sheet\/1"/);

    await page.goto(member.base);
    await expect(page.getByTestId('member-exports')).toContainText('已导出第1号');
    await expect(page.getByTestId('step-export')).toHaveClass(/step-done/);
    await shot(page, 'offline-member-home-done');
  });

  test('clerk: previews the sheet next to a copy with one byte changed, imports the intact one, sees the status board', async ({ page }) => {
    // one byte changed: the first digit of a score
    const text = readFileSync(sheetFile(), 'utf8');
    const at = text.indexOf('"points":') + '"points":'.length;
    const digit = text[at]!;
    writeFileSync(tamperedFile(), text.slice(0, at) + (digit === '1' ? '2' : '1') + text.slice(at + 1));

    await page.goto(`${clerk.base}#/rounds/${roundId}`);
    await expect(page.getByTestId('offline-links')).toBeVisible();
    await page.keyboard.press('Alt+w');
    await expect(page.getByRole('heading', { level: 1, name: '收表情况' })).toBeVisible();
    await expect(page.getByTestId(`status-${MEMBER}`)).toContainText('未收到');

    await page.keyboard.press('Alt+i');
    await expect(page.getByRole('heading', { level: 1, name: '导入评分表' })).toBeVisible();
    await page.getByLabel('签名评分表文件（每行一个）').fill(`${sheetFile()}\n${tamperedFile()}`);
    await page.getByRole('button', { name: '检查并预览' }).click();
    const good = page.getByTestId(`import-${path.basename(sheetFile())}`);
    const bad = page.getByTestId(`import-${path.basename(tamperedFile())}`);
    await expect(good).toContainText('可以导入');
    await expect(good.getByTestId('import-counts')).toContainText('新增 6');
    await expect(good.getByTestId('import-counts')).toContainText('修改 0');
    await expect(good.getByTestId('import-applications')).toContainText('75');
    await expect(good.getByTestId('import-applications')).toContainText('75.5');
    await expect(good).toContainText(`第1号`);
    await expect(bad).toContainText('拒绝导入');
    await expect(bad.getByTestId('import-message')).toContainText('签名无效：评分表内容在李秀英签名后被改动');
    await expect(bad.getByTestId('import-refusals')).toContainText('bad_signature');
    await expect(bad.getByRole('button', { name: /^导入/ })).toHaveCount(0);
    await shot(page, 'offline-import-preview');

    await good.getByRole('button', { name: `导入${path.basename(sheetFile())}` }).click();
    await expect(good).toContainText('已导入');
    await expect(good.getByTestId('import-message')).toContainText('已导入李秀英第1号评分表：新增6项');

    await good.getByRole('link', { name: '查看收表情况' }).click();
    const row = page.getByTestId(`status-${MEMBER}`);
    await expect(row).toContainText('已收到');
    await expect(row).toContainText('第1号');
    await expect(row).toContainText('评分表已提交');
    await expect(row).toContainText('第1版评分细则 ✓ 现行');
    await expect(page.getByTestId('status-counts')).toContainText('1已收到');
    await expect(page.getByTestId('status-counts')).toContainText('4未收到');
    await expect(page.getByTestId('status-counts')).toContainText('4未登记公钥');
    await expect(page.getByTestId('status-张国华')).toContainText('未登记公钥');
    await shot(page, 'offline-status');
  });

  test('clerk: the tampered copy alone is refused with its own reason; the intact one is already in; the board shows both', async ({ page }) => {
    await page.goto(`${clerk.base}#/rounds/${roundId}/offline/import`);
    await page.getByLabel('签名评分表文件（每行一个）').fill(tamperedFile());
    await page.getByRole('button', { name: '检查并预览' }).click();
    const bad = page.getByTestId(`import-${path.basename(tamperedFile())}`);
    await expect(bad.getByTestId('import-message')).toHaveText(/^签名无效：评分表内容在李秀英签名后被改动/);
    // the intact sheet again: already in, nothing to do
    await page.getByLabel('签名评分表文件（每行一个）').fill(sheetFile());
    await page.getByRole('button', { name: '检查并预览' }).click();
    await expect(page.getByTestId(`import-${path.basename(sheetFile())}`)).toContainText('已导入过');

    // her intact sheet is in; the refused copy is her last refusal, with its reason and file
    await page.keyboard.press('Alt+w');
    const row = page.getByTestId(`status-${MEMBER}`);
    await expect(row).toContainText('已收到');
    await expect(row).toContainText('签名无效：评分表内容在李秀英签名后被改动');
    await expect(row).toContainText('（改动一个字节）.json');
    await shot(page, 'offline-status-refused');
  });
});
