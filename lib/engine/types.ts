/**
 * The engine's public contract: what compile() takes and what a compiled plan returns.
 * Pure types; every module of the engine, the services, the CLI and the UI speak these.
 */
import type { Operator, SchemeDocument, Modifiers, StrategyKind, Rule } from '../scheme/schema';
import type { Processor, OutcomeCategory } from '../processors/schema';

export type { Processor, OutcomeCategory };

/** A transaction as the payment backend sends it: free JSON, read through catalog paths. */
export type Transaction = Record<string, unknown>;

/** One compiler finding. `path` is a JSON path into the document, e.g. ["nodes","is_eu","rules",0,"value"]. */
export interface Problem {
  code: string;
  message: string;
  path: (string | number)[];
  /** The node the problem sits on, when it sits on one. */
  node?: string;
  severity: 'error' | 'warning';
}

/** A processor route: a named ordered list of processors. */
export interface ProcessorRoute {
  id: string;
  name: string;
  processors: string[];
}

/** A named, reusable group of rules that conditions reference with {filter: id}. */
export interface Filter {
  id: string;
  name: string;
  match?: 'all' | 'any';
  rules: Rule[];
}

/** What the compiler checks references against. Absent lists are not checked. */
export interface Registry {
  processors?: Processor[];
  routes?: ProcessorRoute[];
  filters?: Filter[];
}

export interface CompileOptions {
  /** Attribute catalog; the built-in one (with metadata.* support) when omitted. */
  catalog?: import('../catalog/types').Catalog;
  registry?: Registry;
  /** IANA time zone for time_of_day / weekday, derived from created_at. Default "UTC". */
  timeZone?: string;
}

export type CompileResult =
  | { ok: true; plan: Plan; warnings: Problem[] }
  | { ok: false; errors: Problem[]; warnings: Problem[] };

export interface PathStep {
  node: string;
  result: boolean;
}

/** Per-rule detail of one condition, only when a trace is asked for. */
export interface RuleTrace {
  attribute?: string;
  filter?: string;
  operator?: Operator;
  expected?: unknown;
  /** The value read from the transaction (normalised); absent when missing. */
  actual?: unknown;
  /**
   * Why the attribute counts as missing: absent, null, of the wrong type, or (time_of_day, weekday) a
   * created_at that is present but not an accepted date-time.
   */
  missing?: 'absent' | 'null' | 'wrong_type' | 'invalid';
  result: boolean;
  /** Rules of a referenced filter. */
  rules?: RuleTrace[];
}

export interface NodeTrace {
  node: string;
  result: boolean;
  match: 'all' | 'any';
  rules: RuleTrace[];
}

export interface SkippedProcessor {
  processor: string;
  reason: 'unknown' | 'not_active' | 'currency' | 'payment_method' | 'country';
}

export type Outcome = 'route' | 'blocked' | 'no_route';

export interface Decision {
  outcome: Outcome;
  processor: string | null;
  candidates: string[];
  strategy: StrategyKind | null;
  node: string | null;
  path: PathStep[];
  modifiers: Modifiers;
  reason?: string;
  scheme?: { id: string; version: number };
  /** How the decision was made when it did not come from a scheme (a routing mode or a named route). */
  mode?: RoutingMode;
  /** Only with { trace: true }. */
  trace?: { conditions: NodeTrace[]; skipped: SkippedProcessor[] };
}

/** Processors indexed once for fast eligibility checks; build with indexProcessors(). */
export interface ProcessorSet {
  readonly byId: ReadonlyMap<string, Processor>;
  readonly list: readonly Processor[];
}

export interface DecideOptions {
  trace?: boolean;
}

export interface Plan {
  readonly document: SchemeDocument;
  decide(transaction: Transaction, processors: ProcessorSet, options?: DecideOptions): Decision;
  /** Cascade policy of a strategy node, for the simulator. */
  cascadeOf(nodeId: string): { max_attempts: number; on: readonly string[] } | undefined;
}

export const ROUTING_MODES = [
  'default_only',
  'default_then_connection_order',
  'default_with_recency_fallback',
  'random_uniform',
  'random_weighted',
  'processor_route',
  'scheme',
] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** Account settings that decide when no scheme is active. */
export interface RoutingSettings {
  mode: RoutingMode;
  default_processor?: string | null;
  default_route?: ProcessorRoute | null;
  /** For random_weighted: processor id → whole-number weight. */
  weights?: Record<string, number>;
}

/** One tried attempt of a simulated payment. */
export interface Attempt {
  processor: string;
  outcome: OutcomeCategory;
  forced: boolean;
}

export interface SimulatedDecision extends Decision {
  attempts: Attempt[];
  status: 'approved' | 'declined' | 'failed' | 'blocked' | 'no_route';
}
