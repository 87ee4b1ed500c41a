import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BASE_URL, launchBrowser, recordRequests, screenshot } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('catalogue → topic → lesson', () => {
  it('walks from the home page to the CAP lesson by clicking', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(BASE_URL + '/');
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('distributed-systems interviews');
    const topicLinks = page.locator('ul[aria-labelledby="topics"] a');
    expect(await topicLinks.count()).toBe(15);
    expect(await page.locator('ul[aria-label="Ways to prepare"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#topics', '/quiz', '/interview', '/labs']);
    // The account links arrive from /api/me after load; wait so the screenshot shows the whole header.
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'home');

    // Scoped to the topic grid: the study plan below links the topics too.
    await page.locator('ul[aria-labelledby="topics"]').getByRole('link', { name: 'CAP theorem', exact: true }).click();
    await page.waitForURL(/\/learn\/cap$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('CAP theorem');
    await page.locator('.lesson-list a').first().click();
    await page.waitForURL(/\/learn\/cap\/cap-theorem$/);

    // The lesson is rendered from MDX: the you-will-learn box, a highlighted or plain section, an SVG diagram.
    await expect.poll(() => page.locator('.you-will-learn').count()).toBe(1);
    expect(await page.locator('figure.diagram svg').count()).toBeGreaterThan(0);
    expect(await page.locator('article.prose h2[id]').count()).toBeGreaterThan(2);
    expect(await page.locator('.term-zh').count()).toBeGreaterThan(0);
    await screenshot(page, 'lesson-cap');
    await context.close();
  });

  it('serves a 404 page with a way back for unknown lessons and topics', async () => {
    const page = await browser.newPage();
    for (const url of ['/learn/cap/no-such-lesson', '/learn/no-such-topic', '/nothing-here']) {
      const response = await page.goto(BASE_URL + url);
      expect(response?.status(), url).toBe(404);
      expect(await page.locator('h1').textContent()).toContain('does not exist');
      expect(await page.getByRole('link', { name: 'Browse the topics' }).count()).toBe(1);
    }
    await page.close();
  });

  it('switches between light and dark themes and remembers the choice', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(BASE_URL + '/learn/cap/cap-theorem');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'lesson-cap-dark');
    await context.close();
  });
});

describe('no external requests', () => {
  const pages = ['/', '/learn/cap', '/learn/cap/cap-theorem', '/learn/raft', '/does-not-exist'];
  it.each(pages)('%s loads nothing from another origin and sends a self-only CSP', async (url) => {
    const context = await browser.newContext();
    const requests = recordRequests(context);
    const page = await context.newPage();
    const response = await page.goto(BASE_URL + url, { waitUntil: 'networkidle' });
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(requests.all().length).toBeGreaterThan(0);
    expect(requests.external()).toEqual([]);
    await context.close();
  });
});
