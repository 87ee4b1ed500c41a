import { isLocale, LOCALES } from '@/lib/i18n/locale';
import { buildSearchIndex } from '@/lib/search/build-index';

/**
 * The search dialog's index of one language (lib/search/build-index.ts), rendered once at build time
 * for each locale and served as a static file afterwards: the content only changes with a deploy.
 * Fetched by components/search/search-dialog.tsx the first time the dialog opens.
 */
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) return Response.json({ error: 'unknown language' }, { status: 404 });
  return Response.json(await buildSearchIndex(locale));
}
