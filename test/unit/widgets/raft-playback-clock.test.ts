import { describe, expect, it } from 'vitest';
import { advanceVirtualMs, MAX_FRAME_GAP_MS, PlaybackClock, VIRTUAL_MS_PER_REAL_MS } from '@/components/widgets/raft/playback-clock';

/** A real clock the test moves by hand. */
function fakeNow() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the Raft playground playback clock (speed maths)', () => {
  it('1× is real time: one virtual ms per real ms', () => {
    expect(VIRTUAL_MS_PER_REAL_MS).toBe(1);
    expect(advanceVirtualMs(0, 16, 1, Infinity)).toBe(16);
    expect(advanceVirtualMs(500, 100, 1, Infinity)).toBe(600);
  });

  it('speed scales linearly, and the run end caps it', () => {
    expect(advanceVirtualMs(0, 100, 0.1, Infinity)).toBeCloseTo(10);
    expect(advanceVirtualMs(0, 100, 2, Infinity)).toBe(200);
    expect(advanceVirtualMs(0, 100, 10, Infinity)).toBe(1000);
    expect(advanceVirtualMs(950, 100, 1, 1000)).toBe(1000);
    expect(advanceVirtualMs(100, -5, 1, Infinity)).toBe(100);
  });

  it('a second of 60 Hz frames at 1× advances one virtual second', () => {
    const real = fakeNow();
    const clock = new PlaybackClock(real.now);
    clock.play();
    for (let i = 0; i < 60; i++) {
      real.advance(1000 / 60);
      clock.frame(1);
    }
    expect(clock.timeMs).toBeCloseTo(1000, 6);
  });

  it('uneven frames lose nothing: the total is the real time elapsed × speed', () => {
    const real = fakeNow();
    const clock = new PlaybackClock(real.now);
    clock.play();
    const gaps = [3, 40, 16, 90, 7, 120, 33, 16, 16, 200];
    for (const g of gaps) {
      real.advance(g);
      clock.frame(4);
    }
    expect(clock.timeMs).toBe(gaps.reduce((a, b) => a + b, 0) * 4);
  });

  it('frames that run before the UI caught up still count (the old loop added each frame to a stale render value)', () => {
    const real = fakeNow();
    const clock = new PlaybackClock(real.now);
    clock.play();
    // Three frames fire; nobody reads the clock in between (React has not re-rendered).
    for (let i = 0; i < 3; i++) {
      real.advance(16);
      clock.frame(1);
    }
    expect(clock.timeMs).toBe(48);
  });

  it('a long gap (a background tab) counts at most MAX_FRAME_GAP_MS', () => {
    const real = fakeNow();
    const clock = new PlaybackClock(real.now);
    clock.play();
    real.advance(60_000);
    clock.frame(1);
    expect(clock.timeMs).toBe(MAX_FRAME_GAP_MS);
  });

  it('pausing stops the count; changing speed applies from the next frame; seeking restarts from the new time', () => {
    const real = fakeNow();
    const clock = new PlaybackClock(real.now, 5_000);
    clock.play();
    real.advance(100);
    clock.frame(1);
    clock.pause();
    real.advance(1_000);
    expect(clock.frame(1)).toBe(100);
    clock.play();
    real.advance(100);
    clock.frame(0.5);
    expect(clock.timeMs).toBe(150);
    real.advance(30);
    clock.seek(2_000);
    real.advance(10);
    expect(clock.frame(1)).toBe(2_010);
    clock.seek(9_999);
    expect(clock.timeMs).toBe(5_000);
    expect(clock.atEnd).toBe(true);
  });
});
