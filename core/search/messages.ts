// Wording of the search problems (core/search/query.ts), in English and 简体中文. Templates use {param} placeholders.
import type { Lang } from '../i18n/messages.ts';
import type { SearchProblem, SearchProblemCode } from './query.ts';

export const SEARCH_MESSAGES: Readonly<Record<SearchProblemCode, { en: string; 'zh-CN': string }>> = {
  'search.unknownKey': {
    en: '"{key}:" is not a search key (known: {keys}); searched as plain text.',
    'zh-CN': '“{key}:”不是可用的搜索关键字(可用:{keys}),已按普通文本搜索。',
  },
  'search.badValue': {
    en: '"{value}" is not a valid value for "{key}:" (expected {expected}); searched as plain text.',
    'zh-CN': '“{value}”不是“{key}:”的有效取值(应为 {expected}),已按普通文本搜索。',
  },
  'search.emptyValue': {
    en: '"{key}:" needs a value; ignored.',
    'zh-CN': '“{key}:”缺少取值,已忽略。',
  },
  'search.unclosedQuote': {
    en: 'A quote is not closed; the phrase runs to the end.',
    'zh-CN': '引号未闭合,短语一直延续到末尾。',
  },
};

export function searchProblemText(code: SearchProblemCode, params: Readonly<Record<string, string>>, lang: Lang): string {
  return SEARCH_MESSAGES[code][lang].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export function formatSearchProblem(problem: Pick<SearchProblem, 'code' | 'params'>, lang: Lang): string {
  return searchProblemText(problem.code, problem.params, lang);
}
