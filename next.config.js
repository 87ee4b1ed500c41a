// @ts-check
const isDev = process.env.NODE_ENV === 'development';

/**
 * Content-Security-Policy: everything from this origin only. Next's inline bootstrap scripts and
 * React's style attributes need 'unsafe-inline'; the dev server's hot reload also needs eval and a
 * websocket. Monaco's workers are same-origin module workers.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A second build folder lets two builds of different trees coexist on one machine (NEXT_DIST_DIR=.next-b).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (npm run typecheck) before anything builds; checking again
  // inside `next build` would double the build time and make a half-written lab block every page.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['better-sqlite3', 'isolated-vm', 'esbuild', 'quickjs-emscripten', 'shiki'],
  turbopack: {
    resolveAlias: {
      // Monaco's language worker managers import this module, which registers every editor contribution the lab's
      // lighter Monaco leaves out (components/editor/monaco-lite.ts): the same export without them.
      '../../../internal/common/workers.js': './components/editor/monaco-workers.ts',
    },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: csp },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

// next-intl without i18n routing: the locale comes from a cookie or Accept-Language (lib/i18n/request.ts).
// This config is CommonJS (Next loads next.config.js with require), so the plugin comes in the same way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createNextIntlPlugin = require('next-intl/plugin');
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

module.exports = withNextIntl(nextConfig);
