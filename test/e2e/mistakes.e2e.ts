import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, screenshot } from './support/browser';

/**
 * Issue 19, mistakes to revisit: a wrong answer lands in the mistake notebook (English and Chinese),
 * the notebook filters by topic and retries a question from there, "I guessed" marks a right answer,
 * and the end-of-quiz summary reopens a question with its explanation.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Tf = { id: string; answer: boolean };
/** True-or-false questions of a topic, read from the bank (keys 1 = true, 2 = false answer them deterministically). */
function trueFalse(topic: string): Tf[] {
  const raw = JSON.parse(fs.readFileSync(path.resolve('content', topic, 'quiz.json'), 'utf8')) as { questions?: unknown[] } | unknown[];
  const list = (Array.isArray(raw) ? raw : (raw.questions ?? [])) as { id: string; type: string; answer: unknown }[];
  return list.filter((q) => q.type === 'truefalse').map((q) => ({ id: q.id, answer: q.answer === true }));
}
const key = (q: Tf, right: boolean) => ((q.answer === right) ? '1' : '2');

/**
 * Opens the single-question link and answers it right or wrong by clicking (the keyboard shortcuts are
 * attached in an effect after the card paints, so a key pressed at once can be lost); stays on the feedback.
 */
async function answerSingle(page: Page, topic: string, q: Tf, right: boolean): Promise<void> {
  await page.goto(`${BASE_URL}/quiz/${topic}?q=${q.id}`);
  const options = page.locator('.quiz-card .option-list > li');
  await options.first().waitFor();
  const radio = options.nth(Number(key(q, right)) - 1).locator('input');
  await radio.click();
  await expect.poll(() => radio.isChecked()).toBe(true);
  await page.locator('.quiz-card .quiz-actions button[type="submit"]').click();
  await page.locator('.feedback').waitFor();
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, 'page scrolls sideways').toBeLessThanOrEqual(client);
}

describe('mistake notebook, "I guessed" and the reopened summary (English, desktop)', () => {
  let context: BrowserContext;
  let page: Page;
  const cap = trueFalse('cap');
  const raft = trueFalse('raft');

  beforeAll(async () => {
    context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('a summary item reopens its question with the learner\'s answer, the right one and the explanation', async () => {
    await answerSingle(page, 'cap', cap[0]!, false);
    expect(await page.locator('.feedback.bad').count()).toBe(1);
    // A wrong answer offers no "I guessed".
    expect(await page.getByRole('button', { name: 'I guessed' }).count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.locator('.quiz-summary').waitFor();
    const item = page.locator('.summary-items .summary-open');
    expect(await item.count()).toBe(1);
    // Keyboard: the item is a button; Enter opens it.
    await item.focus();
    await page.keyboard.press('Enter');
    await page.locator('.quiz-reopened').waitFor();
    expect(await page.locator('.quiz-reopened h2').textContent()).toBe('Question 1 of 1');
    expect(await page.locator('.quiz-reopened .option.is-wrong').count()).toBe(1);
    expect(await page.locator('.quiz-reopened .option.is-correct').count()).toBe(1);
    expect(((await page.locator('.quiz-reopened .feedback .explanation').textContent()) ?? '').length).toBeGreaterThan(20);
    await screenshot(page, 'quiz-summary-reopened');
    await page.getByRole('button', { name: 'Back to the summary' }).first().click();
    await page.locator('.quiz-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('summary-open'))).toBe(true);
  });

  it('"I guessed" marks a right answer, with feedback, and the summary shows it', async () => {
    await answerSingle(page, 'raft', raft[0]!, true);
    const toggle = page.getByRole('button', { name: 'I guessed' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#guess-status').textContent()).toMatch(/scheduled as Hard/);
    await screenshot(page, 'quiz-guessed');
    await page.getByRole('button', { name: /See summary|Summary/ }).click();
    await page.locator('.quiz-summary').waitFor();
    expect(await page.locator('.summary-items li.guessed .mark').getAttribute('aria-label')).toBe('right, but guessed');
  });

  it('the notebook lists the wrong and the guessed answer, filters by topic, and retries from there', async () => {
    await page.goto(`${BASE_URL}/review`);
    expect(await page.locator('.mistakes-entry a[href="/mistakes"]').count()).toBe(1);
    await page.goto(`${BASE_URL}/mistakes`);
    await page.getByRole('heading', { level: 1, name: 'Mistake notebook' }).waitFor();
    const wrong = page.locator(`.mistake-item[data-question="${cap[0]!.id}"]`);
    const guessed = page.locator(`.mistake-item[data-question="${raft[0]!.id}"]`);
    expect(await wrong.locator('.mistake-status').textContent()).toBe('Still wrong');
    expect(await guessed.locator('.badge.guessed').textContent()).toBe('Guessed');
    await noHorizontalOverflow(page);
    await screenshot(page, 'mistakes');

    await page.getByLabel('Topic', { exact: true }).selectOption('cap');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/topic=cap/);
    expect(await page.locator('.mistake-item').count()).toBe(1);
    expect(await wrong.count()).toBe(1);
    await page.getByLabel('Kind', { exact: true }).selectOption('guessed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/kind=guessed/);
    await page.getByRole('heading', { name: 'Nothing matches this filter' }).waitFor();

    // A bad filter is explained, and everything is shown.
    await page.goto(`${BASE_URL}/mistakes?kind=typo`);
    expect(await page.locator('.callout-warning[role="alert"]').textContent()).toMatch(/not understood/);
    expect(await page.locator('.mistake-item').count()).toBe(2);

    // Retry from the notebook: the single-question link, answered right this time.
    await page.goto(`${BASE_URL}/mistakes?topic=cap`);
    await wrong.getByRole('link', { name: /Retry this question/ }).click();
    await page.waitForURL(new RegExp(`/quiz/cap\\?q=${cap[0]!.id}`));
    await page.locator('.quiz-card .option-list').waitFor();
    await page.keyboard.press(key(cap[0]!, true));
    await page.keyboard.press('Enter');
    await page.locator('.feedback.ok').waitFor();
    await page.goto(`${BASE_URL}/mistakes`);
    expect(await wrong.locator('.mistake-status').textContent()).toBe('Since answered right');
    await page.goto(`${BASE_URL}/progress`);
    expect(await page.locator('.mistakes-entry a[href="/mistakes"]').count()).toBe(1);
  });
});

describe('mistake notebook in Chinese on a phone', () => {
  let context: BrowserContext;
  let page: Page;
  const cap = trueFalse('cap');

  beforeAll(async () => {
    // The language comes from the browser's (Accept-Language) until the learner picks one.
    context = await browser.newContext({ locale: 'zh-CN', colorScheme: 'dark', viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('shows a wrong answer in 错题本 without sideways scrolling', async () => {
    await answerSingle(page, 'cap', cap[1]!, false);
    await page.goto(`${BASE_URL}/mistakes`);
    await page.getByRole('heading', { level: 1, name: '错题本' }).waitFor();
    const item = page.locator(`.mistake-item[data-question="${cap[1]!.id}"]`);
    expect(await item.locator('.mistake-status').textContent()).toBe('仍然答错');
    expect(await item.getByRole('link', { name: /再做一次这道题/ }).getAttribute('href')).toBe(`/quiz/cap?q=${cap[1]!.id}`);
    await noHorizontalOverflow(page);
    await screenshot(page, 'zh-mistakes-phone');
    await page.getByLabel('主题', { exact: true }).selectOption('cap');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/topic=cap/);
    expect(await page.locator('.mistake-item').count()).toBe(1);
  });
});
