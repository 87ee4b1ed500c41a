/**
 * Issue #19, search: Ctrl+K (or the header's button) opens the search dialog; typing finds a lesson
 * heading and a quiz question and Enter / a click goes there (the question opens on its own and
 * shows its explanation once answered); Esc closes it and gives the focus back; a Chinese query
 * finds a Chinese lesson heading; the dialog and its index are loaded only when it first opens;
 * a phone gets a full-width sheet and no horizontal overflow at 360 px. Screenshots: docs/search.png
 * and docs/zh-search.png (DOCS_SCREENSHOTS=1).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, recordRequests, screenshot } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const HEADING = '/learn/raft/leader-election#split-votes-and-randomized-timeouts';
const dialog = (page: Page) => page.locator('dialog.search-dialog[open]');
const input = (page: Page) => dialog(page).getByRole('combobox');
const option = (page: Page, href: string) => page.locator(`[role="option"][data-href="${href}"]`);
const activeHref = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-activedescendant') && document.getElementById(document.activeElement.getAttribute('aria-activedescendant')!)?.dataset.href);

/** The shortcut and the button work once React has hydrated the header's search button. */
const ready = (page: Page) => page.locator('.search-trigger[data-ready="true"]').waitFor();

async function openWithKeys(page: Page) {
  await ready(page);
  await page.keyboard.press('Control+k');
  await dialog(page).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')), { timeout: 10_000 }).toBe('combobox');
}

/** Moves the active option with ↓ until it is `href` (the results' order is the index's business, not the test's). */
async function arrowTo(page: Page, href: string) {
  await option(page, href).first().waitFor();
  for (let i = 0; i < 30 && (await activeHref(page)) !== href; i++) await page.keyboard.press('ArrowDown');
  expect(await activeHref(page)).toBe(href);
}

/** The element `#id` of the page is scrolled into view (below the sticky header). */
const inView = (page: Page, id: string) =>
  page.evaluate((id) => {
    const r = document.getElementById(id)?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.top < innerHeight;
  }, id);

describe('search in English', () => {
  let context: BrowserContext;
  let page: Page;
  let requests: ReturnType<typeof recordRequests>;
  beforeAll(async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    requests = recordRequests(context);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('loads nothing of the dialog or its index until it opens; Ctrl+K opens it with the focus in the input', async () => {
    await page.goto(BASE_URL + '/');
    await page.getByRole('button', { name: 'Search' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(requests.all().filter((u) => u.includes('/api/search-index/'))).toEqual([]);
    await openWithKeys(page);
    await expect.poll(() => requests.all().filter((u) => u.includes('/api/search-index/en')).length, { timeout: 10_000 }).toBe(1);
    // The index is fetched and deserialized now (about 115 KB gzipped in English).
    await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 20_000 }).toMatch(/Find a lesson section/);
  });

  it('finds a lesson heading: the combobox points at the active option, ↓ moves it, Enter goes to the heading', async () => {
    await input(page).fill('split votes');
    await option(page, HEADING).waitFor();
    expect(await page.locator('.search-status').textContent()).toMatch(/\d+ results?/);
    expect(await option(page, HEADING).locator('.search-hit-context').textContent()).toMatch(/Raft consensus › Leader election/);
    expect(await page.locator('.search-group-title').first().textContent()).toBeTruthy();
    expect(await input(page).getAttribute('aria-expanded')).toBe('true');
    await arrowTo(page, HEADING);
    await screenshot(page, 'search');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/learn/raft/leader-election' && url.hash === '#split-votes-and-randomized-timeouts');
    expect(await dialog(page).count()).toBe(0);
    await expect.poll(() => inView(page, 'split-votes-and-randomized-timeouts'), { timeout: 10_000 }).toBe(true);
  });

  it('Esc closes the dialog and gives the focus back to the button; a query with no match says so', async () => {
    await page.getByRole('button', { name: 'Search' }).click();
    await dialog(page).waitFor();
    await input(page).fill('zzqqxxy');
    await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 10_000 }).toMatch(/Nothing found for “zzqqxxy”/);
    expect(await page.locator('[role="option"]').count()).toBe(0);
    expect(await input(page).getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('search-trigger'))).toBe(true);
  });

  it('finds a quiz question; its link opens that one question, which shows its explanation once answered', async () => {
    await openWithKeys(page);
    await input(page).fill('election timeout at random');
    const hit = page.locator('[role="option"][data-kind="question"]').filter({ hasText: /election timeout at random/ }).first();
    await hit.waitFor();
    const href = (await hit.getAttribute('data-href'))!;
    expect(href).toMatch(/^\/quiz\/raft\?q=raft-[\w-]+$/);
    await hit.click();
    await page.waitForURL((url) => url.pathname === '/quiz/raft' && url.searchParams.get('q') === new URL(href, BASE_URL).searchParams.get('q'));
    await page.locator('.quiz-card').waitFor();
    expect(await page.locator('.quiz-progress > span').first().textContent()).toBe('Question 1 of 1');
    expect(await page.locator('.quiz-card').textContent()).toMatch(/election timeout/);
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.locator('.feedback').waitFor();
    expect(((await page.locator('.feedback').textContent()) ?? '').length).toBeGreaterThan(40);
  });

  it('an unknown question id falls back to the whole topic with a note', async () => {
    await page.goto(BASE_URL + '/quiz/raft?q=no-such-question');
    expect(await page.getByRole('alert').first().textContent()).toMatch(/not in the Raft consensus quiz/);
    await page.getByRole('button', { name: 'Start quiz' }).waitFor();
  });
});

