import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page, type Locator } from '@playwright/test';
import { validateUscc } from '../../shared/validation/uscc';
import { CSP_META } from '../../shared/security';

/**
 * The clerk's foundation journey in Chromium through the Node host (today is
 * pinned to 2025-09-29 by playwright.config.ts): create a round, register
 * applications through the 申请表 form, run the 形式审查 with a 补正 notice
 * across National Day 2025, pass one and refuse another; settings and the
 * large-font switch. Screenshots of every screen go to test/artifacts/.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const TODAY = '2025-09-29';
const ROUND = { name: '2025年第二批长护定点申请', region: '乌鲁木齐市', code: '2025-02' };
const USCC_A = '52650100MA77XY3N08'; // 民政登记的民办非企业单位, 乌鲁木齐
const USCC_A_TYPO = '52650100MA77XY3N09'; // same with a wrong check character
const USCC_B = '126500004582001235'; // 事业单位

/**
 * Full-page screenshot. The form's save bar is sticky to the window bottom; in
 * a full-page capture it would float over the middle of the form, so it is put
 * back in the flow for the picture. `viewport` keeps a modal dialog over what
 * the clerk actually sees.
 */
async function shot(page: Page, name: string, opts: { viewport?: boolean } = {}) {
  await page.screenshot({
    path: path.join(ARTIFACTS, `${name}.png`),
    fullPage: !opts.viewport,
    style: '.sticky-actions { position: static !important; }',
  });
}

// ---------------------------------------------------------------------------
// Independent working-day arithmetic from chinese-days' own data, so the test
// does not trust the back end's calendar code to check the back end.

function expectedDeadline(start: string, workingDays: number, extra: { holidays: string[] } = { holidays: [] }): string {
  const require = createRequire(import.meta.url);
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  let t = Date.parse(`${start}T00:00:00Z`);
  let left = workingDays;
  let iso = start;
  while (left > 0) {
    t += 86_400_000;
    iso = new Date(t).toISOString().slice(0, 10);
    const dow = new Date(t).getUTCDay();
    const working = iso in data.workdays || (dow !== 0 && dow !== 6 && !(iso in data.holidays) && !extra.holidays.includes(iso));
    if (working) left--;
  }
  return iso;
}

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

// ---------------------------------------------------------------------------

async function fillApplication(
  page: Page,
  a: { name: string; uscc: string; type: '医疗机构' | '养老机构' | '其他服务机构'; services: string[]; beds?: string },
) {
  await page.getByLabel('机构名称').fill(a.name);
  await page.getByLabel('统一社会信用代码').fill(a.uscc);
  await page.getByLabel('单位地址').fill('新疆乌鲁木齐市天山区解放南路100号');
  const people: [string, string, string][] = [
    ['法定代表人', '王建国', '13899112233'],
    ['主要负责人', '李红', '0991-2345678'],
    ['实际控制人', '王建国', '13899112233'],
    ['联系人', '张敏', '13999001122'],
  ];
  for (const [role, name, phone] of people) {
    await page.getByRole('textbox', { name: role, exact: true }).fill(name);
    await page.getByRole('textbox', { name: `${role}联系电话` }).fill(phone);
  }
  await page.getByRole('radio', { name: a.type }).check();
  await page.getByRole('radio', { name: '非营利' }).check();
  await page.getByLabel('所有制形式').fill('民营');
  if (a.type === '养老机构') {
    await page.getByRole('radio', { name: '与定点住院医疗机构签订服务协议' }).check();
    await page.getByLabel('养老机构设立许可证号').fill('65010020250001');
  }
  if (a.type === '医疗机构') await page.getByLabel('医疗机构执业许可证号').fill('PDY00001265010217A1001');
  await page.getByRole('radio', { name: '民办非企业单位登记证书号' }).check();
  await page.getByRole('textbox', { name: '民办非企业单位登记证书号' }).fill('民证字第650100001号');
  for (const s of a.services) await page.getByRole('checkbox', { name: s }).check();
  if (a.beds !== undefined) await page.getByLabel('护理病房床位数').fill(a.beds);
  await page.getByLabel('护理服务人员数量').fill('24');
  await page.getByLabel('执业医师人数').fill('2');
  await page.getByLabel('执业护士人数').fill('3');
}

