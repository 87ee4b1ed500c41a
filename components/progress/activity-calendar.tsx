import type { CalendarDay } from '@/lib/data/progress';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const level = (n: number) => (n === 0 ? 0 : n < 3 ? 1 : n < 8 ? 2 : n < 15 ? 3 : 4);
function describe(d: CalendarDay): string {
  if (d.count === 0) return `${d.day}: no activity`;
  const parts = [d.lessons ? `${d.lessons} lesson${d.lessons === 1 ? '' : 's'}` : '', d.answers ? `${d.answers} answer${d.answers === 1 ? '' : 's'}` : '', d.labs ? `${d.labs} lab run${d.labs === 1 ? '' : 's'}` : ''];
  return `${d.day}: ${parts.filter(Boolean).join(', ')}`;
}

/**
 * The last weeks of activity as a table: one row per weekday, one column per week, so screen readers
 * can move by row and column, and each cell names its date and what was done.
 */
export function ActivityCalendar({ weeks, streak, activeDays }: { weeks: CalendarDay[][]; streak: { current: number; activeToday: boolean }; activeDays: number }) {
  const first = weeks[0]![0]!.day;
  const last = weeks.at(-1)!.filter((d) => !d.future).at(-1)!.day;
  const activeInRange = weeks.flat().filter((d) => d.count > 0).length;
  return (
    <figure className="calendar">
      <div className="calendar-scroll">
        <table className="calendar-grid">
          <caption className="sr-only">
            Activity from {first} to {last}: {activeInRange} active days.
          </caption>
          <thead>
            <tr>
              <td />
              {weeks.map((w, i) => (
                <th key={w[0]!.day} scope="col" className="month">
                  {i === 0 || w[0]!.day.slice(5, 7) !== weeks[i - 1]![0]!.day.slice(5, 7) ? <span>{new Date(`${w[0]!.day}T00:00:00Z`).toLocaleString('en', { month: 'short', timeZone: 'UTC' })}</span> : <span className="sr-only">week of {w[0]!.day}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DAY_NAMES.map((name, d) => (
              <tr key={name}>
                <th scope="row" className="weekday">
                  <span className={d % 2 === 0 ? '' : 'sr-only'}>{name}</span>
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
        {streak.current > 0 ? `${streak.current}-day streak${streak.activeToday ? '' : ' (study today to keep it)'}` : 'No current streak'} · {activeDays} active{' '}
        {activeDays === 1 ? 'day' : 'days'} in total
        <span className="legend" aria-hidden="true">
          Less <i className="cell l0" /> <i className="cell l1" /> <i className="cell l2" /> <i className="cell l3" /> <i className="cell l4" /> More
        </span>
      </figcaption>
    </figure>
  );
}
