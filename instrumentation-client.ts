/**
 * Runs in the browser once the app's scripts have loaded, before React hydrates the page (Next's client
 * instrumentation hook). On a lab page Monaco is the slowest thing: its chunks are requested here, a few hundred
 * milliseconds before the lab workspace's module runs during hydration, so they are read (or downloaded) while the page
 * hydrates. loadMonaco keeps one promise per page: the workspace and the editor only join it.
 */
if (/^\/labs\/[^/]+\/?$/.test(window.location.pathname)) {
  void import('@/components/editor/monaco-setup').then(({ loadMonaco }) => loadMonaco(document.documentElement.lang)).catch(() => undefined);
  void import('@/components/editor/code-editor').catch(() => undefined);
}
