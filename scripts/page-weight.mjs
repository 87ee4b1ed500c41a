// Prints the first-load JavaScript of prerendered pages (gzipped), from the last production build:
// the <script src> chunks each page's HTML references. Usage: node scripts/page-weight.mjs [route …]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(root, '.next', 'server', 'app');

export function firstLoadJs(route) {
  const file = path.join(appDir, route === '/' ? 'index.html' : `${route.replace(/^\//, '')}.html`);
  if (!fs.existsSync(file)) throw new Error(`no prerendered HTML for ${route} (run next build first)`);
  const html = fs.readFileSync(file, 'utf8');
  // noModule scripts (legacy polyfills) are not fetched by the browsers that run modules.
  const tags = [...html.matchAll(/<script[^>]+>/g)].map((m) => m[0]).filter((t) => !/\snoModule/i.test(t));
  const srcs = [...new Set(tags.map((t) => /src="(\/_next\/static\/[^"]+\.js)"/.exec(t)?.[1]).filter(Boolean))];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const buf = fs.readFileSync(path.join(root, '.next', src.replace('/_next/', '')));
    raw += buf.length;
    gzip += zlib.gzipSync(buf, { level: 9 }).length;
  }
  return { route, scripts: srcs.length, rawKb: raw / 1024, gzipKb: gzip / 1024 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const routes = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/learn/cap', '/learn/cap/cap-theorem'];
  for (const r of routes) {
    const w = firstLoadJs(r);
    console.log(`${w.route.padEnd(36)} ${String(w.scripts).padStart(3)} scripts  ${w.rawKb.toFixed(1).padStart(7)} KB raw  ${w.gzipKb.toFixed(1).padStart(6)} KB gzip`);
  }
}
