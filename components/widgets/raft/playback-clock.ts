/**
 * The Raft playground's playback clock: turns real time into the simulation's virtual time.
 *
 * 1× is real time: one virtual millisecond per real millisecond (the speed menu offers slower rates
 * to follow single messages). The virtual time lives here, not in React state: the frame loop used to
 * add each frame's real time to the `displayMs` of the last render, so every animation frame that
 * fired before React committed the previous update added its time to a stale value and lost it (and
 * the clock also ran at a tenth of its label). Reading and writing one clock per frame loses nothing.
 *
 * The real clock is injected (`performance.now` in the browser, a counter in tests).
 */

/** Virtual milliseconds per real millisecond at 1×. */
export const VIRTUAL_MS_PER_REAL_MS = 1;
/** The longest real gap one frame may count (a background tab that comes back does not leap ahead). */
export const MAX_FRAME_GAP_MS = 250;

/** Virtual time after `realMs` of real time at `speed`, from `fromMs`, never past `limitMs`. */
export function advanceVirtualMs(fromMs: number, realMs: number, speed: number, limitMs: number): number {
  const gap = Math.min(Math.max(0, realMs), MAX_FRAME_GAP_MS);
  return Math.min(limitMs, fromMs + gap * VIRTUAL_MS_PER_REAL_MS * speed);
}

export class PlaybackClock {
  private virtualMs = 0;
  private lastRealMs: number | null = null;

  constructor(
    private readonly now: () => number,
    /** Where playback stops on its own (the end of the run). */
    private readonly limitMs: number = Number.POSITIVE_INFINITY,
  ) {}

  /** The current virtual time. */
  get timeMs(): number {
    return this.virtualMs;
  }

  /** Jump to `ms` (scrubbing, acting, a reset); real time before this moment is not counted. */
  seek(ms: number): void {
    this.virtualMs = Math.min(this.limitMs, Math.max(0, ms));
    if (this.lastRealMs !== null) this.lastRealMs = this.now();
  }

  /** Start counting real time from now. */
  play(): void {
    this.lastRealMs = this.now();
  }

  /** Stop counting (time while paused is not counted). */
  pause(): void {
    this.lastRealMs = null;
  }

  get playing(): boolean {
    return this.lastRealMs !== null;
  }

  /** Called once per animation frame: counts the real time since the last frame at `speed`; returns the new virtual time. */
  frame(speed: number): number {
    if (this.lastRealMs === null) return this.virtualMs;
    const real = this.now();
    this.virtualMs = advanceVirtualMs(this.virtualMs, real - this.lastRealMs, speed, this.limitMs);
    this.lastRealMs = real;
    return this.virtualMs;
  }

  /** Whether playback reached its end. */
  get atEnd(): boolean {
    return this.virtualMs >= this.limitMs;
  }
}