function material(page: Page, title: string): Locator {
  return page.getByRole('group', { name: title, exact: true });
}

// ---------------------------------------------------------------------------

test.describe('页面基础', () => {
  test('index.html carries the CSP of shared/security.ts and loads nothing remote', async ({ page }) => {
    const remote: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1')) remote.push(r.url());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: '审核批次' })).toBeVisible();
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(CSP_META);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(remote).toEqual([]);
    // A screen with a form, a table and a dialog: no CSP violation, no script error.
    await page.getByRole('link', { name: /新建批次/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: '新建审核批次' })).toBeVisible();
    await page.keyboard.press('F1');
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  test('Chinese text renders with real glyphs, not tofu boxes', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: '审核批次' })).toBeVisible();
    const heading = page.locator('main h1');

    // 1. Canvas, with the page's own font stack: two different characters must
    //    draw different pixels (tofu draws the same box for both), and not the
    //    notdef box drawn for an unassigned private-use code point.
    const r = await page.evaluate(() => {
      const family = getComputedStyle(document.body).fontFamily;
      const draw = (text: string) => {
        const c = document.createElement('canvas');
        c.width = 64;
        c.height = 64;
        const ctx = c.getContext('2d')!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, 64, 64);
        ctx.fillStyle = '#000';
        ctx.font = `48px ${family}`;
        ctx.textBaseline = 'top';
        ctx.fillText(text, 8, 8);
        const px = ctx.getImageData(0, 0, 64, 64).data;
        let dark = 0;
        const sig: number[] = [];
        for (let i = 0; i < px.length; i += 4) {
          const on = px[i]! < 128 ? 1 : 0;
          dark += on;
          sig.push(on);
        }
        return { dark, sig: sig.join('') };
      };
      const shen = draw('审');
      const he = draw('核');
      const pua = draw('\uE000');
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = `32px ${family}`;
      return {
        family,
        shenDark: shen.dark,
        shenVsHe: shen.sig !== he.sig,
        shenVsPua: shen.sig !== pua.sig,
        widthWord: c.measureText('审核批次').width,
        widthTofu: c.measureText('\uE000\uE000\uE000\uE000').width,
      };
    });
    expect(r.family).toContain('WenQuanYi Zen Hei');
    expect(r.shenDark).toBeGreaterThan(80);
    expect(r.shenVsHe).toBe(true);
    expect(r.shenVsPua).toBe(true);
    expect(r.widthWord).toBeGreaterThan(100); // four full-width glyphs at 32px

    // 2. The DOM itself: the heading with its text reordered must look
    //    different (all-tofu text looks the same in any order), and different
    //    again from four unassigned code points.
    const original = await heading.screenshot();
    await heading.evaluate((h) => (h.textContent = '批次审核'));
    const reordered = await heading.screenshot();
    await heading.evaluate((h) => (h.textContent = '\uE000\uE000\uE000\uE000'));
    const tofu = await heading.screenshot();
    expect(original.equals(reordered)).toBe(false);
    expect(original.equals(tofu)).toBe(false);
  });

  test('大字体 switch scales the root font size and is remembered', async ({ page }) => {
    await page.goto('./');
    const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    const toggle = page.getByRole('button', { name: '大字体' });
    if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
    expect(await rootSize()).toBe('16px');
    const h1Before = await page.getByRole('heading', { level: 1 }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await rootSize()).toBe('20px');
    const h1After = await page.getByRole('heading', { level: 1 }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    expect(h1After).toBeGreaterThan(h1Before);

    await page.reload();
    await expect(page.getByRole('button', { name: '大字体' })).toHaveAttribute('aria-pressed', 'true');
    expect(await rootSize()).toBe('20px');

    // Alt+Z switches it back.
    await page.keyboard.press('Alt+z');
    await expect(page.getByRole('button', { name: '大字体' })).toHaveAttribute('aria-pressed', 'false');
    expect(await rootSize()).toBe('16px');
  });
});

