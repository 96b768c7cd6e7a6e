// An error as the user reads it: worded from its code (and parameters) in the UI language. Main's own `message` is
// English, for logs and support; it reaches the screen only for a code nobody here knows, which can only be one the
// service invented after the document (then the service's own text is the best there is).
import type { AppErrorShape } from '../errors.ts';
import { ERROR_MESSAGES } from './errors.ts';
import { formatIssue, MESSAGES, type Lang } from './messages.ts';

const PLACEHOLDER = /\{(\w+)\}/;

function own(catalog: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(catalog, key) ? catalog[key] : undefined;
}

/** Whether the catalogs word `code` in both languages (the tests hold every code main can send to this). */
export function isWorded(code: string): boolean {
  return (['en', 'zh-CN'] as const).every((lang) => own(MESSAGES[lang], code) !== undefined || own(ERROR_MESSAGES[lang], code) !== undefined);
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(params, key) ? String(params[key]) : whole));
}

export function describeError(error: Pick<AppErrorShape, 'code' | 'message' | 'field' | 'params'>, lang: Lang): string {
  const params = error.params ?? {};
  const errors = ERROR_MESSAGES[lang];
  // The first wording whose placeholders this error fills: a rule's template, the error's own, its generic `Code#`.
  const candidates = [
    own(MESSAGES[lang], error.code) !== undefined ? formatIssue({ path: error.field ?? '', code: error.code, params }, lang) : undefined,
    own(errors, error.code) !== undefined ? fill(errors[error.code]!, params) : undefined,
    own(errors, `${error.code}#`),
  ];
  const worded = candidates.find((text) => text !== undefined && !PLACEHOLDER.test(text));
  if (worded !== undefined) return worded;
  const status = /^Http\.(\d{3})$/.exec(error.code)?.[1];
  if (status) return fill(errors['Http.Other']!, { status });
  return `${error.message} (${error.code})`;
}
