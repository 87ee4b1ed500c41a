/**
 * Issue #19, accessibility and layout: axe-core (injected from node_modules) on home, a lesson with a
 * live widget, a lab with Monaco loaded, a quiz question, /progress (signed in, with data) and /review,
 * in light and dark, English and Chinese: no serious or critical violation. At 360 px no page scrolls
 * sideways; the header is one row on phones in both languages and in English from 1,000 to 1,280 px.
 * The lesson widgets can be skipped: fewer Tab presses reach "Mark as read".
 * Set A11Y_REPORT=1 to print every page's violation counts by impact (before/after numbers).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, screenshot } from './support/browser';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Locale = 'en' | 'zh-CN';
type Theme = 'light' | 'dark';
interface Violation {
  id: string;
  impact: string | null;
  targets: string[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newContext(locale: Locale, width = 1280, height = 900, theme: Theme = 'light'): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    viewport: { width, height },
    colorScheme: theme,
    ...(width < 500 ? { isMobile: true, hasTouch: true } : {}),
  });
  await setLocale(context, locale);
  return context;
}

async function setLocale(context: BrowserContext, locale: Locale): Promise<void> {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: BASE_URL }]);
}

/** Runs axe-core on the page (WCAG 2.x A/AA and best practices, plus the label-in-name rule). */
async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } };
    const r = await w.axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
}

