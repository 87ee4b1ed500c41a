'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';

export interface NavItem {
  href: string;
  label: string;
  /** Secondary links leave the row first (into the menu) when the header gets narrow. */
  tier: 'primary' | 'secondary';
}

const isCurrent = (pathname: string | null, href: string) => (href === '/' ? pathname === '/' : pathname === href || !!pathname?.startsWith(href + '/'));

/**
 * The header's links: a row on wide screens; on narrower ones the secondary links, and on phones all
 * of them, move behind a disclosure button (aria-expanded/aria-controls; Escape or a click outside
 * closes it and Escape returns focus to the button). Which links show where is CSS (app/globals.css,
 * "Header"), so the server-rendered page is laid out before hydration.
 */
export function NavMenu({ items, menuLabel, moreLabel }: { items: readonly NavItem[]; menuLabel: string; moreLabel: string }) {
  const pathname = usePathname();
  // Open on the page where it was opened: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn !== null && openOn === pathname;
  const panelId = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenOn(null);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpenOn(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const link = (item: NavItem) => (
    <li key={item.href} className={`nav-${item.tier}`}>
      <Link href={item.href} aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}>
        {item.label}
      </Link>
    </li>
  );

  return (
    <>
      <ul className="nav-list">{items.map(link)}</ul>
      <div className="nav-menu" ref={wrap}>
        <button ref={button} type="button" className="nav-menu-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpenOn(open ? null : pathname)}>
          <span className="nav-menu-icon" aria-hidden="true">
            {open ? '✕' : '☰'}
          </span>
          <span className="nav-menu-label-narrow">{menuLabel}</span>
          <span className="nav-menu-label-medium">{moreLabel}</span>
        </button>
        <ul id={panelId} className="nav-menu-panel" hidden={!open}>
          {items.map(link)}
        </ul>
      </div>
    </>
  );
}
