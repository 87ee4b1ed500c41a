/**
 * A lab's README.mdx as plain Markdown for the learner's editor: the MDX components become what
 * Markdown viewers show (a <Hint> a collapsed <details>, a <Callout> a block quote, a <Term> its
 * text), imports/exports and JSX comments go, and site links (/learn/…) become absolute.
 */

const attr = (attrs: string, name: string): string | undefined => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];

export function mdxToMarkdown(source: string, server: string): string {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  const callouts: boolean[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    const fenceMatch = /^(```+|~~~+)/.exec(trimmed);
    if (fence) {
      if (fenceMatch && trimmed.startsWith(fence)) fence = null;
      out.push(callouts.at(-1) ? `> ${line}`.trimEnd() : line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      out.push(callouts.at(-1) ? `> ${line}`.trimEnd() : line);
      continue;
    }
    if (/^(import|export)\s/.test(line)) continue;
    const hint = /^<Hint\b([^>]*)>$/.exec(trimmed);
    if (hint) {
      out.push('<details>', `<summary>${attr(hint[1]!, 'title') ?? 'Hint'}</summary>`);
      callouts.push(false);
      continue;
    }
    if (trimmed === '</Hint>') {
      out.push('</details>');
      callouts.pop();
      continue;
    }
    const callout = /^<Callout\b([^>]*)>$/.exec(trimmed);
    if (callout) {
      const kind = attr(callout[1]!, 'kind') ?? 'note';
      const title = attr(callout[1]!, 'title');
      out.push(`> **${kind[0]!.toUpperCase()}${kind.slice(1)}${title ? `: ${title}` : ''}**`);
      callouts.push(true);
      continue;
    }
    if (trimmed === '</Callout>') {
      callouts.pop();
      continue;
    }
    let text = line
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
      .replace(/<Term\b[^>]*>([\s\S]*?)<\/Term>/g, '$1')
      .replace(/<Term\b[^>]*\/>/g, '')
      .replace(/\]\((\/[^)\s]*)\)/g, (_m, href: string) => `](${server}${href})`);
    if (callouts.at(-1)) text = `> ${text}`.trimEnd();
    out.push(text);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
