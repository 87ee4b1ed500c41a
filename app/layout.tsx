import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { SiteHeader } from '@/components/layout/site-header';
import { THEME_SCRIPT } from '@/components/layout/theme-toggle';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: { default: t('meta.title'), template: '%s · Dist-Sys Dojo' }, description: t('meta.description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1419' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations();
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <NextIntlClientProvider>
          <SiteHeader />
          <main id="main" className="site-main" tabIndex={-1}>
            {children}
          </main>
          <footer className="site-footer">
            <p>{t('footer')}</p>
          </footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
