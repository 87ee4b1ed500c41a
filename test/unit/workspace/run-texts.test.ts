import { describe, expect, it } from 'vitest';
import { assembleVerdict } from '@/grader/assemble-result';
import { ENGLISH_RUN_TEXTS, localizedStop, type RunTexts } from '@/components/workspace/run-in-worker';
import { translate } from '@/lib/i18n/translate';

/** The Run's own words in Chinese, built from the workspace messages as the workspace builds them. */
const zh: RunTexts = {
  compileError: (where, message) => translate('zh-CN', 'workspace.run.compileError', { where, message }),
  cancelled: () => translate('zh-CN', 'workspace.run.cancelled'),
  timeLimit: (limit) => translate('zh-CN', 'workspace.run.timeLimit', { limit }),
  workerFailed: () => translate('zh-CN', 'workspace.run.workerFailed'),
  stoppedTimeout: (detail) => translate('zh-CN', 'workspace.run.stoppedTimeout', { detail }),
  stoppedCrash: (detail) => translate('zh-CN', 'workspace.run.stoppedCrash', { detail }),
};

describe('Run messages in the learner language', () => {
  it('the English texts are the grader’s sentences, so English runs read as before', () => {
    const run = { outcome: 'timeout' as const, chunks: [], detail: ENGLISH_RUN_TEXTS.timeLimit(5000) };
    const verdict = assembleVerdict(run, []);
    expect(verdict.message).toMatch(/^Time limit exceeded: the visible tests did not finish within 5000 ms/);
    expect(localizedStop(run, verdict.message, ENGLISH_RUN_TEXTS)).toBe(verdict.message);
    for (const key of Object.keys(ENGLISH_RUN_TEXTS) as (keyof RunTexts)[]) {
      const en: RunTexts = {
        compileError: (where, message) => translate('en', 'workspace.run.compileError', { where, message }),
        cancelled: () => translate('en', 'workspace.run.cancelled'),
        timeLimit: (limit) => translate('en', 'workspace.run.timeLimit', { limit }),
        workerFailed: () => translate('en', 'workspace.run.workerFailed'),
        stoppedTimeout: (detail) => translate('en', 'workspace.run.stoppedTimeout', { detail }),
        stoppedCrash: (detail) => translate('en', 'workspace.run.stoppedCrash', { detail }),
      };
      const call = (t: RunTexts) => (t[key] as (...a: unknown[]) => string)('x', 'y');
      expect(call(en), key).toBe(call(ENGLISH_RUN_TEXTS));
    }
  });

  it('a stopped run is worded in Chinese, with the Chinese detail', () => {
    const run = { outcome: 'timeout' as const, chunks: [], detail: zh.timeLimit(5000) };
    const message = localizedStop(run, assembleVerdict(run, []).message, zh);
    expect(message).toMatch(/^超出时间限制：公开测试未在 5000 ms 内跑完/);
    const crashed = { outcome: 'crashed' as const, chunks: [], detail: zh.cancelled() };
    expect(localizedStop(crashed, assembleVerdict(crashed, []).message, zh)).toMatch(/^沙箱意外退出：运行已取消。/);
  });

  it('other messages are left as the grader wrote them', () => {
    const run = { outcome: 'completed' as const, chunks: [] };
    const message = assembleVerdict(run, []).message;
    expect(localizedStop(run, message, zh)).toBe(message);
  });
});
