import Link from 'next/link';
import { useTranslations } from 'next-intl';

/** One line pointing to the mistake notebook (on /progress and /review). */
export function MistakesEntry({ namespace = 'mistakes' }: { namespace?: 'mistakes' | 'review' }) {
  const t = useTranslations('mistakes');
  const r = useTranslations('review');
  const link = (c: React.ReactNode) => <Link href="/mistakes">{c}</Link>;
  return <p className="mistakes-entry">{namespace === 'review' ? r.rich('mistakesLink', { link }) : t.rich('entry', { link })}</p>;
}
