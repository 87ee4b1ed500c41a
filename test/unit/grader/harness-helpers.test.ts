import { describe, expect as vExpect, it } from 'vitest';
import { describeThrown, describeValue } from '@/grader/harness/describe-value';
import { AssertionError, expect, fail } from '@/grader/harness/expect';
import { OutputCapture } from '@/grader/harness/output-capture';
import { VirtualTimers } from '@/grader/harness/virtual-timers';

describe('describeValue', () => {
  it('describes hostile values without throwing', () => {
    const throwingProxy = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); }, getPrototypeOf: () => { throw new Error('boom'); } });
    vExpect(describeValue(throwingProxy)).toBe('[a value that could not be described]');
    const getter = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } });
    vExpect(describeValue(getter)).toBe('[a value that could not be described]');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    vExpect(describeValue(cyclic)).toBe('{a: 1, self: [circular]}');
    vExpect(describeValue('x'.repeat(10_000), 50)).toHaveLength(50);
    vExpect(describeValue([1, 'a', null, undefined, 2n, -0])).toBe('[1, "a", null, undefined, 2n, -0]');
  });

  it('labels thrown non-Errors', () => {
    vExpect(describeThrown(new TypeError('bad'))).toBe('TypeError: bad');
    vExpect(describeThrown(42)).toBe('a non-Error value was thrown: 42');
    vExpect(describeThrown(undefined)).toBe('a non-Error value was thrown: undefined');
  });
});

describe('expect', () => {
  it('passes and fails with readable messages', () => {
    expect({ a: [1, new Map([[1, 2]])] }).toEqual({ a: [1, new Map([[1, 2]])] });
    expect(3).not.toBe(4);
    expect([1, 2]).toContain(2);
    expect(() => { throw new Error('nope'); }).toThrow('nope');
    vExpect(() => expect(3, 'after heal').toBe(4)).toThrow(new AssertionError('after heal: expected 3 to be 4'));
    vExpect(() => expect({ a: 1 }).toEqual({ a: 2 })).toThrow('expected {a: 1} to equal {a: 2}');
    vExpect(() => expect(5).toBeLessThanOrEqual(3)).toThrow('expected 5 to be ≤ 3');
    vExpect(() => expect('5').toBeLessThan(3)).toThrow('expected a number');
    vExpect(() => expect(() => undefined).toThrow()).toThrow('expected the call to throw');
  });

  it('fail() reports exactly the lab author\'s message', () => {
    vExpect(() => fail('duplicate id 42 from worker 7 (seed 17)')).toThrow(new AssertionError('duplicate id 42 from worker 7 (seed 17)'));
  });
});

describe('OutputCapture', () => {
  it('caps output per test and says so', () => {
    const capture = new OutputCapture(20);
    capture.begin();
    const log = capture.console().log!;
    for (let i = 0; i < 1000; i++) log('line', i);
    const output = capture.end();
    vExpect(output?.startsWith('line 0\nline 1\nline 2')).toBe(true);
    vExpect(output).toContain('output truncated at 20 characters');
    capture.begin();
    vExpect(capture.end()).toBeUndefined();
  });
});

describe('VirtualTimers', () => {
  it('fires timers in due order, ties by creation, and advances the clock', () => {
    const timers = new VirtualTimers();
    const fired: string[] = [];
    const g = timers.globals();
    g.setTimeout!(() => fired.push(`b@${timers.nowMs()}`), 20);
    g.setTimeout!(() => fired.push(`a@${timers.nowMs()}`), 10);
    g.setTimeout!(() => fired.push(`c@${timers.nowMs()}`), 20);
    const cancelled = g.setTimeout!(() => fired.push('never'), 5);
    g.clearTimeout!(cancelled);
    while (timers.fireNext());
    vExpect(fired).toEqual(['a@10', 'b@20', 'c@20']);
  });

  it('repeats intervals until cleared and refuses non-functions', () => {
    const timers = new VirtualTimers();
    const g = timers.globals();
    let count = 0;
    const id = g.setInterval!(() => { if (++count === 3) g.clearInterval!(id); }, 7);
    while (timers.fireNext());
    vExpect([count, timers.nowMs()]).toEqual([3, 21]);
    vExpect(() => g.setTimeout!('code string', 1)).toThrow(TypeError);
  });
});
