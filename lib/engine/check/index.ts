import { SchemeDocumentSchema, SchemeNodeSchema, type SchemeDocument, type SchemeNode } from '../../scheme/schema';
import type { Catalog } from '../../catalog/types';
import type { CompileOptions, Problem } from '../types';
import { readInput } from './limits';
import { structureProblems } from './structure';
import { checkGraph, graphView } from './graph';
import { checkAttributeRule, FilterChecker } from './rules';
import { checkStrategy, indexRegistry, type RegistryIndex } from './strategies';
import { reasonAboutPaths } from './reasoning';
import { error, warning, type ErrorCode } from './problems';
import { isTimeZone } from '../../time-zone';


export interface CheckResult {
  /** The parsed document, when it has the right structure (it may still have other errors). */
  document?: SchemeDocument;
  errors: Problem[];
  warnings: Problem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every problem of a scheme document at once: size limits, JSON syntax, structure, graph,
 * rules against the catalog, strategies against the registry, then, for an otherwise valid document,
 * warnings from reasoning about paths. Never throws on any input.
 */
export function checkScheme(input: unknown, options: CompileOptions & { catalog: Catalog }): CheckResult {
  const read = readInput(input);
  if (!read.ok) return { errors: [read.problem], warnings: [] };
  const raw = read.value;
  if (!isRecord(raw)) {
    return { errors: [error('schema_invalid_type', 'A scheme document is a JSON object.', [])], warnings: [] };
  }
  const problems: Problem[] = [];
  const parsed = SchemeDocumentSchema.safeParse(raw);
  if (!parsed.success) problems.push(...structureProblems(parsed.error.issues, raw));
  problems.push(...protoKeyProblems(raw));
  const graph = checkGraph(graphView(raw));
  problems.push(...graph.problems);

  const registry = indexRegistry(options.registry);
  const filters = options.registry?.filters ? new FilterChecker(options.registry.filters, options.catalog) : undefined;
  for (const [id, node] of nodesOf(raw, parsed.success ? parsed.data : undefined)) {
    problems.push(...checkNode(id, node, options.catalog, registry, filters));
  }
  problems.push(...layoutProblems(raw));
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    problems.push(error('unknown_time_zone', `Unknown time zone "${options.timeZone}" for time_of_day / weekday; use an IANA name such as "Europe/Berlin".`, []));
  }

  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (!parsed.success) return { errors, warnings };
  if (errors.length === 0 && graph.order) {
    warnings.push(...reasonAboutPaths(parsed.data, graph.order, options.catalog, registry));
  }
  return { document: parsed.data, errors, warnings };
}

/** Nodes with a valid structure, so their content can be checked even when other nodes are broken. */
function nodesOf(raw: Record<string, unknown>, document: SchemeDocument | undefined): [string, SchemeNode][] {
  if (document) return Object.entries(document.nodes);
  if (!isRecord(raw.nodes)) return [];
  const out: [string, SchemeNode][] = [];
  for (const [id, node] of Object.entries(raw.nodes)) {
    const parsed = SchemeNodeSchema.safeParse(node);
    if (parsed.success) out.push([id, parsed.data]);
  }
  return out;
}

function checkNode(
  id: string,
  node: SchemeNode,
  catalog: Catalog,
  registry: RegistryIndex,
  filters: FilterChecker | undefined,
): Problem[] {
  if (node.type === 'strategy') return checkStrategy(id, node, registry);
  return node.rules.flatMap((rule, i) => {
    const path = ['nodes', id, 'rules', i];
    if (!('filter' in rule)) return checkAttributeRule(rule, path, catalog);
    if (!filters) return [];
    if (!filters.has(rule.filter)) return [error('unknown_filter', `Unknown filter "${rule.filter}".`, [...path, 'filter'])];
    return filters.problemsOf(rule.filter).map((p) => error(p.code as ErrorCode, p.message, [...path, 'filter']));
  });
}


function layoutProblems(raw: Record<string, unknown>): Problem[] {
  if (!isRecord(raw.layout) || !isRecord(raw.nodes)) return [];
  const nodes = raw.nodes;
  return Object.keys(raw.layout)
    .filter((id) => !Object.prototype.hasOwnProperty.call(nodes, id))
    .map((id) => warning('layout_unknown_node', `layout has a position for "${id}", which is not a node.`, ['layout', id]));
}

/** zod drops a "__proto__" key without a word, so a node or position under that name would vanish silently. */
function protoKeyProblems(raw: Record<string, unknown>): Problem[] {
  return (['nodes', 'layout'] as const)
    .filter((field) => isRecord(raw[field]) && Object.prototype.hasOwnProperty.call(raw[field], '__proto__'))
    .map((field) => error('schema_invalid_key', 'Invalid key "__proto__": reserved name, choose another id.', [field, '__proto__']));
}
