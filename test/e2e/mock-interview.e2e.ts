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

/** Answers the item on screen, whatever its kind; returns the kind answered. */
async function answerItem(page: Page, labels: { showModel: RegExp; showOutline: RegExp; record: RegExp; submit: RegExp }): Promise<string> {
  const item = page.locator('.mock-item');
  const kind = (await item.locator('.badge.type').textContent()) ?? '';
  if (await item.getByRole('button', { name: labels.showModel }).count()) {
    await item.locator('textarea').fill('Quorum writes, fencing tokens, idempotent retries.');
    await item.getByRole('button', { name: labels.showModel }).click();
    await item.locator('.drill-outline input[type="checkbox"]').first().check();
    await item.getByRole('button', { name: labels.record }).click();
  } else if (await item.getByRole('button', { name: labels.showOutline }).count()) {
    await item.getByRole('button', { name: labels.showOutline }).click();
    const boxes = item.locator('.drill-outline input[type="checkbox"]');
    await boxes.first().waitFor();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await item.getByRole('button', { name: labels.record }).click();
  } else {
    const choice = item.locator('.option input').first();
    if (await choice.count()) await choice.check();
    const number = item.locator('.numeric-answer input');
    if (await number.count()) await number.fill('3');
    await item.getByRole('button', { name: labels.submit }).click();
  }
  return kind;
}

const en = { showModel: /Show the model answer/, showOutline: /Show the outline/, record: /^Record answer/, submit: /^Submit answer/ };

