import { sql } from 'drizzle-orm';
import {
  pgTable, text, integer, doublePrecision, json, jsonb, timestamp, primaryKey, uniqueIndex, index, serial, boolean, bigint,
} from 'drizzle-orm/pg-core';
import type { FailureMix } from '@/lib/processors/schema';
import type { Rule } from '@/lib/scheme/schema';
import type { Filter, ProcessorRoute } from '@/lib/engine/types';
import type { ShadowRecord } from '@/lib/rollouts/differences';

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
  /** Fixed fees of their own per currency (ISO 4217 → amount); null when every currency pays `fee_fixed`. */
  feeFixedByCurrency: jsonb('fee_fixed_by_currency').$type<Record<string, number>>(),
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
  /** Four-eyes: a publish or an activation waits for a second publisher or admin to approve it. */
  fourEyes: boolean('four_eyes').notNull().default(false),
  /** Transaction fields the decision log never stores: `customer.email`, `metadata.<key>` or `metadata.*`. */
  redactedFields: jsonb('redacted_fields').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** Days of recorded decisions, attempts and rollups kept; older days are dropped whole. */
  retentionDays: integer('retention_days').notNull().default(30),
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
  /** The admin who made the key; keys made before sign-in existed have none. */
  ownerId: text('owner_id'),
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

/**
 * A finished batch simulation, stored whole or not at all (a cancelled or failed run is never written).
 * `document` and `account` are the exact inputs the run compiled, so the per-payment export replays it.
 */
export const simulationRuns = pgTable('simulation_runs', {
  id: text('id').primaryKey(),
  schemeId: text('scheme_id').notNull().references(() => schemes.id, { onDelete: 'cascade' }),
  /** `{kind: 'unsaved'|'draft', revision}` or `{kind: 'version', version}`. */
  target: jsonb('target').notNull(),
  document: jsonb('document').notNull(),
  account: jsonb('account').notNull(),
  /** Who ran it: the actor's display name, and its kind (user, api_key, system). */
  actor: text('actor').notNull(),
  actorKind: text('actor_kind').notNull(),
  /** `{kind: 'synthetic', count, mix}` or `{kind: 'file', format, file_name, size, sha256}`. */
  input: jsonb('input').notNull(),
  seed: integer('seed').notNull(),
  rows: integer('rows').notNull(),
  /** Bad rows skipped: `{count, first}`. */
  inputProblems: jsonb('input_problems').notNull(),
  report: jsonb('report').notNull(),
  durationMs: integer('duration_ms').notNull(),
  createdAt: createdAt(),
}, (t) => [index('simulation_runs_scheme_created').on(t.schemeId, t.createdAt)]);

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

/*
 * Sign-in (better-auth's tables, keyed by the names its drizzle adapter maps in lib/auth/auth.ts).
 * `role` and `disabled` are ours: better-auth stores them as additional user fields.
 */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  role: text('role', { enum: ['viewer', 'editor', 'publisher', 'admin'] }).notNull().default('viewer'),
  /** A disabled user cannot sign in; their sessions are ended when they are disabled. */
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)]);

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  token: text('token').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ipAddress: text('ip_address'),
  userAgent: text('user_agent'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('sessions_token_unique').on(t.token), index('sessions_user').on(t.userId)]);

/** A user's ways to sign in: `credential` holds the password hash; an SSO provider holds its tokens. */
export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  providerId: text('provider_id').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  accessToken: text('access_token'),
  refreshToken: text('refresh_token'),
  idToken: text('id_token'),
  accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
  refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
  scope: text('scope'),
  password: text('password'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('accounts_user').on(t.userId)]);

/** Short-lived values of sign-in flows (e.g. the SSO state and PKCE verifier). */
export const verifications = pgTable('verifications', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('verifications_identifier').on(t.identifier)]);

/** Required by the SSO plugin; the provider Switchyard uses comes from the environment, not from rows here. */
export const ssoProviders = pgTable('sso_providers', {
  id: text('id').primaryKey(),
  issuer: text('issuer').notNull(),
  oidcConfig: text('oidc_config'),
  samlConfig: text('saml_config'),
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  providerId: text('provider_id').notNull(),
  organizationId: text('organization_id'),
  domain: text('domain').notNull(),
  domainVerified: boolean('domain_verified'),
}, (t) => [uniqueIndex('sso_providers_provider_id_unique').on(t.providerId)]);

