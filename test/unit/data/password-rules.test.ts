import { describe, expect, it } from 'vitest';
import { HashGate, PasswordCheckBusyError } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-rules';

describe('password rules for new accounts', () => {
  it('refuses the name, a repeated character, common passwords and wrong lengths', () => {
    expect(passwordProblem('grace-hopper', 'grace-hopper')).toMatch(/not your username/);
    expect(passwordProblem('Grace-Hopper2024', 'grace-hopper')).toMatch(/not your username/);
    expect(passwordProblem('ada.lovelace!', 'ada.lovelace@example.com')).toMatch(/not your username or email/);
    expect(passwordProblem('aaaaaaaaaaaa', 'someone')).toMatch(/more than one or two different characters/);
    expect(passwordProblem('abababababab', 'someone')).toMatch(/more than one or two/);
    expect(passwordProblem('Password123', 'someone')).toMatch(/common passwords/);
    expect(passwordProblem('short', 'someone')).toMatch(/at least 10/);
    expect(passwordProblem('x'.repeat(199) + 'y!', 'someone')).toMatch(/at most 200/);
  });

  it('accepts an ordinary passphrase', () => {
    expect(passwordProblem('a long passphrase', 'grace')).toBeNull();
    expect(passwordProblem('correct horse battery', 'ada@example.com')).toBeNull();
  });
});

describe('the password-hashing gate', () => {
  it('runs at most `concurrency` checks at once, queues a few, and refuses the rest at once', async () => {
    const gate = new HashGate(2, 1);
    const releases: (() => void)[] = [];
    const work = () => new Promise<string>((resolve) => releases.push(() => resolve('done')));
    const running = [gate.run(work), gate.run(work)];
    const queued = gate.run(work);
    expect(gate.stats()).toEqual({ active: 2, waiting: 1 });
    await expect(gate.run(work)).rejects.toBeInstanceOf(PasswordCheckBusyError);
    releases.shift()!();
    await running[0];
    // The finished check handed its slot to the queued one.
    await Promise.resolve();
    expect(gate.stats()).toEqual({ active: 2, waiting: 0 });
    while (releases.length) releases.shift()!();
    await Promise.all([running[1], queued]);
    expect(gate.stats()).toEqual({ active: 0, waiting: 0 });
  });
});
