/**
 * What the editor's save actions answer. Plain data shared by the server actions and the editor
 * components, so no component imports a page's actions for its types.
 */
export interface SaveIssue {
  path: (string | number)[];
  message: string;
}

export type SaveOutcome =
  /** Saved: the draft is now at `revision`. */
  | { status: 'saved'; revision: number }
  /** Someone saved since the edit started: nothing was written. */
  | { status: 'conflict'; message: string; revision: number }
  /** The format refuses the document (or the name is taken): nothing was written. */
  | { status: 'invalid'; message: string; issues: SaveIssue[] }
  | { status: 'error'; message: string };

export type CopyOutcome =
  | { status: 'copied'; id: string; name: string }
  | { status: 'invalid'; message: string; issues: SaveIssue[] }
  | { status: 'error'; message: string };

export type SaveDraftAction = (schemeId: string, document: unknown, baseRevision: number) => Promise<SaveOutcome>;
export type SaveAsCopyAction = (schemeId: string, document: unknown) => Promise<CopyOutcome>;

/** One line per issue, path first: how the editor lists why a document was refused. */
export function describeIssues(issues: readonly SaveIssue[]): string[] {
  return issues.map((issue) => `${issue.path.length ? `$.${issue.path.join('.')}` : '$'}: ${issue.message}`);
}
