'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';

/** Shows the run's seed and lets the learner change it (applied on Enter, blur or the button). */
export function SeedField({ seed, onChange, label }: { seed: number; onChange: (seed: number) => void; label?: string }) {
  const t = useTranslations('widgets');
  const id = useId();
  const [draft, setDraft] = useState(String(seed));
  const [shown, setShown] = useState(seed);
  if (shown !== seed) {
    // The seed changed from outside (the ↻ button, a reset): show it.
    setShown(seed);
    setDraft(String(seed));
  }
  const commit = () => {
    const n = Number(draft);
    if (Number.isInteger(n) && n >= 0 && n <= 2 ** 31 - 1) {
      if (n !== seed) onChange(n);
    } else setDraft(String(seed));
  };
  return (
    <span className="wg-seed">
      <label htmlFor={id}>{label ?? t('seed.label')}</label>
      <input
        id={id}
        type="number"
        min={0}
        step={1}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <button type="button" onClick={() => onChange(seed + 1)} aria-label={t('seed.next')}>
        ↻
      </button>
    </span>
  );
}

/** One figure of a widget's summary; numbers are formatted for the learner's language. */
export function Stat({ label, value, tone, testId }: { label: string; value: string | number; tone?: 'ok' | 'bad' | 'warn'; testId?: string }) {
  const format = useFormatter();
  return (
    <div className="wg-stat" data-tone={tone}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{typeof value === 'number' ? format.number(value) : value}</dd>
    </div>
  );
}
