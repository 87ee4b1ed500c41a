import { useFormatter, useLocale, useTranslations } from 'next-intl';
import type { CalendarDay } from '@/lib/data/progress';

const level = (n: number) => (n === 0 ? 0 : n < 3 ? 1 : n < 8 ? 2 : n < 15 ? 3 : 4);
const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);
/** A Monday (2024-01-01), the first row: weekday names come from Intl in the learner's language. */
const MONDAY = Date.UTC(2024, 0, 1);
const WEEKDAYS = Array.from({ length: 7 }, (_, d) => new Date(MONDAY + d * 86_400_000));

/**
 * The last weeks of activity as a table: one row per weekday, one column per week, so screen readers
 * can move by row and column, and each cell names its date and what was done.
 */
export function ActivityCalendar({ weeks, streak, activeDays }: { weeks: CalendarDay[][]; streak: { current: number; activeToday: boolean }; activeDays: number }) {
  const t = useTranslations('progress');
  const format = useFormatter();
  // Enumerations: "1 lesson, 2 answers" in English, 1 节课、2 道题 in Chinese.
  const separator = useLocale() === 'zh-CN' ? '、' : ', ';
  const date = (day: string) => format.dateTime(dateOf(day), { dateStyle: 'medium' });
  const describe = (d: CalendarDay): string => {
    if (d.count === 0) return t('calendar.noActivity', { day: date(d.day) });
    const parts = [
      d.lessons ? t('calendar.lessons', { count: d.lessons }) : '',
      d.answers ? t('calendar.answers', { count: d.answers }) : '',
      d.labs ? t('calendar.labs', { count: d.labs }) : '',
    ];
    return t('calendar.dayParts', { day: date(d.day), parts: parts.filter(Boolean).join(separator) });
  };
  const first = weeks[0]![0]!.day;
  const last = weeks.at(-1)!.filter((d) => !d.future).at(-1)!.day;
  const activeInRange = weeks.flat().filter((d) => d.count > 0).length;
  return (
    <figure className="calendar">
      <div className="calendar-scroll">
        <table className="calendar-grid">
          <caption className="sr-only">{t('calendar.caption', { first: date(first), last: date(last), count: activeInRange })}</caption>
          <thead>
            <tr>
              <td />
              {weeks.map((w, i) => (
                <th key={w[0]!.day} scope="col" className="month">
                  {i === 0 || w[0]!.day.slice(5, 7) !== weeks[i - 1]![0]!.day.slice(5, 7) ? (
                    <span>{format.dateTime(dateOf(w[0]!.day), { month: 'short' })}</span>
                  ) : (
                    <span className="sr-only">{t('calendar.weekOf', { day: date(w[0]!.day) })}</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((weekday, d) => (
              <tr key={d}>
                <th scope="row" className="weekday">
                  <span className={d % 2 === 0 ? '' : 'sr-only'}>{format.dateTime(weekday, { weekday: 'short' })}</span>
                </th>
                {weeks.map((w) => {
                  const day = w[d]!;
                  return day.future ? (
                    <td key={day.day} className="cell future" />
                  ) : (
                    <td key={day.day} className={`cell l${level(day.count)}`} title={describe(day)}>
                      <span className="sr-only">{describe(day)}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption>
        {streak.current > 0 ? (streak.activeToday ? t('calendar.streak', { count: streak.current }) : t('calendar.keepStreak', { count: streak.current })) : t('calendar.noStreak')} ·{' '}
        {t('calendar.activeTotal', { count: activeDays })}
        <span className="legend" aria-hidden="true">
          {t('calendar.less')} <i className="cell l0" /> <i className="cell l1" /> <i className="cell l2" /> <i className="cell l3" /> <i className="cell l4" /> {t('calendar.more')}
        </span>
      </figcaption>
    </figure>
  );
}
