import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { BASE_URL, launchBrowser } from './support/browser';

/**
 * Run with a worker started ahead of time (components/workspace/run-in-worker.ts), in real Chromium: every Run
 * still gets a realm of its own, and the time limit and cancelling apply to a worker started ahead as to any.
 */

const lab = 'hello-counter';
const read = (file: string) => fs.readFileSync(path.join(path.resolve('labs'), lab, file), 'utf8');

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  page = await context.newPage();
  await page.goto(`${BASE_URL}/labs/${lab}`);
  await page.locator('.lab-workspace[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
});
afterAll(async () => {
  await browser?.close();
});

async function setCode(code: string): Promise<void> {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator('.lab-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect
    .poll(() => page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { code?: string }).code, `dsd:lab-draft:${lab}`))
    .toBe(code);
}

interface StartMark {
  labId: string;
  worker: string;
  prestarted: boolean;
  ready: boolean;
}
const marks = <T>(name: string) => page.evaluate((n) => performance.getEntriesByName(n).map((m) => (m as PerformanceMark).detail as unknown), name) as Promise<T[]>;
const runStarts = () => marks<StartMark>('dsd:run-start');
const prestarts = () => marks<{ labId: string; worker: string }>('dsd:run-prestart');
const runSummary = () => page.locator('#results-panel-run .results-summary');
const outputs = () => page.locator('#results-panel-run .test-output pre').allTextContents();
const runButton = () => page.getByRole('button', { name: /^Run/ });

/** Waits until a worker has been started ahead for the code now in the editor (after `since` such starts). */
async function waitForPrestart(since: number): Promise<{ worker: string }> {
  await expect.poll(async () => (await prestarts()).length, { timeout: 15_000 }).toBeGreaterThan(since);
  return (await prestarts()).at(-1)!;
}

/** The learner's module counts the counters it made; a realm reused across Runs would keep counting. */
const withLog = read('.meta/reference.ts').replace(
  'export class Counter {',
  "let made = 0;\nconst noteMade = (n: number): number => {\n  console.log('counter ' + n);\n  return n;\n};\nexport class Counter {\n  readonly serial = noteMade(++made);",
);

describe('Run with a worker started ahead', () => {
  it('a second Run, on the worker started ahead after the first, does not see the first Run’s module state', async () => {
    expect(withLog).toContain('readonly serial = noteMade(++made);');
    await setCode(withLog);
    const before = (await prestarts()).length;
    await runButton().click();
    await expect.poll(() => runSummary().getAttribute('data-status'), { timeout: 15_000 }).toBe('pass');
    const first = await outputs();
    expect(first.join('|')).toMatch(/counter 1/);
    expect(first.join('|')).toMatch(/counter 2/);

    const ahead = await waitForPrestart(before);
    await runButton().click();
    await expect.poll(async () => (await runStarts()).length, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => runSummary().getAttribute('data-status'), { timeout: 15_000 }).toBe('pass');
    const second = (await runStarts()).at(-1)!;
    expect(second.prestarted).toBe(true);
    expect(second.worker).toBe(ahead.worker);
    expect(second.worker).not.toBe((await runStarts())[0]!.worker);
    // The same counts as the first Run: a fresh module, not the first Run's.
    expect(await outputs()).toEqual(first);
  });

  it('a Run on a worker started ahead stops at the time limit', async () => {
    const before = (await prestarts()).length;
    await setCode('export class Counter {\n  constructor(_a: unknown) {}\n  apply(): number | null { for (;;) {} }\n  value() { return 0; }\n  sessionCount() { return 0; }\n}\n');
    // After a Run the saved draft is followed: once it stands still, a worker is started ahead for it.
    await waitForPrestart(before);
    const runs = (await runStarts()).length;
    await runButton().click();
    await expect.poll(() => runSummary().getAttribute('data-status'), { timeout: 30_000 }).toBe('error');
    expect(await page.locator('#results-panel-run .results-error').textContent()).toMatch(/Time limit exceeded/);
    const starts = await runStarts();
    expect(starts.length).toBe(runs + 1);
    expect(starts.at(-1)!.prestarted).toBe(true);
  });

  it('a Run on a worker started ahead is cancelled (its worker terminated) when Run is pressed again', async () => {
    // After the time-limit Run, a worker is started ahead for the same (looping) code: one no Run has used yet.
    const unused = async () => {
      const last = (await prestarts()).at(-1);
      const used = new Set((await runStarts()).map((s) => s.worker));
      return last && !used.has(last.worker) ? last : null;
    };
    await expect.poll(unused, { timeout: 15_000 }).not.toBeNull();
    const ahead = (await unused())!;
    const closed = new Promise<void>((resolve) => {
      const watch = (w: Worker) => {
        if (w.url() === ahead.worker) w.once('close', () => resolve());
      };
      for (const w of page.workers()) watch(w);
      page.on('worker', watch);
    });
    const runs = (await runStarts()).length;
    await runButton().click();
    await expect.poll(async () => (await runStarts()).length).toBe(runs + 1);
    expect((await runStarts()).at(-1)).toMatchObject({ prestarted: true, worker: ahead.worker });
    await runButton().click();
    // The first Run's worker is terminated while the second Run is still going (it loops until its time limit).
    await closed;
    expect(await runSummary().getAttribute('data-status')).toBe('pending');
    await expect.poll(() => runSummary().getAttribute('data-status'), { timeout: 30_000 }).toBe('error');
    expect(await page.locator('#results-panel-run .results-error').textContent()).toMatch(/Time limit exceeded/);
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
  });
  it('learner code in a Run finds none of the browser\'s storage, channels or network', async () => {
    const probe = read('.meta/reference.ts').replace(
      'export class Counter {',
      "const kinds = [typeof indexedDB, typeof caches, typeof BroadcastChannel, typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof importScripts].join(',');\nexport class Counter {\n  readonly probe = console.log('globals ' + kinds);",
    );
    await setCode(probe);
    await runButton().click();
    await expect.poll(() => runSummary().getAttribute('data-status'), { timeout: 15_000 }).toBe('pass');
    expect((await outputs()).join('|')).toContain('globals undefined,undefined,undefined,undefined,undefined,undefined,undefined');
  });
});
