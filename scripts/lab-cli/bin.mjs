#!/usr/bin/env node
// `dojo-lab` / `npm run lab -- <command>`: the command-line client for the labs (issue 15).
// Loads the TypeScript sources through tsx (a devDependency, present after `npm ci`) with the repo's
// tsconfig (its @/ paths), as `tsx` itself does (CommonJS and ESM hooks), so the CLI runs the
// grader's and lib/labs' code as it is, with no build step, from any working directory.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.TSX_TSCONFIG_PATH = path.resolve(here, '..', '..', 'tsconfig.json');
const { register: registerCjs } = await import('tsx/cjs/api');
const { register: registerEsm } = await import('tsx/esm/api');
registerCjs();
registerEsm();
const mod = await import(pathToFileURL(path.join(here, 'main.ts')).href);
// The repo is CommonJS, so main.ts is loaded as CommonJS: its exports arrive as the default export.
const main = mod.main ?? mod.default.main;
process.exitCode = await main(process.argv);
