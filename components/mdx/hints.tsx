import { isValidElement, type ReactNode } from 'react';
import { getMDXComponent } from 'mdx-bundler/client';
import { mdxComponents } from './components';

/** One README hint, ready to render anywhere (its body uses the lesson components). */
export interface ExtractedHint {
  id: string;
  title: string;
  body: ReactNode;
}

/** Stands in for <Hint> while the README is walked: it is never rendered. */
function HintMarker(): null {
  return null;
}

/**
 * The README's `<Hint id="…" title="…">` blocks by id, from the compiled README (server side, no
 * second compile): the MDX content is evaluated once with a marker in place of Hint and the element
 * tree is walked. Hints without an id are skipped; the first of two with one id wins. Nothing is
 * rendered here, so the bodies render later in the page's language, with the real components.
 */
export function extractHints(code: string): ExtractedHint[] {
  const Content = getMDXComponent(code) as unknown as (props: { components: Record<string, unknown> }) => ReactNode;
  const tree = Content({ components: { ...mdxComponents, Hint: HintMarker } });
  const found = new Map<string, ExtractedHint>();
  const visit = (node: ReactNode): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isValidElement<{ id?: unknown; title?: unknown; children?: ReactNode }>(node)) return;
    const { props } = node;
    if (node.type === HintMarker) {
      if (typeof props.id === 'string' && props.id && !found.has(props.id)) {
        found.set(props.id, { id: props.id, title: typeof props.title === 'string' ? props.title : props.id, body: props.children });
      }
      return;
    }
    visit(props.children);
  };
  visit(tree);
  return [...found.values()];
}

/** Hint ids and titles from README source text (for checks that do not compile it). */
export function hintIdsInSource(source: string): string[] {
  return [...source.matchAll(/<Hint\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
}
