import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
export type DatabaseKind = 'sqlite' | 'postgresql';
export const schemaPaths: Record<DatabaseKind, { schema: string; migrations: string }>;
export function databaseKind(url: string): DatabaseKind;
export function databaseUrl(env?: Partial<Record<string, string>>): string;
export function databaseFile(env?: Partial<Record<string, string>>): string;
export function redactedUrl(url: string): string;
export function withShadowScriptFix<T extends SqlMigrationAwareDriverAdapterFactory>(factory: T): T;
export function withPgCatalogTypes<T extends SqlMigrationAwareDriverAdapterFactory>(factory: T): T;
