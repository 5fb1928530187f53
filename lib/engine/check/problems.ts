import type { Problem } from '../types';

/**
 * Stable problem codes (documented in docs/scheme-format.md). Clients key on these, so they never change
 * meaning; new ones are only added.
 */
export const ERROR_CODES = [
  // input limits and JSON
  'document_too_large', 'document_too_deep', 'too_many_nodes', 'json_syntax',
  // structure (zod)
  'unknown_format', 'schema_missing_field', 'schema_invalid_type', 'schema_unknown_field', 'schema_invalid_value',
  'schema_too_small', 'schema_too_big', 'schema_invalid_format', 'schema_invalid_key', 'schema_invalid',
  // graph
  'unknown_start', 'dangling_branch', 'cycle', 'unreachable_node', 'missing_branch', 'condition_without_rules',
  // rules
  'unknown_attribute', 'operator_not_allowed', 'value_missing', 'value_not_allowed', 'value_wrong_type',
  'value_not_list', 'value_empty_list', 'value_not_range', 'range_inverted', 'value_out_of_range',
  'value_out_of_domain', 'value_invalid_format', 'regex_invalid', 'unknown_filter', 'filter_cycle', 'filter_invalid',
  // strategies
  'direct_needs_one_processor', 'strategy_without_processors', 'duplicate_processor', 'weight_invalid',
  'weights_not_100', 'unknown_processor', 'unknown_route',
  // options
  'unknown_time_zone',
] as const;

export const WARNING_CODES = [
  'cascade_exceeds_candidates', 'cascade_without_categories', 'branch_never_taken', 'processor_never_eligible',
  'processor_not_active', 'layout_unknown_node',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
export type Path = (string | number)[];

/** The node a path sits under, if it is under `nodes`. */
export function nodeOfPath(path: readonly (string | number)[]): string | undefined {
  return path[0] === 'nodes' && typeof path[1] === 'string' ? path[1] : undefined;
}

export function error(code: ErrorCode, message: string, path: Path): Problem {
  const node = nodeOfPath(path);
  return node === undefined ? { code, message, path, severity: 'error' } : { code, message, path, node, severity: 'error' };
}

export function warning(code: WarningCode, message: string, path: Path): Problem {
  const node = nodeOfPath(path);
  return node === undefined
    ? { code, message, path, severity: 'warning' }
    : { code, message, path, node, severity: 'warning' };
}
