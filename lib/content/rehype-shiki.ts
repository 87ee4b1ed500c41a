import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { createHighlighter, type Highlighter } from 'shiki';
import { visit } from 'unist-util-visit';

const LANGS = ['ts', 'tsx', 'js', 'json', 'go', 'java', 'lua', 'sql', 'bash', 'python', 'yaml', 'text'] as const;
const ALIASES: Record<string, string> = { typescript: 'ts', javascript: 'js', sh: 'bash', shell: 'bash', py: 'python', plaintext: 'text', txt: 'text' };

let highlighter: Promise<Highlighter> | null = null;
function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: ['github-light', 'github-dark'], langs: [...LANGS.filter((l) => l !== 'text')] });
  return highlighter;
}

/**
 * Highlights fenced code at build time with Shiki (both themes as CSS variables, so the page ships
 * no highlighter). Unknown languages fall back to plain text rather than failing the build.
 */
export function rehypeShiki() {
  return async (tree: Root) => {
    const hl = await getHighlighter();
    const jobs: Array<{ parent: Element; index: number; code: string; lang: string }> = [];
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || index === undefined || !parent || parent.type !== 'element' && parent.type !== 'root') return;
      const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      if (!code) return;
      const classes = ([] as unknown[]).concat(code.properties?.className ?? []).map(String);
      const langClass = classes.find((c) => c.startsWith('language-'));
      const requested = langClass ? langClass.slice('language-'.length).toLowerCase() : 'text';
      const lang = ALIASES[requested] ?? requested;
      jobs.push({ parent: parent as Element, index, code: toString(code).replace(/\n$/, ''), lang });
    });
    for (const job of jobs) {
      const lang = (LANGS as readonly string[]).includes(job.lang) ? job.lang : 'text';
      const hast = hl.codeToHast(job.code, {
        lang,
        themes: { light: 'github-light', dark: 'github-dark' },
        defaultColor: false,
      });
      const pre = hast.children[0] as Element;
      pre.properties = { ...pre.properties, dataLang: lang };
      job.parent.children[job.index] = pre as ElementContent;
    }
  };
}
