import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

/** Debian's Chromium, headless, with the flags that keep it off the network it cannot reach. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Records every request the page makes; `external()` lists those to another origin. */
export function recordRequests(context: BrowserContext) {
  const urls: string[] = [];
  context.on('request', (req) => urls.push(req.url()));
  const base = new URL(BASE_URL);
  return {
    all: () => urls.slice(),
    external: () =>
      urls.filter((u) => {
        if (u.startsWith('data:') || u.startsWith('blob:')) return false;
        const url = new URL(u);
        return url.hostname !== base.hostname && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1';
      }),
  };
}

/** Saves a screenshot under test-results/ (and docs/ when DOCS_SCREENSHOTS=1). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  if (process.env.DOCS_SCREENSHOTS === '1') {
    fs.mkdirSync(path.resolve('docs'), { recursive: true });
    fs.copyFileSync(file, path.resolve('docs', `${name}.png`));
  }
  return file;
}
