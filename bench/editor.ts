/**
 * Editor benchmark (`npm run bench -- editor`): how soon Monaco is ready on a lab page, in Chromium, against a
 * production server on the last build (`npm run build` first). Issue 19: "ready in under 2 s on a warm cache and
 * lighter on a cold one".
 *
 * Ready = the editor shows the learner's code (`.lab-workspace[data-editor-ready="true"] .monaco-editor .view-line`),
 * timed from navigation (the moment the bench asks for the page) to the first animation frame in which that element is
 * in the page and has a size, as the page itself sees it (a check on every frame, from an init script). Playwright's own
 * wait for the element polls at 0, 20, 50, 100, 100 ms and then only every 500 ms, so it reads up to half a second late
 * in steps: it is printed too ("as Playwright's wait saw it"), for comparison with figures taken that way before.
 * Cold: a fresh browser context (empty HTTP cache). Warm: a second tab of the same context, after the first finished
 * (HTTP cache filled). Returning: a third tab (Chromium also keeps the compiled code of scripts it has run twice, so a
 * learner coming back parses far less). Bytes: what the network actually carried (transfer sizes of the page's
 * resources until ready), and everything the page and its workers fetched until SETTLE_MS after ready (the TypeScript
 * worker, 1.4 MB compressed, now waits for the learner to reach for the code: a reader never fetches it).
 *
 * Prints min / median / max over RUNS (default 5) and the warm ÷ cold ratio of medians, with the machine's load.
 * Wall-clock figures depend on the machine: compare runs made on the same machine, idle.
 */
import os from 'node:os';
import type { Browser, BrowserContext } from 'playwright-core';
import { startFreshServer } from '../scripts/fresh-server.mjs';
import { launchBrowser } from '../test/e2e/support/browser';

const LAB = process.env.BENCH_LAB ?? 'raft-election';
const RUNS = Number(process.env.RUNS ?? 5);

/** Settling time after ready in which the network is still counted (the TypeScript worker used to start right then). */
const SETTLE_MS = 3000;

const READY = '.lab-workspace[data-editor-ready="true"] .monaco-editor .view-line';

/**
 * In the page, before its own scripts: the time (ms since the epoch) of the first frame in which READY is visible.
 * A string, not a function: the bench runs through tsx, whose helpers would not exist in the page.
 */
const WATCH_READY = `(() => {
  const frame = () => {
    const element = document.querySelector(${JSON.stringify(READY)});
    const box = element && element.getBoundingClientRect();
    if (element && box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden') window.__editorReadyAt = performance.timeOrigin + performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

async function visit(context: BrowserContext, base: string): Promise<{ readyMs: number; polledMs: number; transferKb: number; jsKb: number; settledKb: number; workers: number }> {
  const page = await context.newPage();
  await page.addInitScript(WATCH_READY);
  // Every response body and header over the network, the page's and its workers', as Chromium counts them.
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize, () => 0)));
  const startedAt = Date.now();
  const started = performance.now();
  await page.goto(`${base}/labs/${LAB}`, { waitUntil: 'commit' });
  await page.locator(READY).first().waitFor({ timeout: 90_000 });
  const polledMs = performance.now() - started;
  const readyAt = await page.waitForFunction(() => (window as unknown as { __editorReadyAt?: number }).__editorReadyAt, null, { timeout: 10_000 }).then((h) => h.jsonValue());
  const readyMs = readyAt! - startedAt;
  await page.waitForTimeout(SETTLE_MS);
  const workers = page.workers().length;
  const settledKb = (await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024;
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((r) => {
      const e = r as PerformanceResourceTiming;
      return { name: e.name, transfer: e.transferSize, decoded: e.decodedBodySize };
    }),
  );
  await page.close();
  const transfer = entries.reduce((a, s) => a + s.transfer, 0);
  const js = entries.filter((s) => /\.js(\?|$)/.test(s.name)).reduce((a, s) => a + s.decoded, 0);
  return { readyMs, polledMs, transferKb: transfer / 1024, jsKb: js / 1024, settledKb, workers };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s.at(-1)! };
};
const fmt = (x: { min: number; median: number; max: number }, unit: string, digits = 0) =>
  `${x.min.toFixed(digits)} / ${x.median.toFixed(digits)} / ${x.max.toFixed(digits)} ${unit}`;

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  const server = await startFreshServer();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    // One visit first, so the server's own first-request work is not counted against the first cold run.
    const primer = await browser.newContext();
    await visit(primer, server.base);
    await primer.close();
    const cold: Awaited<ReturnType<typeof visit>>[] = [];
    const warm: Awaited<ReturnType<typeof visit>>[] = [];
    const returning: Awaited<ReturnType<typeof visit>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      cold.push(await visit(context, server.base));
      warm.push(await visit(context, server.base));
      returning.push(await visit(context, server.base));
      await context.close();
    }
    const c = stats(cold.map((r) => r.readyMs));
    const w = stats(warm.map((r) => r.readyMs));
    console.log(`lab page /labs/${LAB}, ${RUNS} runs, load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after, on ${os.cpus().length} cores (min / median / max)`);
    console.log(`  editor ready, cold cache   ${fmt(c, 'ms')}`);
    console.log(`  editor ready, warm cache   ${fmt(w, 'ms')}   (target < 2000 ms)`);
    const r = stats(returning.map((x) => x.readyMs));
    console.log(`  editor ready, returning    ${fmt(r, 'ms')}`);
    const polled = (xs: Awaited<ReturnType<typeof visit>>[]) => stats(xs.map((x) => x.polledMs)).median.toFixed(0);
    console.log(`  as Playwright's wait saw it (medians, up to 500 ms late): cold ${polled(cold)}, warm ${polled(warm)}, returning ${polled(returning)} ms`);
    console.log(`  warm ÷ cold (medians)      ${(w.median / c.median).toFixed(2)}   returning ÷ cold ${(r.median / c.median).toFixed(2)}`);
    console.log(`  transferred, cold          ${stats(cold.map((r) => r.transferKb)).median.toFixed(0)} KB (JavaScript ${stats(cold.map((r) => r.jsKb)).median.toFixed(0)} KB decoded)`);
    console.log(`  transferred, warm          ${stats(warm.map((r) => r.transferKb)).median.toFixed(0)} KB`);
    console.log(`  network, cold, ${SETTLE_MS / 1000} s after ready, workers included: ${stats(cold.map((r) => r.settledKb)).median.toFixed(0)} KB; workers running then: ${stats(cold.map((r) => r.workers)).median}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