/** Sign-in attempts per address and path, shared by every instance (better-auth's rate limiter). */
export const rateLimits = pgTable('rate_limits', {
  id: text('id').primaryKey(),
  key: text('key').notNull(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('rate_limits_key_unique').on(t.key)]);

/**
 * Four-eyes: with the account's setting on, a publish or an activation waits here until a different
 * publisher or admin approves (then it runs) or rejects it, with a comment.
 */
export const approvalRequests = pgTable('approval_requests', {
  id: text('id').primaryKey(),
  /** `rollout`: start, change, stop or promote a rollout; `input` holds the action and its fields (lib/services/rollouts.ts). */
  kind: text('kind', { enum: ['publish', 'activate', 'rollout'] }).notNull(),
  schemeId: text('scheme_id').notNull().references(() => schemes.id, { onDelete: 'cascade' }),
  /** activate: the version to make live. */
  version: integer('version'),
  /** publish: the draft revision the requester reviewed, and the publish options (note, activate, override). */
  draftRevision: integer('draft_revision'),
  input: jsonb('input').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
  requestedBy: text('requested_by').notNull(),
  requestedByEmail: text('requested_by_email').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  decidedBy: text('decided_by'),
  decidedByEmail: text('decided_by_email'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  comment: text('comment'),
  /** The version that went live or was published when the request was approved. */
  resultVersion: integer('result_version'),
}, (t) => [index('approval_requests_status').on(t.status, t.requestedAt), index('approval_requests_scheme').on(t.schemeId)]);

/*
 * The decision log (see docs/traffic.md). Every table below is partitioned by day in its migration
 * (PARTITION BY RANGE on its time column; drizzle cannot declare that, so the SQL is hand-written and
 * these definitions describe the columns): a day past retention is dropped as a whole partition.
 * Primary keys include the partition column, as Postgres requires.
 */
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 }).notNull();

/** One row per decide answer. `decided_at` is also encoded in the id, so a lookup by id reads one day. */
export const decisionLog = pgTable('decision_log', {
  id: text('id').notNull(),
  decidedAt: at('decided_at'),
  schemeId: text('scheme_id'),
  version: integer('version'),
  node: text('node'),
  outcome: text('outcome', { enum: ['route', 'blocked', 'no_route'] }).notNull(),
  processor: text('processor'),
  candidates: jsonb('candidates').$type<string[]>().notNull(),
  /** The routing mode or processor route that decided, when no scheme did. */
  mode: text('mode'),
  apiKeyId: text('api_key_id'),
  /** Time the decide service took, from the parsed request to the answer. */
  latencyUs: integer('latency_us').notNull(),
  /** Segments, read from the transaction once, for filters and the outcome rollups. */
  currency: text('currency'),
  cardCountry: text('card_country'),
  cardBrand: text('card_brand'),
  paymentMethod: text('payment_method'),
  /**
   * The transaction as received, minus the account's redacted fields. json, not jsonb: stored as
   * text (only checked), so writing it costs less, and a replay reads it back without a conversion.
   */
  transaction: json('transaction').notNull(),
  /** The rollout running when this was decided (docs/rollouts.md); null otherwise. */
  rolloutId: text('rollout_id'),
  /** Canary: which arm answered (`control`, `canary`); null for a shadow or no rollout. */
  arm: text('arm', { enum: ['control', 'canary'] }),
  /**
   * Shadow: `{same: true}` when the shadow's final answer equals the live one, else the shadow's answer
   * (`{outcome, processor, candidates}` or `{error}`); null when no shadow ran.
   */
  shadow: jsonb('shadow').$type<ShadowRecord>(),
}, (t) => [primaryKey({ columns: [t.id, t.decidedAt] }), index('decision_log_rollout').on(t.rolloutId, t.decidedAt).where(sql`rollout_id is not null`)]);

/** What the payment backend reported for each attempt of a decision; partitioned by the decision's day. */
export const decisionAttempts = pgTable('decision_attempts', {
  decisionId: text('decision_id').notNull(),
  decidedAt: at('decided_at'),
  attempt: integer('attempt').notNull(),
  processor: text('processor').notNull(),
  outcome: text('outcome', { enum: ['approved', 'soft_decline', 'hard_decline', 'processor_error', 'timeout'] }).notNull(),
  at: at('at'),
  latencyMs: integer('latency_ms'),
  declineCode: text('decline_code'),
  /** In the payment's currency. */
  fee: doublePrecision('fee'),
  /** The API key that reported it. */
  reportedBy: text('reported_by'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.decisionId, t.decidedAt, t.attempt] })]);

/*
 * Rollups, per minute and per hour (`grain`), kept up to date by every write of decisions or attempts:
 * the dashboard and the live heat map read these, never the log. Absent values are '' (keys are never null).
 */
const rollupKey = { bucket: at('bucket'), grain: text('grain', { enum: ['minute', 'hour'] }).notNull() };

/** Decisions per scheme version, deciding node, outcome and chosen processor. */
export const trafficRoutes = pgTable('traffic_routes', {
  ...rollupKey,
  schemeId: text('scheme_id').notNull(),
  version: integer('version').notNull(),
  node: text('node').notNull(),
  outcome: text('outcome').notNull(),
  processor: text('processor').notNull(),
  decisions: integer('decisions').notNull(),
}, (t) => [primaryKey({ columns: [t.bucket, t.grain, t.schemeId, t.version, t.node, t.outcome, t.processor] })]);

