import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, screenshot } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const stat = (page: Page, label: string) => page.locator('.stat', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

/** Answers the question on screen with the keyboard where the type allows it; returns its type. */
async function answerCurrent(page: Page): Promise<string> {
  const badge = (await page.locator('.quiz-meta .badge.type').textContent()) ?? '';
  if (/Choose one|Choose all|True or false/.test(badge)) {
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
  } else if (/Enter a number/.test(badge)) {
    await page.locator('.numeric-row input').fill('3');
    await page.locator('.numeric-row input').press('Enter');
  } else if (/Put in order/.test(badge)) {
    await page.locator('.ordering-list button').first().isVisible();
    await page.getByRole('button', { name: /Submit answer/ }).click();
  } else {
    await page.locator('.scenario textarea').fill('The leader steps down when it sees a higher term; the majority side elects a new leader.');
    await page.getByRole('button', { name: 'Show the model answer' }).click();
    await page.locator('.model-answer').waitFor();
    await page.locator('.rubric input').first().check();
    await page.keyboard.press('3');
  }
  await page.locator('.feedback').waitFor();
  return badge;
}

async function takeQuiz(page: Page, path: string, length: string, shots = false): Promise<void> {
  await page.goto(BASE_URL + path);
  await page.getByText(length, { exact: true }).click();
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await page.locator('.quiz-card').waitFor();
  const total = Number((await page.locator('.quiz-progress > span').first().textContent())!.match(/of (\d+)/)![1]);
  for (let i = 0; i < total; i++) {
    await expect.poll(() => page.locator('.quiz-progress > span').first().textContent()).toContain(`Question ${i + 1} of`);
    expect(await page.locator('.feedback').count()).toBe(0);
    await answerCurrent(page);
    expect(await page.locator('.feedback .explanation').count()).toBe(1);
    expect(await page.locator('.feedback .lesson-link a').getAttribute('href')).toMatch(/^\/learn\//);
    if (shots && i === 0) await screenshot(page, 'quiz-feedback');
    await page.keyboard.press('Enter');
  }
  await page.locator('.quiz-summary').waitFor();
}

async function signUp(page: Page, identifier: string, password: string) {
  await page.goto(BASE_URL + '/signup');
  await page.getByLabel('Username or email').fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/progress$/);
}

describe('quiz, progress and accounts', () => {
  let context: BrowserContext;
  let page: Page;
  const password = 'raft-majority-quorum';
  const username = `learner${Date.now() % 100000}`;

  beforeAll(async () => {
    context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => context?.close());

  it('lists quizzes and links a topic page to its quiz', async () => {
    await page.goto(BASE_URL + '/quiz');
    expect(await page.locator('.quiz-topic-card').count()).toBe(15);
    await screenshot(page, 'quiz-index');
    await page.goto(BASE_URL + '/learn/raft');
    await page.getByRole('link', { name: /Take the Raft .* quiz/ }).click();
    await page.waitForURL(/\/quiz\/raft$/);
    await page.getByRole('button', { name: 'Start quiz' }).waitFor();
  });

  it('a guest answers a topic quiz; the browser never receives the answers before answering', async () => {
    // Read the server action's response through a route: Chromium does not always keep the body of a
    // streamed RSC response for the DevTools protocol, so a 'response' listener can miss it.
    let start = '';
    const actionRoute = '**/quiz/raft?tag=leader-election';
    await page.route(actionRoute, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const response = await route.fetch();
      const body = await response.text();
      if (body.includes('"questions"')) start = body;
      await route.fulfill({ response, body });
    });
    await page.goto(BASE_URL + '/quiz/raft?tag=leader-election');
    await page.getByText('5 questions', { exact: true }).click();
    await page.getByRole('button', { name: 'Start quiz' }).click();
    await page.locator('.quiz-card').waitFor();
    await page.unroute(actionRoute);
    await screenshot(page, 'quiz-question');
    // The start response carries the questions but no correctness, explanations or model answers.
    expect(start, 'start response').toContain('"questions"');
    for (const secret of ['"correct"', '"why"', '"explanation"', '"modelAnswer"', '"whyWrong"', '"answer"']) expect(start).not.toContain(secret);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'dsd_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

    for (let i = 0; i < 5; i++) {
      await expect.poll(() => page.locator('.quiz-progress > span').first().textContent()).toContain(`Question ${i + 1} of 5`);
      await answerCurrent(page);
      if (i === 0) await screenshot(page, 'quiz-feedback');
      await page.keyboard.press('Enter');
    }
    await page.locator('.quiz-summary').waitFor();
    expect(await page.locator('.summary-items li').count()).toBe(5);
    await screenshot(page, 'quiz-summary');
  });

  it('marks a lesson read and shows progress, streak and where to continue', async () => {
    await page.goto(BASE_URL + '/learn/raft/leader-election');
    const button = page.getByRole('button', { name: 'Mark as read' });
    await button.waitFor();
    await expect.poll(() => button.isEnabled()).toBe(true);
    await button.click();
    await page.getByRole('button', { name: '✓ Read' }).waitFor();
    await page.goto(BASE_URL + '/progress');
    expect(await stat(page, 'Answers').textContent()).toBe('5');
    expect(await stat(page, 'Lessons read').textContent()).toBe('1');
    expect(await stat(page, 'Streak').textContent()).toBe('1 day');
    expect(await page.locator('.continue-card a').first().textContent()).toContain('Leader election');
    const raftRow = page.locator('.progress-table tbody tr', { hasText: 'Raft' });
    expect(await raftRow.locator('td').nth(0).textContent()).toMatch(/1 \/ \d+/);
    expect(await raftRow.locator('td').nth(1).textContent()).toMatch(/\d+% of 5/);
    expect(await page.locator('.calendar-grid td.cell.l1, .calendar-grid td.cell.l2, .calendar-grid td.cell.l3').count()).toBe(1);
    await screenshot(page, 'progress');
  });

  it('signs up keeping the guest progress; errors keep what was typed', async () => {
    await page.goto(BASE_URL + '/signup');
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('.field-error').first().waitFor();
    expect(await page.locator('.field-error').first().textContent()).toMatch(/at least 10 characters/);
    expect(await page.getByLabel('Username or email').inputValue()).toBe(username);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('short');
    await screenshot(page, 'signup-error');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/progress$/);
    await expect.poll(() => page.locator('.account-name').textContent()).toBe(username);
    expect(await stat(page, 'Answers').textContent()).toBe('5');
    expect(await stat(page, 'Lessons read').textContent()).toBe('1');
  });

  it('signs out (the session ends) and back in with progress kept; wrong passwords are refused', async () => {
    const before = (await context.cookies()).find((c) => c.name === 'dsd_session')!.value;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(BASE_URL + '/');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    // The old token no longer opens the account, even if replayed.
    const replay = await browser.newContext();
    await replay.addCookies([{ name: 'dsd_session', value: before, url: BASE_URL }]);
    const r = await replay.request.get(BASE_URL + '/api/me');
    expect(await r.json()).toEqual({ signedIn: false, guest: false, name: null });
    await replay.close();
    await page.goto(BASE_URL + '/progress');
    expect(await page.locator('h2', { hasText: 'Nothing here yet' }).count()).toBe(1);

    await page.goto(BASE_URL + '/login');
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.error-box').waitFor();
    expect(await page.locator('.error-box').textContent()).toContain('Wrong username/email or password');
    expect(await page.getByLabel('Username or email').inputValue()).toBe(username);
    await screenshot(page, 'login-error');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/progress$/);
    expect(await stat(page, 'Answers').textContent()).toBe('5');
    expect(await stat(page, 'Lessons read').textContent()).toBe('1');
  });

  it('a second account sees none of the first one’s data', async () => {
    const other = await browser.newContext();
    const p2 = await other.newPage();
    await signUp(p2, `other${Date.now() % 100000}@example.com`, 'another-long-password');
    expect(await stat(p2, 'Answers').textContent()).toBe('0');
    expect(await stat(p2, 'Lessons read').textContent()).toBe('0');
    const exported = await (await other.request.get(BASE_URL + '/progress/export')).json();
    expect(exported.quizAnswers).toEqual([]);
    expect(exported.lessons).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain(username);
    // And the first learner's export has their answers.
    const mine = await (await context.request.get(BASE_URL + '/progress/export')).json();
    expect(mine.account.username).toBe(username);
    expect(mine.quizAnswers).toHaveLength(5);
    expect(JSON.stringify(mine)).not.toContain('passwordHash');
    await other.close();
  });

  it('serves due cards on /review', async () => {
    await page.goto(BASE_URL + '/review');
    expect(Number(await stat(page, 'Cards in total').textContent())).toBe(5);
    await screenshot(page, 'review');
  });
});

