import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { test, expect, type Page } from '@playwright/test';
import { demoCertificate } from '../../service/demo';
import { ARTIFACTS, callApi, seedDemo, startHost, type Host } from './support/host';

/**
 * 文书与签章设置 (issue 7) through the screen, each part against its own host:
 *
 *   1. a fresh database: 发文机关 saved and seen again after a reload; an empty
 *      署名, a text file as 正文 font, a text file named .png as the seal and a
 *      wrong certificate passphrase each give their Chinese message at the field
 *      and save nothing (document-settings-errors.png); then a real font, a real
 *      PNG seal, a certificate expiring in 10 days (warning) and a valid one;
 *      公示与备案 saved and seen again;
 *   2. the CLI demo's data folder reopened by a new host: the certificate is
 *      imported but locked; a wrong passphrase (unlock and re-import) changes
 *      nothing; the right one unlocks it (document-settings.png).
 *
 * Today is pinned to 2025-09-29 (certificates are made for that date).
 */

mkdirSync(ARTIFACTS, { recursive: true });
const TODAY = '2025-09-29';
const DAY = 86_400_000;
const URL_PATH = '#/settings/documents';

const SHOT_STYLE = '.toasts { display: none !important; }';
async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, style: SHOT_STYLE });
}

let host: Host | null = null;
test.describe.configure({ mode: 'serial' });
test.afterEach(() => {
  host?.stop();
  host = null;
});

// ---------------------------------------------------------------------------
// A real PNG, built here: 24×24 RGBA, a red ring on transparency

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function sealPng(size = 24): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const on = d <= c && d >= c - 3;
      row.set(on ? [200, 16, 46, 255] : [0, 0, 0, 0], 1 + x * 4);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- contract answers are checked field by field
async function call(page: Page, method: string, data: unknown = {}): Promise<any> {
  return callApi(page, host!.base, method, data);
}

async function open(page: Page) {
  await page.goto(`${host!.base}${URL_PATH}`);
  await expect(page.getByRole('heading', { level: 1, name: '文书与签章设置' })).toBeVisible();
  await expect(page.locator('#ds-issuingBody')).toBeVisible();
}

async function expectToast(page: Page, text: string) {
  await expect(page.getByTestId('toast-success').filter({ hasText: text })).toBeVisible();
}

/** No part of the page is wider than the window (large-font mode included). */
async function expectNoHorizontalOverflow(page: Page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(over).toBeLessThanOrEqual(0);
}

