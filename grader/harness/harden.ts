/**
 * Hardens the sandbox's global environment before any lab or learner code runs:
 * - Math.random, Date and timers are replaced by the seeded PRNG and the virtual clock;
 * - globals that leak time, threads, memory outside the heap or the host are removed;
 * - Function.prototype.toString never returns source, so no function's code can be read back;
 * - every intrinsic reachable from the global object is frozen (prototype pollution throws in
 *   strict mode), with the classic "override mistake" properties (Error.prototype.name,
 *   Object.prototype.toString, ...) turned into accessors so ordinary assignments still work;
 * - errors carry no stack (Error.stackTraceLimit = 0, frozen): a stack would name the bundled
 *   suite's frames and lines to learner code that prints it.
 *
 * globalThis itself is frozen later, by freezeGlobal(), once the runner has removed its entry point.
 */
export interface DeterminismSource {
  random(): number;
  nowMs(): number;
}

export interface HardenOptions {
  source: DeterminismSource;
  timers: Record<string, (...args: unknown[]) => unknown>;
  console: Record<string, (...args: unknown[]) => void>;
}

const removedGlobals = [
  'SharedArrayBuffer', 'Atomics', 'WebAssembly', 'WeakRef', 'FinalizationRegistry', 'Intl', 'performance',
  'process', 'require', 'module', 'global', 'Buffer', 'fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts',
  'Deno', 'Bun', 'navigator', 'location', 'crypto',
  // A browser worker's (Run): storage and channels outlive the worker, so a Run could keep state for the next one.
  'indexedDB', 'caches', 'BroadcastChannel', 'EventSource', 'Worker', 'SharedWorker',
];

const overridable: ReadonlyArray<readonly [() => object, readonly string[]]> = [
  [() => Object.prototype, ['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']],
  [() => Function.prototype, ['toString', 'constructor']],
  [() => Array.prototype, ['toString']],
  [() => Error.prototype, ['name', 'message', 'toString', 'constructor']],
  ...[TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError].map((E) => [() => E.prototype, ['name', 'message', 'constructor']] as const),
];

const nativeCodeText = 'function () { [native code] }';

function defineHidden(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: false, enumerable: false, configurable: false });
}

// Only rarely-read properties: making hot methods (push, call, then) accessors would slow every call,
// and redefining Array.prototype.constructor or Promise.prototype.constructor would turn off V8's
// species fast paths (every splice, map and then would slow down).
/** Makes `proto[key] = v` on an inheriting object define an own property instead of failing once proto is frozen. */
function tameOverride(proto: object, key: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, key);
  if (!descriptor || !('value' in descriptor) || !descriptor.configurable) return;
  const value: unknown = descriptor.value;
  Object.defineProperty(proto, key, {
    get: function getter() {
      return value;
    },
    set: function setter(this: object, next: unknown) {
      if (this === proto) throw new TypeError(`Cannot assign to read only property '${key}' of a frozen intrinsic`);
      Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
    },
    enumerable: descriptor.enumerable,
    configurable: false,
  });
}

function virtualDate(source: DeterminismSource): DateConstructor {
  const RealDate = Date;
  function VirtualDate(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new RealDate(source.nowMs()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [source.nowMs()] : args, new.target);
  }
  Object.defineProperty(VirtualDate, 'prototype', { value: RealDate.prototype, writable: false });
  const now = () => source.nowMs();
  defineHidden(VirtualDate, 'now', now);
  defineHidden(VirtualDate, 'parse', RealDate.parse);
  defineHidden(VirtualDate, 'UTC', RealDate.UTC);
  // The real constructor stays reachable only through the prototype; make it answer virtual time too.
  Object.defineProperty(RealDate, 'now', { value: now, writable: false, configurable: false });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  return VirtualDate as unknown as DateConstructor;
}

/** Intrinsics not reachable as global properties. */
function hiddenIntrinsics(): unknown[] {
  const proto = Object.getPrototypeOf;
  return [
    proto(function* generator() {}),
    proto(async function asyncFn() {}),
    proto(async function* asyncGenerator() {}),
    proto(proto(async function* asyncGenerator() {}.prototype)),
    proto(Uint8Array),
    proto([][Symbol.iterator]()),
    proto(new Map()[Symbol.iterator]()),
    proto(new Set()[Symbol.iterator]()),
    proto(''[Symbol.iterator]()),
    proto('a'.matchAll(/a/g)),
    proto(proto([][Symbol.iterator]())),
    Object.getOwnPropertyDescriptor(Function.prototype, 'caller')?.get,
  ];
}

export function deepFreeze(roots: unknown[]): void {
  const seen = new Set<unknown>();
  const pending = roots.slice();
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
    seen.add(value);
    Object.freeze(value);
    pending.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor) continue;
      if ('value' in descriptor) pending.push(descriptor.value);
      else pending.push(descriptor.get, descriptor.set);
    }
  }
}

export function harden(options: HardenOptions): void {
  const global = globalThis as Record<string, unknown>;
  for (const name of removedGlobals) {
    try {
      delete global[name];
    } catch {
      // A non-configurable host global: shadowing it below is the best we can do.
    }
    if (name in global) {
      try {
        Object.defineProperty(global, name, { value: undefined, writable: false, configurable: false });
      } catch {
        // Neither deletable nor redefinable: nothing more can be done from inside the sandbox.
      }
    }
  }

  Object.defineProperty(Math, 'random', { value: () => options.source.random(), writable: false, configurable: false });
  (Error as { stackTraceLimit?: number }).stackTraceLimit = 0;
  Object.defineProperty(global, 'Date', { value: virtualDate(options.source), writable: false, enumerable: false, configurable: false });
  for (const [name, fn] of Object.entries(options.timers)) defineHidden(global, name, Object.freeze(fn));
  defineHidden(global, 'console', Object.freeze({ ...options.console }));

  const toString = function toString() {
    return nativeCodeText;
  };
  Object.defineProperty(Function.prototype, 'toString', { value: toString, writable: false, configurable: true });

  for (const [proto, keys] of overridable) for (const key of keys) tameOverride(proto(), key);

  const roots: unknown[] = hiddenIntrinsics();
  for (const key of Reflect.ownKeys(global)) {
    if (key === 'globalThis') continue;
    const descriptor = Object.getOwnPropertyDescriptor(global, key);
    if (descriptor && 'value' in descriptor && descriptor.value !== globalThis) roots.push(descriptor.value);
  }
  deepFreeze(roots);
}

/** Freezes the global object itself: after this, learner code cannot add, replace or delete globals. */
export function freezeGlobal(): void {
  Object.freeze(globalThis);
}
