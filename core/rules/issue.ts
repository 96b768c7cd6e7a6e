export type IssueParams = Record<string, string | number>;

/** One broken rule. `code` is the API's own error code where the API documents one, else an app code `Rule.*`. */
export interface RuleIssue {
  path: string;
  code: string;
  params: IssueParams;
}

export function issue(path: string, code: string, params: IssueParams = {}): RuleIssue {
  return { path, code, params };
}
