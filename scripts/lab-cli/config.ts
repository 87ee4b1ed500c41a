/**
 * Where the CLI keeps its login and how it finds the repo's labs.
 *   ~/.config/dojo-lab/config.json (or $XDG_CONFIG_HOME/dojo-lab, or the file $DOJO_LAB_CONFIG names):
 *   { server, token }, written with mode 0600. DOJO_LAB_SERVER / DOJO_LAB_TOKEN override it.
 *   <dir>/.dojo-lab.json, written by `init`: { labId }.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CliError } from './errors';
import type { Env } from './style';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LABS_DIR = path.join(REPO_ROOT, 'labs');
export const DEFAULT_SERVER = 'http://localhost:3000';
export const LAB_MARKER = '.dojo-lab.json';

const configSchema = z.object({ server: z.string().optional(), token: z.string().optional() });
export type CliConfig = z.infer<typeof configSchema>;

export function configPath(env: Env = process.env): string {
  if (env.DOJO_LAB_CONFIG) return path.resolve(env.DOJO_LAB_CONFIG);
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'dojo-lab', 'config.json');
}

export function readConfig(env: Env = process.env): CliConfig {
  const file = configPath(env);
  let stored: CliConfig = {};
  if (fs.existsSync(file)) {
    const parsed = configSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new CliError(`${file} is not a valid config file`, 'Delete it and run `login` again.');
    stored = parsed.data;
  }
  return {
    ...stored,
    ...(env.DOJO_LAB_SERVER ? { server: env.DOJO_LAB_SERVER } : {}),
    ...(env.DOJO_LAB_TOKEN ? { token: env.DOJO_LAB_TOKEN } : {}),
  };
}

export function writeConfig(config: CliConfig, env: Env = process.env): string {
  const file = configPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/** A server URL as typed: http(s) only, no trailing slash. */
export function normalizeServer(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`"${raw}" is not a URL`, 'Give the server like --server https://dojo.example.com');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`"${raw}" is not an http(s) URL`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

const markerSchema = z.object({ labId: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/) });

/** The lab a folder made by `init` belongs to, and its solution. */
export function readLabDir(dir: string): { labId: string; solutionPath: string; code: string } {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs)) throw new CliError(`${dir}: no such folder`, 'Create one with `init <lab> [dir]`.');
  const marker = path.join(abs, LAB_MARKER);
  if (!fs.existsSync(marker)) throw new CliError(`${dir} is not a lab folder (no ${LAB_MARKER})`, 'Create one with `init <lab> [dir]`, or pass the folder `init` made.');
  const parsed = markerSchema.safeParse(JSON.parse(fs.readFileSync(marker, 'utf8')));
  if (!parsed.success) throw new CliError(`${marker} is damaged`, 'Run `init <lab> <dir> --force` again (it overwrites solution.ts: keep a copy).');
  const solutionPath = path.join(abs, 'solution.ts');
  if (!fs.existsSync(solutionPath)) throw new CliError(`${path.join(dir, 'solution.ts')} is missing`, 'Your solution must be in solution.ts.');
  return { labId: parsed.data.labId, solutionPath, code: fs.readFileSync(solutionPath, 'utf8') };
}
