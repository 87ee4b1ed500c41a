export function assertWritable(file: string): void;
export function describePgError(error: unknown, url: string): string | null;
export function migrate(options?: { quiet?: boolean }): Promise<string>;
