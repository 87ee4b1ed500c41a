import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { THEME_SCRIPT } from '@/components/layout/theme-toggle';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Dist-Sys Dojo: distributed systems interview prep', template: '%s · Dist-Sys Dojo' },
  description: 'Lessons, quizzes and graded labs on CAP, BASE, Raft, caching, distributed IDs and rate limiting.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1419' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <SiteHeader />
        <main id="main" className="site-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Dist-Sys Dojo · lessons, quizzes and labs for distributed-systems interviews · every simulation is seeded and
            replayable
          </p>
        </footer>
      </body>
    </html>
  );
}
