import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchBrowser, screenshot } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('中文 and English', () => {
  it('follows Accept-Language first, then the switch; a lesson keeps its anchors in both languages', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(BASE_URL + '/learn/raft/leader-election#split-votes-and-randomized-timeouts');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('领导者选举与选票瓜分');
    expect(await page.getByRole('link', { name: '面试演练' }).count()).toBe(1);
    // The English anchor is on the Chinese section, so shared links land on the same section.
    expect(await page.locator('#split-votes-and-randomized-timeouts').textContent()).toMatch(/选票瓜分/);
    expect(await page.locator('.term-en').count()).toBeGreaterThan(0);
    await screenshot(page, 'lesson-zh');

    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 15_000 }).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Leader election and split votes');
    expect(await page.getByRole('button', { name: /English/ }).getAttribute('aria-pressed')).toBe('true');
    // The choice is remembered: a new page in the same browser stays English despite Accept-Language.
    await page.goto(BASE_URL + '/learn/raft');
    expect(await page.locator('h1').textContent()).toMatch(/^Raft consensus/);

    await page.getByRole('button', { name: /中文/ }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toMatch(/^Raft 共识算法/);
    expect(await page.locator('.lesson-list a').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    await context.close();
  });

  it('an English browser gets English, on a phone too', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(BASE_URL + '/learn/caching/penetration-breakdown-avalanche');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: /中文/ }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 15_000 }).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'lesson-zh-phone');
    await context.close();
  });
});
