import { appendFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { ARTIFACTS, callApi, seedDemo, startHost, type Host } from './support/host';

/**
 * 文书与打印 (issue 7) through the screen, on the CLI demo's round (a sealed
 * 集体评议 of five applicants, a 公示, the demo certificate imported, one
 * signed batch already in the register) in a freshly started host — where the
 * certificate's passphrase is not remembered, so documents come out as
 * unsigned 草稿 until it is unlocked:
 *
 *   Alt+C from the round page; a batch of every kind as 草稿, flagged as such,
 *   with its progress to done; the combined PDF opened in a new tab and served
 *   as a real PDF, and listed in the register; a batch cancelled at once, which
 *   leaves only whole, registered files; after unlocking, a signed batch and a
 *   signed 备案表; the register verified; a file tampered with on disk shows
 *   已被改动 and is refused when opened.
 *
 * Own host and data folder on a free port; today is 2025-09-29 (the demo's day).
 */

mkdirSync(ARTIFACTS, { recursive: true });
const TODAY = '2025-09-29';

const SHOT_STYLE = '.toasts { display: none !important; } .data-table thead th { position: static !important; }';
async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, style: SHOT_STYLE });
}

let host: Host | null = null;
let base = '';
let roundId = '';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- set-up answers are untyped, as in the other specs
function call(page: Page, method: string, data: unknown): Promise<any> {
  return callApi(page, base, method, data);
}

interface Row {
  documentId: string;
  kind: string;
  path: string;
  signed: boolean;
  institution: string | null;
  fileExists: boolean;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const data = seedDemo('documents', TODAY);
  host = await startHost('documents', TODAY, { data });
  base = host.base;
});

test.afterAll(() => {
  host?.stop();
  host = null;
});

async function openDocuments(page: Page) {
  await page.goto(`${base}#/rounds/${roundId}/documents`);
  await expect(page.getByRole('heading', { level: 1, name: '文书与打印' })).toBeVisible();
}

