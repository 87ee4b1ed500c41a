/**
 * dojo-lab: solve the labs in your own editor (issue 15).
 *   list · init <lab> [dir] · test [dir] · login · submit [dir]
 * Exit codes: 0 pass, 1 a test failed, 2 error (usage, missing files, compile, limits, network).
 * Run it as `npm run lab -- <command>` or `npx dojo-lab <command>` in the repo (bin.mjs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { listLabs } from '@/grader';
import { readZhLab } from '@/lib/labs/zh-lab';
import { isFinished, type SubmissionView } from '@/lib/labs/submission-view';
import { DEFAULT_SERVER, LABS_DIR, normalizeServer, readConfig, readLabDir, writeConfig } from './config';
import { CliError, EXIT } from './errors';
import { initLab } from './init';
import { LocalGrader, onlyName, writeTrace } from './local-run';
import { createSubmission, getSubmission, listSubmissions, type Remote } from './remote';
import { displayResult, exitCodeFor, printResult } from './report';
import { colorEnabled, paint, pickLang, text, type Env, type Out } from './style';

export interface Io {
  stdout: { write: (s: string) => unknown; isTTY?: boolean };
  stderr: { write: (s: string) => unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Env;
  cwd: string;
  /** Poll interval of `submit` (tests shorten it). */
  pollMs: number;
}

