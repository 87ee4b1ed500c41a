import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@/scripts/lab-cli/main';
import { onlyName } from '@/scripts/lab-cli/local-run';
import { mdxToMarkdown } from '@/scripts/lab-cli/readme-markdown';
import { colorEnabled, pickLang } from '@/scripts/lab-cli/style';
import { normalizeServer } from '@/scripts/lab-cli/config';

/** Argument and input errors: each one a clear message on stderr and exit code 2, before anything runs. */

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-cli-args-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'dojo-lab', ...args], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin: Readable.from([]) as unknown as NodeJS.ReadableStream,
    env: { DOJO_LAB_CONFIG: path.join(work, 'config.json'), ...env },
    cwd: work,
    pollMs: 10,
  });
  return { code, stdout, stderr };
}

describe('dojo-lab argument errors', () => {
  it('an unknown command or option: usage error, exit 2', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
    expect((await cli(['test', '--bogus'])).code).toBe(2);
  });

  it('--help exits 0 and lists every command', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['list', 'init', 'test', 'login', 'submit']) expect(r.stdout).toContain(c);
  });

  it('a missing lab argument, a bad seed, --seed without --only, a bad --lang', async () => {
    expect((await cli(['init'])).stderr).toMatch(/missing required argument 'lab'/);
    const seed = await cli(['test', '--seed', 'seven']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/a seed is a whole number/);
    const lone = await cli(['test', '--seed', '7']);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toMatch(/--only/);
    expect((await cli(['--lang', 'fr', 'list'])).code).toBe(2);
  });

  it('an unknown lab names the command that lists them', async () => {
    const r = await cli(['init', 'raft-kvv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown lab "raft-kvv"/);
    expect(r.stderr).toMatch(/Did you mean "raft-/);
    expect(fs.existsSync(path.join(work, 'raft-kvv'))).toBe(false);
  });

  it('missing files: no folder, not a lab folder, no solution.ts', async () => {
    expect((await cli(['test', 'nowhere'])).stderr).toMatch(/no such folder/);
    fs.mkdirSync(path.join(work, 'plain'));
    expect((await cli(['test', 'plain'])).stderr).toMatch(/not a lab folder/);
    fs.mkdirSync(path.join(work, 'nosol'));
    fs.writeFileSync(path.join(work, 'nosol', '.dojo-lab.json'), '{"labId":"hello-counter"}');
    const r = await cli(['test', 'nosol']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/solution\.ts is missing/);
  });

  it('submit without login, login with a bad URL, an unreachable server', async () => {
    fs.mkdirSync(path.join(work, 'lab'));
    fs.writeFileSync(path.join(work, 'lab', '.dojo-lab.json'), '{"labId":"hello-counter"}');
    fs.writeFileSync(path.join(work, 'lab', 'solution.ts'), 'export class Counter {}');
    const notLogged = await cli(['submit', 'lab']);
    expect(notLogged.code).toBe(2);
    expect(notLogged.stderr).toMatch(/not logged in/);
    expect((await cli(['login', '--server', 'ftp://x', '--token', 'dojo_x'])).stderr).toMatch(/not an http\(s\) URL/);
    const down = await cli(['submit', 'lab'], { DOJO_LAB_SERVER: 'http://127.0.0.1:9', DOJO_LAB_TOKEN: 'dojo_x' });
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
    const json = await cli(['--json', 'submit', 'lab'], { DOJO_LAB_SERVER: 'http://127.0.0.1:9', DOJO_LAB_TOKEN: 'dojo_x' });
    expect(JSON.parse(json.stdout).error).toMatch(/cannot reach/);
  });

  it('a rate-limited answer names the retry time', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '42' });
      res.end(JSON.stringify({ error: 'Too many submissions in a short time: try again in 42 s.' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const r = await cli(['submit', 'lab'], { DOJO_LAB_SERVER: `http://127.0.0.1:${port}`, DOJO_LAB_TOKEN: 'dojo_x' });
    server.close();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rate limited: Too many submissions/);
    expect(r.stderr).toMatch(/Try again in 42 s/);
  });
});

describe('dojo-lab helpers', () => {
  it('--only with --seed names the seeded test', () => {
    expect(onlyName({ only: 'elects a leader', seed: 7 })).toBe('elects a leader [seed 7]');
    expect(onlyName({ only: 'elects a leader [seed 2]', seed: 7 })).toBe('elects a leader [seed 7]');
    expect(onlyName({ only: 'plain' })).toBe('plain');
    expect(onlyName({})).toBeUndefined();
  });

  it('colours: off without a TTY, with NO_COLOR or --no-color; FORCE_COLOR turns them on', () => {
    expect(colorEnabled({ isTTY: true }, {}, undefined)).toBe(true);
    expect(colorEnabled({ isTTY: false }, {}, undefined)).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' }, undefined)).toBe(false);
    expect(colorEnabled({ isTTY: true }, {}, false)).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' }, undefined)).toBe(true);
  });

  it('language: --lang, else LC_ALL / LANG', () => {
    expect(pickLang('zh-CN', {})).toBe('zh-CN');
    expect(pickLang(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(pickLang(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(pickLang('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
  });

  it('server URLs are normalized', () => {
    expect(normalizeServer('https://dojo.example.com/')).toBe('https://dojo.example.com');
    expect(() => normalizeServer('not a url')).toThrow(/not a URL/);
  });

  it('README.mdx becomes plain Markdown', () => {
    const md = mdxToMarkdown(
      [
        'import X from "y";',
        'A <Term zh="令牌桶">token bucket</Term>, see [lesson](/learn/raft/x#y).',
        '',
        '<Hint title="Why?">',
        '',
        'Because.',
        '',
        '</Hint>',
        '',
        '<Callout kind="trap" title="Careful">',
        '',
        'Text.',
        '',
        '</Callout>',
        '```ts',
        '<Hint title="not a hint">',
        '```',
      ].join('\n'),
      'https://dojo.example.com',
    );
    expect(md).not.toMatch(/^import/m);
    expect(md).toContain('A token bucket, see [lesson](https://dojo.example.com/learn/raft/x#y).');
    expect(md).toContain('<details>\n<summary>Why?</summary>');
    expect(md).toContain('</details>');
    expect(md).toContain('> **Trap: Careful**');
    expect(md).toContain('> Text.');
    expect(md).toContain('```ts\n<Hint title="not a hint">\n```');
  });

  it('every lab README converts without MDX left over', () => {
    for (const lab of fs.readdirSync('labs').filter((d) => fs.existsSync(path.join('labs', d, 'README.mdx')))) {
      for (const file of ['README.mdx', 'README.zh.mdx']) {
        const p = path.join('labs', lab, file);
        if (!fs.existsSync(p)) continue;
        const md = mdxToMarkdown(fs.readFileSync(p, 'utf8'), 'http://localhost:3000');
        const outsideCode = md.replace(/```[\s\S]*?```/g, '');
        expect(outsideCode, p).not.toMatch(/<\/?(Hint|Callout|Term)\b/);
      }
    }
  });
});