describe('timed mock interview', () => {
  it('runs a 10-question mock under one countdown, ends when the (test) clock runs out, and reports readiness with links; weak spots then show on /progress', async () => {
    const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The browser's clock is the test's: the countdown runs on it, and the test moves it forward instead of waiting.
    await page.clock.install();
    await page.goto(BASE_URL + '/interview');
    await page.getByRole('link', { name: 'Start a timed mock' }).click();
    await page.waitForURL(/\/interview\/timed$/);
    await page.getByLabel(/^10 questions/).check();
    expect(await page.locator('.mock-intro').textContent()).toContain('6 quick checks, 2 scenarios and 2 spoken answers, 15 minutes.');
    await page.getByRole('button', { name: 'Start the interview' }).click();
    await page.locator('.mock-item').waitFor();
    expect(await page.getByRole('timer').textContent()).toMatch(/^1[45]:\d\d$/);
    expect(await page.locator('.mock-outline li').count()).toBe(10);
    // Nothing that gives the answer away is on the page before the learner asks.
    expect(await page.locator('.drill-outline').count()).toBe(0);

    const kinds = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await expect.poll(() => page.locator('.mock-bar-done').textContent()).toBe(`${i} of 10 answered`);
      kinds.add(await answerItem(page, en));
    }
    await expect.poll(() => page.locator('.mock-bar-done').textContent()).toBe('6 of 10 answered');
    expect(kinds.size).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.mock-outline li.answered').count()).toBe(6);
    await screenshot(page, 'mock-question');

    // Time runs out: the report comes by itself.
    await page.clock.fastForward('16:00');
    await page.locator('.mock-report').waitFor({ timeout: 15_000 });
    expect(await page.locator('.mock-report h2').first().textContent()).toBe('Readiness report');
    expect(await page.locator('.mock-report').textContent()).toContain('The interview ended when time ran out');
    expect(await page.locator('.mock-verdict-word').textContent()).toMatch(/^(Ready|Almost there|Not ready yet)$/);
    expect(await page.locator('.mock-stats .stat').nth(1).locator('dd').textContent()).toBe('6 / 10');
    expect(await page.locator('.mock-stats .stat').nth(2).locator('dd').textContent()).toMatch(/^15:00/);
    const topicLinks = page.locator('.drill-topic-bars a');
    expect(await topicLinks.count()).toBeGreaterThanOrEqual(3);
    expect(await topicLinks.first().getAttribute('href')).toMatch(/^\/learn\//);
    const quizLinks = page.locator('.mock-weakest a', { hasText: 'Topic quiz' });
    expect(await quizLinks.count()).toBeGreaterThanOrEqual(1);
    expect(await quizLinks.first().getAttribute('href')).toMatch(/^\/quiz\/[a-z]+$/);
    await screenshot(page, 'mock-report');

    // The answers count toward mastery: /progress lists weak spots with their numbers and practice links.
    await page.getByRole('link', { name: 'Your weak spots' }).click();
    await page.waitForURL(/\/progress#weak-spots$/);
    await page.locator('.weak-spot-list').waitFor({ timeout: 15_000 });
    const spots = page.locator('.weak-spot');
    expect(await spots.count()).toBeGreaterThanOrEqual(1);
    expect(await spots.count()).toBeLessThanOrEqual(5);
    expect(await spots.first().locator('.weak-spot-facts').textContent()).toMatch(/Answers: \d+% recent recall/);
    expect(await spots.first().locator('.weak-spot-links a').first().getAttribute('href')).toMatch(/^\/(quiz|learn|labs)\//);
    await page.evaluate(() => document.getElementById('weak-spots')!.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'weak-spots');

    // The interview page remembers the last mock.
    await page.goto(BASE_URL + '/interview');
    expect(await page.locator('.timed-mock-card').textContent()).toMatch(/Last one: \d+ \/ 100/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works in Chinese on a 360 px phone in the dark theme, and ends early with a report in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', colorScheme: 'dark', viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(BASE_URL + '/interview/timed');
    expect(await page.locator('h1').textContent()).toBe('限时模拟面试');
    await page.getByRole('button', { name: '开始面试' }).click();
    await page.locator('.mock-item').waitFor();
    expect(await page.locator('.mock-bar-count').textContent()).toBe('第 1 / 10 题');
    const zh = { showModel: /查看参考答案/, showOutline: /查看答题要点/, record: /^记录答案/, submit: /^提交答案/ };
    await answerItem(page, zh);
    await expect.poll(() => page.locator('.mock-bar-done').textContent()).toBe('已答 1 / 10');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'zh-mock-question-phone');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '结束面试' }).click();
    await page.locator('.mock-report').waitFor({ timeout: 15_000 });
    expect(await page.locator('.mock-report h2').first().textContent()).toBe('面试准备度报告');
    expect(await page.locator('.mock-report').textContent()).toContain('你提前结束了面试');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'zh-mock-report-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the topic quiz draws from the lessons read, with a switch to all lessons', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(BASE_URL + '/quiz/raft');
    expect(await page.locator('.quiz-scope').count()).toBe(0); // nothing read yet: the whole topic
    await page.goto(BASE_URL + '/learn/raft');
    const firstLesson = page.locator('a[href^="/learn/raft/"]').first();
    const href = (await firstLesson.getAttribute('href'))!;
    await page.goto(BASE_URL + href);
    const toggle = page.locator('button[aria-pressed]', { hasText: 'Mark as read' });
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    await toggle.click();
    // The lesson's own toggle (not a widget's or the language switch's pressed buttons).
    await expect.poll(() => page.locator('.lesson-progress button').getAttribute('aria-pressed')).toBe('true');
    await page.goto(BASE_URL + '/quiz/raft');
    const scope = page.locator('.quiz-scope');
    await scope.waitFor();
    const read = scope.getByRole('link', { name: /Lessons you have read \(1\)/ });
    expect(await read.getAttribute('aria-current')).toBe('true');
    const readCount = Number(/(\d+) questions?$/.exec((await read.textContent()) ?? '')![1]);
    expect(await page.locator('.quiz-intro').textContent()).toContain(`${readCount}`);
    await scope.getByRole('link', { name: /All lessons of this topic/ }).click();
    await page.waitForURL(/\?all=1$/);
    expect(await scope.getByRole('link', { name: /All lessons of this topic/ }).getAttribute('aria-current')).toBe('true');
    await context.close();
  });
});
