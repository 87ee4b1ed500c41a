import GithubSlugger from 'github-slugger';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { plainText } from './headings';

/**
 * Gives every h2/h3 an id (github-slugger, the same rule lib/content/headings.ts uses to check
 * anchors) and a self-link so sections can be shared. A translated lesson passes `ids`, the anchors
 * of the English lesson's h2/h3 in order, so a section has the same anchor in every language.
 */
export function rehypeHeadings(options: { ids?: readonly string[]; anchorLabel?: string } = {}) {
  return (tree: Root) => {
    const slugger = new GithubSlugger();
    let index = 0;
    visit(tree, 'element', (node: Element) => {
      if (!/^h[1-6]$/.test(node.tagName)) return;
      const slug = slugger.slug(plainText(toString(node)));
      if (node.tagName !== 'h2' && node.tagName !== 'h3') return;
      const id = options.ids?.[index] ?? slug;
      index++;
      node.properties = { ...node.properties, id };
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { href: `#${id}`, className: ['heading-anchor'], ariaLabel: options.anchorLabel ?? 'Link to this section' },
        children: [{ type: 'text', value: '#' }],
      });
    });
  };
}
