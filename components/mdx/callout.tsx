import type { ReactNode } from 'react';

const LABELS = { note: 'Note', tip: 'Tip', warning: 'Warning', trap: 'Interview trap' } as const;
const ICONS = { note: 'ℹ', tip: '✦', warning: '⚠', trap: '⚑' } as const;

export type CalloutKind = keyof typeof LABELS;

export function Callout({ kind = 'note', title, children }: { kind?: CalloutKind; title?: string; children?: ReactNode }) {
  const k: CalloutKind = kind in LABELS ? kind : 'note';
  return (
    <aside className={`callout callout-${k}`} role="note" aria-label={title ?? LABELS[k]}>
      <p className="callout-title">
        <span aria-hidden="true">{ICONS[k]}</span> {title ?? LABELS[k]}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