test('发文机关, fonts, seal, certificate and 公示与备案 on a fresh database; bad input changes nothing', async ({ page }) => {
  test.setTimeout(120_000);
  host = await startHost('docset', TODAY);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ltc-docset-files-'));
  const notFont = path.join(tmp, '仿宋.ttf');
  writeFileSync(notFont, '这不是字体文件，只是一段文字。\n');
  const fakePng = path.join(tmp, 'seal-fake.png');
  writeFileSync(fakePng, 'not a picture, just text\n');
  const realPng = path.join(tmp, 'seal.png');
  writeFileSync(realPng, sealPng());
  const goodP12 = path.join(tmp, 'agency.p12');
  writeFileSync(goodP12, demoCertificate(new Date(`${TODAY}T00:00:00Z`)));
  const soonP12 = path.join(tmp, 'agency-expiring.p12');
  // valid 730 days from notBefore + 1 day: ends 10 days after today
  writeFileSync(soonP12, demoCertificate(new Date(Date.parse(`${TODAY}T00:00:00Z`) + 10 * DAY - 730 * DAY)));

  // reached from 设置
  await page.goto(`${host.base}#/settings`);
  await page.getByTestId('settings-documents').getByRole('link', { name: '文书与签章设置' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '文书与签章设置' })).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: '当前位置' });
  await expect(crumbs).toContainText('设置');
  await expect(crumbs.getByRole('link', { name: '设置' })).toHaveAttribute('href', '#/settings');
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('文书与签章设置');

  // --- 发文机关: saved, and there after a reload
  await page.locator('#ds-agencyName').fill('乌鲁木齐市医疗保障事务服务中心');
  await page.locator('#ds-issuingBody').fill('乌鲁木齐市医疗保障事务服务中心');
  await page.locator('#ds-docNumberPrefix').fill('乌医保经');
  await expect(page.getByTestId('ds-docnumber-example')).toContainText('乌医保经〔2025〕1号');
  await page.getByTestId('ds-agency-save').click();
  await expectToast(page, '发文机关已保存');
  await page.reload();
  await expect(page.locator('#ds-agencyName')).toHaveValue('乌鲁木齐市医疗保障事务服务中心');
  await expect(page.locator('#ds-issuingBody')).toHaveValue('乌鲁木齐市医疗保障事务服务中心');
  await expect(page.locator('#ds-docNumberPrefix')).toHaveValue('乌医保经');
  await expect(page.getByTestId('ds-docnumber-example')).toContainText('乌医保经〔2025〕1号');
  expect(await call(page, 'documents.settings.get')).toMatchObject({ agencyName: '乌鲁木齐市医疗保障事务服务中心', issuingBody: '乌鲁木齐市医疗保障事务服务中心', docNumberPrefix: '乌医保经' });

  // --- bad input, one per section: each message at its field, nothing saved
  await page.locator('#ds-issuingBody').fill('   ');
  await page.locator('#ds-agencyName').fill('新的版头');
  await page.locator('#ds-issuingBody').press('Enter'); // keyboard: Enter submits the section
  await expect(page.getByTestId('ds-issuingBody-error')).toHaveText('请填写发文机关署名');
  await expect(page.locator('#ds-issuingBody')).toBeFocused();
  await expect(page.locator('#ds-issuingBody')).toHaveAttribute('aria-invalid', 'true');

  await page.locator('#ds-font-body-path').fill(notFont);
  await page.getByTestId('ds-fonts-save').click();
  const fontError = page.getByTestId('ds-font-body-path-error');
  await expect(fontError).toContainText(`字体文件“${notFont}”无法使用`);
  await expect(page.getByTestId('ds-font-body-state')).toContainText('自动');

  await page.locator('#ds-seal-path').fill(fakePng);
  await page.getByTestId('ds-seal-submit').click();
  await expect(page.getByTestId('ds-seal-path-error')).toHaveText('印章图片须为PNG格式');

  await expect(page.getByTestId('ds-cert-state')).toHaveText('未导入');
  await page.locator('#ds-cert-path').fill(goodP12);
  await page.locator('#ds-cert-pass').fill('wrong');
  await page.getByTestId('ds-cert-import-submit').click();
  await expect(page.getByTestId('ds-cert-pass-error')).toHaveText('证书密码不正确，请重新输入');
  await expect(page.locator('#ds-cert-pass')).toBeFocused();
  await expect(page.getByTestId('ds-cert-state')).toHaveText('未导入');

  await page.locator('#ds-objectionPhone').fill('0'.repeat(41));
  await page.getByTestId('ds-result-save').click();
  await expect(page.getByTestId('ds-objectionPhone-error')).toHaveText('联系电话不能超过40个字');

  await shot(page, 'document-settings-errors');

  // nothing of it reached the database
  expect(await call(page, 'documents.settings.get')).toEqual({
    agencyName: '乌鲁木齐市医疗保障事务服务中心',
    issuingBody: '乌鲁木齐市医疗保障事务服务中心',
    docNumberPrefix: '乌医保经',
    fonts: {},
  });
  expect(await call(page, 'documents.certificate.status')).toMatchObject({ imported: false, unlocked: false, subject: null });
  expect(await call(page, 'documents.resultSettings.get')).toEqual({ objectionAddress: '', objectionPhone: '', filingAuthority: '' });
  await page.reload();
  await expect(page.locator('#ds-agencyName')).toHaveValue('乌鲁木齐市医疗保障事务服务中心');
  await expect(page.locator('#ds-issuingBody')).toHaveValue('乌鲁木齐市医疗保障事务服务中心');

  // --- fonts: a real .ttc face is kept; 清除 goes back to automatic
  const zenhei = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
  // installed by build/ensure-test-deps.sh, like the rest of the test prerequisites
  expect(existsSync(zenhei)).toBe(true);
  await page.locator('#ds-font-heading-path').fill(zenhei);
  await page.locator('#ds-font-heading-face').fill('不存在的字体');
  await page.getByTestId('ds-fonts-save').click();
  await expect(page.getByTestId('ds-font-heading-face-error')).toContainText('字体集中没有名为“不存在的字体”的字体');
  await expect(page.locator('#ds-font-heading-face')).toBeFocused();
  expect((await call(page, 'documents.settings.get')).fonts).toEqual({});
  await page.locator('#ds-font-heading-face').fill('0');
  await expect(page.getByTestId('ds-font-heading-state')).toContainText('有改动，尚未保存');
  await page.getByTestId('ds-fonts-save').click();
  await expectToast(page, '字体设置已保存');
  await expect(page.getByTestId('ds-font-heading-state')).toHaveText('已指定');
  await expect(page.getByTestId('ds-font-heading-now')).toContainText('所选文件：' + zenhei);
  await expect(page.getByTestId('ds-font-heading-now')).toContainText(/正在使用：WenQuanYi Zen Hei/);
  expect((await call(page, 'documents.settings.get')).fonts).toEqual({ heading: { path: zenhei, face: 0 } });
  await page.getByTestId('ds-font-heading').getByRole('button', { name: /清除/ }).click();
  await expect(page.getByTestId('ds-font-heading-state')).toContainText('保存后改为自动');
  await page.getByTestId('ds-fonts-save').click();
  await expect(page.getByTestId('ds-font-heading-state')).toHaveText('自动');
  expect((await call(page, 'documents.settings.get')).fonts).toEqual({});

  // --- seal: none yet; a real PNG is accepted, then removed after confirming
  await expect(page.getByTestId('ds-seal-state')).toContainText('未导入');
  await expect(page.getByTestId('ds-seal-remove')).toBeDisabled();
  await page.locator('#ds-seal-path').fill(realPng);
  await page.getByTestId('ds-seal-submit').click();
  await expectToast(page, '电子印章已导入');
  await expect(page.getByTestId('ds-seal-state')).toContainText('已导入');
  await expect(page.getByTestId('ds-seal-state')).toContainText('导入于');
  await expect(page.getByTestId('ds-seal-path-error')).toHaveCount(0);
  expect(existsSync(path.join(host.data, 'certs', 'seal.png'))).toBe(true);
  await page.getByTestId('ds-seal-remove').click();
  await page.getByRole('dialog').getByRole('button', { name: '移除印章' }).click();
  await expect(page.getByTestId('ds-seal-state')).toContainText('未导入');
  expect(existsSync(path.join(host.data, 'certs', 'seal.png'))).toBe(false);

  // --- certificate: one ending in 10 days is imported with a warning, then replaced
  await page.locator('#ds-cert-path').fill(soonP12);
  await page.locator('#ds-cert-pass').fill('demo');
  await page.getByTestId('ds-cert-import-submit').click();
  await expect(page.getByTestId('ds-cert-state')).toHaveText('已解锁，文书将签名');
  await expect(page.getByTestId('ds-cert-expiry')).toContainText('还有10天');
  await page.getByTestId('ds-cert-replace').click();
  await page.locator('#ds-cert-path').fill(goodP12);
  await page.locator('#ds-cert-pass').fill('demo');
  await page.locator('#ds-cert-pass').press('Enter');
  await expectToast(page, '已更换证书并解锁');
  await expect(page.getByTestId('ds-cert-expiry')).toHaveCount(0);
  await expect(page.getByTestId('ds-cert-validity')).toHaveText('2025年9月28日 至 2027年9月29日');
  const st = await call(page, 'documents.certificate.status');
  expect(st).toMatchObject({ imported: true, unlocked: true });
  await expect(page.getByTestId('ds-cert-fingerprint')).toHaveText((st.fingerprint as string).toUpperCase().match(/.{4}/g)!.join(' '));

  // --- 公示与备案: saved and there after a reload
  await page.locator('#ds-objectionAddress').fill('乌鲁木齐市天山区人民路1号医保服务大厅3楼');
  await page.locator('#ds-objectionPhone').fill('0991-4567890');
  await page.locator('#ds-filingAuthority').fill('乌鲁木齐市医疗保障局');
  await page.getByTestId('ds-result-save').click();
  await expectToast(page, '公示与备案设置已保存');
  await page.reload();
  await expect(page.locator('#ds-objectionAddress')).toHaveValue('乌鲁木齐市天山区人民路1号医保服务大厅3楼');
  await expect(page.locator('#ds-objectionPhone')).toHaveValue('0991-4567890');
  await expect(page.locator('#ds-filingAuthority')).toHaveValue('乌鲁木齐市医疗保障局');

  // large font: nothing wider than the window
  await expectNoHorizontalOverflow(page);
  await page.keyboard.press('Alt+Z');
  await expect(page.locator('html')).toHaveAttribute('data-font-size', 'large');
  await expectNoHorizontalOverflow(page);
  await page.setViewportSize({ width: 1024, height: 768 });
  await expectNoHorizontalOverflow(page);
  await shot(page, 'document-settings-large');
  await page.keyboard.press('Alt+Z');
});

