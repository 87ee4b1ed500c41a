// Preloaded with --require into Prisma CLI runs: the WASM schema engine leaves a long timer pending
// after the command has finished, which keeps the process alive for about a minute. Long timers are
// unref'd so the process exits when its work is done.
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const timer = original(fn, ms, ...args);
  if (typeof ms === 'number' && ms >= 5000 && timer && typeof timer.unref === 'function') timer.unref();
  return timer;
};
