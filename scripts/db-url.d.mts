import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
export function databaseUrl(env?: NodeJS.ProcessEnv): string;
export function databaseFile(env?: NodeJS.ProcessEnv): string;
export function withShadowScriptFix<T extends SqlMigrationAwareDriverAdapterFactory>(factory: T): T;
