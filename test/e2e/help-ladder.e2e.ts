import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, screenshot } from './support/browser';

/**
 * The help ladder (issue 19) on hello-counter: after a failing Submit each failing test offers "the
 * hint for this" (its stage's first unrevealed README hint), README hints open one rung at a time,
 * the walkthrough unlocks after 3 failed submissions (or on a confirmed request) and only then
 * shows, /progress lists the unlock; in Chinese the hint and the walkthrough are Chinese.
 */
const LAB = 'hello-counter';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newContext(locale: 'en' | 'zh-CN', width = 1280): Promise<BrowserContext> {
  // The interface language comes from the dsd_locale cookie, else Accept-Language (lib/i18n/request.ts).
  const context = await browser.newContext({ locale: locale === 'zh-CN' ? 'zh-CN' : 'en-US', viewport: { width, height: width < 500 ? 780 : 860 } });
  await context.addCookies([{ name: 'dsd_locale', value: locale, url: BASE_URL }]);
  return context;
}

async function openLab(page: Page): Promise<void> {
  await page.goto(`${BASE_URL}/labs/${LAB}`);
  await page.locator('.lab-workspace[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
}

const submissionSummary = (page: Page) => page.locator('#results-panel-submission .results-summary');

/** Submits what the editor holds (the untouched starter) and waits for the verdict. */
async function submitAndWait(page: Page, count: number): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name: /^(Submit|提交)/ }).isEnabled(), { timeout: 30_000 }).toBe(true);
  await page.getByRole('button', { name: /^(Submit|提交)/ }).click();
  await expect.poll(() => submissionSummary(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('fail');
  // The history has caught up with this submission (the walkthrough state follows it).
  await expect
    .poll(() => page.evaluate(async (lab) => ((await (await fetch(`/api/labs/${lab}/walkthrough`)).json()) as { walkthrough: { failedSubmissions: number } }).walkthrough.failedSubmissions, LAB), { timeout: 30_000 })
    .toBe(count);
}

const han = /\p{Script=Han}/u;

describe('help ladder (English)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext('en');
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('README hints open one rung at a time', async () => {
    await openLab(page);
    // lossy-network lists older-than-last, then zero-is-a-reply: the second is locked until the first is revealed.
    const locked = page.locator('.lab-instructions [data-hint-id="zero-is-a-reply"]');
    await expect.poll(() => locked.getAttribute('data-locked')).toBe('true');
    expect(await locked.textContent()).toContain('Opens after you reveal');
    await page.locator('.lab-instructions details[data-hint-id="older-than-last"] > summary').click();
    await expect.poll(() => page.locator('.lab-instructions details[data-hint-id="zero-is-a-reply"]').count()).toBe(1);
    // Remembered in this browser.
    expect(await page.evaluate((lab) => localStorage.getItem(`dsd:lab-hints:${lab}`), LAB)).toContain('older-than-last');
    await page.reload();
    await page.locator('.lab-workspace[data-editor-ready="true"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.lab-instructions details[data-hint-id="zero-is-a-reply"]').count()).toBe(1);
  });

  it('a failing Submit offers "the hint for this" under each failing test; revealing it works', async () => {
    await submitAndWait(page, 1);
    const hints = page.locator('#results-panel-submission .failure-hint');
    expect(await hints.count()).toBeGreaterThan(0);
    const first = hints.first();
    expect(await first.locator('summary').textContent()).toContain('The hint for this:');
    const id = await first.getAttribute('data-hint-id');
    expect(id).toBeTruthy();
    expect(await first.getAttribute('open')).toBeNull();
    await first.locator('summary').click();
    await expect.poll(() => first.getAttribute('open')).not.toBeNull();
    expect((await first.locator('.hint-body').innerText()).length).toBeGreaterThan(20);
    await expect.poll(() => page.evaluate((lab) => localStorage.getItem(`dsd:lab-hints:${lab}`), LAB)).toContain(id!);
    // The walkthrough is still locked, and says how far away it is.
    expect(await page.getByTestId('walkthrough-progress').textContent()).toContain('1 of 3 failed submissions before the walkthrough unlocks');
    await first.scrollIntoViewIfNeeded();
    await screenshot(page, 'help-ladder-hint');
  });

  it('the walkthrough stays locked (no content sent) until the third failed submission, then shows', async () => {
    await page.getByRole('tab', { name: /Walkthrough/ }).click();
    await expect.poll(() => page.getByTestId('walkthrough-locked').count()).toBe(1);
    expect(await page.getByTestId('walkthrough-locked').textContent()).toContain('1 of 3');
    const status = await page.evaluate(async (lab) => (await fetch(`/api/labs/${lab}/walkthrough`)).json(), LAB);
    expect(JSON.stringify(status)).not.toMatch(/Putting it together/);
    await submitAndWait(page, 2);
    await submitAndWait(page, 3);
    await expect.poll(() => page.getByTestId('walkthrough').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="walkthrough"] .walkthrough-body h2').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('walkthrough').textContent()).toMatch(/after 3 failed submissions/);
    expect(await page.getByRole('tab', { name: /^Walkthrough$/ }).count()).toBe(1);
    await screenshot(page, 'help-ladder-walkthrough');
  });

  it('/progress lists the unlocked walkthrough, when and why', async () => {
    await page.goto(`${BASE_URL}/progress`);
    const section = page.getByTestId('walkthrough-unlocks');
    await section.waitFor();
    expect(await section.textContent()).toMatch(/An exactly-once counter/);
    expect(await section.textContent()).toMatch(/after 3 failed submissions/);
  });
});

describe('help ladder (Chinese, phone width)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext('zh-CN', 360);
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('on request, after confirming, the walkthrough unlocks and is Chinese', async () => {
    await openLab(page);
    const tab = page.getByRole('tab', { name: /题解/ });
    await tab.click();
    await page.getByTestId('walkthrough-locked').waitFor();
    await page.getByRole('button', { name: /现在就解锁/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('记录');
    await dialog.getByRole('button', { name: '查看题解' }).click();
    await expect.poll(() => page.locator('[data-testid="walkthrough"] .walkthrough-body h2').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const text = await page.locator('[data-testid="walkthrough"] .walkthrough-body').innerText();
    expect(text).toMatch(han);
    expect(await page.getByTestId('walkthrough').textContent()).toContain('应你的要求');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'help-ladder-walkthrough-zh-phone');
  });

  it('a failing Run offers the hint for this in Chinese', async () => {
    await page.getByRole('tab', { name: '题目说明' }).click();
    await page.getByRole('button', { name: /^运行/ }).click();
    await expect.poll(() => page.locator('#results-panel-run .results-summary').getAttribute('data-status'), { timeout: 30_000 }).toBe('fail');
    const hint = page.locator('#results-panel-run .failure-hint').first();
    await hint.waitFor();
    expect(await hint.locator('summary').textContent()).toContain('针对这个失败的提示');
    await hint.locator('summary').click();
    expect(await hint.locator('.hint-body').innerText()).toMatch(han);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await hint.scrollIntoViewIfNeeded();
    await screenshot(page, 'help-ladder-hint-zh-phone');
  });

  it('/progress lists it, in Chinese', async () => {
    await page.goto(`${BASE_URL}/progress`);
    const section = page.getByTestId('walkthrough-unlocks');
    await section.waitFor();
    expect(await section.textContent()).toContain('主动解锁');
  });
});