test.describe.serial('审核流程', () => {
  let roundUrl = '';

  test('home, then create a round with the 新疆/兵团 profile', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: '审核批次' })).toBeVisible();
    await expect(page.getByText('还没有审核批次。')).toBeVisible();

    await page.getByRole('link', { name: /新建批次/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: '新建审核批次' })).toBeVisible();

    // Submitting empty shows every message inline and saves nothing.
    await page.getByRole('button', { name: '创建批次' }).click();
    await expect(page.getByTestId('f-name-error')).toHaveText('请填写批次名称');
    await expect(page.getByTestId('f-profileId-error')).toHaveText('请选择地区政策配置');
    await expect(page.getByTestId('f-quota-institutional-error')).toHaveText('请填写机构护理名额');
    await expect(page.getByLabel('批次名称')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('批次名称').fill(ROUND.name);
    await page.getByLabel('统筹区').fill(ROUND.region);
    await page.getByLabel('批次编号').fill(ROUND.code);
    await page.getByLabel('地区政策配置').selectOption('xinjiang-bingtuan');
    await expect(page.getByTestId('profile-hint')).toContainText('补正期限 5 个工作日');
    await page.getByLabel('机构护理名额').fill('10');
    await page.getByLabel('居家护理名额').fill('6');
    await page.getByLabel('社区护理名额').fill('abc');
    await page.getByLabel('社区护理名额').blur();
    await expect(page.getByTestId('f-quota-community-error')).toHaveText('社区护理名额应为数字');
    await page.getByLabel('社区护理名额').fill('4');
    await expect(page.getByLabel('开始日期')).toHaveValue(TODAY);
    await page.getByLabel('备注').fill('依据000号实施细则受理');
    await expect(page.getByTestId('f-quota-community-error')).toHaveCount(0);
    await shot(page, 'new-round');

    await page.getByRole('button', { name: '创建批次' }).click();
    await expect(page.getByRole('heading', { level: 1, name: ROUND.name })).toBeVisible();
    await expect(page.getByTestId('round-supplement-days')).toContainText('5 个工作日');
    await expect(page.getByTestId('round-supplement-days')).toContainText('000 第十一条');
    roundUrl = page.url();

    await page.getByRole('link', { name: '审核批次' }).first().click();
    const row = page.getByTestId('rounds-table').getByRole('row', { name: new RegExp(ROUND.name) });
    await expect(row).toContainText(ROUND.code);
    await expect(row).toContainText('进行中');
    await shot(page, 'home');
  });

  test('a duplicate round code is refused next to the field', async ({ page }) => {
    await page.goto('./#/rounds/new');
    await page.getByLabel('批次名称').fill('重复编号的批次');
    await page.getByLabel('统筹区').fill('昌吉州');
    await page.getByLabel('批次编号').fill(ROUND.code);
    await page.getByLabel('地区政策配置').selectOption('xinjiang-bingtuan');
    for (const l of ['机构护理名额', '居家护理名额', '社区护理名额']) await page.getByLabel(l).fill('1');
    await page.getByLabel('批次名称').press('Enter'); // Enter submits
    await expect(page.getByTestId('f-code-error')).toHaveText('批次编号已被使用');
    await expect(page.getByRole('alert').filter({ hasText: `批次编号“${ROUND.code}”已被使用` })).toBeVisible();
  });

  test('an invalid USCC is stopped at the field and nothing is saved; fixed, the application gets its number', async ({ page }) => {
    expect(validateUscc(USCC_A)).toEqual({ ok: true, value: USCC_A });
    expect(validateUscc(USCC_B)).toEqual({ ok: true, value: USCC_B });
    expect(validateUscc(USCC_A_TYPO).ok).toBe(false);

    await page.goto(roundUrl);
    await expect(page.getByText('本批次还没有登记申请。')).toBeVisible();
    await page.getByRole('link', { name: /登记申请/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: '登记定点申请' })).toBeVisible();

    // Licence fields follow the institution type (fieldsShownFor).
    await expect(page.getByLabel('养老机构设立许可证号')).toHaveCount(0);
    await page.getByRole('radio', { name: '养老机构' }).check();
    await expect(page.getByLabel('养老机构设立许可证号')).toBeVisible();
    await expect(page.getByRole('group', { name: /医疗护理服务情况/ })).toBeVisible();

    await fillApplication(page, { name: '乌鲁木齐市康宁护理院', uscc: USCC_A_TYPO, type: '其他服务机构', services: ['居家护理', '机构护理'] });
    await expect(page.getByLabel('养老机构设立许可证号')).toHaveCount(0);

    // The ratio is derived live and read-only.
    const ratio = page.locator('output#staff-bed-ratio');
    await expect(ratio).toHaveText('—');
    await page.getByLabel('护理病房床位数').fill('60');
    await expect(ratio).toHaveText('1:2.5');
    await page.getByLabel('护理病房床位数').fill('');

    // Blur shows the USCC message next to the field.
    await page.getByLabel('统一社会信用代码').focus();
    await page.getByLabel('统一社会信用代码').blur();
    const usccError = page.getByTestId('f-uscc-error');
    await expect(usccError).toHaveText('校验位应为“8”，实际为“9”，请核对是否录入有误');
    await expect(page.getByLabel('统一社会信用代码')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('统一社会信用代码')).toHaveAttribute('aria-describedby', /f-uscc-error/);

    // Submit: the cross-field rule (beds for 机构护理) is reported together with it.
    await page.getByRole('button', { name: '保存并生成申请编号' }).click();
    await expect(page.getByTestId('error-summary')).toContainText('共2处');
    await expect(page.getByTestId('f-careBeds-error')).toHaveText('申请机构护理须填写护理病房床位数');
    await expect(page.getByLabel('统一社会信用代码')).toBeFocused();
    await shot(page, 'application-form-errors');

    // Nothing was saved.
    const listed = await page.request.post('./api/applications.list', { data: { roundId: roundUrl.split('/').pop() } });
    expect((await listed.json()).value).toEqual([]);

    // Fixed.
    await page.getByLabel('统一社会信用代码').fill(USCC_A);
    await page.getByLabel('护理病房床位数').fill('60');
    await expect(usccError).toHaveCount(0);
    await page.getByRole('button', { name: '保存并生成申请编号' }).click();

    await expect(page.getByRole('heading', { level: 1, name: '乌鲁木齐市康宁护理院' })).toBeVisible();
    await expect(page.getByTestId('application-no')).toHaveText(`${ROUND.code}-001`);
    await expect(page.getByRole('status').filter({ hasText: `申请编号 ${ROUND.code}-001` })).toBeVisible();
    await expect(page.getByText('1:2.5')).toBeVisible();
    await shot(page, 'application-info');
  });

  test('a second application with the same USCC is refused with the duplicate message', async ({ page }) => {
    await page.goto(`${roundUrl}/applications/new`);
    await fillApplication(page, { name: '另一家同代码机构', uscc: USCC_A, type: '其他服务机构', services: ['社区护理'] });
    await page.getByRole('button', { name: '保存并生成申请编号' }).click();
    await expect(page.getByTestId('f-uscc-error')).toHaveText(`本批次已有该代码的申请：${ROUND.code}-001`);
    await expect(page.getByRole('alert').filter({ hasText: '同一机构在一个批次只能申请一次' })).toBeVisible();
    // Changing the field clears the server's message.
    await page.getByLabel('统一社会信用代码').fill(USCC_B);
    await expect(page.getByTestId('f-uscc-error')).toHaveCount(0);
  });

  test('editing an application (Alt+E) keeps its number and validates the same way', async ({ page }) => {
    await page.goto(roundUrl);
    await page.getByRole('link', { name: `${ROUND.code}-001` }).click();
    await expect(page.getByTestId('application-no')).toHaveText(`${ROUND.code}-001`);
    await page.keyboard.press('Alt+e');
    await expect(page.getByRole('heading', { level: 1, name: `修改申请 ${ROUND.code}-001` })).toBeVisible();
    await expect(page.getByLabel('机构名称')).toHaveValue('乌鲁木齐市康宁护理院');
    const phone = page.getByRole('textbox', { name: '联系人联系电话' });
    await phone.fill('400-800-1234');
    await phone.blur();
    await expect(page.getByTestId('f-contact-phone-error')).toContainText('不能填写400/800服务热线');
    await phone.fill('０９９１－８８８８６６６'); // full-width, as a Chinese IME types it
    await expect(page.getByTestId('f-contact-phone-error')).toHaveCount(0);
    await phone.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `已保存申请 ${ROUND.code}-001` })).toBeVisible();
    await expect(page.getByText('张敏 · 0991-8888666')).toBeVisible();
  });

  test('形式审查: materials, 补正 notice across National Day, supplement, pass', async ({ page }) => {
    await page.goto(roundUrl);
    await page.getByRole('link', { name: `${ROUND.code}-001` }).click();
    await page.getByRole('tab', { name: /形式审查/ }).click();
    await expect(page.getByRole('heading', { name: '申请材料清单' })).toBeVisible();

    // Not all materials checked yet: the notice button says why it is disabled.
    const issue = page.getByRole('button', { name: '发出补正通知' });
    await expect(issue).toBeDisabled();
    await expect(page.locator('#blk-issue')).toContainText('未核对');

    // One material missing (keyboard: Tab to the button, Space), the rest received.
    const fees = material(page, '收费项目和收费价格清单');
    await fees.getByRole('button', { name: '缺失' }).focus();
    await page.keyboard.press('Space');
    await expect(fees.getByRole('button', { name: '缺失' })).toHaveAttribute('aria-pressed', 'true');
    await fees.getByLabel('收费项目和收费价格清单备注').fill('缺2025年价格公示');
    await fees.getByLabel('收费项目和收费价格清单备注').press('Enter');
    await material(page, '定点护理服务机构申请表').getByRole('button', { name: '已收到' }).click();
    await expect(material(page, '定点护理服务机构申请表').getByRole('button', { name: '已收到' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: /其余 \d+ 项全部标为已收到/ }).click();
    await expect(page.locator('.material-tally')).toContainText('缺失 1，未核对 0');

    // 通过 is not possible while a material is missing.
    await expect(page.getByRole('button', { name: '通过形式审查' })).toBeDisabled();

    // The notice, dated 2025-09-29: 5 working days across the Oct 1–8 holiday, with Sat Oct 11 a working day.
    const expected = expectedDeadline(TODAY, 5);
    expect(expected).toBe('2025-10-13');
    await expect(page.getByLabel('补正通知日期')).toHaveValue(TODAY);
    await expect(page.getByText('5 个工作日内补正，逾期未补正的视作放弃申请')).toBeVisible();
    await issue.click();
    const dialog = page.getByRole('dialog', { name: '发出补正通知' });
    await expect(dialog).toContainText('收费项目和收费价格清单（缺2025年价格公示）');
    await dialog.getByRole('button', { name: '确认发出' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('notice-deadline')).toHaveText(`${chineseDate(expected)}（星期一）`);
    await expect(page.getByTestId('notice-card')).toContainText('000 第十一条');
    await expect(page.getByTestId('notice-card')).not.toContainText('待定');
    await expect(page.getByTestId('review-clock')).toContainText('2025年12月29日');
    await expect(page.locator('#blk-withdraw')).toContainText('尚未届满');
    await shot(page, 'application-formal-check');

    // The round table shows the 补正 deadline.
    await page.goto(roundUrl);
    const row = page.getByTestId('applications-table').getByRole('row', { name: /康宁护理院/ });
    await expect(row).toContainText('待补正');
    await expect(row).toContainText('缺1');
    await expect(row).toContainText(chineseDate(expected));
    await row.click();

    // Supplement received today, then pass.
    await page.getByRole('tab', { name: /形式审查/ }).click();
    await expect(page.getByLabel('补正材料收到日期')).toHaveValue(TODAY);
    await page.getByRole('button', { name: '登记补正材料' }).click();
    await expect(page.locator('.material-tally')).toContainText('缺失 0，未核对 0');
    await expect(page.getByTestId('notice-card')).toContainText('已补正');
    await page.getByRole('button', { name: '通过形式审查' }).click();
    await page.getByRole('dialog', { name: '通过形式审查' }).getByRole('button', { name: '确认通过' }).click();
    await expect(page.getByText('形式审查已通过，申请进入综合审核。')).toBeVisible();
    await expect(page.locator('.app-summary')).toContainText('形式审查通过');
    await expect(page.getByRole('button', { name: '已收到' }).first()).toBeDisabled();
  });

  test('不予受理 on another application, with a reason and its citation', async ({ page }) => {
    await page.goto(`${roundUrl}/applications/new`);
    await fillApplication(page, { name: '天山区颐养中心', uscc: USCC_B, type: '养老机构', services: ['机构护理'], beds: '80' });
    await page.getByRole('button', { name: '保存并生成申请编号' }).click();
    await expect(page.getByTestId('application-no')).toHaveText(`${ROUND.code}-002`);

    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('tab', { name: /形式审查/ })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('button', { name: '不予受理…' }).click();
    const dialog = page.getByRole('dialog', { name: '不予受理' });
    await expect(dialog.getByRole('radio')).toHaveCount(6);
    await expect(dialog).toContainText('000 第九条');
    // No reason chosen: the message sits in the dialog.
    await dialog.getByRole('button', { name: '确认不予受理' }).click();
    await expect(dialog.getByText('请选择不予受理的理由')).toBeVisible();
    await dialog.getByRole('radio', { name: /被列入严重失信名单/ }).check();
    await dialog.getByLabel('说明').fill('经信用中国查询，法定代表人在严重失信名单中');
    await shot(page, 'not-accept-dialog', { viewport: true });
    await dialog.getByRole('button', { name: '确认不予受理' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.banner-error')).toContainText('被列入严重失信名单');
    await expect(page.locator('.app-summary')).toContainText('不予受理');
    await expect(page.getByRole('button', { name: '不予受理…' })).toHaveCount(0);
  });

  test('round screen: sort, filter, search, keyboard, close and reopen', async ({ page }) => {
    await page.goto(roundUrl);
    const table = page.getByTestId('applications-table');
    await expect(table.locator('tbody tr')).toHaveCount(2);

    // Sort by name (zh-CN collation), then back.
    const nameHeader = table.getByRole('columnheader', { name: /机构名称/ });
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');

    // Filter by status, search by USCC or name.
    await page.getByLabel('状态').selectOption('not_accepted');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table).toContainText('天山区颐养中心');
    await page.getByLabel('状态').selectOption('');
    await page.keyboard.press('Alt+f');
    await expect(page.getByLabel('搜索')).toBeFocused();
    await page.keyboard.type(USCC_A.slice(0, 10));
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table).toContainText('康宁护理院');
    await page.getByLabel('搜索').fill('颐养');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await page.getByLabel('搜索').fill('');
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await nameHeader.getByRole('button').click(); // ascending again for the screenshot
    await shot(page, 'round');

    // Keyboard: focus the first row, arrow down, Enter opens it.
    await table.locator('tbody tr').first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(table.locator('tbody tr').nth(1)).toBeFocused();
    const secondName = (await table.locator('tbody tr').nth(1).locator('td').nth(1).textContent()) ?? '';
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: secondName })).toBeVisible();
    await page.goBack();

    // Close (confirm), then reopen with a reason; Esc closes a dialog.
    await page.getByRole('button', { name: '关闭批次' }).click();
    const confirm = page.getByRole('dialog', { name: '关闭批次' });
    await expect(confirm).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await page.getByRole('button', { name: '关闭批次' }).click();
    await page.getByRole('dialog', { name: '关闭批次' }).getByRole('button', { name: '确认关闭' }).click();
    await expect(page.locator('.lead')).toContainText('已关闭');
    await expect(page.getByRole('button', { name: '登记申请' })).toBeDisabled();

    await page.getByRole('button', { name: '重新开启批次' }).click();
    const reopen = page.getByRole('dialog', { name: '重新开启批次' });
    await reopen.getByRole('button', { name: '确认重新开启' }).click();
    await expect(reopen.getByText('请填写重新开启原因')).toBeVisible();
    await reopen.getByLabel('重新开启原因').fill('申请人补交材料，经科长同意继续办理');
    await reopen.getByRole('button', { name: '确认重新开启' }).click();
    await expect(reopen).toHaveCount(0);
    await expect(page.locator('.lead')).toContainText('进行中');
  });

  test('keyboard: Alt+N from home opens 新建批次, Alt+H goes home, F1 lists the shortcuts', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: '审核批次' })).toBeVisible();
    await page.keyboard.press('Alt+n');
    await expect(page.getByRole('heading', { level: 1, name: '新建审核批次' })).toBeVisible();
    await page.keyboard.press('Alt+h');
    await expect(page.getByRole('heading', { level: 1, name: '审核批次' })).toBeVisible();
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: '快捷键' });
    await expect(help).toContainText('Alt+N');
    // Focus stays inside the dialog.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await help.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
    // The first Tab on a page reaches the skip link, and the focus ring is visible.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });

  test('settings: operator, calendar years, 待定 explanation', async ({ page }) => {
    await page.goto('./');
    await page.keyboard.press('Alt+s');
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
    await expect(page.getByTestId('calendar-explain')).toContainText('2004–2026 年');
    await expect(page.getByTestId('calendar-explain')).toContainText('2027 年及以后');

    await page.getByLabel('操作员姓名').fill('');
    await page.getByRole('button', { name: '保存', exact: true }).first().click();
    await expect(page.getByTestId('operator-error')).toHaveText('请填写操作员姓名');
    await page.getByLabel('操作员姓名').fill('阿依古丽');
    await page.getByLabel('操作员姓名').press('Enter');
    await expect(page.locator('.operator')).toHaveText('操作员：阿依古丽');

    await page.getByRole('button', { name: '录入年份' }).click();
    await expect(page.getByRole('textbox', { name: '年份', exact: true })).toHaveValue('2027');
    await page.getByLabel('放假日期').fill('2027-01-01\n2027-10-01 至 2027-10-07');
    await page.getByLabel('调休上班日期').fill('2027-10-08'); // a Friday: refused by the back end
    await page.getByRole('button', { name: '保存', exact: true }).last().click();
    await expect(page.getByRole('alert').filter({ hasText: '调休上班日应为周六或周日' }).first()).toBeVisible();
    await page.getByLabel('调休上班日期').fill('2027-10-09');
    await page.getByRole('button', { name: '保存', exact: true }).last().click();
    const row = page.getByRole('row', { name: /^2027/ });
    await expect(row).toContainText('1月1日、10月1日至10月7日');
    await expect(row).toContainText('10月9日');
    await shot(page, 'settings');

    // Delete needs a confirmation.
    await row.getByRole('button', { name: /删除/ }).click();
    await page.getByRole('dialog', { name: '删除年份' }).getByRole('button', { name: '确认删除' }).click();
    await expect(page.getByText('尚未录入任何年份。')).toBeVisible();
  });

  test('a 补正 deadline reaching into an unpublished year is 待定 until the year is entered in 设置', async ({ page }) => {
    // Set-up through the API (the screens for it are tested above). The notice
    // is dated 2026-12-28, so its 5 working days run into 2027, a year
    // chinese-days does not know yet.
    const call = async (method: string, data: unknown) => {
      const res = await page.request.post(`./api/${method}`, { data });
      const env = await res.json();
      expect(env.ok, JSON.stringify(env.error)).toBe(true);
      return env.value;
    };
    const round = await call('rounds.create', {
      name: '2026年第四批长护定点申请', region: '石河子市', code: '2026-04', profileId: 'xinjiang-bingtuan',
      quota: { institutional: 2, home: 2, community: 2 }, openedOn: '2026-12-01',
    });
    const app = await call('applications.create', {
      roundId: round.id,
      data: {
        name: '石河子市夕阳红居家护理服务中心', address: '石河子市北三路1号', uscc: USCC_A,
        legalRep: { name: '赵强', phone: '13899887766' }, principal: { name: '赵强', phone: '13899887766' },
        actualController: { name: '赵强', phone: '13899887766' }, contact: { name: '钱芳', phone: '0993-2012345' },
        institutionType: 'other', profitClass: 'for_profit', ownership: '民营', legalCertKind: 'business_licence',
        legalCertNo: '91659001MA0000000X', serviceTypes: ['home'], careStaff: 22, doctors: 2, nurses: 2, receivedOn: '2026-12-21',
      },
    });
    const fc = await call('formalCheck.get', { applicationId: app.id });
    for (const [i, m] of (fc.materials as { materialId: string }[]).entries()) {
      await call('formalCheck.markMaterial', { applicationId: app.id, materialId: m.materialId, state: i === 0 ? 'missing' : 'received' });
    }

    await page.goto(`./#/applications/${app.id}?tab=formal`);
    await page.getByLabel('补正通知日期').fill('2026-12-28');
    await page.getByRole('button', { name: '发出补正通知' }).click();
    await page.getByRole('dialog', { name: '发出补正通知' }).getByRole('button', { name: '确认发出' }).click();
    const provisional = expectedDeadline('2026-12-28', 5); // 2027 counted Monday–Friday
    expect(provisional).toBe('2027-01-04');
    await expect(page.getByTestId('notice-deadline')).toContainText(chineseDate(provisional));
    await expect(page.getByTestId('notice-deadline')).toContainText('待定');
    await expect(page.getByTestId('notice-card')).toContainText('期限待定');
    await expect(page.locator('#blk-withdraw')).toContainText('节假日安排尚未录入');
    await shot(page, 'provisional-deadline');

    await page.goto(`./#/rounds/${round.id}`);
    await expect(page.getByTestId('applications-table').locator('tbody tr').first()).toContainText('待定');
    await page.goto('./');
    await expect(page.getByTestId('rounds-table').getByRole('row', { name: /2026年第四批/ })).toContainText('待定');
    await shot(page, 'home-with-deadlines');

    // The clerk enters the 2027 arrangement (New Year's Day off): the deadline moves and is settled.
    await page.keyboard.press('Alt+s');
    await page.getByRole('button', { name: '录入年份' }).click();
    await page.getByRole('textbox', { name: '年份', exact: true }).fill('2027');
    await page.getByLabel('放假日期').fill('2027-01-01 至 2027-01-03');
    await page.getByRole('button', { name: '保存', exact: true }).last().click();
    await expect(page.getByRole('row', { name: /^2027/ })).toBeVisible();

    const settled = expectedDeadline('2026-12-28', 5, { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'] });
    expect(settled).toBe('2027-01-05');
    await page.goto(`./#/applications/${app.id}?tab=formal`);
    await expect(page.getByTestId('notice-deadline')).toHaveText(`${chineseDate(settled)}（星期二）`);
    await expect(page.getByTestId('notice-card')).not.toContainText('待定');

    // Leave the calendar as it was.
    await call('calendar.deleteYear', { year: 2027 });
  });

  test('large-font mode on the busiest screen', async ({ page }) => {
    await page.goto(roundUrl);
    await page.getByRole('link', { name: `${ROUND.code}-001` }).click();
    await page.getByRole('tab', { name: /形式审查/ }).click();
    await page.getByRole('button', { name: '大字体' }).click();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
    await expect(page.getByTestId('notice-deadline')).toContainText('2025年10月13日');
    await shot(page, 'large-font');
    await page.getByRole('button', { name: '大字体' }).click();
  });
});
