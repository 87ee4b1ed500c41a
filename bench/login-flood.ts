/**
 * Sign-in flood benchmark (issue "hold under abuse"): how much a flood of wrong sign-ins slows
 * everyone else. Starts the built app on a fresh database (scripts/fresh-server.mjs; needs
 * `npm run build`), then measures GET /api/me latency
 *   - idle,
 *   - while one client sends 100 parallel wrong sign-ins with forged X-Forwarded-For headers,
 *   - while 100 distinct clients (TRUST_PROXY=1, one forwarded address each) send one each, so
 *     every attempt reaches the password check (the worst case for scrypt in the web process),
 * and prints p50/p99 and the ratio to idle measured in the same run (target: p99 under 3× idle).
 *   npm run bench -- login-flood
 */
import { execFile } from 'node:child_process';
import { startFreshServer } from '../scripts/fresh-server.mjs';
import { percentile } from './_support';


async function timeMe(base: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/me`);
  await res.arrayBuffer();
  return performance.now() - t0;
}

/** /api/me latencies, one request at a time, until `until` settles (at least `min` samples). */
async function probe(base: string, until: Promise<unknown> | null, min: number): Promise<number[]> {
  const times: number[] = [];
  let done = until === null;
  void until?.then(() => (done = true));
  while (!done || times.length < min) times.push(await timeMe(base));
  return times;
}

/**
 * Sends `n` parallel wrong sign-ins from a second process (so the flood's own request building does
 * not slow the probe's event loop in this one) and resolves with the count of each status.
 */
function flood(base: string, n: number, forwardedFor: (i: number) => string): Promise<Map<number, number>> {
  const script = `
    const [base, n, addrs] = [process.argv[1], Number(process.argv[2]), JSON.parse(process.argv[3])];
    Promise.all(Array.from({ length: n }, (_, i) => fetch(base + '/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': addrs[i] },
      body: JSON.stringify({ identifier: 'victim' + i, password: 'wrong-password-123' }),
    }).then(async (r) => (await r.arrayBuffer(), r.status)))).then((s) => process.stdout.write(JSON.stringify(s)));`;
  const addrs = JSON.stringify(Array.from({ length: n }, (_, i) => forwardedFor(i)));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, base, String(n), addrs], { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      const counts = new Map<number, number>();
      for (const status of JSON.parse(stdout) as number[]) counts.set(status, (counts.get(status) ?? 0) + 1);
      resolve(counts);
    });
  });
}

const row = (label: string, t: number[], idleP99: number) =>
  `${label.padEnd(44)} n=${String(t.length).padStart(4)}  p50 ${percentile(t, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(t, 99).toFixed(1).padStart(7)} ms  p99/idle ${(percentile(t, 99) / idleP99).toFixed(2)}×`;

async function scenario(label: string, env: Record<string, string>, forwardedFor: (i: number) => string): Promise<void> {
  const server = await startFreshServer({ env });
  try {
    // Warm up both routes (Next loads a route's module on its first request) and the JIT.
    for (let i = 0; i < 30; i++) await timeMe(server.base);
    await flood(server.base, 1, () => '192.0.2.250');
    const idle = await probe(server.base, null, 300);
    const idleP99 = percentile(idle, 99);
    const answered = flood(server.base, 100, forwardedFor);
    const loaded = await probe(server.base, answered, 50);
    const statuses = await answered;
    console.log(`\n${label}`);
    console.log(row('GET /api/me, idle', idle, idleP99));
    console.log(row('GET /api/me, during 100 parallel wrong sign-ins', loaded, idleP99));
    console.log(`sign-in answers: ${[...statuses].sort().map(([s, n]) => `${n}× ${s}`).join(', ')}`);
    const ratio = percentile(loaded, 99) / idleP99;
    console.log(`p99 under load / idle = ${ratio.toFixed(2)}× (target < 3×): ${ratio < 3 ? 'met' : 'NOT met'}`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  await scenario('One client, forged X-Forwarded-For (TRUST_PROXY unset): the per-client bucket answers 429 after 20', {}, (i) => `203.0.113.${(i % 250) + 1}`);
  await scenario('100 distinct clients behind one trusted proxy (TRUST_PROXY=1): every attempt reaches the password check', { TRUST_PROXY: '1' }, (i) => `198.51.100.${(i % 250) + 1}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
