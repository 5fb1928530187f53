import { sql } from 'drizzle-orm';
import {
  pgTable, text, integer, doublePrecision, json, jsonb, timestamp, primaryKey, uniqueIndex, index, serial, boolean,
} from 'drizzle-orm/pg-core';
import type { FailureMix } from '@/lib/processors/schema';
import type { Rule } from '@/lib/scheme/schema';
import type { Filter, ProcessorRoute } from '@/lib/engine/types';

/**
 * Switchyard's store (Postgres is the one store). Documents are validated by zod before they get here;
 * the editable draft is json (kept as written, key order included), other documents jsonb. Published
 * versions are append-only.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const processors = pgTable('processors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  provider: text('provider').notNull(),
  status: text('status', { enum: ['active', 'down', 'disabled'] }).notNull(),
  currencies: jsonb('currencies').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  paymentMethods: jsonb('payment_methods').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  countries: jsonb('countries').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  approvalRate: doublePrecision('approval_rate').notNull().default(0.9),
  failureMix: jsonb('failure_mix').$type<FailureMix>(),
  feePercent: doublePrecision('fee_percent').notNull().default(0),
  feeFixed: doublePrecision('fee_fixed').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('processors_name_unique').on(sql`lower(${t.name})`)]);

export const processorRoutes = pgTable('processor_routes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('processor_routes_name_unique').on(sql`lower(${t.name})`)]);

export const processorRouteItems = pgTable('processor_route_items', {
  routeId: text('route_id').notNull().references(() => processorRoutes.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  processorId: text('processor_id').notNull().references(() => processors.id, { onDelete: 'restrict' }),
}, (t) => [primaryKey({ columns: [t.routeId, t.position] }), index('processor_route_items_processor').on(t.processorId)]);

export const filters = pgTable('filters', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  match: text('match', { enum: ['all', 'any'] }).notNull().default('all'),
  rules: jsonb('rules').$type<Rule[]>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('filters_name_unique').on(sql`lower(${t.name})`)]);

/** Operator-defined attributes, added without code changes. */
export const customAttributes = pgTable('custom_attributes', {
  name: text('name').primaryKey(),
  type: text('type').notNull(),
  label: text('label'),
  description: text('description'),
  domain: jsonb('domain').$type<string[]>(),
  createdAt: createdAt(),
});

/** The editable draft. `revision` increases on every save; a save names the revision it started from. */
export const schemes = pgTable('schemes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  // json, not jsonb: jsonb reorders keys, and the draft must read back exactly as the author wrote it.
  document: json('document').notNull(),
  revision: integer('revision').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('schemes_name_unique').on(sql`lower(${t.name})`)]);

/**
 * Immutable published versions, numbered per scheme; the primary key makes a duplicate number impossible.
 * `json` (not `jsonb`) so the document reads back with its keys in the order they were written.
 * The registry snapshot is the filters and routes the version compiled with, kept for audit and diffs.
 */
export const schemeVersions = pgTable('scheme_versions', {
  schemeId: text('scheme_id').notNull().references(() => schemes.id, { onDelete: 'restrict' }),
  version: integer('version').notNull(),
  document: json('document').notNull(),
  filters: json('filters').$type<Filter[]>().notNull().default(sql`'[]'::json`),
  routes: json('routes').$type<ProcessorRoute[]>().notNull().default(sql`'[]'::json`),
  note: text('note'),
  publishedBy: text('published_by'),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  /** The draft revision that was published. */
  draftRevision: integer('draft_revision'),
  /** Saved test cases at publish time: how many ran and passed. */
  testsRun: integer('tests_run').notNull().default(0),
  testsPassed: integer('tests_passed').notNull().default(0),
  /** Why failing test cases were overridden; null when every test passed (or none existed). */
  overrideReason: text('override_reason'),
}, (t) => [primaryKey({ columns: [t.schemeId, t.version] })]);

/** One row per account (a single account for now: id "default"). */
export const settings = pgTable('settings', {
  id: text('id').primaryKey(),
  routingMode: text('routing_mode').notNull().default('default_then_connection_order'),
  defaultProcessorId: text('default_processor_id').references(() => processors.id, { onDelete: 'restrict' }),
  defaultRouteId: text('default_route_id').references(() => processorRoutes.id, { onDelete: 'restrict' }),
  activeSchemeId: text('active_scheme_id'),
  activeVersion: integer('active_version'),
  timeZone: text('time_zone').notNull().default('UTC'),
  weights: jsonb('weights').$type<Record<string, number>>(),
  updatedAt: updatedAt(),
});

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** First characters of the key, shown so people can tell keys apart; the key itself is never stored. */
  prefix: text('prefix').notNull(),
  hash: text('hash').notNull(),
  /** What the key may do: `read`, `write`, `decide`. */
  scopes: jsonb('scopes').$type<string[]>().notNull().default(sql`'["read"]'::jsonb`),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('api_keys_hash_unique').on(t.hash)]);

/**
 * First answers of POSTs sent with an `Idempotency-Key`, per API key, so a retry replays the answer
 * instead of creating twice. The row is claimed (status null) and answered in the request's transaction.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  apiKeyId: text('api_key_id').notNull(),
  key: text('key').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status'),
  body: jsonb('body'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index('idempotency_keys_created').on(t.createdAt)]);

export const auditEntries = pgTable('audit_entries', {
  id: serial('id').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  /** Display text for who made the change (an email, "api key sk_…", or a system name). */
  actor: text('actor').notNull(),
  actorKind: text('actor_kind', { enum: ['user', 'api_key', 'system'] }).notNull().default('system'),
  /** The user's or API key's id; for the system, its name. */
  actorId: text('actor_id'),
  /** Through what the change came: ui, api, cli or system. */
  via: text('via', { enum: ['ui', 'api', 'cli', 'system'] }).notNull().default('system'),
  /** The client's address, when the change came with a request. */
  address: text('address'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  detail: jsonb('detail'),
}, (t) => [index('audit_entries_entity').on(t.entity, t.entityId)]);

export const simulationRuns = pgTable('simulation_runs', {
  id: text('id').primaryKey(),
  schemeId: text('scheme_id').notNull().references(() => schemes.id, { onDelete: 'cascade' }),
  schemeRevision: integer('scheme_revision'),
  status: text('status', { enum: ['running', 'done', 'failed', 'cancelled'] }).notNull(),
  params: jsonb('params').notNull(),
  result: jsonb('result'),
  error: text('error'),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** A scheme's saved test cases: a transaction and the decision it must give. */
export const testCases = pgTable('test_cases', {
  id: text('id').primaryKey(),
  schemeId: text('scheme_id').notNull().references(() => schemes.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  transaction: jsonb('transaction').notNull(),
  expected: jsonb('expected').notNull(),
  forcedOutcomes: jsonb('forced_outcomes'),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('test_cases_scheme_name').on(t.schemeId, t.name)]);