const report: Record<string, Record<string, number>> = {};
const blocking = (vs: Violation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');

async function check(page: Page, where: string): Promise<void> {
  const vs = await axe(page);
  const counts: Record<string, number> = {};
  for (const v of vs) counts[v.impact ?? 'none'] = (counts[v.impact ?? 'none'] ?? 0) + v.targets.length;
  report[where] = counts;
  if (process.env.A11Y_REPORT === '1' && vs.length > 0) {
    console.log(`[a11y] ${where}: ${vs.map((v) => `${v.id}(${v.impact}) ×${v.targets.length}: ${v.targets.slice(0, 4).join(' | ')}`).join('\n    ')}`);
  }
  const bad = blocking(vs).map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 8).join(' | ')}`);
  expect.soft(bad, where).toEqual([]);
}

async function noOverflow(page: Page, where: string): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect.soft(scroll, `${where}: scrollWidth ${scroll} > innerWidth ${inner}`).toBeLessThanOrEqual(inner);
}

/** The header's items all sit on one row: the tops of its visible children differ by less than a line. */
async function headerRows(page: Page): Promise<{ spread: number; height: number }> {
  return page.evaluate(() => {
    const inner = document.querySelector('.site-header-inner')!;
    const tops = [...inner.querySelectorAll('a, button, .brand')]
      .filter((c) => {
        const r = c.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && !c.closest('.nav-menu-panel');
      })
      .map((c) => {
        const r = c.getBoundingClientRect();
        return r.top + r.height / 2;
      });
    return { spread: Math.max(...tops) - Math.min(...tops), height: inner.getBoundingClientRect().height };
  });
}

async function openLessonWithWidget(page: Page): Promise<void> {
  await page.goto(BASE_URL + '/learn/raft/leader-election');
  await page.getByTestId('raft-playground').first().waitFor({ timeout: 30_000 });
  await page.locator('.widget-loading').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
}

async function openLab(page: Page): Promise<void> {
  await page.goto(BASE_URL + '/labs/raft-election');
  await page.locator('.lab-workspace[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({ timeout: 45_000 });
  await page.locator('.monaco-editor .line-numbers').first().waitFor({ timeout: 15_000 });
}

async function openQuizQuestion(page: Page, path: string): Promise<void> {
  await page.goto(BASE_URL + path);
  await page.locator('.quiz-actions button').first().click();
  await page.locator('.quiz-card').waitFor();
}

describe('axe-core: no serious or critical violations', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext('en');
    page = await context.newPage();
    // A signed-in learner with some data: an account, a lesson read, quiz answers.
    await page.goto(BASE_URL + '/signup');
    await page.getByLabel('Username or email').fill(`a11y${Date.now() % 100000}`);
    await page.getByLabel('Password', { exact: true }).fill('raft-majority-quorum');
    await page.getByLabel('Repeat the password').fill('raft-majority-quorum');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/progress$/);
    await page.goto(BASE_URL + '/learn/raft/leader-election');
    await page.locator('.lesson-progress button:enabled').first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('button', { name: '✓ Read' }).waitFor();
    await openQuizQuestion(page, '/quiz/raft?tag=leader-election');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.locator('.feedback').waitFor({ timeout: 15_000 }).catch(() => undefined);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    if (process.env.A11Y_REPORT === '1') console.log(`[a11y] counts by page (nodes per impact):\n${JSON.stringify(report, null, 1)}`);
  });

  // Both languages and both themes, each once: contrast depends on the theme, names and landmarks on the language.
  for (const [locale, theme] of [['en', 'light'], ['zh-CN', 'dark']] as const) {
    it(`${locale}, ${theme}: home, lesson with a widget, lab, quiz question, progress, review`, async () => {
      await page.emulateMedia({ colorScheme: theme });
      const tag = `${locale}/${theme}`;
      await page.goto(BASE_URL + '/');
      // A signed-in learner's language is saved with the account: switch with the header's button.
      if ((await page.locator('html').getAttribute('lang')) !== locale) {
        await page.locator(`.site-header .language-switch button[value="${locale}"]`).click();
        await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 15_000 }).toBe(locale);
      }
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      await check(page, `${tag} home`);
      await openLessonWithWidget(page);
      await check(page, `${tag} lesson`);
      await openLab(page);
      await check(page, `${tag} lab`);
      await openQuizQuestion(page, '/quiz/raft?tag=leader-election');
      await check(page, `${tag} quiz`);
      await page.goto(BASE_URL + '/progress');
      await page.locator('main').waitFor();
      await check(page, `${tag} progress`);
      await page.goto(BASE_URL + '/review');
      await page.locator('main').waitFor();
      await check(page, `${tag} review`);
    }, 240_000);
  }
});

describe('the widgets can be skipped from the keyboard', () => {
  it('Tab presses from the top of the leader-election lesson to "Mark as read", with and without the skip links', async () => {
    const context = await newContext('en');
    const page = await context.newPage();
    const count = async (useSkip: boolean): Promise<number> => {
      await openLessonWithWidget(page);
      await page.locator('.lesson-progress button').first().waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (let presses = 1; presses <= 600; presses++) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate(() => {
          const a = document.activeElement;
          return { done: !!a?.closest('.lesson-progress'), skip: !!a?.classList.contains('skip-widget') };
        });
        if (state.done) return presses;
        if (useSkip && state.skip) {
          await page.keyboard.press('Enter');
          presses++;
        }
      }
      return Infinity;
    };
    const plain = await count(false);
    const skipping = await count(true);
    console.log(`[a11y] Tab presses to "Mark as read" on /learn/raft/leader-election: ${plain} tabbing through, ${skipping} using the skip links (Enter counted)`);
    const skipLinks = await page.locator('a.skip-widget').count();
    expect(skipLinks).toBeGreaterThan(0);
    expect(skipping).toBeLessThan(plain);
    // The skip link is hidden until focused, and focusing it shows it.
    const link = page.locator('a.skip-widget').first();
    expect(await link.evaluate((a) => a.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    await link.focus();
    expect(await link.evaluate((a) => a.getBoundingClientRect().width)).toBeGreaterThan(20);
    await context.close();
  }, 180_000);
});

describe('layout: one-row header, no sideways scrolling at 360 px', () => {
  it.each([
    ['en', 360],
    ['en', 430],
    ['zh-CN', 360],
    ['zh-CN', 430],
  ] as const)('%s at %i px: the header is one row and its menu opens and closes', async (locale, width) => {
    const context = await newContext(locale, width, 780);
    const page = await context.newPage();
    await page.goto(BASE_URL + '/');
    await page.locator('.account-nav a, .account-nav button').first().waitFor();
    const rows = await headerRows(page);
    expect(rows.spread, `header items on one row at ${width}px (${locale})`).toBeLessThan(12);
    await noOverflow(page, `home ${width}px ${locale}`);
    const menu = page.locator('.nav-menu-button');
    if (await menu.isVisible()) {
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      const panel = page.locator(`[id="${await menu.getAttribute('aria-controls')}"]`);
      await panel.getByRole('link').first().waitFor();
      expect(await panel.getByRole('link').count()).toBeGreaterThanOrEqual(3);
      await noOverflow(page, `open menu ${width}px ${locale}`);
      if (width === 360) await screenshot(page, locale === 'en' ? 'header-phone-menu' : 'zh-header-phone-menu');
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('nav-menu-button'))).toBe(true);
    }
    if (width === 360) {
      await page.setViewportSize({ width, height: 220 });
      await screenshot(page, locale === 'en' ? 'header-phone' : 'zh-header-phone');
    }
    await context.close();
  }, 60_000);

  it.each([1000, 1100, 1180, 1280])('en at %i px: the header does not wrap', async (width) => {
    const context = await newContext('en', width, 700);
    const page = await context.newPage();
    await page.goto(BASE_URL + '/');
    await page.locator('.account-nav a, .account-nav button').first().waitFor();
    const rows = await headerRows(page);
    expect(rows.spread).toBeLessThan(12);
    const wrapped = await page.evaluate(() => {
      const items = [...document.querySelectorAll('.site-header-inner a, .site-header-inner button')].filter((e) => e.getBoundingClientRect().width > 1);
      return items.filter((e) => e.getClientRects().length > 1 || e.getBoundingClientRect().height > 48).map((e) => e.textContent);
    });
    expect(wrapped).toEqual([]);
    if (width === 1100) {
      await page.setViewportSize({ width, height: 220 });
      await screenshot(page, 'header-1100');
    }
    await context.close();
  }, 60_000);

  it.each(['en', 'zh-CN'] as const)('%s: no page scrolls sideways at 360 px', async (locale) => {
    const context = await newContext(locale, 360, 780);
    const page = await context.newPage();
    for (const path of ['/', '/learn/raft', '/learn/raft/leader-election', '/labs', '/progress', '/review', '/glossary', '/interview', '/quiz']) {
      await page.goto(BASE_URL + path);
      if (path === '/learn/raft/leader-election') {
        await page.getByTestId('raft-playground').first().waitFor({ timeout: 30_000 });
      }
      await noOverflow(page, `${path} (${locale})`);
    }
    // A quiz showing an ordering question.
    await openQuizQuestion(page, '/quiz/caching?tag=delayed-double-delete');
    await page.locator('.ordering-list').waitFor();
    await noOverflow(page, `ordering question (${locale})`);
    await openLab(page);
    await noOverflow(page, `lab (${locale})`);
    await context.close();
  }, 180_000);
});
