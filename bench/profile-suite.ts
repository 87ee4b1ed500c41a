/**
 * Where a lab's hidden suite spends its time (`LAB=raft-kv npm run bench -- profile-suite`): the suite is bundled with
 * the lab's own reference solution (trusted code, never a learner's) exactly as the grader bundles it, run to the end
 * in a node:vm context under the V8 sampling profiler (node:inspector), and the hottest functions are printed by self
 * time with the file they come from, plus the slowest tests. The whole profile is written to a .cpuprofile file that
 * Chrome DevTools (Performance → Load profile) opens.
 *
 * Not the sandbox: a node:vm context looks up every global (Math, Object, …) through an interceptor, which made a hash
 * loop six times slower than in the isolate; the suite therefore runs inside a function that binds the usual built-ins
 * as locals. Async suites are driven as the isolate drives them: the queue of microtasks drained between steps.
 * Absolute times here are not the sandbox's; compare shares, and confirm a fix with `npm run bench -- grader-labs`.
 *   LAB=segment-ids TOP=20 npm run bench -- profile-suite
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { bundleSuite } from '../grader/bundle-suite';
import { visibleTestPrefix } from '../grader/harness/registry';
import { ENTRY_GLOBAL } from '../grader/harness/protocol';
import { labsDir } from './_support';

const LAB = process.env.LAB ?? 'raft-from-scratch';
const TOP = Number(process.env.TOP ?? 15);
if (!/^[a-z0-9-]+$/.test(LAB) || !fs.existsSync(path.join(labsDir, LAB, 'lab.json'))) {
  console.error(`LAB=${LAB}: no such lab under labs/ (try one of: ${fs.readdirSync(labsDir).filter((d) => fs.existsSync(path.join(labsDir, d, 'lab.json'))).join(', ')})`);
  process.exit(2);
}
if (!Number.isInteger(TOP) || TOP < 1) {
  console.error(`TOP=${process.env.TOP}: a positive whole number of rows, please`);
  process.exit(2);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The built-ins bound as locals, so the suite does not pay node:vm's global interceptor on every use. */
const BUILTINS = ['Math', 'Object', 'Array', 'JSON', 'Number', 'String', 'BigInt', 'Map', 'Set', 'WeakMap', 'Promise', 'Error', 'TypeError', 'RangeError', 'Symbol', 'Reflect', 'Uint8Array', 'Uint32Array', 'Int32Array', 'Float64Array'];
const SCRIPT_NAME = `suite-${LAB}.js`;

async function main(): Promise<void> {
  const lab = path.join(labsDir, LAB);
  const bundled = await bundleSuite({
    labsDir,
    testsPath: path.join(lab, 'hidden.test.ts'),
    before: [{ path: path.join(lab, 'visible.test.ts'), namePrefix: visibleTestPrefix }],
    solutionSource: fs.readFileSync(path.join(lab, '.meta', 'reference.ts'), 'utf8'),
    options: { caps: { outputCharsPerTest: 4096, messageChars: 2000, traceChars: 20_000 } },
  });
  if (!bundled.ok) throw new Error(`the suite does not build: ${bundled.diagnostics.map((d) => d.message).join('; ')}`);
  // A vm context's global object cannot be frozen (the harness freezes the isolate's); the rest of the harness runs as is.
  const script = `(function () { const { ${BUILTINS.join(', ')} } = globalThis;\n${bundled.script.replace('Object.freeze(globalThis);', '')}\n})();`;
  const sourceLines = script.split('\n');

  /** The bundle's `// path/to/file.ts` markers, so a line of the bundle can be named by the file it came from. */
  const fileStarts: { line: number; file: string }[] = [];
  sourceLines.forEach((text, i) => {
    const m = /^ {2}\/\/ ((?:labs|engine|grader|learner)[^\s]*\.ts)$/.exec(text);
    if (m) fileStarts.push({ line: i, file: m[1]! });
  });
  function fileStartOf(line: number): { line: number; file: string } {
    for (let i = fileStarts.length - 1; i >= 0; i--) if (fileStarts[i]!.line <= line) return fileStarts[i]!;
    return { line: 0, file: '(bundle)' };
  }

  const context = vm.createContext({});
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  const started = performance.now();
  vm.runInContext(script, context, { filename: SCRIPT_NAME });
  const step = (context as Record<string, unknown>)[ENTRY_GLOBAL] as () => string | null;
  const tests: { name: string; ms: number; status: string }[] = [];
  let last = performance.now();
  for (;;) {
    const chunk = step();
    if (chunk === null) break;
    if (chunk === '') {
      await new Promise((resolve) => setImmediate(resolve)); // every pending microtask runs first, as in the isolate
      continue;
    }
    const event = JSON.parse(chunk) as { type: string; test?: { name: string; status: string } };
    const now = performance.now();
    if (event.type === 'result' && event.test) tests.push({ name: event.test.name, ms: now - last, status: event.test.status });
    if (event.type === 'load-error') throw new Error(`the suite did not load: ${chunk}`);
    last = now;
  }
  const totalMs = performance.now() - started;
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();

  const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-suite-')), `${LAB}.cpuprofile`);
  fs.writeFileSync(outFile, JSON.stringify(profile));

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let suiteUs = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const inSuite = frame.url.endsWith(SCRIPT_NAME);
    if (!inSuite && frame.functionName !== '(garbage collector)') return;
    const us = profile.timeDeltas[i] ?? 0;
    suiteUs += us;
    const start = fileStartOf(frame.lineNumber);
    const key = inSuite ? `${frame.functionName || '(anonymous)'}  ${start.file}:${frame.lineNumber - start.line}` : '(garbage collector)';
    self.set(key, (self.get(key) ?? 0) + us);
  });

  const failed = tests.filter((t) => t.status !== 'pass');
  console.log(`${LAB}: ${tests.length} tests with the reference in ${totalMs.toFixed(0)} ms (node:vm, profiled; load average ${os.loadavg()[0]!.toFixed(2)})${failed.length ? `; ${failed.length} did not pass: ${failed.map((t) => t.name).join(', ')}` : ''}`);
  console.log(`\nhottest functions by self time (share of the suite's ${(suiteUs / 1000).toFixed(0)} ms; line = line within that file of the bundle, near the source line):`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / suiteUs).toFixed(1).padStart(5)}%  ${key}`);
  console.log('\nslowest tests (wall ms, including the profiler):');
  for (const t of [...tests].sort((a, b) => b.ms - a.ms).slice(0, TOP)) console.log(`${t.ms.toFixed(1).padStart(8)}  ${t.name}`);
  console.log(`\nprofile: ${outFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
