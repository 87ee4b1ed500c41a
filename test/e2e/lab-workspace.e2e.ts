import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, launchBrowser, recordRequests, screenshot } from './support/browser';

const labsDir = path.resolve('labs');
const read = (lab: string, file: string) => fs.readFileSync(path.join(labsDir, lab, file), 'utf8');
const hasLab = (lab: string) => fs.existsSync(path.join(labsDir, lab, 'README.mdx')) && fs.existsSync(path.join(labsDir, lab, '.meta', 'reference.ts'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a lab and waits for the editor; returns the time from navigation to an editable Monaco. */
async function openLab(page: Page, lab: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${BASE_URL}/labs/${lab}`);
  await page.locator('.lab-workspace[data-editor-ready="true"] .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
  return Date.now() - started;
}

/** Replaces the editor's text the way a learner pastes: select all, Ctrl/Cmd+V. */
async function setCode(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator('.lab-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  // The workspace stores every change locally at once: wait until the paste has landed.
  const lab = new URL(page.url()).pathname.split('/').pop();
  await expect
    .poll(() => page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { code?: string }).code, `dsd:lab-draft:${lab}`))
    .toBe(code);
}

/** The text of the editor's rendered lines (Monaco renders spaces as no-break spaces). */
const visibleEditorText = async (page: Page) => (await page.locator('.lab-editor .monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');

async function newContext(colorScheme: 'light' | 'dark'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  return context;
}
const runSummary = (page: Page) => page.locator('#results-panel-run .results-summary');
const submissionSummary = (page: Page) => page.locator('#results-panel-submission .results-summary');

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.save-state').textContent(), { timeout: 10_000 }).toMatch(/^Saved \d/);
}

describe('lab workspace (hello-counter)', () => {
  let context: BrowserContext;
  let page: Page;
  let requests: ReturnType<typeof recordRequests>;
  const measurements: Record<string, number> = {};

  beforeAll(async () => {
    context = await newContext('light');
    requests = recordRequests(context);
    page = await context.newPage();
  });
  afterAll(async () => {
    console.log('[lab workspace measurements]', JSON.stringify(measurements));
    await context?.close();
  });

  it('opens the workspace: README beside the editor, starter code, hints behind toggles', async () => {
    measurements.timeToEditorMs = await openLab(page, 'hello-counter');
    await expect.poll(() => page.locator('.lab-instructions h1').textContent()).toContain('An exactly-once counter');
    expect(await page.locator('.lab-instructions details summary').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.lab-instructions details[open]').count()).toBe(0);
    expect(await visibleEditorText(page)).toContain('class Counter');
    // The hidden suite's mutation score, from labs/hello-counter/.meta/mutation.json.
    expect(await page.getByTestId('suite-strength').textContent()).toMatch(/^Tests catch \d+(\.\d)?% of mutants$/);
    expect(await page.getByTestId('suite-strength').getAttribute('title')).toMatch(/catch \d+ of \d+ automatically generated wrong versions/);
    await page.locator('.lab-instructions details summary').first().click();
    expect(await page.locator('.lab-instructions details[open]').count()).toBe(1);
  });

  it('the TypeScript service waits until the learner reaches for the code, then marks a type error', async () => {
    // Turbopack wraps every worker in its own loader script, so workers are counted, not named.
    const workers = () => page.workers().length;
    const before = workers();
    // Reading the README does not load the 1.4 MB TypeScript worker.
    await page.locator('.lab-instructions h1').hover();
    expect(workers()).toBe(before);
    await setCode(page, `${read('hello-counter', 'starter.ts')}\nexport const notANumber: number = 'forty-two';\n`);
    await expect.poll(workers, { timeout: 30_000 }).toBe(before + 1);
    // A semantic error (not a syntax one): only the TypeScript service can find it, without Run.
    await expect.poll(() => page.locator('.lab-editor .squiggly-error').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await setCode(page, read('hello-counter', 'starter.ts'));
  });

  it('Run with a wrong solution shows the failing visible test, in the browser', async () => {
    // The reference without its retry check: a retry is applied again instead of answered with its first reply.
    const reference = read('hello-counter', '.meta/reference.ts');
    const wrong = reference.replace('if (request.seq === session.lastSeq) return session.lastReply;', '// (no retry check: applied again on every retry)');
    expect(wrong).not.toBe(reference);
    await setCode(page, wrong);
    const before = requests.all().length;
    const started = Date.now();
    await page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => runSummary(page).getAttribute('data-status'), { timeout: 10_000 }).toBe('fail');
    measurements.runLatencyHelloMs = Date.now() - started;
    expect(await runSummary(page).textContent()).toContain('1 of 2 visible tests passed');
    const failed = page.locator('#results-panel-run .test-item[data-status="fail"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('a retry is answered with its first reply');
    expect(await failed.locator('.test-message').textContent()).toMatch(/expected -?\d+ to be -?\d+/);
    // The code never went to the server for Run: no submission, no test request with code.
    const during = requests.all().slice(before);
    expect(during.filter((u) => u.includes('/submissions'))).toEqual([]);
    await screenshot(page, 'workspace-run-failing');
  });

  it('a syntax error is shown with its line and column, and marked in the editor', async () => {
    await setCode(page, 'export class Counter {\n  apply( {\n}\n');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(() => runSummary(page).textContent(), { timeout: 10_000 }).toContain('does not compile');
    expect(await page.locator('#results-panel-run .results-error').textContent()).toMatch(/solution\.ts:\d+:\d+/);
    await expect.poll(() => page.locator('.lab-editor .squiggly-error').count()).toBeGreaterThan(0);
  });

  it('an infinite loop is stopped at the time limit and the page stays responsive', async () => {
    await setCode(page, 'export class Counter {\n  constructor(_a: unknown) {}\n  apply(): number | null { for (;;) {} }\n  value() { return 0; }\n  sessionCount() { return 0; }\n}\n');
    await page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => runSummary(page).getAttribute('data-status'), { timeout: 30_000 }).toBe('error');
    expect(await page.locator('#results-panel-run .results-error').textContent()).toMatch(/Time limit exceeded/);
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
  });

  it('the reference solution passes Run, then Submit grades it on the server and the lab is solved', async () => {
    await setCode(page, read('hello-counter', '.meta/reference.ts'));
    await waitSaved(page);
    await page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => runSummary(page).getAttribute('data-status'), { timeout: 10_000 }).toBe('pass');
    const started = Date.now();
    await page.getByRole('button', { name: /^Submit/ }).click();
    await expect.poll(() => page.getByRole('tab', { name: /Submission/ }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => submissionSummary(page).getAttribute('data-status'), { timeout: 30_000 }).toBe('pass');
    measurements.submitToResultMs = Date.now() - started;
    expect(await submissionSummary(page).textContent()).toMatch(/Passed: all \d+ hidden tests/);
    const tests = page.locator('#results-panel-submission .test-item');
    expect(await tests.count()).toBeGreaterThan(10);
    expect(await page.locator('#results-panel-submission .test-seed').count()).toBeGreaterThan(0);
    expect(await page.locator('#results-panel-submission .test-metrics').first().textContent()).toMatch(/messages delivered|sessions/);
    await expect.poll(() => page.getByTestId('lab-solved').count()).toBe(1);
    await screenshot(page, 'workspace-submit-passed');
  });

  it('reload keeps the draft, from this browser and from the server', async () => {
    await page.reload();
    await page.locator('.lab-workspace[data-editor-ready="true"] .monaco-editor .view-lines').waitFor();
    expect(await visibleEditorText(page)).toContain('lastReply');
    // Without the local copy the server's draft is used.
    await page.evaluate(() => localStorage.removeItem('dsd:lab-draft:hello-counter'));
    await page.reload();
    await page.locator('.lab-workspace[data-editor-ready="true"] .monaco-editor .view-lines').waitFor();
    expect(await visibleEditorText(page)).toContain('lastReply');
  });

  it('history lists the submission; its code can be diffed against the draft', async () => {
    await setCode(page, read('hello-counter', '.meta/reference.ts').replace('return this.sessions.size;', 'return this.sessions.size; // how many clients'));
    await page.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => page.locator('.history-item').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.history-item').first().textContent()).toContain('Passed');
    await page.locator('.history-item').first().getByRole('button', { name: 'Diff with draft' }).click();
    await page.locator('dialog[open] .code-diff .monaco-diff-editor').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('dialog[open] .code-diff .line-insert, dialog[open] .code-diff .char-insert').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, 'workspace-diff');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
  });

  it('Reset to starter asks first; keeping the code changes nothing; Undo brings it back', async () => {
    // The whole text, as the workspace saved it locally on the last change.
    const draftText = () => page.evaluate(() => JSON.parse(localStorage.getItem('dsd:lab-draft:hello-counter') ?? '{}').code as string);
    expect(await draftText()).toContain('lastReply');
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    await page.locator('dialog[open]').waitFor();
    expect(await page.locator('dialog[open] h2').textContent()).toContain('Reset to the starter code?');
    await page.getByRole('button', { name: 'Keep my code' }).click();
    expect(await draftText()).toContain('lastReply');
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(draftText).toBe(read('hello-counter', 'starter.ts'));
    // Focus goes back to the editor once the dialog has closed.
    await page.locator('.lab-editor .monaco-editor.focused').waitFor({ timeout: 5_000 });
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(draftText).toContain('lastReply');
  });

  it('panes resize with the keyboard (WAI-ARIA window splitter)', async () => {
    const separator = page.getByRole('separator', { name: 'Resize instructions and editor' });
    const before = Number(await separator.getAttribute('aria-valuenow'));
    await separator.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(Number(await separator.getAttribute('aria-valuenow'))).toBe(before + 12);
    await page.keyboard.press('Enter');
    expect(Number(await separator.getAttribute('aria-valuenow'))).toBe(40);
    const results = page.getByRole('separator', { name: 'Resize editor and results' });
    await results.focus();
    await page.keyboard.press('ArrowUp');
    expect(Number(await results.getAttribute('aria-valuenow'))).toBe(60);
    await page.keyboard.press('Enter');
  });

  it('the catalogue shows the lab solved and the progress count', async () => {
    await page.goto(`${BASE_URL}/labs`);
    const card = page.locator('.lab-card[data-lab="hello-counter"]');
    await expect.poll(() => card.getAttribute('data-state')).toBe('solved');
    expect(await card.textContent()).toMatch(/Intro/);
    expect(await card.textContent()).toMatch(/≈ \d+ min/);
    expect(await page.getByTestId('labs-progress').textContent()).toMatch(/^1 of \d+ labs solved/);
    await screenshot(page, 'workspace-labs-list');
  });

  it('made no request to another origin', () => {
    expect(requests.all().some((u) => u.includes('/api/labs/hello-counter/visible-suite'))).toBe(true);
    expect(requests.external()).toEqual([]);
  });

  it('bad input loses nothing: an oversized submission is refused with the limit and the draft stays', async () => {
    await openLab(page, 'hello-counter');
    const huge = `${read('hello-counter', '.meta/reference.ts')}\n${`// ${'x'.repeat(96)}\n`.repeat(350)}`;
    await setCode(page, huge);
    await page.getByRole('button', { name: /^Submit/ }).click();
    await expect.poll(() => page.locator('#results-panel-submission .results-error').textContent()).toMatch(/limit for this lab is 32 KB/);
    const local = await page.evaluate(() => JSON.parse(localStorage.getItem('dsd:lab-draft:hello-counter') ?? '{}').code as string);
    expect(local.length).toBe(huge.length);
    // The API refuses it too, in the same words.
    const response = await page.evaluate(async (code) => {
      const r = await fetch('/api/labs/hello-counter/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      return { status: r.status, body: await r.json() };
    }, huge);
    expect(response.status).toBe(413);
    expect(response.body.error).toMatch(/32 KB/);
    await setCode(page, read('hello-counter', '.meta/reference.ts'));
    await waitSaved(page);
  });
});

describe.skipIf(!hasLab('raft-election'))('lab workspace (raft-election): replay of a failing seed', () => {
  it('a failing submission opens the replay viewer with lanes and arrows', async () => {
    const context = await newContext('dark');
    await context.addInitScript(() => localStorage.setItem('theme', 'dark'));
    const requests = recordRequests(context);
    const page = await context.newPage();
    const log = (step: string) => console.log(`[raft-election] ${step} at ${Date.now() - t0} ms`);
    const t0 = Date.now();
    const ttiMs = await openLab(page, 'raft-election');
    log('editor ready');
    await screenshot(page, 'workspace-raft-dark');
    // The heaviest visible suite: Run latency, measured from the click to the final summary.
    await page.getByRole('button', { name: /^Run/ }).click();
    const started = Date.now();
    await expect.poll(() => runSummary(page).getAttribute('data-status'), { timeout: 20_000 }).toMatch(/fail|error/);
    const runMs = Date.now() - started;
    log('run done');
    await page.getByRole('button', { name: /^Submit/ }).click();
    await expect.poll(() => submissionSummary(page).getAttribute('data-status'), { timeout: 60_000 }).toMatch(/fail/);
    log('submission graded');
    const replay = page.locator('#results-panel-submission .test-item').getByRole('button', { name: /Replay trace/ }).first();
    await replay.waitFor({ timeout: 5_000 });
    await replay.click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('svg').first().waitFor();
    // Lanes (one per node) and message arrows, drawn by components/viewer.
    await expect.poll(() => dialog.locator('.rv-lane-label').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => dialog.locator('.rv-msg').count()).toBeGreaterThan(3);
    expect(await dialog.textContent()).toMatch(/seed/i);
    await screenshot(page, 'workspace-replay');
    // A trace file from the command line (npm run lab -- test --trace out.json) opens in the same viewer.
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.load-trace input[type=file]').setInputFiles({ name: 'out.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(['node 1 became candidate in term 2', 'node 1 became leader in term 2'])) });
    await expect.poll(() => page.locator('dialog[open] .trace-lines li').count()).toBe(2);
    await page.keyboard.press('Escape');
    expect(requests.external()).toEqual([]);
    console.log('[raft-election measurements]', JSON.stringify({ timeToEditorMs: ttiMs, runLatencyMs: runMs }));
    await context.close();
  }, 180_000);
});
