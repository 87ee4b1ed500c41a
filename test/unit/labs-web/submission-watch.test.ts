import { describe, expect, it, vi } from 'vitest';
import { SubmissionWatch } from '@/lib/labs/submission-watch';
import type { SubmissionState, SubmissionStatus } from '@/lib/labs/lab-records';

/** The long-poll watcher behind GET /api/submissions/[id]?wait= (issue 14: no client can stall the server). */
describe('SubmissionWatch', () => {
  const make = (statuses: Map<string, SubmissionStatus>, extra: Partial<ConstructorParameters<typeof SubmissionWatch>[0]> = {}) => {
    const queries: string[][] = [];
    const done = new Map<string, number>();
    const watch = new SubmissionWatch({
      statusesOf: async (ids) => {
        queries.push([...ids]);
        return new Map<string, SubmissionState>([...statuses].filter(([id]) => ids.includes(id)).map(([id, status]) => [id, { status, done: done.get(id) ?? null }]));
      },
      intervalMs: 5,
      ...extra,
    });
    return { watch, queries, done };
  };
  const req = (id: string, clientKey = 'a', knownStatus: SubmissionStatus = 'queued', timeoutMs = 60_000) => ({ id, clientKey, knownStatus, knownPosition: null, timeoutMs });

  it('checks every waited-on submission with one query per pass and wakes only those that changed', async () => {
    const statuses = new Map<string, SubmissionStatus>([['s1', 'queued'], ['s2', 'queued']]);
    const { watch, queries } = make(statuses);
    const w1 = watch.wait(req('s1', 'a'));
    const w2 = watch.wait(req('s2', 'b'));
    const w3 = watch.wait(req('s2', 'c'));
    await watch.check();
    expect(queries.at(-1)!.sort()).toEqual(['s1', 's2']);
    expect(watch.waiting).toBe(3);
    statuses.set('s2', 'running');
    await watch.check();
    expect(await w2).toBe('changed');
    expect(await w3).toBe('changed');
    expect(watch.waiting).toBe(1);
    statuses.delete('s1'); // deleted with its learner: the browser gets its 404 at once
    await watch.check();
    expect(await w1).toBe('changed');
  });

  it('a poke checks at once instead of at the next interval (this process just changed a submission)', async () => {
    const statuses = new Map<string, SubmissionStatus>([['s1', 'running']]);
    const { watch, queries } = make(statuses, { intervalMs: 60_000 });
    const waiting = watch.wait(req('s1', 'a', 'running'));
    expect(queries.length).toBe(0);
    statuses.set('s1', 'passed');
    watch.poke();
    expect(await waiting).toBe('changed');
    expect(queries.length).toBe(1);
    // With nobody waiting a poke costs nothing.
    watch.poke();
    expect(queries.length).toBe(1);
  });

  it('wakes a waiter when more tests have finished than it has seen', async () => {
    const { watch, done } = make(new Map([['s1', 'running']]));
    const before = watch.wait({ ...req('s1', 'a', 'running'), knownDone: null });
    await watch.check();
    expect(watch.waiting).toBe(1);
    done.set('s1', 3);
    await watch.check();
    expect(await before).toBe('changed');
    const seen = watch.wait({ ...req('s1', 'a', 'running'), knownDone: 3 });
    await watch.check();
    expect(watch.waiting).toBe(1);
    done.set('s1', 9);
    await watch.check();
    expect(await seen).toBe('changed');
  });

  it('wakes a waiter when its queue position moves, and times out an unchanged one', async () => {
    let position = 3;
    const { watch } = make(new Map([['s1', 'queued']]), { positionOf: () => position });
    const moved = watch.wait({ ...req('s1'), knownPosition: 3 });
    await watch.check();
    expect(watch.waiting).toBe(1);
    position = 2;
    await watch.check();
    expect(await moved).toBe('changed');
    expect(await watch.wait(req('s1', 'a', 'queued', 1))).toBe('timeout');
  });

  it('bounds waits per client and in all, ends on abort, and survives a failing query', async () => {
    const { watch } = make(new Map([['s1', 'queued']]), { maxWaiters: 5, maxWaitersPerClient: 2 });
    const a = [watch.wait(req('s1', 'a')), watch.wait(req('s1', 'a'))];
    expect(await watch.wait(req('s1', 'a'))).toBe('no-room');
    const ctl = new AbortController();
    const b = watch.wait({ ...req('s1', 'b'), signal: ctl.signal });
    watch.wait(req('s1', 'c'));
    watch.wait(req('s1', 'd'));
    expect(watch.waiting).toBe(5);
    expect(await watch.wait(req('s1', 'e'))).toBe('no-room');
    ctl.abort();
    expect(await b).toBe('aborted');
    expect(watch.waiting).toBe(4);
    expect(await watch.wait({ ...req('s1', 'f'), signal: AbortSignal.abort() })).toBe('aborted');

    const failing = new SubmissionWatch({ statusesOf: async () => Promise.reject(new Error('database gone')), intervalMs: 5 });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const w = failing.wait(req('s1', 'a', 'queued', 30));
    await failing.check();
    expect(log).toHaveBeenCalled();
    expect(await w).toBe('timeout');
    log.mockRestore();
    void a;
  });
});

describe('longPollQuery and sameProgress (the browser\'s and the scale bench\'s side of the long poll)', () => {
  it('names what was seen, and tells an unchanged answer from a changed one', async () => {
    const { longPollQuery, sameProgress } = await import('@/lib/labs/submission-view');
    expect(longPollQuery(null)).toBe('');
    expect(longPollQuery({ status: 'queued', queuePosition: 3 })).toBe('?wait=20&status=queued&position=3');
    expect(longPollQuery({ status: 'running', progress: { done: 7, total: 9 } })).toBe('?wait=20&status=running&done=7');
    const seen = { status: 'running' as const, progress: { done: 7, total: 9 } };
    expect(sameProgress(null, seen)).toBe(false);
    expect(sameProgress(seen, { status: 'running', progress: { done: 7, total: 9, current: 'x' } })).toBe(true);
    expect(sameProgress(seen, { status: 'running', progress: { done: 8, total: 9 } })).toBe(false);
    expect(sameProgress({ status: 'queued', queuePosition: 2 }, { status: 'queued', queuePosition: 1 })).toBe(false);
  });
});
