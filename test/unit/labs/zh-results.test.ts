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
