import { describe, expect, it } from 'vitest';
import { countProseWords } from '@/lib/content/catalog';
import { describeIssues } from '@/lib/content/schema';
import { zhCardTexts } from '@/lib/content/translations';
import { ANSWER_WORDS, HAN_CHARACTERS_PER_WORD, interviewCardSchema, spokenAnswerWords } from '@/lib/interview/schema';

/** A Chinese answer of about `han` Han characters, with the English terms Chinese engineers keep. */
const chinese = (han: number) => {
  const sentence = '候选人先自增任期，再给自己投票，然后向所有节点并行发送拉票请求。'; // 28 Han characters
  const hanPer = (sentence.match(/\p{Script=Han}/gu) ?? []).length;
  return Array.from({ length: Math.ceil(han / hanPer) }, (_, i) => (i % 4 === 0 ? `Raft 的 leader 在 term ${i} 里${sentence}` : sentence)).join('');
};

describe('spoken answer length, whatever the language', () => {
  it('counts an English answer exactly as the lessons count prose', () => {
    const english = 'A candidate increments its **term**, votes for itself and asks every peer for a vote (`RequestVote`).';
    expect(spokenAnswerWords(english)).toBe(countProseWords(english));
  });

  it('counts Han characters, not space-separated chunks, so a Chinese answer is not judged too short', () => {
    const answer = chinese(300);
    expect(countProseWords(answer)).toBeLessThan(ANSWER_WORDS.min); // what the old count saw: a few "words"
    const han = (answer.match(/\p{Script=Han}/gu) ?? []).length;
    expect(spokenAnswerWords(answer)).toBeGreaterThanOrEqual(Math.round(han / HAN_CHARACTERS_PER_WORD));
    expect(spokenAnswerWords(answer)).toBeGreaterThanOrEqual(ANSWER_WORDS.min);
    // A two-minute Chinese answer is 270–675 characters; a few sentences are still too short, a long essay too long.
    expect(spokenAnswerWords(chinese(60))).toBeLessThan(ANSWER_WORDS.min);
    expect(spokenAnswerWords(chinese(1200))).toBeGreaterThan(ANSWER_WORDS.max);
  });

  it('mixed text: English terms count as words, Chinese punctuation does not', () => {
    expect(spokenAnswerWords('用 ReadIndex 实现线性一致读。')).toBe(1 + Math.round(8 / HAN_CHARACTERS_PER_WORD));
    expect(spokenAnswerWords('，。：；？！（）')).toBe(0);
  });

  it('the card schema accepts a two-minute answer written in Chinese', () => {
    const card = {
      id: 'raft-iv-election',
      title: 'Leader election',
      prompt: 'How does Raft elect a leader?',
      difficulty: 1,
      lessons: ['raft/leader-election'],
      outline: ['point one is here', 'point two is here', 'point three is here', 'point four is here', 'point five is here'],
      answer: chinese(400),
      followUps: [
        { question: 'Why random?', answer: 'Because split votes would repeat forever.' },
        { question: 'How long?', answer: 'Much longer than a broadcast round trip.' },
      ],
      traps: ['Saying a majority of live nodes suffices', 'Forgetting the up-to-date check'],
    };
    const parsed = interviewCardSchema.safeParse(card);
    expect(parsed.success ? '' : describeIssues(parsed.error)).toBe('');
    const short = interviewCardSchema.safeParse({ ...card, answer: chinese(60) });
    expect(short.success ? '' : describeIssues(short.error)).toMatch(/180–450 words/);
  });

  it('every Chinese card answer in the content is at least a two-minute answer', () => {
    const short = [...zhCardTexts().byId.values()].filter((c) => spokenAnswerWords(c.answer) < ANSWER_WORDS.min).map((c) => `${c.id}: ${spokenAnswerWords(c.answer)}`);
    expect(short).toEqual([]);
  });
});