describe('looks', () => {
  it('mixed quiz in dark mode on a narrow screen, answered fully', async () => {
    const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await takeQuiz(page, '/quiz/mixed', '5 questions');
    await screenshot(page, 'quiz-summary-dark-narrow');
    await page.goto(BASE_URL + '/progress');
    await screenshot(page, 'progress-dark-narrow');
    await page.goto(BASE_URL + '/quiz/cap');
    await page.getByRole('button', { name: 'Start quiz' }).click();
    await page.locator('.quiz-card').waitFor();
    await answerCurrent(page);
    await screenshot(page, 'quiz-feedback-dark-narrow');
    await context.close();
  });

  it('deletes a guest profile after confirmation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(BASE_URL + '/learn/cap/cap-theorem');
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('button', { name: '✓ Read' }).waitFor();
    await page.goto(BASE_URL + '/progress');
    await page.getByRole('button', { name: /Delete my progress/ }).click();
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.getByText('Type "delete" to confirm.').waitFor();
    await page.getByLabel(/Type delete to confirm/).fill('delete');
    await screenshot(page, 'delete-confirm');
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.waitForURL(BASE_URL + '/');
    await page.goto(BASE_URL + '/progress');
    expect(await page.locator('h2', { hasText: 'Nothing here yet' }).count()).toBe(1);
    await context.close();
  });
});
