import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { Viewer } from '@/lib/data/types';
import type { Locale } from '@/lib/i18n/locale';
import { unlockedWalkthroughs } from '@/lib/labs/walkthrough';

/** /progress: the labs whose walkthrough the learner unlocked, when and why (nothing when none). */
export async function WalkthroughUnlocks({ viewer }: { viewer: Viewer }) {
  const locale = ((await getLocale()) === 'zh-CN' ? 'zh-CN' : 'en') as Locale;
  const unlocks = await unlockedWalkthroughs(viewer, locale);
  if (unlocks.length === 0) return null;
  const t = await getTranslations('help');
  const format = await getFormatter();
  return (
    <section className="walkthrough-unlocks" aria-labelledby="walkthroughs" data-testid="walkthrough-unlocks">
      <h2 id="walkthroughs">{t('progress.title')}</h2>
      <p className="muted">{t('progress.lead')}</p>
      <ul className="walkthrough-unlock-list">
        {unlocks.map((u) => (
          <li key={u.labId} data-lab={u.labId}>
            <Link href={`/labs/${u.labId}`}>{u.title}</Link>{' '}
            <span className="muted">
              {t('progress.row', {
                when: format.dateTime(u.unlockedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
                why: u.reason === 'requested' ? t('progress.requested') : t('progress.failures', { count: u.threshold }),
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
