import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';

const LABELS = { note: 'Note', tip: 'Tip', warning: 'Warning', trap: 'Interview trap' } as const;
const ICONS = { note: 'ℹ', tip: '✦', warning: '⚠', trap: '⚑' } as const;

export type CalloutKind = keyof typeof LABELS;

export function Callout({ kind = 'note', title, children }: { kind?: CalloutKind; title?: string; children?: ReactNode }) {
  const t = useTranslations('mdx');
  const k: CalloutKind = kind in LABELS ? kind : 'note';
  const label = title ?? t(k);
  return (
    <aside className={`callout callout-${k}`} role="note" aria-label={label}>
      <p className="callout-title">
        <span aria-hidden="true">{ICONS[k]}</span> {label}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
