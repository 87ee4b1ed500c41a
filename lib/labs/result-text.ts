/**
 * Display-time translation of grader results (issue 17). The grader reports test names and failure
 * messages in English, generated inside the sandbox; what is recorded never changes with the
 * learner's language. This pure, client-safe module puts a result into Chinese for display only:
 * test names through the lab's table (labs/<id>/lab.zh.json `tests`, then `testPatterns`), advice
 * sentences generated with values inside by the lab's patterns (`advicePatterns`, applied in order), fixed
 * advice sentences by exact substring replacement (`advice`), and the recurring sentence frames of the
 * shared kits through a small pattern table. Anything unmatched stays as written.
 */
import type { GradeResult, TestResult } from '@/grader/results-schema';

/** The translation tables of one lab (the `tests`, `testPatterns` and `advice` fields of lab.zh.json). */
export interface LabResultTexts {
  /** English test name (without the "visible › " prefix and the " [seed N]" suffix) → Chinese name. */
  tests?: Readonly<Record<string, string>>;
  /** Regex source (matched against the whole base name) → replacement with $1…, for generated names. */
  testPatterns?: Readonly<Record<string, string>>;
  /** English advice sentence → Chinese advice. */
  advice?: Readonly<Record<string, string>>;
  /**
   * Regex source → replacement with $1…, for advice generated with values inside (anchored on its
   * distinctive English text); applied in order, each to every match, before `advice`.
   */
  advicePatterns?: Readonly<Record<string, string>>;
}

/** A test as displayed: `name` stays the English id (keys, replay), `title` is what the learner reads. */
export type DisplayTestResult = TestResult & { title?: string };
export type DisplayGradeResult = Omit<GradeResult, 'tests'> & { tests: DisplayTestResult[] };

/** The prefix the hidden run gives the visible tests (grader/harness/registry.ts visibleTestPrefix). */
const VISIBLE_PREFIX = 'visible › ';
const SEED_SUFFIX = / \[seed (-?\d+)\]$/;

