/** What a service returns: its value, or an error that forms and the API show as they are. */

/** One problem with the input, at a path into it (every error names its path). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

export interface Reference {
  kind: 'processor_route' | 'filter' | 'scheme' | 'scheme_version' | 'settings';
  id: string;
  name: string;
}

export type ServiceError =
  | { code: 'validation'; message: string; issues: FieldIssue[] }
  | { code: 'not_found'; message: string }
  /** The caller's role does not allow this (nothing was changed). */
  | { code: 'forbidden'; message: string }
  | { code: 'conflict'; message: string; issues?: FieldIssue[]; /** The current revision, when a stale save was refused. */ revision?: number }
  | { code: 'referenced'; message: string; references: Reference[] };

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };
