import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, screenshot } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const stat = (page: Page, label: string) => page.locator('.stat', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

/** Answers the card on screen: waits for the timer to move, types notes, reveals, ticks `tick` points, records. */
async function answerCard(page: Page, tick: number | 'all', shot?: string): Promise<void> {
  const timer = page.getByRole('timer');
  await expect.poll(() => timer.textContent(), { timeout: 5000 }).toMatch(/^0:0[1-9]/);
  await page.getByLabel(/^Notes/).fill('terms, majority, up-to-date check');
  await page.getByRole('button', { name: /show the outline/ }).click();
  const outline = page.locator('.drill-outline input[type="checkbox"]');
  await outline.first().waitFor();
  const points = await outline.count();
  expect(points).toBeGreaterThanOrEqual(5);
  expect(points).toBeLessThanOrEqual(8);
  // The timer has stopped: it reads the same a second later.
  const frozen = await timer.textContent();
  await page.waitForTimeout(1100);
  expect(await timer.textContent()).toBe(frozen);
  if (tick === 'all') await page.getByRole('button', { name: 'I made every point' }).click();
  else for (let i = 0; i < tick; i++) await outline.nth(i).check();
  await expect.poll(() => page.locator('.drill-outline legend').textContent()).toContain(`(${tick === 'all' ? points : tick} of ${points})`);
  expect(await page.locator('.drill-answer h3').textContent()).toBe('A strong answer');
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.locator('.drill-recorded').waitFor();
  expect(await page.locator('.drill-recorded').textContent()).toMatch(/This card comes back in \d+/);
}

describe('interview drill', () => {
  it('runs a mock interview with a timer and the outline to tick, and ends in a report of weak points', async () => {
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(BASE_URL + '/interview');
    expect(await page.locator('.drill-topic-card').count()).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'interview-index');
    await page.getByRole('link', { name: 'Start a mock interview' }).click();
    await page.waitForURL(/\/interview\/mock$/);
    await page.getByLabel('3', { exact: true }).check();
    await page.getByRole('button', { name: /Start the mock interview \(3 questions\)/ }).click();
    await page.locator('.drill-card').waitFor();
    // The outline and the answer are not on the page before the learner asks for them.
    expect(await page.locator('.drill-outline').count()).toBe(0);
    expect(await page.locator('.drill-answer').count()).toBe(0);
    const topics = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => page.locator('.drill-card .quiz-progress').textContent()).toBe(`Question ${i + 1} of 3`);
      topics.add((await page.locator('.drill-card .badge').first().textContent()) ?? '');
      await answerCard(page, i === 0 ? 'all' : 1, i === 0 ? 'interview-outline' : undefined);
      if (i < 2) await page.getByRole('button', { name: 'Next question' }).click();
    }
    expect(topics.size).toBe(3); // a mock interview ranges across topics
    await page.getByRole('button', { name: 'Finish and see the report' }).click();
    await page.locator('.drill-report').waitFor();
    expect(await page.locator('.drill-report h2').textContent()).toBe('Mock interview report');
    expect(await page.locator('.drill-report-items > li').count()).toBe(3);
    expect(await page.locator('.drill-report-items > li.weak').count()).toBe(2);
    expect(await page.locator('.drill-topic-bars li').count()).toBe(3);
    expect(await page.locator('.drill-report .review-links a').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.drill-report .review-links a').first().getAttribute('href')).toMatch(/^\/learn\//);
    await page.locator('.drill-report-items details summary').first().click();
    await screenshot(page, 'interview-report');

    // Back on the index: three questions practised; the two weak ones come due within the hour, not now.
    await page.goto(BASE_URL + '/interview');
    await expect.poll(() => stat(page, 'Practised').textContent()).toBe('3');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('drills one topic on a phone, and a failed request keeps the learner’s ticks', async () => {
    const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(BASE_URL + '/interview/raft');
    await page.getByRole('button', { name: /^Start \(\d+ questions\)/ }).click();
    await page.locator('.drill-card').waitFor();
    await screenshot(page, 'interview-question-phone');
    await page.getByRole('button', { name: /show the outline/ }).click();
    const outline = page.locator('.drill-outline input[type="checkbox"]');
    await outline.first().waitFor();
    await outline.nth(1).check();
    // The server goes away for one request: the error is shown, the tick stays, and Record works on retry.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.locator('.drill-card [role="alert"]').waitFor();
    expect(await outline.nth(1).isChecked()).toBe(true);
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await page.locator('.drill-recorded').waitFor();
    await page.getByRole('button', { name: 'Stop here and see the report' }).click();
    await page.locator('.drill-report').waitFor();
    expect(await page.locator('.drill-report-items > li.skipped').count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'interview-report-phone');
    await context.close();
  });
});