/** Hits per node and branch of a scheme version: `yes`/`no` for a condition, '' where a decision ended. */
export const trafficBranches = pgTable('traffic_branches', {
  ...rollupKey,
  schemeId: text('scheme_id').notNull(),
  version: integer('version').notNull(),
  node: text('node').notNull(),
  branch: text('branch').notNull(),
  hits: integer('hits').notNull(),
}, (t) => [primaryKey({ columns: [t.bucket, t.grain, t.schemeId, t.version, t.node, t.branch] })]);

/**
 * Per processor and segment (`dimension` all, currency, card_country, card_brand, payment_method):
 * decisions whose first choice it was, and the reported attempts on it by outcome.
 */
export const trafficSegments = pgTable('traffic_segments', {
  ...rollupKey,
  dimension: text('dimension').notNull(),
  value: text('value').notNull(),
  processor: text('processor').notNull(),
  decisions: integer('decisions').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  approved: integer('approved').notNull().default(0),
  softDeclined: integer('soft_declined').notNull().default(0),
  hardDeclined: integer('hard_declined').notNull().default(0),
  processorErrors: integer('processor_errors').notNull().default(0),
  timeouts: integer('timeouts').notNull().default(0),
  /** Approvals on a second or later attempt: payments the cascade rescued. */
  rescued: integer('rescued').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.bucket, t.grain, t.dimension, t.value, t.processor] })]);

/** Decide latency as a histogram: decisions per upper bound `le_us` (microseconds). */
export const trafficLatency = pgTable('traffic_latency', {
  ...rollupKey,
  leUs: integer('le_us').notNull(),
  decisions: integer('decisions').notNull(),
}, (t) => [primaryKey({ columns: [t.bucket, t.grain, t.leUs] })]);

/**
 * Changes that run later, by Postgres time (see docs/scheduled-changes.md): a version activated at a
 * set instant, a drained processor's return. Every instance's ticker claims due rows with
 * `FOR UPDATE SKIP LOCKED` and runs each in one transaction with marking it done, so a change runs once.
 * `kind` is text so later kinds (a rollout's guardrail or auto-promote) need no migration.
 */
export const scheduledChanges = pgTable('scheduled_changes', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  /** The instant it is due. */
  runAt: timestamp('run_at', { withTimezone: true }).notNull(),
  /** The IANA zone the time was typed in, and the wall-clock time as typed, to show it back as the person meant it. */
  zone: text('zone').notNull(),
  localTime: text('local_time'),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: ['pending', 'done', 'cancelled', 'failed'] }).notNull().default('pending'),
  /** Why it failed, what it did, or who cancelled it. */
  result: text('result'),
  /** What it is about, to list it where it matters: `scheme:<id>` or `processor:<id>`. */
  subject: text('subject').notNull(),
  scheduledBy: text('scheduled_by').notNull(),
  scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [index('scheduled_changes_due').on(t.status, t.runAt), index('scheduled_changes_subject').on(t.subject, t.status)]);

/**
 * Rollouts (docs/rollouts.md): a published version of the active scheme run in the shadow of the live
 * one, or as a canary taking a share of traffic, with the guardrail that stops a canary on its own.
 * At most one running rollout per account (the partial unique index).
 */
export const rollouts = pgTable('rollouts', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['shadow', 'canary'] }).notNull(),
  schemeId: text('scheme_id').notNull().references(() => schemes.id, { onDelete: 'cascade' }),
  /** The version under trial. */
  version: integer('version').notNull(),
  /** The live version it was started beside (the control); the rollout applies only while it is live. */
  controlVersion: integer('control_version').notNull(),
  /** Canary: share of traffic in basis points (1–9,900 = 0.01–99%); 0 once stopped or tripped; shadow: 0. */
  shareBp: integer('share_bp').notNull().default(0),
  /** Guardrail: trip when the canary's approval rate is below the control's by more than this many points. */
  maxDropPoints: doublePrecision('max_drop_points').notNull().default(2),
  /** Guardrail: attempts each arm needs before it judges. */
  minAttempts: integer('min_attempts').notNull().default(200),
  /** Guardrail: judged once per window (seconds); auto-promote after a full window with no breach. */
  windowSeconds: integer('window_seconds').notNull().default(300),
  autoPromote: boolean('auto_promote').notNull().default(false),
  status: text('status', { enum: ['running', 'stopped', 'tripped', 'promoted'] }).notNull().default('running'),
  startedBy: text('started_by').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  endedBy: text('ended_by'),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  /** When the guardrail last judged it (Postgres time), and what it found. */
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
  evaluation: jsonb('evaluation').$type<Record<string, unknown>>(),
}, (t) => [uniqueIndex('rollouts_one_running').on(t.status).where(sql`status = 'running'`), index('rollouts_scheme').on(t.schemeId, t.startedAt)]);
