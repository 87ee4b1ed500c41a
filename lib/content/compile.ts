import 'server-only';
import { bundleMDX } from 'mdx-bundler';
import remarkGfm from 'remark-gfm';
import { ContentError } from './errors';
import { rehypeHeadings } from './rehype-headings';
import { rehypeShiki } from './rehype-shiki';

export type CompiledLesson = { code: string };

/**
 * Compiles one MDX lesson to a function body that `getMDXComponent` turns into a component.
 * Runs at build time (lesson pages are statically generated); errors name the file and position.
 */
/** `headingIds`: the English anchors, for a translation; `anchorLabel`: the accessible name of each heading's self-link, in the lesson's language. */
export async function compileLesson(source: string, file: string, options: { headingIds?: readonly string[]; anchorLabel?: string } = {}): Promise<CompiledLesson> {
  const { headingIds, anchorLabel } = options;
  try {
    const result = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), [rehypeHeadings, { ids: headingIds, anchorLabel }], rehypeShiki];
        return options;
      },
    });
    return { code: result.code };
  } catch (error) {
    const e = error as { message?: string; errors?: Array<{ text: string; location?: { line: number; column: number } }> };
    const first = e.errors?.[0];
    const where = first?.location ? ` (line ${first.location.line}, column ${first.location.column})` : '';
    throw new ContentError(file, `MDX does not compile${where}: ${first?.text ?? e.message ?? String(error)}`);
  }
}
