/**
 * Test results in Chinese (issue 17): every visible and hidden test name of every lab has a Chinese
 * name (checked in contract.test.ts, which grades each lab's reference anyway), every
 * advice sentence the labs write has a Chinese one (collected from the sources: the ADVICE tables
 * and the `advice:` strings), and localizing changes only what is displayed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { visibleTestPrefix } from '@/grader/harness/registry';
import type { GradeResult, TestResult } from '@/grader/results-schema';
import { localizeMessage, localizeResult, localizeTest, localizeTestName, type LabResultTexts } from '@/lib/labs/result-text';
import { readZhLab, zhResultTexts } from '@/lib/labs/zh-lab';

const root = path.resolve(import.meta.dirname, '../../..');
const labsDir = path.join(root, 'labs');
const labIds = fs
  .readdirSync(labsDir)
  .filter((d) => fs.existsSync(path.join(labsDir, d, 'lab.json')))
  .sort();

/** Every advice sentence a lab's sources write: the values of its ADVICE table and every `advice: '…'` property. */
function adviceStrings(lab: string): string[] {
  const dir = path.join(labsDir, lab);
  const found: string[] = [];
  const unquote = (s: string) => s.replace(/\\'/g, "'");
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    const table = /const ADVICE\b[^=]*=\s*([[{][\s\S]*?\n[\]}]);/m.exec(src);
    if (/const ADVICE\b/.test(src)) expect(table, `${lab}/${file}: ADVICE table not understood`).not.toBeNull();
    if (table) {
      const body = table[1]!;
      const values = body.startsWith('{')
        ? [...body.matchAll(/^\s*'[^']+':\s*'((?:[^'\\]|\\.)*)',?$/gm)]
        : [...body.matchAll(/,\s*'((?:[^'\\]|\\.)*)'\]/g)];
      expect(values.length, `${lab}/${file}: ADVICE entries`).toBe(body.split('\n').filter((l) => (body.startsWith('{') ? /^\s+'/ : /^\s+\[/).test(l)).length);
      found.push(...values.map((m) => unquote(m[1]!)));
    }
    const properties = [...src.matchAll(/\badvice:\s*(\S)/g)];
    const literals = [...src.matchAll(/\badvice:\s*'((?:[^'\\]|\\.)*)'/g)];
    expect(literals.length, `${lab}/${file}: every advice property is a plain string literal`).toBe(properties.length);
    found.push(...literals.map((m) => unquote(m[1]!)));
  }
  return found;
}

describe('Chinese advice', () => {
  it('finds the advice the labs write', () => {
    const all = labIds.flatMap(adviceStrings);
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(labIds)('%s: every advice sentence has a Chinese translation', (lab) => {
    const advice = readZhLab(lab, labsDir)?.advice ?? {};
    const missing = adviceStrings(lab).filter((a) => !(a in advice));
    expect(missing).toEqual([]);
  });

  it('replaces advice inside a real failure message and keeps seeds and numbers', () => {
    const texts = zhResultTexts('raft-election', labsDir)!;
    const advice = Object.keys(texts.advice!)[0]!;
    const message = `election safety (at most one leader per term) violated under churn (seed 42, at 1234 ms): node 3 became leader of term 7 twice. ${advice}`;
    const zh = localizeMessage(message, texts);
    expect(zh).toContain(texts.advice![advice]!);
    expect(zh).not.toContain(advice);
    expect(zh).toContain('选举安全');
    expect(zh).toContain('seed 42');
    expect(zh).toContain('1234 ms');
    expect(zh).toContain('节点 3');
  });
});

describe('localizing results', () => {
  const texts: LabResultTexts = {
    tests: { 'three nodes elect a leader': '三个节点选出 leader' },
    testPatterns: { 'elect (\\d+) nodes': '选举 $1 个节点' },
    advice: { 'Check the vote.': '检查投票。' },
  };
  const tests: TestResult[] = [
    { name: 'three nodes elect a leader', status: 'pass', durationMs: 3 },
    { name: `${visibleTestPrefix}three nodes elect a leader [seed 7]`, status: 'fail', seed: 7, message: 'got 2, expected 1. Check the vote.', durationMs: 5, metrics: { rpcs: 12 } },
    { name: 'elect 5 nodes', stage: 'cluster', status: 'error', message: 'boom', durationMs: 1 },
    { name: 'an untranslated test', status: 'pass', durationMs: 1 },
  ];

  it('names: table, visible prefix and seed suffix, patterns; unknown names stay', () => {
    expect(localizeTestName(tests[0]!.name, texts)).toBe('三个节点选出 leader');
    expect(localizeTestName(tests[1]!.name, texts)).toBe('可见 › 三个节点选出 leader [seed 7]');
    expect(localizeTestName(tests[2]!.name, texts)).toBe('选举 5 个节点');
    expect(localizeTestName(tests[3]!.name, texts)).toBe('an untranslated test');
    expect(localizeTestName(tests[0]!.name, null)).toBe(tests[0]!.name);
  });

  it('messages: advice and frames', () => {
    expect(localizeMessage('got 2, expected 1. Check the vote.', texts)).toBe('得到 2，期望 1. 检查投票。');
    expect(localizeMessage('something else', texts)).toBe('something else');
  });

  it('keeps ids, stages, statuses, seeds and figures', () => {
    const result: GradeResult = { status: 'fail', labId: 'x', mode: 'hidden', sandbox: 'isolated-vm', tests, timings: { transpileMs: 1, bundleMs: 1, queueMs: 0, runMs: 1, totalMs: 3 } };
    const zh = localizeResult(result, texts);
    expect(zh.tests.map((t) => [t.name, t.stage, t.status, t.seed, t.durationMs, t.metrics])).toEqual(tests.map((t) => [t.name, t.stage, t.status, t.seed, t.durationMs, t.metrics]));
    expect(zh.status).toBe(result.status);
    expect(zh.tests[1]!.title).toBe('可见 › 三个节点选出 leader [seed 7]');
    expect(zh.tests[3]!.title).toBeUndefined();
    expect(result.tests[1]!.message).toBe('got 2, expected 1. Check the vote.');
    expect(localizeTest(tests[0]!, null)).toBe(tests[0]);
    expect(localizeResult(result, null)).toBe(result);
  });
});

describe('API errors in the request language', () => {
  it('answers in Chinese for zh-CN and keeps the English message', async () => {
    const { errorResponse, HttpError, readJson, codeBodySchema } = await import('@/lib/labs/http');
    const { msg } = await import('@/lib/i18n/translate');
    const unknown = new HttpError(404, msg('labs.errors.unknownLab'));
    expect(unknown.message).toBe('unknown lab');
    expect(await errorResponse(unknown, 'zh-CN').json()).toEqual({ error: '没有这个实验' });
    expect(await errorResponse(unknown).json()).toEqual({ error: 'unknown lab' });
    const busy = new HttpError(429, msg('labs.errors.tooManySubmissions', { seconds: 3 }), { 'Retry-After': '3' });
    const zh = errorResponse(busy, 'zh-CN');
    expect(zh.headers.get('Retry-After')).toBe('3');
    expect((await zh.json()).error).toContain('3 秒');
    const request = new Request('http://x/api', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 1 }) });
    const error = await readJson(request, codeBodySchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toBe('code: code must be a string');
    expect((error as InstanceType<typeof HttpError>).localized('zh-CN')).toBe('code: code 必须是字符串');
    expect(await errorResponse(new Error('boom'), 'zh-CN').json()).toEqual({ error: '服务器出了点问题。你的草稿还安全地保存在这个浏览器里。' });
  });

  it('formats lab badges per language', async () => {
    const { difficultyLabel, formatMinutes } = await import('@/lib/labs/catalog');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(90, 'zh-CN')).toBe('1 小时 30 分钟');
    expect(formatMinutes(45, 'zh-CN')).toBe('45 分钟');
    expect(difficultyLabel('core')).toBe('Core');
    expect(difficultyLabel('stretch', 'zh-CN')).toBe('进阶');
  });
});

describe('assertion frames', () => {
  const texts: LabResultTexts = {};
  it.each([
    ['admitted at: expected [0, 100] to equal [0, 200]', 'admitted at: 得到 [0, 100]，期望等于 [0, 200]'],
    ['ids: expected 3 not to equal 3', 'ids: 得到 3，期望不等于 3'],
    ['rpcs: expected 41 to be <= 30', 'rpcs: 得到 41，期望 <= 30'],
    ['ok: expected false to be true', 'ok: 得到 false，期望为 true'],
    ['expected length 2 to be 3', '长度为 2，期望为 3'],
    ['keys: expected ["a"] to contain "b"', 'keys: 得到 ["a"]，期望包含 "b"'],
  ])('%s', (en, zh) => {
    expect(localizeMessage(en, texts)).toBe(zh);
  });
});

it('an assertion frame takes only the last "expected …" of a message', () => {
  const en = "commitIndex 5: expected { kind: 'install' }, got {\"kind\":\"x\"}. The log has entry 20: expected false to be true";
  expect(localizeMessage(en, {})).toBe("commitIndex 5: expected { kind: 'install' }, got {\"kind\":\"x\"}. The log has entry 20: 得到 false，期望为 true");
});

/**
 * Advice generated with values inside (the labs' advice functions and the fail messages around them), one
 * real English example per branch, copied from the templates with sample values: each comes out in Chinese
 * through the lab's `advicePatterns` (and `advice`, and the kits' frames), with its numbers kept and no
 * English sentence left; every pattern is used by an example.
 */
const GENERATED_ADVICE: Record<string, string[]> = {
  'raft-election': [
    // electionRpcAdvice: split votes / heartbeats / otherwise (with the three fail frames around it)
    'electing the first leader took 41 RPCs (budget 30) on the unreliable network (seed 12): 24 RequestVote and 17 AppendEntries, 3 candidacies in 3 terms: candidates timed out close together and split the vote (§5.2). Spread election timeouts more widely.',
    'electing a leader of 7 nodes took 52 RPCs (budget 30, seed 5): 12 RequestVote and 40 AppendEntries, 1 candidacy in 1 term: most were AppendEntries; the leader sends one to each follower every heartbeatTicks, so send heartbeats less often.',
    "re-electing after the leader crashed took 35 RPCs (budget 30) on the reliable network (seed 3): 20 RequestVote and 15 AppendEntries, 1 candidacy in 1 term. Replay the seed and look at the RequestVotes in the trace. The survivors' timers all restarted at the last heartbeat, so only the randomized timeout separates them.",
    // idleRpcAdvice: heartbeats alone / elections while idle / otherwise
    'an idle 5-node cluster sent 200.0 RPCs per second (budget 60, seed 9). With heartbeatTicks = 2 the leader alone sends 4 × 50.0 = 200.0 heartbeats per second: send them less often (about 10 per second per follower is plenty).',
    'an idle 5-node cluster on a lossy network sent 75.3 RPCs per second (budget 60, seed 14). Heartbeats account for about 40.0 per second; the rest came from 106 RequestVotes in 6 s (27 candidacies): followers started elections while a leader was alive.',
    'an idle 3-node cluster sent 61.0 RPCs per second (budget 60, seed 2). Heartbeats account for about 20.0 per second; replay the seed to see the rest.',
    // stableLeaderAdvice: ratio / early shouldCampaign / otherwise; and stableAdvice's fallback
    'the leader changed in an idle, reliable cluster (seed 4): followers must not time out while heartbeats arrive. electionTicks (20) is only 2.0 heartbeat intervals (10): one or two lost heartbeats look like a dead leader. Make the election timeout several heartbeat intervals long.',
    'the leader changed 4 times in 6 idle seconds with 10% message loss (seed 21): a follower that misses one heartbeat must not start an election. shouldCampaign(7, 10) is true: your followers campaign before their timeout has passed.',
    'the leader changed in an idle, reliable cluster (seed 4): followers must not time out while heartbeats arrive. Replay the seed and find the first node that became a candidate: how long had it gone without an AppendEntries?',
    'the leader changed 2 times in 6 idle seconds with 10% message loss (seed 23): a follower that misses one heartbeat must not start an election. Replay the seed and find the first node that became a candidate.',
    // noLeaderAdvice: nobody campaigned / no vote granted / split votes
    'no leader agreed by all 5 nodes within 5 s on the reliable network (seed 8). No node became a candidate: check shouldCampaign (it must return true once the timeout has passed) and the timeouts you draw.',
    'no new leader within 5 s after leader 2 crashed (seed 8). 6 candidacies in 6 terms and not one vote granted: check requestVote (a voter that has not voted in the term grants a candidate whose log is at least as up-to-date).',
    'no leader agreed by all 5 nodes within 5 s on the unreliable network (seed 10). 14 candidacies in 9 terms, 20 votes granted, no majority: candidates kept splitting the vote. Randomize timeouts more widely (§5.2).',
    // the other guidance in labs/raft-election/hidden.test.ts
    'timing {"heartbeatTicks":5,"electionTicks":5} is not usable: heartbeatTicks and electionTicks must be positive integers with electionTicks > heartbeatTicks (one tick is 10 ms).',
    'randomizedTimeoutTicks(rng, 15) returned 17.5: timeouts are whole ticks.',
    'randomizedTimeoutTicks(rng, 15) returned 60: keep timeouts in [electionTicks, 3·electionTicks] — shorter ones fire between heartbeats, longer ones make failover slow (§5.2 uses a range such as 150–300 ms).',
    'randomizedTimeoutTicks(rng, 15) produced only 3 distinct values in 400 draws: nodes that time out together split the vote, again and again (§5.2). Spread timeouts over a range about electionTicks wide.',
    'randomizedTimeoutTicks(rng, 12) returned 40: timeouts are whole ticks in [electionTicks, 3·electionTicks].',
    'randomizedTimeoutTicks(rng, 20) returned 20 in 380 of 4000 draws (9.5%); spread over about electionTicks values, no timeout should come up more than about 10.0% of the time (critical count 372, false alarm < 1e-6; RandomSource seeded "spread-20"). Nodes that draw the same timeout campaign together and split the vote (§5.2): draw every timeout with rng.range over the whole range, without clamping or special cases.',
    'draw 3 returned 9: timeouts are whole ticks in [10, 30]',
    'draw 4 returned 12 without calling rng.range: every restart needs a fresh draw from the given source',
    'the same stream gave [12, 17, 25] and then [13, 17, 25]: timeouts must come only from rng.range (no Math.random, no counter of your own)',
    'two different RandomSources gave the same 40 timeouts [12, 13, 14, 15, 16, 17, 18, 19, …] for electionTicks = 10: your timeouts do not come from rng.range, so every node draws the same ones.',
    'shouldCampaign(4, 10) is true: a follower that campaigns before its timeout disrupts a healthy leader',
    'shouldCampaign(11, 10) is false: once the timeout has passed without a leader, start an election',
    'cannot build a cluster with timing {"heartbeatTicks":0,"electionTicks":10} (seed 7).',
    'no leader within 5 s on a reliable 4-node cluster (seed 6).',
    'no leader within 5 s on the unreliable network (seed 11).',
    'no leader agreed by all 6 nodes within 5 s after the faults healed (6 nodes, yours 1, 3, 4, lossy network, seed 5).',
    'no initial leader (seed 2).',
    'after isolating leader 3, the other four elected no leader within 5 s (seed 2).',
    'after old leader 3 rejoined, the cluster did not settle on one leader within 5 s (seed 2).',
    'node 4 became leader in a newer term while no group held 3 of 5 nodes (seed 2): a candidate needs votes from a majority of the whole cluster.',
    'no leader within 5 s after the partition healed (seed 2).',
    "one vote per term (§5.2): votedFor already names node 3. Asked the same question again, it answered grant: your rule keeps state between calls (every node of the cluster shares your module); decide from the view alone, votedFor is the record.",
    "the voter has not voted for anyone else in this term and the candidate's log is at least as up-to-date (§5.4.1: later last term wins; equal last terms, the longer or equal log).",
    "the candidate's log is less up-to-date than the voter's (§5.4.1: compare last terms first; only equal last terms compare indexes).",
  ],
  'raft-replication': [
    // adviceFrom with a wrong appendEntries (reject), the fallback, an accept past the end, a wrong commitRule
    'the two diverged followers needed 14 rejected AppendEntries to find where their logs match the leader\'s (budget 8, seed 31). With conflictTerm and conflictIndex the leader skips a whole term per round trip. First wrong decision in this run: your appendEntries on node 3 (log [1,1,2,2,2] from index 1, commitIndex 2) got AppendEntries(prevLogIndex 4, prevLogTerm 3, entries of terms [3], leaderCommit 2) and decided: reject (conflictTerm 2, conflictIndex 5); the rules (Figure 2) give: reject (conflictTerm 2, conflictIndex 3).',
    'a follower that missed 60 entries rejected 9 AppendEntries before catching up (budget 4, seed 33): when the log is too short, the hint conflictTerm null and conflictIndex = lastIndex + 1 lets the leader jump straight there. Every decision of yours agreed with the rules in this run.',
    'First wrong decision in this run: your appendEntries on node 2 (log [1,1,1,2] from index 1, commitIndex 1) got AppendEntries(prevLogIndex 0, prevLogTerm 0, entries of terms [1,1], leaderCommit 1) and decided: accept, log after it [1,1] (keepThroughIndex 6 past the end), matchIndex 2, commitIndex 1; the rules (Figure 2) give: accept, log after it [1,1,1,2], matchIndex 2, commitIndex 1.',
    'First wrong decision in this run: your commitRule on leader 1 (term 3, log [1×20,2,3,3], commitIndex 20, matchIndexes [23,22,21,23,20]) returned 22; the rule (§5.3, §5.4.2) gives 20.',
    // the other guidance in labs/raft-replication/hidden.test.ts
    "after AppendEntries(prevLogIndex 12, 3 entries) the follower's log [1,1,2] is no longer a prefix of the leader's (seed 5). All requests come from one leader, so nothing may conflict.",
    "a late AppendEntries (prevLogIndex 10, entries 11–14) shrank the follower's log from 20 to 14 entries (seed 5). Requests arrive late, twice and out of order: delete entries only when an entry conflicts (same index, different term), never just because they come after the request's entries (rule 3).",
    'the follower accepted only 12 of 40 entries (seed 5).',
    'no leader (seed 7).',
    'the majority elected no leader (seed 7).',
    'the two diverged followers did not catch up within 5 s of healing (seed 7).',
    'a follower restarted after missing 60 entries did not catch up within 5 s (seed 7).',
    'your commitRule returned 7; it should be 5 (the highest index N > commitIndex stored on a strict majority of the 5 matchIndexes whose entry has the current term, or commitIndex if none)',
    'the cluster could not commit a final value on all 5 nodes within 10 s (seed 7).',
  ],
  'raft-snapshot': [
    // Watch.advise: the first wrong InstallSnapshot decision (no entry at the snapshot index / an entry there), every decision text
    'after a crash (seed 9): commitIndex went back. First wrong decision in this run: node 2 (snapshot through 10 of term 2, log through 12, no entry at 15, commitIndex 12) got an InstallSnapshot through 15 (term 3); your handler decided "ignore", the rules (Figure 13, rules 6–7, and ignore what commitIndex covers) give "install".',
    'First wrong decision in this run: node 3 (snapshot through 10 of term 2, log through 20, term 3 at 15, commitIndex 12) got an InstallSnapshot through 15 (term 3); your handler decided "install, discarding the whole log", the rules (Figure 13, rules 6–7, and ignore what commitIndex covers) give "install, keeping the entries after it".',
    'First wrong decision in this run: node 1 (snapshot through 0 of term 0, log through 20, term 4 at 15, commitIndex 12) got an InstallSnapshot through 15 (term 3); your handler decided "an invalid decision (undefined)", the rules (Figure 13, rules 6–7, and ignore what commitIndex covers) give "install, keeping the entries after it".',
  ],
  snowflake: [
    // adviceFor, every branch (fixed sentences, in `advice`)
    'The clock is further behind your last timestamp than maxWaitMs allows: the policy is to refuse, not to issue from the past.',
    'Beyond maxWaitMs the policy is { kind: "refused", behindMs: lastTimestamp − now }. Check the boundary (≤ maxWaitMs waits) and behindMs.',
    'The clock is behind your last timestamp by at most maxWaitMs: wait until it reads epochMs + lastTimestamp again (untilMs is in clock ms, not since epoch).',
    'Every sequence number of this millisecond is used (or, after a restart, may have been used by the previous incarnation): wait for the next millisecond instead of wrapping.',
    'Wait exactly until the next millisecond (epochMs + now + 1) with reason "sequence-exhausted".',
    'Both issued an ID but the fields differ: check the sequence (0 in each new millisecond, +1 within one), the shifts and the field order.',
    'An ID was possible here. Check your rollback comparison (now < lastTimestamp, not ≤) and the sequence limit (2^sequenceBits − 1).',
  ],
  'bucket-limiters': [
    // tokenAdvice: a new key / previous admitted / previous rejected (in the limiter kit's frame)
    'full bucket: request #1 for key "free-1" at t=0 ms was rejected, the reference admitted. Limit: capacity 5, +1 per whole 200 ms; this key\'s previous request was none (a new key starts with a full bucket). Check: whole intervals only, the partial interval carries over (advance refilledAt by intervals · refillIntervalMs, not to now), the cap at capacity, and that a bucket a refill filled up accrues nothing: its refill clock restarts at now.',
    'shaped traffic: request #12 for key "pro-1" at t=1500 ms was admitted, the reference rejected (seed 301). Limit: capacity 20, +2 per whole 100 ms; this key\'s previous request was at 1400 ms (admitted). Check: whole intervals only, the partial interval carries over (advance refilledAt by intervals · refillIntervalMs, not to now), the cap at capacity, and that a bucket a refill filled up accrues nothing: its refill clock restarts at now.',
    // the property runner's frame around the generated-workload comparisons (limiter-generated.ts)
    "token bucket on a generated workload (seed 31): minimal counter-example after 150 cases and 4 shrinks: requests (key@ms) a@0 a@5 to limiter capacity 1, +1 per 10 ms for every key — request #2 (key a, t=5 ms): yours admitted, the reference rejected; the reference's earlier decisions for this key: 0: admitted. ",
    "leaky bucket on a generated workload (seed 41): minimal counter-example after 150 cases and 2 shrinks: requests (key@ms) #0.a@0 #1.b@3 to limiters #0: capacity 2, one per 5 ms for every key, #1: per key (a function) b: capacity 1, one per 7 ms — request #2 (instance #1, key b, t=3 ms): yours rejected, the reference admitted with delay 4 ms; the reference's earlier decisions for this instance and key: none (a new key). ",
    'partial intervals: request #4 for key "a" at t=350 ms was rejected, the reference admitted. Limit: capacity 3, +1 per whole 100 ms; this key\'s previous request was at 300 ms (rejected). Check: whole intervals only, the partial interval carries over (advance refilledAt by intervals · refillIntervalMs, not to now), the cap at capacity, and that a bucket a refill filled up accrues nothing: its refill clock restarts at now.',
    // leakyAdvice: with a queue (more than 6 waiting) and with none
    'shaped traffic: request #88 for key "pro-1" at t=1000 ms was admitted with delay 450 ms, the reference admitted with delay 400 ms (seed 302). Limit: capacity 20 waiting, one served per 50 ms. For the reference, 8 admitted requests of this key were still waiting at 1000 ms (served at 1050, 1100, 1150, 1200, 1250, 1300, …), the last admitted one is served at 1400. This one is served at max(now, lastService + 50); a request whose service time is ≤ now has left the queue.',
    'steady 10/s: request #1 for key "k" at t=0 ms was rejected, the reference admitted. Limit: capacity 5 waiting, one served per 200 ms. For the reference, 0 admitted requests of this key were still waiting at 0 ms (served at —), the last admitted one is served at —. This one is served at max(now, lastService + 200); a request whose service time is ≤ now has left the queue.',
  ],
  'window-limiters': [
    // fixedAdvice, slidingAdvice
    'tiers: request #7 for key "pro-1" at t=2500 ms was rejected, the reference admitted. Its aligned window is [2000, 3000) (limit 5); the reference had admitted 3 there before. Windows are aligned to multiples of windowMs (floor(now / windowMs)), not to the key\'s first request, and a new window starts from 0.',
    'idle then burst: request #9 for key "k" at t=60250 ms was admitted, the reference rejected. Reference counts for this key: previous window 0, current 4, elapsed 250 of 1000 ms, limit 5: 0·750 + 5·1000 ≤ 5·1000. Check the weight (windowMs − elapsed), that only admitted requests count, and that a window older than the previous one counts as 0.',
    'rejected flood then steady: request #31 for key "k" at t=1500 ms was rejected, the reference admitted. Reference counts for this key: previous window 5, current 0, elapsed 500 of 1000 ms, limit 5: 5·500 + 1·1000 ≤ 5·1000. Check the weight (windowMs − elapsed), that only admitted requests count, and that a window older than the previous one counts as 0.',
    'fixed window on a generated workload (seed 51): counter-example after 150 cases and 0 shrinks: requests (key@ms) a@0 to limiter 1 per 10 ms for every key — it failed while searching but not on its own (state kept between cases?)',
    'sliding window counter on a generated workload (seed 61): minimal counter-example after 150 cases and 1 shrinks: requests (key@ms) a@0 a@1 to limiter 1 per 10 ms for every key — the check returned false',
    'shaped traffic: request #40 for key "free-2" at t=64500 ms was rejected, the reference admitted (seed 402). Reference counts for this key: previous window 2, current 1, elapsed 500 of 1000 ms, limit 5: 2·500 + 2·1000 ≤ 5·1000. Check the weight (windowMs − elapsed), that only admitted requests count, and that a window older than the previous one counts as 0.',
  ],
};

// More examples, one JSON file per lab (an array of English failure messages): test/unit/labs/zh-advice-examples/<lab>.json.
const exampleDir = path.join(import.meta.dirname, 'zh-advice-examples');
for (const file of fs.existsSync(exampleDir) ? fs.readdirSync(exampleDir).filter((f) => f.endsWith('.json')) : []) {
  const lab = file.slice(0, -'.json'.length);
  const more = JSON.parse(fs.readFileSync(path.join(exampleDir, file), 'utf8')) as unknown;
  if (!Array.isArray(more) || !more.every((x) => typeof x === 'string')) throw new Error(`${file}: must be an array of English messages`);
  GENERATED_ADVICE[lab] = [...(GENERATED_ADVICE[lab] ?? []), ...more];
}

/** A run of 4 or more English words, identifiers (camelCase, PascalCase) left out. */
function englishRun(text: string): string | null {
  const words = text.replace(/\b[a-z]+[A-Z]\w*\b|\b[A-Z][a-z]+[A-Z]\w*\b/g, '·');
  return /\b[A-Za-z]+(?:[ ,;:'-]+[A-Za-z]+){3,}\b/.exec(words)?.[0] ?? null;
}

describe('generated advice in Chinese', () => {
  it.each(Object.entries(GENERATED_ADVICE))('%s: every example comes out in Chinese with its numbers', (lab, examples) => {
    const texts = zhResultTexts(lab, labsDir)!;
    for (const en of examples) {
      const zh = localizeMessage(en, texts);
      expect(zh, en).toMatch(/\p{Script=Han}/u);
      expect(englishRun(zh), zh).toBeNull();
      for (const n of en.match(/\d+(?:\.\d+)?/g) ?? []) expect(zh, `${n} in ${zh}`).toContain(n);
      for (const s of en.match(/§[\d.]*\d/g) ?? []) expect(zh).toContain(s);
    }
  });

  it.each(Object.entries(GENERATED_ADVICE))('%s: every advice pattern compiles and is used by an example', (lab, examples) => {
    const patterns = readZhLab(lab, labsDir)?.advicePatterns ?? {};
    for (const source of Object.keys(patterns)) {
      expect(() => new RegExp(source, 'g')).not.toThrow();
      expect(examples.some((en) => new RegExp(source).test(en)), source).toBe(true);
    }
  });

  it('every lab with advice patterns has examples here', () => {
    const withPatterns = labIds.filter((lab) => Object.keys(readZhLab(lab, labsDir)?.advicePatterns ?? {}).length > 0);
    expect(withPatterns.filter((lab) => !(lab in GENERATED_ADVICE))).toEqual([]);
  });

  it('the schema refuses a pattern that does not compile', async () => {
    const { zhLabSchema } = await import('@/lib/labs/zh-lab');
    const base = { title: '实验', summary: '这是一个用来测试模式校验的实验简介。', stages: [] };
    expect(zhLabSchema.safeParse({ ...base, advicePatterns: { 'a (\\d+)': '甲 $1' } }).success).toBe(true);
    expect(zhLabSchema.safeParse({ ...base, advicePatterns: { 'a (\\d+': '甲 $1' } }).success).toBe(false);
  });

  it('the limiter kit frames', () => {
    expect(localizeMessage('steady 10/s: request #3 for key "k" at t=200 ms was admitted with delay 150 ms, the reference rejected (seed 7). ', {})).toBe(
      'steady 10/s: 第 3 个请求（key "k"，t=200 ms）：你的结果是放行并延迟 150 ms，参考实现是拒绝（seed 7）。',
    );
    expect(localizeMessage('tiers: tryAcquire("a", 100) returned {"admitted":true}; a Decision is { admitted: boolean, delayMs: integer } (seed 3).', {})).toBe(
      'tiers: tryAcquire("a", 100) 返回了 {"admitted":true}；Decision 应为 { admitted: boolean, delayMs: integer } (seed 3).',
    );
    expect(localizeMessage('tiers: tryAcquire("a", 100) threw boom.', {})).toBe('tiers: tryAcquire("a", 100) 抛出了异常：boom.');
  });
});
