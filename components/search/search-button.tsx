'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ComponentType } from 'react';
import { useHydrated } from '@/components/hooks/use-hydrated';
import type { SearchDialogProps } from './search-dialog';
import './search-button.css';

/** Ctrl+K, or ⌘K on a Mac; not while typing in the code editor, where Ctrl+K starts Monaco's chords. */
export function isSearchShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'defaultPrevented'>, target?: EventTarget | null): boolean {
  if (e.defaultPrevented || e.altKey || e.shiftKey || !(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'k') return false;
  const el = target as { closest?: (selector: string) => unknown } | null | undefined;
  return !el?.closest?.('.monaco-editor');
}

const noSubscription = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The header's search button and the Ctrl+K / ⌘K shortcut. Only this small component is in every
 * page's JavaScript: the dialog, MiniSearch and the index are loaded the first time it opens.
 */
export function SearchButton() {
  const t = useTranslations('search');
  const [open, setOpen] = useState(false);
  const [Dialog, setDialog] = useState<ComponentType<SearchDialogProps> | null>(null);
  const mac = useSyncExternalStore(noSubscription, isApple, () => false);
  const button = useRef<HTMLButtonElement>(null);
  // Marks the button once React handles it (tests wait for it: a click before hydration does nothing).
  const hydrated = useHydrated();

  const show = useCallback(() => {
    setOpen(true);
    import('./search-dialog').then(
      (m) => setDialog(() => m.SearchDialog),
      () => setOpen(false),
    );
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSearchShortcut(e, e.target)) return;
      e.preventDefault();
      show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);

  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);

  return (
    <>
      <button ref={button} type="button" className="search-trigger" data-ready={hydrated ? 'true' : undefined} onClick={show} aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K" title={t('buttonLabel')}>
        <svg className="search-trigger-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M12.6 12.6 17 17" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="search-trigger-label">{t('button')}</span>
        <kbd className="search-trigger-keys" aria-hidden="true">
          {mac ? '⌘K' : 'Ctrl K'}
        </kbd>
      </button>
      {open && Dialog ? <Dialog onClose={close} /> : null}
    </>
  );
}
