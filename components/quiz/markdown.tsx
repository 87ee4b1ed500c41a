import { Fragment, type ReactNode } from 'react';

/**
 * The small Markdown subset the question bank uses, rendered to React elements (no HTML strings, so
 * nothing in a question can inject markup): paragraphs, `-`/`*` and `1.` lists, **bold**, *italic*,
 * `code` and [links](/internal or https://…). Works in server and client components.
 */
export function Markdown({ text, inline = false }: { text: string; inline?: boolean }) {
  if (inline) return <>{renderInline(text)}</>;
  const blocks = text.replace(/\r\n/g, '\n').split(/\n{2,}/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split('\n').filter((l) => l.trim() !== '');
        if (lines.length > 0 && lines.every((l) => /^\s*[-*]\s+/.test(l))) {
          return <ul key={i}>{lines.map((l, j) => <li key={j}>{renderInline(l.replace(/^\s*[-*]\s+/, ''))}</li>)}</ul>;
        }
        if (lines.length > 0 && lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
          return <ol key={i}>{lines.map((l, j) => <li key={j}>{renderInline(l.replace(/^\s*\d+[.)]\s+/, ''))}</li>)}</ol>;
        }
        // A paragraph followed by list lines in the same block ("Intro:\n- a\n- b").
        const firstList = lines.findIndex((l) => /^\s*[-*]\s+/.test(l));
        if (firstList > 0 && lines.slice(firstList).every((l) => /^\s*[-*]\s+/.test(l))) {
          return (
            <Fragment key={i}>
              <p>{joinLines(lines.slice(0, firstList))}</p>
              <ul>{lines.slice(firstList).map((l, j) => <li key={j}>{renderInline(l.replace(/^\s*[-*]\s+/, ''))}</li>)}</ul>
            </Fragment>
          );
        }
        return <p key={i}>{joinLines(lines)}</p>;
      })}
    </>
  );
}

function joinLines(lines: string[]): ReactNode[] {
  return lines.flatMap((l, i) => (i === 0 ? [<Fragment key={i}>{renderInline(l)}</Fragment>] : [<br key={`br${i}`} />, <Fragment key={i}>{renderInline(l)}</Fragment>]));
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\((?:\/|https?:\/\/)[^)\s]*\))/g;

export function renderInline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let k = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push(text.slice(last, at));
    const token = m[0];
    if (m[1]) out.push(<code key={k++}>{token.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={k++}>{renderInline(token.slice(2, -2))}</strong>);
    else if (m[3]) out.push(<em key={k++}>{renderInline(token.slice(1, -1))}</em>);
    else {
      const link = /^\[([^\]]+)\]\(([^)\s]*)\)$/.exec(token)!;
      out.push(
        <a key={k++} href={link[2]} {...(link[2]!.startsWith('http') ? { rel: 'noreferrer', target: '_blank' } : {})}>
          {renderInline(link[1]!)}
        </a>,
      );
    }
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
