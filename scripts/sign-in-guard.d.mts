export function isSignInAttempt(method: string | undefined, url: string | undefined, headers: Record<string, string | string[] | undefined>): boolean;
export class SignInGuard {
  constructor(options?: { capacity?: number; refillMs?: number; maxKeys?: number });
  take(key: string, nowMs: number): number;
}
