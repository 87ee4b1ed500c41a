import type { ReactElement } from 'react';
import { getMDXComponent } from 'mdx-bundler/client';
import { useTranslations } from 'next-intl';
import { mdxComponents } from '@/components/mdx/components';
import { extractHints, type ExtractedHint } from '@/components/mdx/hints';
import { renderMdx } from '@/components/mdx/render';

/**
 * The lab's README rendered with the lessons' MDX pipeline. A README whose expressions fail when
 * evaluated (e.g. `${n}` outside a code span becomes a JSX expression) would take the whole build
 * down at prerender; it is evaluated once here first and, if it throws, shown as plain text with a
 * note, so one lab's typo never hides the others.
 */
export function LabInstructions({ code, source, labId, compileError }: { code: string | null; source: string; labId: string; compileError: string | null }): ReactElement {
  if (code === null) return <PlainReadme source={source} problem={compileError ?? 'it does not compile'} />;
  try {
    const Content = getMDXComponent(code) as unknown as (props: { components: typeof mdxComponents }) => unknown;
    Content({ components: mdxComponents });
  } catch (error) {
    console.error(`labs/${labId}/README.mdx does not render: ${error instanceof Error ? error.message : String(error)}`);
    return <PlainReadme source={source} problem={error instanceof Error ? error.message : 'render error'} />;
  }
  return renderMdx(code);
}

function PlainReadme({ source, problem }: { source: string; problem: string }) {
  const t = useTranslations('labs');
  return (
    <>
      <p className="callout callout-warning" role="note">
        {t('readme.unformatted', { problem: problem.slice(0, 200) })}
      </p>
      <pre className="readme-source">{source}</pre>
    </>
  );
}

/** The README's hints by id for the help ladder (empty when the README does not compile or render). */
export function labHints(code: string | null, labId: string): ExtractedHint[] {
  if (code === null) return [];
  try {
    return extractHints(code);
  } catch (error) {
    console.error(`labs/${labId}/README: hints not extracted: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}
