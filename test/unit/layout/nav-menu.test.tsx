// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

let pathname = '/learn/raft';
vi.mock('next/navigation', () => ({ usePathname: () => pathname }));

const { NavMenu } = await import('@/components/layout/nav-menu');

const ITEMS = [
  { href: '/', label: 'Topics', tier: 'primary' },
  { href: '/labs', label: 'Labs', tier: 'primary' },
  { href: '/interview', label: 'Interview', tier: 'secondary' },
  { href: '/glossary', label: 'Glossary', tier: 'secondary' },
] as const;

afterEach(() => {
  cleanup();
  pathname = '/learn/raft';
});

const menu = () => <NavMenu items={ITEMS} menuLabel="Menu" moreLabel="More" />;

describe('<NavMenu> (the header disclosure)', () => {
  it('is a button that controls a list of the links, closed at first', () => {
    render(menu());
    const button = screen.getByRole('button');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const panel = document.getElementById(button.getAttribute('aria-controls')!)!;
    expect(panel.hidden).toBe(true);
    expect(panel.querySelectorAll('a')).toHaveLength(4);
    // Both lists carry the tier, so CSS decides what shows in the row and what in the menu.
    expect([...panel.querySelectorAll('li')].map((li) => li.className)).toEqual(['nav-primary', 'nav-primary', 'nav-secondary', 'nav-secondary']);
    expect(button.textContent).toContain('Menu');
    expect(button.textContent).toContain('More');
  });

  it('opens on click, closes on Escape and gives focus back to the button', () => {
    render(menu());
    const button = screen.getByRole('button');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(button.getAttribute('aria-controls')!)!.hidden).toBe(false);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('closes on a click outside, and when the page changes', () => {
    const { rerender } = render(
      <div>
        <p>outside</p>
        {menu()}
      </div>,
    );
    const button = screen.getByRole('button');
    fireEvent.click(button);
    fireEvent.pointerDown(screen.getByText('outside'));
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    pathname = '/labs';
    act(() => rerender(<div>{menu()}</div>));
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('false');
  });

  it('marks the current section with aria-current', () => {
    pathname = '/labs/raft-election';
    render(menu());
    const current = document.querySelectorAll('a[aria-current="page"]');
    expect([...current].map((a) => a.getAttribute('href'))).toEqual(['/labs', '/labs']);
  });
});
