import type { Locale } from '../locale';
import enCommon from './en/common.json';
import en_topic from './en/topic.json';
import en_lesson from './en/lesson.json';
import en_mdx from './en/mdx.json';
import en_home from './en/home.json';
import en_errors from './en/errors.json';
import en_quiz from './en/quiz.json';
import en_review from './en/review.json';
import en_progress from './en/progress.json';
import en_account from './en/account.json';
import en_labs from './en/labs.json';
import en_workspace from './en/workspace.json';
import en_viewer from './en/viewer.json';
import en_interview from './en/interview.json';
import en_widgets from './en/widgets.json';
import en_glossary from './en/glossary.json';
import en_mastery from './en/mastery.json';
import en_mistakes from './en/mistakes.json';
import en_help from './en/help.json';
import en_search from './en/search.json';
import zhCNCommon from './zh-CN/common.json';
import zhCN_topic from './zh-CN/topic.json';
import zhCN_lesson from './zh-CN/lesson.json';
import zhCN_mdx from './zh-CN/mdx.json';
import zhCN_home from './zh-CN/home.json';
import zhCN_errors from './zh-CN/errors.json';
import zhCN_quiz from './zh-CN/quiz.json';
import zhCN_review from './zh-CN/review.json';
import zhCN_progress from './zh-CN/progress.json';
import zhCN_account from './zh-CN/account.json';
import zhCN_labs from './zh-CN/labs.json';
import zhCN_workspace from './zh-CN/workspace.json';
import zhCN_viewer from './zh-CN/viewer.json';
import zhCN_interview from './zh-CN/interview.json';
import zhCN_widgets from './zh-CN/widgets.json';
import zhCN_glossary from './zh-CN/glossary.json';
import zhCN_mastery from './zh-CN/mastery.json';
import zhCN_mistakes from './zh-CN/mistakes.json';
import zhCN_help from './zh-CN/help.json';
import zhCN_search from './zh-CN/search.json';

/**
 * The interface strings, one JSON file per area and language (`en/<area>.json`, `zh-CN/<area>.json`),
 * so an area's strings are edited in one place. `common.json` holds the top-level keys (nav,
 * language, footer); every other file is the namespace of its name. test/unit/i18n/messages.test.ts
 * keeps the two languages in parity.
 */
export const NAMESPACES = [
  'topic',
  'lesson',
  'mdx',
  'home',
  'errors',
  'quiz',
  'review',
  'progress',
  'account',
  'labs',
  'workspace',
  'viewer',
  'interview',
  'widgets',
  'glossary',
  'mastery',
  'mistakes',
  'help',
  'search',
] as const;

export type Messages = Record<string, unknown>;

export const MESSAGES: Record<Locale, Messages> = {
  'en': {
    ...enCommon,
    topic: en_topic,
    lesson: en_lesson,
    mdx: en_mdx,
    home: en_home,
    errors: en_errors,
    quiz: en_quiz,
    review: en_review,
    progress: en_progress,
    account: en_account,
    labs: en_labs,
    workspace: en_workspace,
    viewer: en_viewer,
    interview: en_interview,
    widgets: en_widgets,
    glossary: en_glossary,
    mastery: en_mastery,
    mistakes: en_mistakes,
    help: en_help,
    search: en_search,
  },
  'zh-CN': {
    ...zhCNCommon,
    topic: zhCN_topic,
    lesson: zhCN_lesson,
    mdx: zhCN_mdx,
    home: zhCN_home,
    errors: zhCN_errors,
    quiz: zhCN_quiz,
    review: zhCN_review,
    progress: zhCN_progress,
    account: zhCN_account,
    labs: zhCN_labs,
    workspace: zhCN_workspace,
    viewer: zhCN_viewer,
    interview: zhCN_interview,
    widgets: zhCN_widgets,
    glossary: zhCN_glossary,
    mastery: zhCN_mastery,
    mistakes: zhCN_mistakes,
    help: zhCN_help,
    search: zhCN_search,
  },
};
