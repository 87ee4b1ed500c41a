// Stand-in for 'server-only' under vitest (the real module throws outside React server bundles).
export {};
