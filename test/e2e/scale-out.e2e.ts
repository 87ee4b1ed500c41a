import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { clusterUnavailable, startAppCluster, type AppCluster } from '../../scripts/app-cluster.mjs';

/**
 * The deployment of README "Scaling out", in one browser: PostgreSQL, two web servers started with GRADER=remote
 * (they grade nothing) and one grader worker (`npm run worker`). A learner signs up on web server A, answers a
 * quiz question on web server B with the same session, and submits a lab on A that the worker grades.
 * Skipped, with the reason, only when this machine has no PostgreSQL server binaries — never under CI=true.
 */
const unavailable = clusterUnavailable();
if (unavailable && process.env.CI === 'true') throw new Error(`scale-out e2e cannot run under CI: ${unavailable}`);
if (unavailable) console.warn(`[scale-out e2e] skipped: ${unavailable}`);

const root = path.resolve(import.meta.dirname, '..', '..');
const reference = fs.readFileSync(path.join(root, 'labs', 'hello-counter', '.meta', 'reference.ts'), 'utf8');

describe.skipIf(unavailable !== null)('two web servers and a grader worker on PostgreSQL', () => {
  let app: AppCluster;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let a: string;
  let b: string;

  beforeAll(async () => {
    app = await startAppCluster({ webServers: 2, workers: 1, workerEnv: { GRADER_POLL_MS: '1000' } });
    [a, b] = app.urls as [string, string];
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    // Cookies are per host, not per port: the session from A is sent to B, as behind one proxy.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: a });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  }, 60_000);

  it('signs up on web server A', async () => {
    await page.goto(`${a}/signup`);
    await page.getByLabel('Username or email').fill('scaleout-learner');
    await page.getByLabel('Password', { exact: true }).fill('raft-majority-quorum');
    await page.getByLabel('Repeat the password').fill('raft-majority-quorum');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/progress$/);
  }, 120_000);

  it('answers a quiz question on web server B with the same session', async () => {
    await page.goto(`${b}/quiz/cap`);
    await page.getByRole('button', { name: 'Start quiz' }).click();
    await page.locator('.quiz-card').waitFor();
    const badge = (await page.locator('.quiz-meta .badge.type').textContent()) ?? '';
    if (/Choose one|Choose all|True or false/.test(badge)) {
      await page.keyboard.press('1');
      await page.keyboard.press('Enter');
    } else if (/Enter a number/.test(badge)) {
      await page.locator('.numeric-row input').fill('3');
      await page.locator('.numeric-row input').press('Enter');
    } else if (/Put in order/.test(badge)) {
      await page.getByRole('button', { name: /Submit answer/ }).click();
    } else {
      await page.locator('.scenario textarea').fill('The minority side cannot reach a quorum, so it refuses writes to stay consistent.');
      await page.getByRole('button', { name: 'Show the model answer' }).click();
      await page.locator('.rubric input').first().check();
      await page.keyboard.press('3');
    }
    await page.locator('.feedback').waitFor();
    // The answer was recorded for the account in the shared database, not in B's memory.
    const client = new pg.Client({ connectionString: app.pg.url });
    await client.connect();
    try {
      await expect
        .poll(async () => (await client.query(`SELECT count(*)::int AS n FROM "QuizAnswer" q JOIN "User" u ON u.id = q."userId" WHERE u.username = 'scaleout-learner'`)).rows[0].n)
        .toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    await page.goto(`${b}/progress`);
    await page.getByText('scaleout-learner').first().waitFor();
  }, 120_000);

  it('submits a lab on A; the worker grades it and both servers show it passed', async () => {
    await page.goto(`${a}/labs/hello-counter`);
    await page.locator('.lab-workspace[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({ timeout: 60_000 });
    await page.evaluate((text) => navigator.clipboard.writeText(text), reference);
    await page.locator('.lab-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    await expect
      .poll(() => page.evaluate(() => (JSON.parse(localStorage.getItem('dsd:lab-draft:hello-counter') ?? '{}') as { code?: string }).code))
      .toBe(reference);
    await page.getByRole('button', { name: /^Submit/ }).click();
    const summary = page.locator('#results-panel-submission .results-summary');
    await expect.poll(() => summary.getAttribute('data-status'), { timeout: 90_000 }).toBe('pass');
    expect(await summary.textContent()).toMatch(/Passed: all \d+ hidden tests/);
    await screenshot(page, 'scale-out-submission');

    const client = new pg.Client({ connectionString: app.pg.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT status, "leaseOwner", attempts FROM "LabSubmission" WHERE "labId" = 'hello-counter'`);
      // Graded once, by the worker (its lease released with the verdict); the web servers grade nothing.
      expect(rows).toEqual([{ status: 'passed', leaseOwner: null, attempts: 1 }]);
    } finally {
      await client.end();
    }
    await page.goto(`${b}/labs`);
    await expect.poll(() => page.locator('article[data-lab="hello-counter"]').getAttribute('data-state')).toBe('solved');
  }, 240_000);
});