const parseSeed = (value: string) => {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('a seed is a whole number, like 7');
  return Number(value);
};
const parseLang = (value: string) => {
  if (!/^(en|zh(-cn)?)$/i.test(value)) throw new InvalidArgumentError('use en or zh-CN');
  return value;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function main(argv: string[], partial: Partial<Io> = {}): Promise<number> {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), pollMs: 500, ...partial };
  let code: number = EXIT.pass;
  let out: Out | null = null;
  const program = new Command('dojo-lab');
  program
    .description('Solve Dist-Sys Dojo labs in your own editor: fetch a lab, run its visible tests locally, submit to the server.')
    .option('--json', 'print machine-readable JSON on stdout')
    .addOption(new Option('--lang <lang>', 'language of test names and advice: en or zh-CN (default from LANG)').argParser(parseLang))
    .option('--no-color', 'no colours (also NO_COLOR=1, or when stdout is not a terminal)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });

  const settings = (): Out => {
    const opts = program.opts<{ json?: boolean; lang?: string; color?: boolean }>();
    out = {
      lang: pickLang(opts.lang, io.env),
      json: Boolean(opts.json),
      color: colorEnabled(io.stdout, io.env, opts.color) && !opts.json,
      write: (s) => void io.stdout.write(s),
      error: (s) => void io.stderr.write(s),
      interactive: Boolean(io.stderr.isTTY) && !opts.json,
    };
    return out;
  };
  const resolveDir = (dir: string | undefined) => path.resolve(io.cwd, dir ?? '.');
  const config = () => readConfig(io.env);
  const remoteOrExplain = (o: Out): Remote => {
    const c = config();
    if (!c.token) throw new CliError('not logged in', 'Create an API token on your progress page, then run `login --server <url>`.');
    return { server: c.server ?? DEFAULT_SERVER, token: c.token, lang: o.lang };
  };

  program
    .command('list')
    .description('labs with topic, difficulty, estimated time and, when logged in, your state')
    .action(async () => {
      const o = settings();
      const p = paint(o.color);
      const labs = await listLabs(LABS_DIR);
      const c = config();
      const states = new Map<string, { solved: boolean; attempts: number; last: string | null }>();
      let stateNote: string | null = null;
      if (c.token) {
        const remote: Remote = { server: c.server ?? DEFAULT_SERVER, token: c.token, lang: o.lang };
        try {
          await Promise.all(
            labs.map(async (lab) => {
              const subs = await listSubmissions(remote, lab.id);
              states.set(lab.id, { solved: subs.some((s) => s.status === 'passed'), attempts: subs.length, last: subs[0]?.status ?? null });
            }),
          );
        } catch (error) {
          states.clear();
          stateNote = `(your state is not shown: ${(error as Error).message})`;
        }
      }
      const rows = labs.map((lab) => {
        const zh = o.lang === 'zh-CN' ? readZhLab(lab.id, LABS_DIR) : null;
        return { id: lab.id, title: zh?.title ?? lab.title, topic: lab.topic, difficulty: lab.difficulty, estimatedMinutes: lab.estimatedMinutes, state: states.get(lab.id) ?? null };
      });
      if (o.json) return o.write(JSON.stringify({ labs: rows }, null, 2) + '\n');
      const w = Math.max(...rows.map((r) => r.id.length));
      const tw = Math.max(...rows.map((r) => r.topic.length));
      for (const r of rows) {
        const state = r.state ? (r.state.solved ? p.green('solved') : r.state.attempts > 0 ? p.yellow(`${r.state.attempts} tries, last ${r.state.last}`) : p.dim('not tried')) : '';
        o.write(`${p.bold(r.id.padEnd(w))}  ${r.topic.padEnd(tw)}  ${r.difficulty.padEnd(7)}  ${`${r.estimatedMinutes} min`.padStart(7)}  ${state}\n    ${p.dim(r.title)}\n`);
      }
      if (stateNote) o.error(p.yellow(stateNote) + '\n');
    });

  program
    .command('init')
    .description('write solution.ts (the starter), api.d.ts, the visible tests, README.md and tsconfig.json into a folder')
    .argument('<lab>', 'lab id, as `list` shows it')
    .argument('[dir]', 'folder to create (default: the lab id)')
    .option('-f, --force', 'overwrite files that exist (your solution.ts too)')
    .action(async (labId: string, dir: string | undefined, opts: { force?: boolean }) => {
      const o = settings();
      const made = await initLab(labId, dir === undefined ? path.join(io.cwd, labId) : path.resolve(io.cwd, dir), { force: opts.force, server: config().server ?? DEFAULT_SERVER, lang: o.lang });
      if (o.json) return o.write(JSON.stringify(made) + '\n');
      const rel = path.relative(io.cwd, made.dir) || '.';
      o.write(`Created ${rel}/ with ${made.files.filter((f) => !f.startsWith('.')).join(', ')}.\nNext: edit ${rel}/solution.ts, then run: npm run lab -- test ${rel}\n`);
    });

  program
    .command('test')
    .description("run the lab's visible tests on solution.ts in the grader's sandbox, as the browser's Run does")
    .argument('[dir]', 'the folder `init` made (default: .)')
    .option('-w, --watch', 're-run when solution.ts is saved')
    .option('--only <name>', 'run only the test with this name')
    .addOption(new Option('--seed <n>', 'with --only: replay that test with this seed').argParser(parseSeed))
    .option('--trace <file>', "write the first failed test's trace (JSON the replay viewer draws)")
    .action(async (dir: string | undefined, opts: { watch?: boolean; only?: string; seed?: number; trace?: string }) => {
      const o = settings();
      onlyName(opts); // argument errors before any file is read
      const folder = resolveDir(dir);
      const grader = new LocalGrader();
      const rel = path.relative(io.cwd, folder) || '.';
      const replay = (name: string) => `npm run lab -- test ${rel} --only ${JSON.stringify(name)}`;
      const once = async (): Promise<number> => {
        const lab = readLabDir(folder);
        const result = await grader.run(lab.labId, lab.code, { ...(opts.only ? { only: opts.only } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
        const shown = displayResult(result, o);
        if (o.json) o.write(JSON.stringify(shown) + '\n');
        else printResult(shown, o, replay);
        if (opts.trace) {
          const wrote = writeTrace(result, path.resolve(io.cwd, opts.trace));
          const msg = wrote ? `trace of "${wrote.test}" written to ${opts.trace}` : `no trace written: no failed test attached one`;
          o.error(paint(o.color).dim(msg) + '\n');
        }
        return exitCodeFor(result);
      };
      try {
        code = await once();
        if (!opts.watch) return;
        o.error(paint(o.color).dim(`watching ${rel}/solution.ts (Ctrl-C to stop)`) + '\n');
        await new Promise<void>((resolve) => {
          let timer: NodeJS.Timeout | null = null;
          let running = Promise.resolve();
          const watcher = fs.watch(folder, (_event, file) => {
            if (file && file !== 'solution.ts') return;
            if (timer) clearTimeout(timer);
            timer = setTimeout(() => {
              running = running.then(async () => {
                if (o.interactive && !o.json) o.write('\u001bc');
                try {
                  code = await once();
                } catch (error) {
                  code = EXIT.error;
                  reportError(error, o);
                }
              });
            }, 150);
          });
          const stop = () => {
            watcher.close();
            process.off('SIGINT', stop);
            void running.then(resolve);
          };
          process.on('SIGINT', stop);
        });
      } finally {
        await grader.close();
      }
    });

  program
    .command('login')
    .description('store an API token made on your progress page (shown once there), checked against the server')
    .option('--server <url>', `the Dist-Sys Dojo server (default: the last one, or ${DEFAULT_SERVER})`)
    .option('--token <token>', 'the token (default: read from stdin, so it stays out of your shell history)')
    .action(async (opts: { server?: string; token?: string }) => {
      const o = settings();
      const current = config();
      const server = normalizeServer(opts.server ?? current.server ?? DEFAULT_SERVER);
      let token = opts.token?.trim();
      if (!token) {
        if (io.stdin.isTTY) io.stderr.write(`Create a token at ${server}/progress, then paste it here: `);
        const rl = createInterface({ input: io.stdin, terminal: false });
        for await (const line of rl) {
          token = line.trim();
          break;
        }
        rl.close();
      }
      if (!token) throw new CliError('no token given', `Create one at ${server}/progress and paste it, or pass --token.`);
      const labs = await listLabs(LABS_DIR);
      // A read of your own submissions: proves the server is there and the token is valid, changes nothing.
      await listSubmissions({ server, token, lang: o.lang }, labs[0]!.id);
      const file = writeConfig({ server, token }, io.env);
      if (o.json) return o.write(JSON.stringify({ server, config: file }) + '\n');
      o.write(`Logged in to ${server}. Token saved in ${file} (readable only by you).\n`);
    });

  program
    .command('submit')
    .description('send solution.ts to the server, wait for the hidden tests, print the result (it appears in your History)')
    .argument('[dir]', 'the folder `init` made (default: .)')
    .action(async (dir: string | undefined) => {
      const o = settings();
      const p = paint(o.color);
      const t = text(o.lang);
      const lab = readLabDir(resolveDir(dir));
      const remote = remoteOrExplain(o);
      let sub: SubmissionView = await createSubmission(remote, lab.labId, lab.code);
      if (!o.json) o.error(`${t.submitted(sub.id)}\n`);
      const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
      let frame = 0;
      let lastStatus = '';
      const started = Date.now();
      while (!isFinished(sub.status)) {
        const label = sub.status === 'queued' && sub.queuePosition ? t.queued(sub.queuePosition) : t.grading;
        if (o.interactive) io.stderr.write(`\r${p.cyan(frames[frame++ % frames.length]!)} ${label} ${p.dim(`${((Date.now() - started) / 1000).toFixed(1)} s`)}   `);
        else if (!o.json && label !== lastStatus) io.stderr.write(`${label}…\n`);
        lastStatus = label;
        if (Date.now() - started > 10 * 60_000) throw new CliError(`still not graded after 10 minutes: ${sub.id}`, 'See it later in the History of the lab page.');
        await sleep(io.pollMs);
        sub = await getSubmission(remote, sub.id);
      }
      if (o.interactive) io.stderr.write('\r\u001b[K');
      const historyUrl = `${remote.server}/labs/${lab.labId}`;
      if (o.json) {
        o.write(JSON.stringify({ submission: sub, history: historyUrl }) + '\n');
      } else if (sub.results) {
        // A visible test that failed in the hidden run replays locally; hidden ones never leave the server.
        const rel = path.relative(io.cwd, resolveDir(dir)) || '.';
        const replay = (name: string) => (name.startsWith('visible › ') ? `npm run lab -- test ${rel} --only ${JSON.stringify(name.slice('visible › '.length))}` : null);
        printResult(displayResult(sub.results, o), o, replay);
        if (sub.results.tests.some((x) => x.status !== 'pass' && x.seed !== undefined && !x.name.startsWith('visible › '))) o.write(p.dim(t.hiddenNote) + '\n');
        o.write(p.dim(t.history(historyUrl)) + '\n');
      }
      code = sub.status === 'passed' ? EXIT.pass : sub.status === 'failed' ? EXIT.fail : EXIT.error;
    });

  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.pass;
      // Commander has printed its message already.
      return EXIT.error;
    }
    reportError(error, out ?? settings());
    return EXIT.error;
  }
}

function reportError(error: unknown, o: Out): void {
  const p = paint(o.color);
  if (error instanceof CliError) {
    if (o.json) o.write(JSON.stringify({ error: error.message, ...(error.hint ? { hint: error.hint } : {}) }) + '\n');
    o.error(`${p.red('error:')} ${error.message}\n${error.hint ? `${p.dim(error.hint)}\n` : ''}`);
    return;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (o.json) o.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }) + '\n');
  o.error(`${p.red('error:')} ${message}\n`);
}
