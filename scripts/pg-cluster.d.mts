export function defaultPgDirs(): string[];
export function findPgBin(env?: Partial<Record<string, string>>, dirs?: string[]): string | null;
export type PgCluster = { url: string; adminUrl: string; port: number; dir: string; stop: () => void };
export function startCluster(options?: { database?: string; bin?: string | null }): Promise<PgCluster>;