/** Records every aria-valuenow and data-state the batch shows, from before the start. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: { now: string | null; max: string | null; state: string | null }[] };
    w.__seen = [];
    const note = () => {
      const bar = document.querySelector('[data-testid="batch-progress"]');
      const job = document.querySelector('[data-testid="batch-job"]');
      if (bar) w.__seen.push({ now: bar.getAttribute('aria-valuenow'), max: bar.getAttribute('aria-valuemax'), state: job?.getAttribute('data-state') ?? null });
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow', 'data-state'] });
  });
}
async function seenProgress(page: Page) {
  return page.evaluate(() => (window as unknown as { __seen: { now: string | null; max: string | null; state: string | null }[] }).__seen);
}

test('Alt+C from the round page; a batch of every kind comes out as 草稿, flagged, with progress to done; the combined PDF is served and registered', async ({ page, context }) => {
  test.setTimeout(120_000);
  const rounds = await call(page, 'rounds.list', {});
  roundId = rounds[0].id;
  const before: Row[] = await call(page, 'documents.list', { roundId });
  expect(before.length).toBeGreaterThan(0);

  await test.step('keyboard: Alt+C on the round page opens 文书与打印', async () => {
    await page.goto(`${base}#/rounds/${roundId}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Alt+c');
    await expect(page).toHaveURL(new RegExp(`#/rounds/${roundId}/documents$`));
    await expect(page.getByRole('heading', { level: 1, name: '文书与打印' })).toBeFocused();
    await expect(page.getByTestId('document-links').getByRole('link', { name: /文书与打印/ })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('review-nav')).toBeVisible();
  });

  await test.step('the certificate is locked after the restart: said before anything is written', async () => {
    await expect(page.getByTestId('cert-strip')).toHaveAttribute('data-unlocked', 'no');
    await expect(page.getByTestId('cert-strip')).toContainText('证书未解锁');
    await expect(page.getByTestId('cert-strip')).toContainText('未签名的草稿');
  });

  await test.step('bad input: no kind chosen → a Chinese message, nothing started or written', async () => {
    await expect(page.locator('#batch-kind-resultLetters')).toBeChecked();
    await expect(page.locator('#batch-kind-minutes')).not.toBeChecked();
    await page.locator('#batch-kind-resultLetters').uncheck();
    await page.getByTestId('batch-start').click();
    await expect(page.getByTestId('batch-kinds-error')).toHaveText('请选择要生成的文书（至少一种）');
    await expect(page.locator('#batch-kind-resultLetters')).toBeFocused();
    await expect(page.getByTestId('batch-job')).toHaveCount(0);
    expect((await call(page, 'documents.list', { roundId })).length).toBe(before.length);
    expect(await call(page, 'documents.batch.list', { roundId })).toEqual([]);
  });

  await test.step('every kind, with the keyboard: progress to done', async () => {
    for (const k of ['resultLetters', 'publicNotice', 'minutes', 'filingForm']) {
      await page.locator(`#batch-kind-${k}`).focus();
      await page.keyboard.press('Space');
      await expect(page.locator(`#batch-kind-${k}`)).toBeChecked();
    }
    await expect(page.getByTestId('batch-kinds-error')).toHaveCount(0);
    await recordProgress(page);
    await page.getByTestId('batch-start').focus();
    await page.keyboard.press('Enter');
    const job = page.getByTestId('batch-job');
    await expect(job).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const bar = page.getByRole('progressbar', { name: '批量生成进度' });
    // 5 result letters (the demo's sealed 合格/不合格), the 公示, the minutes and the 备案表
    await expect(bar).toHaveAttribute('aria-valuemax', '8');
    await expect(bar).toHaveAttribute('aria-valuenow', '8');
    await expect(page.getByTestId('batch-count')).toHaveText('8/8');
    await expect(page.getByTestId('batch-state')).toHaveText('已完成');
    await expect(page.getByTestId('batch-elapsed')).toHaveText(/^\d+\.\d 秒$|^\d+分\d{2}秒$/);
    const seen = await seenProgress(page);
    expect(seen[0]).toMatchObject({ state: 'running', max: '8' });
    const nows = seen.map((s) => Number(s.now));
    expect(nows).toEqual([...nows].sort((a, b) => a - b)); // never goes back
    expect(seen.at(-1)).toMatchObject({ state: 'done', now: '8' });
  });

  await test.step('never silently a draft: banner with the reason, every document marked 草稿', async () => {
    const draft = page.getByTestId('batch-draft');
    await expect(draft).toBeVisible();
    await expect(draft).toContainText('草稿：本次生成的文书没有数字签名');
    await expect(draft).toContainText(/原因：.+/);
    await expect(page.getByTestId('batch-job').getByText('草稿（未签名）')).toBeVisible();
    const docs = page.getByTestId('batch-documents').locator('li');
    await expect(docs).toHaveCount(8);
    await expect(page.getByTestId('batch-documents').getByText('草稿', { exact: true })).toHaveCount(8);
    await expect(page.getByTestId('print-combined')).toHaveText('打印合订本（草稿）');
    await expect(page.getByTestId('batch-folder')).toContainText('批量_');
  });

  const jobs = await call(page, 'documents.batch.list', { roundId });
  expect(jobs).toHaveLength(1);
  const job = jobs[0];
  expect(job).toMatchObject({ state: 'done', signed: false, total: 8 });
  expect(job.draftReason).toBeTruthy();
  expect(job.combined).not.toBeNull();
  expect(path.basename(job.combined.path)).toMatch(/_草稿\.pdf$/);
  await expect(page.getByTestId('batch-folder')).toHaveText(job.folder);
  await expect(page.getByTestId('batch-draft')).toContainText(job.draftReason);

  await test.step('打印合订本 opens the served PDF in a new tab; it is a real PDF', async () => {
    const popup = context.waitForEvent('page');
    await page.getByTestId('print-combined').click();
    const tab = await popup;
    expect(tab.url()).toBe(`${base}documents/${job.combined.documentId}.pdf`);
    await tab.close();
    const res = await page.request.get(`${base}documents/${job.combined.documentId}.pdf`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const body = await res.body();
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(10_000);
  });

  await test.step('the register lists the job: 8 documents and the combined PDF, unsigned', async () => {
    const after: Row[] = await call(page, 'documents.list', { roundId });
    expect(after.length).toBe(before.length + 9);
    const mine = after.filter((r) => r.documentId === job.combined.documentId || job.documents.some((d: { documentId: string }) => d.documentId === r.documentId));
    expect(mine).toHaveLength(9);
    expect(mine.every((r) => !r.signed && r.fileExists)).toBe(true);
    expect(mine.find((r) => r.documentId === job.combined.documentId)?.kind).toBe('printBundle');
    // on the screen
    await expect(page.getByTestId('register').locator('caption')).toContainText(`本批次登记的文书：共${after.length}份`);
    await page.locator('#reg-kind').selectOption('printBundle');
    await expect(page.getByTestId('register').locator('tbody.reg-group')).toHaveCount(after.filter((r) => r.kind === 'printBundle').length);
    // newest first: this job's combined PDF heads the list, marked 草稿
    await expect(page.getByTestId('register').locator('tbody.reg-group').first()).toHaveAttribute('data-testid', `reg-${job.combined.documentId}`);
    await expect(page.getByTestId(`reg-${job.combined.documentId}`)).toContainText('草稿（未签名）');
    await page.locator('#reg-kind').selectOption('');
  });

  await shot(page, 'documents-batch');
});

test('a batch cancelled at once leaves only whole, registered files (whether or not it finished first)', async ({ page }) => {
  test.setTimeout(90_000);
  await openDocuments(page);
  const before: Row[] = await call(page, 'documents.list', { roundId });
  for (const k of ['publicNotice', 'minutes', 'filingForm']) await page.locator(`#batch-kind-${k}`).check();
  await page.getByTestId('batch-start').click();
  await page.getByTestId('batch-cancel').click();
  const job = page.getByTestId('batch-job');
  await expect(job).toHaveAttribute('data-state', /^(cancelled|done)$/, { timeout: 60_000 });
  await expect(page.getByTestId('batch-cancel')).toHaveCount(0);

  const s = (await call(page, 'documents.batch.list', { roundId }))[0];
  expect(['cancelled', 'done']).toContain(s.state);
  test.info().annotations.push({ type: 'cancel', description: `${s.state}: ${s.documents.length}/${s.total} written` });
  await expect(job).toHaveAttribute('data-state', s.state);
  const after: Row[] = await call(page, 'documents.list', { roundId });
  const ids = new Set(after.map((r) => r.documentId));
  const written: string[] = s.documents.map((d: { documentId: string }) => d.documentId);
  expect(written.every((id) => ids.has(id))).toBe(true);
  // every PDF in the job's folder is registered; no half-written (.tmp) file is left
  const files = readdirSync(s.folder);
  expect(files.filter((f) => !f.endsWith('.pdf'))).toEqual([]);
  const registeredPaths = new Set(after.map((r) => r.path));
  expect(files.every((f) => registeredPaths.has(path.join(s.folder, f)))).toBe(true);
  expect(after.length).toBe(before.length + written.length + (s.combined ? 1 : 0));
  if (s.state === 'cancelled') {
    expect(s.combined).toBeNull();
    expect(written.length).toBeLessThanOrEqual(s.total);
    await expect(page.getByTestId('batch-state')).toHaveText(/已取消/);
    await expect(page.getByTestId('batch-combined')).toContainText('任务已取消，未生成打印合订本');
    await expect(page.getByTestId('print-combined')).toHaveCount(0);
  } else {
    expect(s.combined).not.toBeNull();
    expect(written).toHaveLength(s.total);
    await expect(page.getByTestId('print-combined')).toBeVisible();
  }
  await expect(page.getByTestId('batch-documents').locator('li')).toHaveCount(written.length);
  await expect(page.getByTestId('batch-count')).toHaveText(`${s.done}/${s.total}`);
});

test('reopening the screen shows the session’s last job again', async ({ page }) => {
  await openDocuments(page);
  const s = (await call(page, 'documents.batch.list', { roundId }))[0];
  await expect(page.getByTestId('batch-job')).toHaveAttribute('data-state', s.state);
  await expect(page.getByTestId('batch-job')).toContainText('本次运行中最近的任务');
});

test('after unlocking the certificate: a signed batch and a signed 备案表, shown and printed', async ({ page, context }) => {
  test.setTimeout(90_000);
  await call(page, 'documents.certificate.unlock', { passphrase: 'demo' });
  await openDocuments(page);
  await expect(page.getByTestId('cert-strip')).toHaveAttribute('data-unlocked', 'yes');
  await expect(page.getByTestId('cert-strip')).toContainText('证书已解锁');

  await page.getByTestId('batch-start').click();
  await expect(page.getByTestId('batch-job')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('batch-draft')).toHaveCount(0);
  await expect(page.getByTestId('batch-job').getByText('✓ 已签名')).toBeVisible();
  await expect(page.getByTestId('print-combined')).toHaveText('打印合订本');
  await expect(page.getByTestId('batch-documents').getByText('草稿', { exact: true })).toHaveCount(0);
  const s = (await call(page, 'documents.batch.list', { roundId }))[0];
  expect(s).toMatchObject({ state: 'done', signed: true, draftReason: null, kinds: ['resultLetters'] });
  const rows: Row[] = await call(page, 'documents.list', { roundId });
  for (const d of s.documents) expect(rows.find((r) => r.documentId === d.documentId)?.signed).toBe(true);

  // a single 备案表, signed, with its 文号 and pages; 查看 opens it in a new tab
  const filing = page.getByTestId('single-filing');
  await filing.getByRole('button', { name: /生成备案表/ }).click();
  const result = filing.getByTestId('generated');
  await expect(result).toHaveAttribute('data-signed', 'yes');
  await expect(result).toContainText('✓ 已签名');
  await expect(result).toContainText(/共 \d+ 页/);
  const popup = context.waitForEvent('page');
  await result.getByRole('button', { name: /^查看/ }).click();
  const tab = await popup;
  expect(tab.url()).toMatch(new RegExp(`^${base}documents/[0-9a-f-]{36}\\.pdf$`));
  await tab.close();
  // a result letter of one applicant
  const letterRow = page.locator('[data-testid^="single-letter-"]').first();
  await letterRow.getByRole('button', { name: /生成告知书/ }).click();
  await expect(letterRow.getByTestId('generated')).toHaveAttribute('data-signed', 'yes');
  await expect(letterRow.getByTestId('generated')).toContainText(/〔2025〕\d+号/);
  await page.getByTestId('single').screenshot({ path: path.join(ARTIFACTS, 'documents-single.png'), style: SHOT_STYLE });
});

test('the register: 核验 a row, 核验全部, a file changed on disk shows 已被改动 and is refused when opened; large font keeps the layout', async ({ page }) => {
  test.setTimeout(120_000);
  await openDocuments(page);
  const rows: Row[] = await call(page, 'documents.list', { roundId });
  const letter = rows.find((r) => r.kind === 'resultLetter' && r.signed && r.fileExists)!;
  expect(letter).toBeTruthy();

  await test.step('核验 one row: 与登记一致', async () => {
    const cell = page.getByTestId(`verify-${letter.documentId}`);
    await cell.getByRole('button', { name: /^核验/ }).click();
    await expect(cell).toHaveAttribute('data-state', 'match');
    await expect(cell).toContainText('✓ 与登记一致');
    await expect(page.getByTestId(`reg-${letter.documentId}`).getByTestId('verify-result')).toContainText('文件与登记一致');
  });

  await test.step('filter and 核验全部 with its progress', async () => {
    await page.keyboard.press('Alt+f');
    await expect(page.locator('#reg-search')).toBeFocused();
    await page.keyboard.type(letter.institution!);
    const shown = rows.filter((r) => r.institution === letter.institution).length;
    await expect(page.getByTestId('register').locator('tbody.reg-group')).toHaveCount(shown);
    await page.getByTestId('verify-all').click();
    await expect(page.getByTestId('verify-all-summary')).toHaveText(`核验完成：${shown}份文书均与登记一致。`);
    const bar = page.getByRole('progressbar', { name: '核验进度' });
    await expect(bar).toHaveAttribute('aria-valuenow', String(shown));
    await expect(bar).toHaveAttribute('aria-valuemax', String(shown));
    await shot(page, 'documents-register');
  });

  await test.step('a byte appended to the file on disk: 已被改动', async () => {
    expect(existsSync(letter.path)).toBe(true);
    appendFileSync(letter.path, 'x');
    const cell = page.getByTestId(`verify-${letter.documentId}`);
    await cell.getByRole('button', { name: /核验/ }).click();
    await expect(cell).toHaveAttribute('data-state', 'modified');
    await expect(cell).toContainText('✗ 已被改动');
    const result = page.getByTestId(`reg-${letter.documentId}`).getByTestId('verify-result');
    await expect(result).toHaveAttribute('role', 'alert');
    await expect(result).toHaveClass(/verify-bad/);
    await expect(result).toContainText('文件与登记不一致');
    const v = await call(page, 'documents.verify', { documentId: letter.documentId });
    expect(v.state).toBe('modified');
    await expect(result.locator('.verify-hashes')).toContainText(v.expectedSha256.slice(0, 12));
    await expect(result.locator('.verify-hashes')).toContainText(v.actualSha256.slice(0, 12));
    await page.getByTestId('verify-all').click();
    await expect(page.getByTestId('verify-all-summary')).toContainText('1份已被改动');
    await shot(page, 'documents-verify-modified');
  });

  await test.step('opening the changed file is refused with the Chinese message; nothing opens', async () => {
    const row = page.getByTestId(`reg-${letter.documentId}`);
    const pages = page.context().pages().length;
    await row.getByRole('button', { name: /^查看/ }).click();
    await expect(page.getByTestId('toast-error')).toContainText('已不存在或已被改动，不能打开');
    expect(page.context().pages().length).toBe(pages);
    const res = await page.request.get(`${base}documents/${letter.documentId}.pdf`);
    expect(res.status()).toBe(404);
    await page.getByTestId('toast-error').getByRole('button', { name: '关闭消息' }).click();
  });

  await test.step('文件位置 in the browser: the path to copy', async () => {
    const other = rows.find((r) => r.kind === 'minutes' && r.fileExists)!;
    await page.locator('#reg-search').fill('');
    const row = page.getByTestId(`reg-${other.documentId}`);
    await row.getByRole('button', { name: /文件位置/ }).click();
    await expect(page.getByTestId('path-dialog')).toBeVisible();
    await expect(page.getByTestId('path-dialog-path')).toHaveValue(other.path);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('path-dialog')).toHaveCount(0);
  });

  await test.step('large font: no horizontal overflow, not even inside the register', async () => {
    const registerOverflow = () => page.getByTestId('register').evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
    expect(await registerOverflow()).toBeLessThanOrEqual(0);
    await page.keyboard.press('Alt+z');
    await expect(page.locator('html')).toHaveAttribute('data-font-size', 'large');
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(over).toBeLessThanOrEqual(0);
    expect(await registerOverflow()).toBeLessThanOrEqual(0);
    await shot(page, 'documents-large');
    await page.keyboard.press('Alt+z');
  });
});
