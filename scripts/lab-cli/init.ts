/** `init <lab> [dir]`: a folder any editor type-checks with no setup, and the visible tests to read. */
import fs from 'node:fs';
import path from 'node:path';
import { loadLab, LabNotFoundError } from '@/grader';
import { CliError } from './errors';
import { LAB_MARKER, LABS_DIR } from './config';
import { mdxToMarkdown } from './readme-markdown';
import type { Lang } from './style';

/** Compiles solution.ts against api.d.ts only: the visible tests import the grader's harness, which lives in the repo. */
export const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022'],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: false,
    isolatedModules: true,
  },
  files: ['solution.ts', 'api.d.ts'],
};

export async function labOrExplain(labId: string) {
  try {
    return await loadLab(labId, LABS_DIR);
  } catch (error) {
    if (error instanceof LabNotFoundError || (error instanceof Error && /not found|unknown lab|invalid lab/i.test(error.message))) {
      const known = fs
        .readdirSync(LABS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(LABS_DIR, d.name, 'lab.json')))
        .map((d) => d.name);
      const near = known.filter((id) => id.includes(labId) || labId.includes(id.split('-')[0]!));
      throw new CliError(`unknown lab "${labId}"`, near.length ? `Did you mean ${near.map((n) => `"${n}"`).join(', ')}? \`list\` shows every lab.` : '`list` shows every lab.');
    }
    throw error;
  }
}

export async function initLab(labId: string, dir: string | undefined, options: { force?: boolean; server: string; lang: Lang }): Promise<{ dir: string; files: string[] }> {
  const lab = await labOrExplain(labId);
  const target = path.resolve(dir ?? labId);
  const readmeSource = options.lang === 'zh-CN' && fs.existsSync(path.join(LABS_DIR, labId, 'README.zh.mdx')) ? fs.readFileSync(path.join(LABS_DIR, labId, 'README.zh.mdx'), 'utf8') : lab.readme;
  const files: Record<string, string> = {
    'solution.ts': lab.starter,
    'api.d.ts': lab.apiTypes,
    'visible.test.ts':
      `// The visible tests of "${labId}", for reading: \`npm run lab -- test\` runs them in the grader's sandbox\n` +
      `// (the imports below resolve inside the dojo repo, not in this folder).\n` +
      lab.visibleTests,
    'README.md': mdxToMarkdown(readmeSource, options.server),
    'tsconfig.json': JSON.stringify(TSCONFIG, null, 2) + '\n',
    [LAB_MARKER]: JSON.stringify({ labId }, null, 2) + '\n',
  };
  if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) throw new CliError(`${target} exists and is not a folder`);
  const existing = Object.keys(files).filter((f) => fs.existsSync(path.join(target, f)));
  if (existing.length > 0 && !options.force) {
    throw new CliError(`${path.relative(process.cwd(), target) || '.'} already has ${existing.join(', ')}`, 'Use --force to overwrite them (your solution.ts too), or choose another folder.');
  }
  fs.mkdirSync(target, { recursive: true });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(target, name), content);
  return { dir: target, files: Object.keys(files) };
}