test('after a restart the demo certificate is locked: a wrong passphrase changes nothing, the right one unlocks it', async ({ page }) => {
  test.setTimeout(240_000);
  const data = seedDemo('docset-demo', TODAY);
  host = await startHost('docset-demo', TODAY, { data });
  await open(page);

  await expect(page.getByTestId('ds-cert-state')).toHaveText('已导入，未解锁');
  await expect(page.getByTestId('ds-cert-subject')).toContainText('演示证书');
  const before = await call(page, 'documents.certificate.status');
  expect(before).toMatchObject({ imported: true, unlocked: false });

  // wrong passphrase at unlock
  await page.locator('#ds-unlock-pass').fill('demo-wrong');
  await page.getByTestId('ds-unlock-submit').click();
  await expect(page.getByTestId('ds-unlock-pass-error')).toHaveText('证书密码不正确，请重新输入');
  await expect(page.locator('#ds-unlock-pass')).toBeFocused();
  await expect(page.getByTestId('ds-cert-state')).toHaveText('已导入，未解锁');
  expect(await call(page, 'documents.certificate.status')).toEqual(before);

  // wrong passphrase when importing again: the old certificate stays
  await page.getByTestId('ds-cert-replace').click();
  await expect(page.locator('#ds-cert-path')).toBeFocused();
  await page.locator('#ds-cert-path').fill(path.join(data, 'demo-agency.p12'));
  await page.locator('#ds-cert-pass').fill('nope');
  await page.getByTestId('ds-cert-import-submit').click();
  await expect(page.getByTestId('ds-cert-pass-error')).toHaveText('证书密码不正确，请重新输入');
  expect(await call(page, 'documents.certificate.status')).toEqual(before);
  await page.getByTestId('ds-cert-import').getByRole('button', { name: '取消' }).click();

  // an empty passphrase is caught before the call
  await page.locator('#ds-unlock-pass').fill('');
  await page.getByTestId('ds-unlock-submit').click();
  await expect(page.getByTestId('ds-unlock-pass-error')).toHaveText('请输入证书密码');

  // the right one
  await page.locator('#ds-unlock-pass').fill('demo');
  await page.locator('#ds-unlock-pass').press('Enter');
  await expectToast(page, '证书已解锁');
  await expect(page.getByTestId('ds-cert-state')).toHaveText('已解锁，文书将签名');
  await expect(page.getByTestId('ds-unlock')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: '单位数字证书' })).toBeFocused();
  await expect(page.getByTestId('ds-cert-subject')).toHaveText('乌鲁木齐市医疗保障事务服务中心（演示证书）');
  await expect(page.getByTestId('ds-cert-validity')).toHaveText('2025年9月28日 至 2027年9月29日');
  expect(await call(page, 'documents.certificate.status')).toMatchObject({ ...before, unlocked: true });

  // the demo's settings are shown as saved
  await expect(page.locator('#ds-filingAuthority')).toHaveValue('乌鲁木齐市医疗保障局');
  await shot(page, 'document-settings');
});
