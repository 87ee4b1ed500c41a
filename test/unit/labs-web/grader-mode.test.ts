import { describe, expect, it } from 'vitest';
import { graderMode, RemoteQueue } from '@/lib/labs/grading';

describe('GRADER', () => {
  it('is local by default and remote on request; anything else is refused with the accepted values', () => {
    expect(graderMode({})).toBe('local');
    expect(graderMode({ GRADER: 'local' })).toBe('local');
    expect(graderMode({ GRADER: ' Remote ' })).toBe('remote');
    expect(() => graderMode({ GRADER: 'elsewhere' })).toThrow(/"local".*"remote"/);
  });

  it('remote: the web server queue grades nothing and reports no local position', async () => {
    const queue = new RemoteQueue();
    queue.enqueue();
    expect(queue.has()).toBe(false);
    expect(queue.position()).toBeNull();
    expect(queue.stats()).toEqual({ pending: 0, active: 0 });
    await expect(queue.sweep()).resolves.toBeUndefined();
    await expect(queue.idle()).resolves.toBeUndefined();
  });
});
