import type { ChildProcess } from 'node:child_process';
import type { PgCluster } from './pg-cluster.mjs';

export function clusterUnavailable(): string | null;
export type AppCluster = {
  pg: PgCluster;
  urls: string[];
  servers: ChildProcess[];
  workers: ChildProcess[];
  env: Record<string, string | undefined>;
  addWorker: (extraEnv?: Record<string, string>) => Promise<ChildProcess>;
  killWorker: (i: number, signal?: NodeJS.Signals) => Promise<void>;
  logs: () => string;
  stop: () => Promise<void>;
};
export function startAppCluster(options?: {
  webServers?: number;
  workers?: number;
  env?: Record<string, string>;
  workerEnv?: Record<string, string>;
  workerNice?: number;
}): Promise<AppCluster>;
