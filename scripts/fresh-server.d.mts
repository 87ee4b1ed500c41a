export function freePort(): Promise<number>;
export function startFreshServer(options?: { env?: Record<string, string>; timeoutMs?: number }): Promise<{ base: string; dbFile: string; stop: () => Promise<void> }>;
