import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, screenshot } from './support/browser';

/**
 * Issue #19, a learner's path: a first-time visitor is pointed to the first lesson and the intro lab;
 * after reading a lesson the topic page shows its check mark, home shows the count and "Continue"
 * points to the next lesson. The labs list starts with the intro lab. Phone width has no horizontal scroll.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const noHorizontalOverflow = async (page: Page, width: number) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe('a new learner’s path', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a first-time visitor sees "Start here" with the first lesson and the intro lab, and no "Continue"', async () => {
    await page.goto(BASE_URL + '/');
    const start = page.getByTestId('start-here');
    await start.waitFor();
    expect(await start.locator('h2').textContent()).toBe('New here? Start here');
    const hrefs = await start.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('/learn/cap/cap-theorem');
    expect(hrefs).toContain('/labs/hello-counter');
    expect(await page.getByTestId('continue').count()).toBe(0);
    // No marks for someone who has read nothing.
    expect(await page.getByTestId('topic-read-count').count()).toBe(0);
    // The suggested route covers every topic, with estimates.
    expect(await page.locator('.plan-route li').count()).toBe(15);
    expect(await page.locator('#plan + p').textContent()).toMatch(/about [\d.]+ hours/);
  });

  it('the study plan spreads what is left over the days to the interview and remembers them', async () => {
    const days = page.getByLabel('Interview in (days)');
    // The form works once hydrated (it restores the saved days then).
    await page.locator('[data-testid="plan-days"][data-ready="true"]').waitFor();
    await days.fill('10');
    await expect.poll(() => page.getByTestId('plan-days').textContent()).toMatch(/About \d+ min a day over 10 days/);
    expect(await page.locator('.plan-today li').count()).toBeGreaterThan(0);
    expect(await page.locator('.plan-today a').first().getAttribute('href')).toBe('/learn/cap/cap-theorem');
    await page.reload();
    await page.locator('[data-testid="plan-days"][data-ready="true"]').waitFor();
    await expect.poll(() => days.inputValue()).toBe('10');
    await days.fill('0');
    await expect.poll(() => page.getByTestId('plan-days').textContent()).toMatch(/whole number of days from 1 to 365/);
    await days.fill('10');
  });

  it('after marking a lesson read: a check mark on the topic page, the count on home, and "Continue" to the next lesson', async () => {
    await page.goto(BASE_URL + '/learn/cap/cap-theorem');
    const button = page.getByRole('button', { name: 'Mark as read' });
    await button.waitFor();
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
    await page.getByRole('button', { name: '✓ Read' }).waitFor();

    await page.goto(BASE_URL + '/learn/cap');
    const read = page.locator('.lesson-list article[data-lesson="cap-theorem"]');
    expect(await read.getAttribute('data-read')).toBe('true');
    expect(await read.getByTestId('lesson-read-check').textContent()).toContain('Read');
    expect(await page.locator('.lesson-list article[data-lesson="pacelc"]').getAttribute('data-read')).toBe('false');
    expect(await page.locator('.lesson-list [data-testid="lesson-read-check"]').count()).toBe(1);
    expect(await page.getByTestId('topic-read-count').textContent()).toBe('1 of 3 read');
    await screenshot(page, 'path-topic-read');

    await page.goto(BASE_URL + '/');
    const cont = page.getByTestId('continue');
    await cont.waitFor();
    expect(await page.getByTestId('start-here').count()).toBe(0);
    expect(await page.getByTestId('continue-lesson').getAttribute('href')).toBe('/learn/cap/pacelc');
    expect(await page.getByTestId('continue-lesson').textContent()).toContain('PACELC');
    expect(await page.locator('article[data-topic="cap"] [data-testid="topic-read-count"]').textContent()).toBe('1/3 read');
    expect(await page.locator('article[data-topic="raft"] [data-testid="topic-read-count"]').textContent()).toMatch(/^0\/\d+ read$/);
    // Today's activity and the streak (opening the lesson counted as one step).
    expect(await page.getByTestId('daily-goal').textContent()).toMatch(/1-day streak/);
    expect(await page.getByTestId('daily-goal').textContent()).toMatch(/Today: 1 of 3 study steps/);
    // The "Ways to prepare" links are unchanged.
    expect(await page.locator('ul[aria-label="Ways to prepare"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#topics', '/quiz', '/interview', '/labs']);
    // Today's share now starts after the lesson just read.
    await expect.poll(() => page.locator('.plan-today a').first().getAttribute('href')).toBe('/learn/cap/pacelc');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'path-home-continue');
  });

  it('the labs list starts with the intro lab, marked as the place to start, then core and stretch', async () => {
    await page.goto(BASE_URL + '/labs');
    const cards = page.locator('.lab-card');
    expect(await cards.first().getAttribute('data-lab')).toBe('hello-counter');
    expect(await cards.first().getByTestId('lab-start-here').textContent()).toContain('Start here');
    expect(await page.locator('section[data-difficulty]').evaluateAll((s) => s.map((x) => x.getAttribute('data-difficulty')))).toEqual(['intro', 'core', 'stretch']);
    const order = await cards.evaluateAll((as) => as.map((a) => a.querySelector('.badge[class*="difficulty-"]')?.className ?? ''));
    const rank = order.map((c) => (c.includes('intro') ? 0 : c.includes('core') ? 1 : 2));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    await screenshot(page, 'path-labs');
  });
});

describe('at phone width, in both languages', () => {
  it.each([
    ['en-US', 'New here? Start here', 'Continue'],
    ['zh-CN', '第一次来？从这里开始', '继续学习'],
  ])('%s: home, a topic and the labs fit 360 px, before and after reading a lesson', async (locale, startTitle, continueTitle) => {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 780 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(BASE_URL + '/');
    expect(await page.getByTestId('start-here').locator('h2').textContent()).toBe(startTitle);
    await noHorizontalOverflow(page, 360);

    await page.goto(BASE_URL + '/learn/cap/cap-theorem');
    const button = page.locator('.lesson-progress button').first();
    await button.waitFor();
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
    await expect.poll(() => page.locator('.lesson-progress button.read').count(), { timeout: 15_000 }).toBe(1);

    await page.goto(BASE_URL + '/');
    expect(await page.getByTestId('continue').locator('h2').textContent()).toBe(continueTitle);
    await page.locator('[data-testid="plan-days"][data-ready="true"]').waitFor();
    await page.getByLabel(locale === 'zh-CN' ? '距离面试（天）' : 'Interview in (days)').fill('30');
    await page.locator('.plan-today li').first().waitFor();
    await noHorizontalOverflow(page, 360);
    await screenshot(page, `path-home-phone-${locale}`);
    for (const url of ['/learn/cap', '/labs']) {
      await page.goto(BASE_URL + url);
      await noHorizontalOverflow(page, 360);
    }
    expect(await page.locator('.lab-card').first().getAttribute('data-lab')).toBe('hello-counter');
    await context.close();
  });
});
