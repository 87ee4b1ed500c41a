import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { BASE_URL, launchBrowser } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Screenshot of one widget under test-results/ (and docs/ when DOCS_SCREENSHOTS=1), as widget-<name>.png. */
async function shoot(widget: Locator, name: string): Promise<void> {
  const dir = path.resolve('test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `widget-${name}.png`);
  // The sticky site header would cover the top of a widget scrolled into view.
  await widget.page().addStyleTag({ content: '.site-header { position: static !important; }' });
  await widget.scrollIntoViewIfNeeded();
  await widget.screenshot({ path: file, animations: 'disabled' });
  if (process.env.DOCS_SCREENSHOTS === '1') fs.copyFileSync(file, path.resolve('docs', `widget-${name}.png`));
}

async function open(url: string, opts: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1100, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Console errors, except the browser's generic "Failed to load resource" (answered below with the URL).
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  // A widget chunk or stylesheet that fails to load breaks the widget; other pages' links (e.g. prefetches of routes still being built) are not this test's business.
  page.on('response', (r) => {
    if (r.status() >= 400) {
      if (new URL(r.url()).pathname.startsWith('/_next/static/')) errors.push(`${r.status()} ${r.url()}`);
      else console.log(`(not a widget resource) ${r.status()} ${r.url()}`);
    }
  });
  await page.goto(BASE_URL + url);
  if (opts.dark) {
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
      window.dispatchEvent(new Event('themechange'));
    });
  }
  return { page, errors };
}

async function leaderOf(widget: Locator): Promise<string | null> {
  const text = (await widget.getByTestId('raft-leader').textContent()) ?? '';
  return /Leader: node (\d)/.exec(text)?.[1] ?? null;
}

describe('lesson widgets in Chromium', () => {
  it('Raft playground on the leader-election lesson: crash the leader, a new leader appears', async () => {
    const { page, errors } = await open('/learn/raft/leader-election');
    const widget = page.getByTestId('raft-playground').first();
    await widget.scrollIntoViewIfNeeded();
    await expect.poll(() => widget.getByTestId('raft-caption').textContent(), { timeout: 15_000 }).toMatch(/follower/);
    await widget.getByLabel('Playback speed').selectOption('1');
    // Keep the leader the poll saw: read again, a live cluster may be between leaders for a moment.
    let seen: string | null = null;
    await expect.poll(async () => (seen = await leaderOf(widget)), { timeout: 20_000 }).not.toBeNull();
    const first = seen!;
    await widget.getByRole('button', { name: `Crash node ${first}` }).click();
    // The crash is applied by the playground's clock on its next frame: poll, a busy machine may paint it late.
    await expect.poll(() => widget.getByTestId(`raft-node-${first}`).getAttribute('data-role'), { timeout: 10_000 }).toBe('crashed');
    await expect.poll(async () => {
      const l = await leaderOf(widget);
      return l !== null && l !== first;
    }, { timeout: 20_000 }).toBe(true);
    await widget.getByRole('button', { name: 'Send client request' }).click();
    await page.waitForTimeout(800);
    await widget.getByRole('button', { name: 'Pause' }).click();
    expect(await widget.locator('[data-testid="raft-timeline"] line').count()).toBeGreaterThan(10);
    await shoot(widget, 'raft-playground');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('Raft playground: keyboard crash and partition, dark theme and a narrow screen', async () => {
    const { page, errors } = await open('/learn/raft/leader-election', { dark: true, width: 420 });
    const widget = page.getByTestId('raft-playground').first();
    await widget.scrollIntoViewIfNeeded();
    await widget.getByLabel('Playback speed').selectOption('1');
    // Keep the leader the poll saw: read again, a live cluster may be between leaders for a moment.
    let seen: string | null = null;
    await expect.poll(async () => (seen = await leaderOf(widget)), { timeout: 20_000 }).not.toBeNull();
    const first = seen!;
    await widget.getByTestId(`raft-node-${first}`).focus();
    await page.keyboard.press('m');
    await expect.poll(() => widget.getByRole('button', { name: 'Heal network' }).isEnabled()).toBe(true);
    await page.waitForTimeout(2500);
    await widget.getByRole('button', { name: 'Pause' }).click();
    await shoot(widget, 'raft-playground-narrow-dark');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('CAP sandbox: a minority write is refused in CP and a partitioned read is stale in AP', async () => {
    for (const dark of [false, true]) {
      const { page, errors } = await open('/learn/cap/cap-theorem', { dark });
      const widget = page.getByTestId('cap-sandbox');
      await widget.getByRole('button', { name: 'Write x=1 at replica A' }).click();
      await widget.getByRole('button', { name: 'Cut off replica C' }).click();
      await widget.getByRole('button', { name: 'Write x=2 at replica C' }).click();
      await expect.poll(() => widget.getByTestId('cap-last').textContent()).toContain('REFUSED');
      if (dark) {
        await widget.getByLabel(/AP: availability/).check();
        await widget.getByRole('button', { name: 'Write x=1 at replica B' }).click();
        await widget.getByRole('button', { name: 'Cut off replica A' }).click();
        await widget.getByRole('button', { name: 'Write x=2 at replica B' }).click();
        await widget.getByRole('button', { name: 'Read at replica A' }).click();
        await expect.poll(() => widget.getByTestId('cap-last').textContent()).toContain('STALE');
      }
      await shoot(widget, dark ? 'cap-sandbox-dark' : 'cap-sandbox');
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('cache simulator, rate limiter, hash ring and Snowflake decoder render from their engines', async () => {
    const cases: { url: string; testId: string; name: string; act?: (w: Locator) => Promise<void>; ready: (w: Locator) => Promise<boolean> }[] = [
      {
        url: '/learn/caching/penetration-breakdown-avalanche',
        testId: 'cache-sim',
        name: 'cache-stampede-sim',
        act: async (w) => {
          await w.getByRole('button', { name: 'Breakdown' }).click();
        },
        ready: async (w) => /Breakdown|Singleflight/.test((await w.getByTestId('cache-verdict').textContent()) ?? ''),
      },
      { url: '/learn/ratelimit/four-algorithms', testId: 'ratelimit-playground', name: 'rate-limiter-playground', ready: async (w) => Number(await w.getByTestId('rl-admitted').textContent()) > 0 },
      {
        url: '/learn/hashing/consistent-hashing',
        testId: 'hash-ring',
        name: 'hash-ring-widget',
        act: async (w) => {
          await w.getByRole('button', { name: /Add node/ }).click();
        },
        ready: async (w) => /changed owner/.test((await w.getByTestId('hr-note').textContent()) ?? ''),
      },
      { url: '/learn/idgen/snowflake', testId: 'snowflake', name: 'snowflake-decoder', ready: async (w) => (await w.getByTestId('snowflake-time').count()) === 1 },
    ];
    for (const c of cases) {
      for (const variant of ['', '-dark', '-narrow'] as const) {
        const { page, errors } = await open(c.url, { dark: variant === '-dark', width: variant === '-narrow' ? 400 : 1100 });
        const widget = page.getByTestId(c.testId).first();
        await widget.waitFor({ timeout: 15_000 });
        await c.act?.(widget);
        await expect.poll(() => c.ready(widget), { timeout: 15_000 }).toBe(true);
        await shoot(widget, `${c.name}${variant}`);
        expect(errors, `${c.url}${variant}`).toEqual([]);
        await page.context().close();
      }
    }
    // Twelve page loads: a budget for a busy machine, not a speed check.
  }, 240_000);
});