/** The Chinese names of the Raft kit's invariants (grader/harness/kits/raft-lab-kit.ts PROPERTY_NAMES). */
export const PROPERTY_NAMES_ZH: Readonly<Record<string, string>> = {
  'election safety (at most one leader per term)': '选举安全（每个 term 至多一个 leader）',
  'leader completeness': 'leader 完整性',
  'state machine safety': '状态机安全',
  'log matching': '日志匹配',
  'commit needs a majority': '提交需要多数派',
  'applied in order': '按序应用',
  'terms never go back': 'term 不回退',
  'persist before send': '先持久化再发送',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How the limiter kits show a decision: "admitted with delay N ms", "admitted" or "rejected" (anything else, e.g. JSON, stays). */
const LIMITER_DECISION = 'admitted with delay -?\\d+ ms|admitted|rejected';
const limiterDecision = (shown: string) => {
  const delay = /^admitted with delay (-?\d+) ms$/.exec(shown);
  return delay ? `放行并延迟 ${delay[1]} ms` : shown === 'admitted' ? '放行' : shown === 'rejected' ? '拒绝' : shown;
};

/**
 * The Raft engine's invariant and persistence details (engine/raft/raft-invariants.ts and
 * engine/raft/cluster/raft-cluster.ts), which every Raft lab's failures quote after "node N": one table for all of them.
 * A detail that ends its sentence ("… back to 3.") keeps the full stop as "。".
 */
const RAFT_DETAILS: readonly [string, string][] = [
  ["\\bterm went from (\\d+) back to (\\d+)", "term 从 $1 倒退回 $2"],
  ["\\bbecame leader of term (\\d+), which node (\\d+) already leads", "成了 term $1 的 leader，而节点 $2 已经是这个 term 的 leader"],
  ["\\bleader of term (\\d+) lacks committed entry (\\d+) \\(term (\\d+)\\); its log has nothing there", "作为 term $1 的 leader，缺少已提交的条目 $2（term $3）；它的日志在那里没有条目"],
  ["\\bleader of term (\\d+) lacks committed entry (\\d+) \\(term (\\d+)\\); its log has term (\\d+) there", "作为 term $1 的 leader，缺少已提交的条目 $2（term $3）；它的日志在那里是 term $4"],
  ["\\bentry (\\d+) of term (\\d+) differs from another log's \\(payload (.*?) vs (.*?)\\)", "term $2 的条目 $1 与另一份日志里的不同（内容 $3 对 $4）"],
  ["\\bentry (\\d+) of term (\\d+) differs from another log's \\(preceded by term (\\S+) vs (\\S+)\\)", "term $2 的条目 $1 与另一份日志里的不同（前一条的 term 为 $3，对方为 $4）"],
  ["\\bcommitted index (\\d+) \\(term (\\d+)\\) stored on only (\\d+) of (\\d+) disks", "提交的 index $1（term $2）只存在于 $4 块磁盘中的 $3 块上"],
  ["\\bcommitted index (\\d+) with term (\\d+), but term (\\d+) was committed there before", "在 index $1 提交了 term $2，但那里之前提交的是 term $3"],
  ["\\bapplied index (\\d+) right after (\\d+)", "紧接着 $2 应用了 index $1"],
  ["\\bapplied (\\S+) at index (\\d+), where (\\S+) was applied before", "在 index $2 应用了 $1，而那里之前应用的是 $3"],
  ["\\bstate machine rolled back from (\\d+) to a snapshot at (\\d+)", "状态机从 $1 回滚到了 $2 处的快照"],
  ["\\b(\\w+) to (\\d+) carries term (\\d+) but the durable term is (\\d+)", "发给 $2 的 $1 带着 term $3，但已落盘的 term 是 $4"],
  ["\\bvote for (\\d+) in term (\\d+) sent before it was durable \\(disk has term (\\d+), vote (\\w+)\\)", "term $2 里投给 $1 的票在落盘之前就发出去了（磁盘上是 term $3，vote $4）"],
  ["\\backnowledged entries through (\\d+) but the disk holds only (\\d+)", "确认了到 $1 的条目，但磁盘上只有到 $2 的"],
];

const RAFT_DETAIL_FRAMES: [RegExp, (...m: string[]) => string][] = RAFT_DETAILS.map(([source, zh]) => {
  // The capture group of the optional full stop comes after the detail's own groups (counted once, here).
  const stop = new RegExp(`${source}|`).exec('')!.length;
  return [
    new RegExp(`${source}(\\.)?`, 'g'),
    (...m: string[]) => {
      const filled = zh.replace(/\$(\d)/g, (_s, n: string) => m[Number(n)] ?? '');
      return m[stop] === '.' ? `${filled}。` : filled;
    },
  ];
});

/** Sentence frames the shared kits and harness write, in order; each replacement keeps the generated parts. */
export const MESSAGE_FRAMES: readonly [RegExp, string | ((...m: string[]) => string)][] = [
  [
    new RegExp(`(${Object.keys(PROPERTY_NAMES_ZH).map(escape).join('|')}) violated (.*?) \\(seed (-?\\d+), at (\\d+) ms\\): node (\\d+) `, 'g'),
    (_m, prop, what, seed, t, node) => `违反了${PROPERTY_NAMES_ZH[prop!] ?? prop}（${what}，seed ${seed}，第 ${t} ms）：节点 ${node} `,
  ],
  ...RAFT_DETAIL_FRAMES,
  [
    /request #(\d+) \((.*?), t=(-?\d+) ms\): yours (.*?), the reference (.*?); the reference's earlier decisions for this (instance and )?key: none \(a new key\)\. /g,
    (_m, i, where, t, yours, ref) => `第 ${i} 个请求（${where}，t=${t} ms）：你的结果 ${limiterDecision(yours!)}，参考实现 ${limiterDecision(ref!)}；这个 key 是新的，参考实现此前没有决定。`,
  ],
  [
    /request #(\d+) \((.*?), t=(-?\d+) ms\): yours (.*?), the reference (.*?); the reference's earlier decisions for this (instance and )?key: (.*?)\. /g,
    (_m, i, where, t, yours, ref, _inst, seen) => `第 ${i} 个请求（${where}，t=${t} ms）：你的结果 ${limiterDecision(yours!)}，参考实现 ${limiterDecision(ref!)}；参考实现此前对这个 key 的决定：${seen!.replace(new RegExp(`\\b(${LIMITER_DECISION})\\b`, 'g'), limiterDecision)}。`,
  ],
  // The limiter kit's mismatch (grader/harness/kits/limiter-compare.ts): "<what>: request #N for key "k" at t=T ms was …, the reference … (seed S). "
  [
    new RegExp(`request #(\\d+) for key "([^"]*)" at t=(-?\\d+) ms was (${LIMITER_DECISION}), the reference (${LIMITER_DECISION})(?: \\(seed (-?\\d+)\\))?\\. ?`, 'g'),
    (_m, i, key, t, yours, ref, seed) =>
      `第 ${i} 个请求（key "${key}"，t=${t} ms）：你的结果是${limiterDecision(yours!)}，参考实现是${limiterDecision(ref!)}${seed ? `（seed ${seed}）` : ''}。`,
  ],
  [/(tryAcquire\("[^"]*", -?\d+\)) returned (.*?); a Decision is \{ admitted: boolean, delayMs: integer \}/g, '$1 返回了 $2；Decision 应为 { admitted: boolean, delayMs: integer }'],
  [/(tryAcquire\("[^"]*", -?\d+\)) threw /g, '$1 抛出了异常：'],
  // The property runner's failure (grader/harness/property.ts): "<what> (seed S): minimal counter-example after N cases and M shrinks: <case> — <why>".
  [
    / ?\(seed (-?\d+)\): (minimal )?counter-example after (\d+) cases and (\d+) shrinks: /g,
    (_m, seed, minimal, runs, shrinks) => `（seed ${seed}）：${runs} 个用例、${shrinks} 次收缩后的${minimal ? '最小' : ''}反例：`,
  ],
  // The limiter kit's generated case (grader/harness/kits/limiter-generated.ts describeCase), quoted by the property runner.
  [
    /\brequests \(key@ms\) (.+?) to limiters? (.+?)(?= — )/g,
    (_m, calls, specs) =>
      `请求（key@ms）${calls}，限流器 ${specs!.replace(/ for every key\b/g, '（所有 key）').replace(/\bper key \(a function\) /g, '按 key 区分（函数）：')}`,
  ],
  [/ — the check returned false$/, ' — 检查返回了 false'],
  [/ — it failed while searching but not on its own \(state kept between cases\?\)$/, ' — 搜索时失败，单独重跑却通过（用例之间保留了状态？）'],
  [/\bgot (.+?), expected (.+?)(?=[.;,]\s|[.;]?$|\s\()/g, '得到 $1，期望 $2'],
  // The harness's assertion messages (grader/harness/expect.ts), which end a message: "expected <actual> to …".
  [/\bexpected ((?:(?!expected ).)+?) (not )?to equal (.+)$/, (_m, got, not, want) => `得到 ${got}，期望${not ? '不' : ''}等于 ${want}`],
  [/\bexpected ((?:(?!expected ).)+?) (not )?to be (<=|>=|<|>) (.+)$/, (_m, got, not, op, bound) => `得到 ${got}，期望${not ? '不' : ''} ${op} ${bound}`],
  [/\bexpected ((?:(?!expected ).)+?) (not )?to be truthy$/, (_m, got, not) => `得到 ${got}，期望${not ? '不' : ''}为真值`],
  [/\bexpected ((?:(?!expected ).)+?) (not )?to be falsy$/, (_m, got, not) => `得到 ${got}，期望${not ? '不' : ''}为假值`],
  [/\bexpected length ((?:(?!expected ).)+?) (not )?to be (.+)$/, (_m, got, not, want) => `长度为 ${got}，期望${not ? '不' : ''}为 ${want}`],
  [/\bexpected ((?:(?!expected ).)+?) (not )?to be (.+)$/, (_m, got, not, want) => `得到 ${got}，期望${not ? '不' : ''}为 ${want}`],
  [/\bexpected ((?:(?!expected ).)+?) (not )?to contain (.+)$/, (_m, got, not, item) => `得到 ${got}，期望${not ? '不' : ''}包含 ${item}`],
];

function applyPattern(base: string, patterns: LabResultTexts['testPatterns']): string | null {
  if (!patterns) return null;
  for (const [source, replacement] of Object.entries(patterns)) {
    const re = new RegExp(`^(?:${source})$`);
    if (re.test(base)) return base.replace(re, replacement);
  }
  return null;
}

/** The Chinese display name of a test, or the English name when the table has none. */
export function localizeTestName(name: string, texts: LabResultTexts | null | undefined): string {
  if (!texts) return name;
  let base = name;
  let prefix = '';
  if (base.startsWith(VISIBLE_PREFIX)) {
    base = base.slice(VISIBLE_PREFIX.length);
    prefix = '可见 › ';
  }
  const seed = SEED_SUFFIX.exec(base);
  if (seed) base = base.slice(0, seed.index);
  const zh = texts.tests?.[base] ?? applyPattern(base, texts.testPatterns);
  if (zh === null || zh === undefined) return name;
  return `${prefix}${zh}${seed ? ` [seed ${seed[1]}]` : ''}`;
}

/** A failure message with the lab's advice sentences and the kits' frames in Chinese. */
export function localizeMessage(message: string, texts: LabResultTexts | null | undefined): string {
  if (!texts) return message;
  let out = message;
  for (const [source, replacement] of Object.entries(texts.advicePatterns ?? {})) {
    out = out.replace(new RegExp(source, 'g'), replacement);
  }
  // Longest first, so an advice that contains another is replaced whole.
  for (const [en, zh] of Object.entries(texts.advice ?? {}).sort((a, b) => b[0].length - a[0].length)) {
    if (out.includes(en)) out = out.split(en).join(zh);
  }
  for (const [re, replacement] of MESSAGE_FRAMES) {
    const before = out;
    out = out.replace(re, replacement as never);
    // One assertion frame per message: the end-anchored ones are alternatives.
    if (!re.global && out !== before) break;
  }
  // English sentences are joined by a space; Chinese ones are not (full-width punctuation never occurs in the English).
  return out.replace(/([。：；？！]) +(?=\S)/g, '$1');
}

/** One test for display: `name`, status, seed and figures unchanged; `title` and `message` localized. */
export function localizeTest<T extends TestResult>(test: T, texts: LabResultTexts | null | undefined): T & { title?: string } {
  if (!texts) return test;
  const title = localizeTestName(test.name, texts);
  return {
    ...test,
    ...(title !== test.name ? { title } : {}),
    ...(test.message ? { message: localizeMessage(test.message, texts) } : {}),
  };
}

/** A whole result for display (the API answers this when the request is in Chinese). */
export function localizeResult(result: GradeResult, texts: LabResultTexts | null | undefined): DisplayGradeResult {
  if (!texts) return result;
  return { ...result, tests: result.tests.map((t) => localizeTest(t, texts)) };
}
