/**
 * Output settings shared by the commands: colours (off when stdout is not a TTY, with NO_COLOR, or
 * with --no-color; FORCE_COLOR=1 turns them on), the language of test names and advice, and --json.
 */
export type Lang = 'en' | 'zh-CN';
/** The environment as the CLI reads it (process.env, or a test's own). */
export type Env = Record<string, string | undefined>;

export interface Out {
  lang: Lang;
  json: boolean;
  color: boolean;
  /** stdout and stderr, replaceable in tests. */
  write: (text: string) => void;
  error: (text: string) => void;
  /** stderr is an interactive terminal (spinners, screen clearing). */
  interactive: boolean;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: Env, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** --lang wins; otherwise LC_ALL, LC_MESSAGES, LANG starting with zh pick Chinese. */
export function pickLang(flag: string | undefined, env: Env): Lang {
  if (flag) return flag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  const fromEnv = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return fromEnv.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const codes = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], cyan: [36, 39] } as const;
export type Paint = Record<keyof typeof codes, (s: string) => string>;

export function paint(color: boolean): Paint {
  const out = {} as Paint;
  for (const [name, [on, off]] of Object.entries(codes) as [keyof typeof codes, readonly [number, number]][]) {
    out[name] = color ? (s) => `\u001b[${on}m${s}\u001b[${off}m` : (s) => s;
  }
  return out;
}

/** The few CLI sentences that change with --lang (test names and advice come from lib/labs/result-text.ts). */
const TEXT = {
  en: {
    passed: (n: number, total: number) => `${n}/${total} tests passed`,
    allPassed: 'All tests passed.',
    replay: 'replay',
    seed: 'seed',
    metrics: 'metrics',
    output: 'output',
    queued: (p: number) => `queued (${p} ahead)`,
    grading: 'grading',
    submitted: (id: string) => `Submitted ${id}.`,
    history: (url: string) => `History: ${url}`,
    hiddenNote: 'Hidden tests cannot be run locally; the seed shows which scenario failed.',
  },
  'zh-CN': {
    passed: (n: number, total: number) => `通过 ${n}/${total} 个测试`,
    allPassed: '全部测试通过。',
    replay: '重放',
    seed: 'seed',
    metrics: '指标',
    output: '输出',
    queued: (p: number) => `排队中（前面还有 ${p} 个）`,
    grading: '评测中',
    submitted: (id: string) => `已提交 ${id}。`,
    history: (url: string) => `历史记录：${url}`,
    hiddenNote: '隐藏测试不能在本地运行；seed 说明了失败的是哪个场景。',
  },
} as const;

export function text(lang: Lang) {
  return TEXT[lang];
}