describe('search in Chinese', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a Chinese query finds the Chinese lesson heading and goes to it', async () => {
    await page.goto(BASE_URL + '/learn/cap');
    await page.getByRole('button', { name: '搜索' }).waitFor();
    await openWithKeys(page);
    await input(page).fill('选票瓜分');
    const hit = option(page, HEADING);
    await hit.waitFor();
    expect(await hit.locator('.search-hit-title').textContent()).toBe('选票瓜分与随机化超时');
    expect(await page.locator('.search-status').textContent()).toMatch(/\d+ 条结果/);
    await arrowTo(page, HEADING);
    await screenshot(page, 'zh-search');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/learn/raft/leader-election' && url.hash === '#split-votes-and-randomized-timeouts');
    expect(await page.locator('#split-votes-and-randomized-timeouts').textContent()).toContain('选票瓜分');
  });

  it('a single character and a glossary term’s English name find Chinese results', async () => {
    await openWithKeys(page);
    await input(page).fill('脑裂');
    await page.locator('[role="option"][data-kind="term"]').first().waitFor();
    await input(page).fill('split brain');
    const term = page.locator('[role="option"][data-kind="term"]').first();
    await term.waitFor();
    expect(await term.locator('.search-hit-title').textContent()).toMatch(/\p{Script=Han}/u);
    expect(await term.getAttribute('data-href')).toMatch(/^\/glossary#[a-z0-9-]+$/);
    await page.keyboard.press('Escape');
  });
});

describe('search on a phone', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: the button fits the header, the dialog is a full-width sheet, nothing overflows at 360 px`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      try {
        await page.goto(BASE_URL + '/learn/raft/leader-election');
        const button = page.locator('.search-trigger');
        await ready(page);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        expect(await button.getAttribute('aria-keyshortcuts')).toBeTruthy();
        expect(await page.locator('.search-trigger-keys').isVisible()).toBe(false);
        await button.click();
        await dialog(page).waitFor();
        const box = (await dialog(page).boundingBox())!;
        expect(box.x).toBe(0);
        expect(box.width).toBe(360);
        await input(page).fill(locale === 'en-US' ? 'leader' : '选举');
        await page.locator('[role="option"]').first().waitFor();
        const overflow = await page.evaluate(() => {
          const d = document.querySelector('dialog.search-dialog')!;
          return { page: document.documentElement.scrollWidth, dialog: d.scrollWidth - d.clientWidth, results: document.querySelector('.search-results')!.scrollWidth - document.querySelector('.search-results')!.clientWidth };
        });
        expect(overflow).toEqual({ page: 360, dialog: 0, results: 0 });
        await page.screenshot({ path: path.resolve('test-results', `search-phone-${locale}.png`) });
        await page.getByRole('button', { name: locale === 'en-US' ? 'Close' : '关闭' }).click();
        await expect.poll(() => dialog(page).count(), { timeout: 10_000 }).toBe(0);
      } finally {
        await context.close();
      }
    });
  }
});
