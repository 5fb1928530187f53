import { z } from 'zod';
import { FilterInputSchema } from '@/lib/filters/schema';
import { ProcessorRegistrationSchema } from '@/lib/processors/registration';
import { OUTCOME_CATEGORIES } from '@/lib/processors/schema';
import { ROUTING_MODES } from '@/lib/engine/types';
import { SchemeDocumentSchema } from '@/lib/scheme/schema';
import { TRANSACTION_WARNING_CODES } from '@/lib/transactions/lint';

/**
 * What /api/v1 answers, as zod schemas: the services' record types, written down once more so the
 * OpenAPI document can describe them. The API tests check real answers against these.
 */
const timestamps = { created_at: z.iso.datetime(), updated_at: z.iso.datetime() };

export const ErrorSchema = z
  .object({
    error: z.object({
      type: z.string().describe('invalid_request, invalid_json, payload_too_large, unsupported_media_type, unauthorized, forbidden, not_found, method_not_allowed, conflict, referenced, idempotency_conflict, too_many_requests, database_unavailable, outcome_unknown, internal_error'),
      message: z.string(),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })),
      references: z
        .array(z.object({ kind: z.enum(['processor_route', 'scheme', 'scheme_version', 'settings', 'filter']), id: z.string(), name: z.string() }))
        .optional()
        .describe('With type "referenced": what still uses the thing that was to be deleted.'),
    }),
  })
  .describe('Every error has this shape.');

export const ProcessorSchemaOut = ProcessorRegistrationSchema.extend(timestamps);
export const ProcessorRouteOut = z.object({
  id: z.string().describe('proute_…'),
  name: z.string(),
  processors: z.array(z.object({ processor_id: z.string() })).describe('In try order.'),
  ...timestamps,
});
export const FilterOut = FilterInputSchema.extend({ id: z.string().describe('flt_…'), ...timestamps });

const schemeFields = { id: z.string().describe('sch_…'), name: z.string(), revision: z.int().describe('Increases on every save of the draft.'), ...timestamps };
export const SchemeSummaryOut = z.object({
  ...schemeFields,
  node_count: z.int(),
  latest_version: z.int().nullable(),
  active_version: z.int().nullable(),
});
export const SchemeOut = z.object({ ...schemeFields, document: SchemeDocumentSchema });

export const VersionSummaryOut = z.object({
  scheme_id: z.string(),
  version: z.int(),
  note: z.string().nullable(),
  published_by: z.string().nullable(),
  published_at: z.iso.datetime(),
  draft_revision: z.int().nullable(),
  tests_run: z.int(),
  tests_passed: z.int(),
  override_reason: z.string().nullable(),
  active: z.boolean(),
});
export const VersionOut = VersionSummaryOut.extend({
  document: SchemeDocumentSchema,
  filters: z.array(z.unknown()).describe('The filters the version compiled with.'),
  routes: z.array(z.unknown()).describe('The processor routes the version compiled with.'),
});
export const PublishOut = z.object({
  version: VersionOut,
  tests: z.object({ run: z.int(), passed: z.int(), failed: z.array(z.unknown()), outcomes: z.array(z.unknown()) }),
  activated: z.boolean(),
  warnings: z.array(z.unknown()),
});
export const DiffOut = z.object({
  scheme_id: z.string(),
  from: VersionSummaryOut,
  to: VersionSummaryOut,
  diff: z.object({
    added: z.array(z.string()).describe('Node ids only in the newer version.'),
    removed: z.array(z.string()),
    changed: z.array(z.unknown()),
    fields: z.array(z.string()),
    moved: z.array(z.string()),
    decisionsEqual: z.boolean(),
    lines: z.array(z.unknown()).describe('The JSON diff, line by line.'),
  }),
  references: z
    .array(z.object({ kind: z.enum(['filter', 'route']), id: z.string(), name: z.string(), change: z.enum(['added', 'removed', 'changed']), details: z.array(z.string()) }))
    .describe('Shared filters and processor routes whose published copies differ between the versions, and how.'),
});

export const SettingsOut = z.object({
  routing_mode: z.enum(ROUTING_MODES),
  default_processor_id: z.string().nullable(),
  default_route_id: z.string().nullable(),
  active_scheme_id: z.string().nullable(),
  active_version: z.int().nullable(),
  time_zone: z.string(),
  redacted_fields: z.array(z.string()).describe('Transaction fields the decision log never stores.'),
  retention_days: z.int().describe('Days of recorded decisions kept.'),
  warnings: z.array(z.string()).optional().describe('After a change: redacted fields that rules read (replays of recorded traffic will see them missing).'),
});

export const DecisionOut = z.object({
  decision_id: z.string().optional().describe('dec_…: the recorded decision, to report its attempts against (POST /decisions/{id}/attempts). Absent when this instance does not record decisions.'),
  outcome: z.enum(['route', 'blocked', 'no_route']),
  processor: z.string().nullable(),
  candidates: z.array(z.string()).describe('The cascade order.'),
  strategy: z.string().nullable(),
  node: z.string().nullable(),
  path: z.array(z.object({ node: z.string(), result: z.boolean() })),
  modifiers: z.record(z.string(), z.unknown()),
  reason: z.string().optional(),
  mode: z.enum(ROUTING_MODES).optional().describe('When the routing mode decided (no active scheme).'),
  scheme: z.object({ id: z.string(), version: z.int() }).nullable().describe('The version that decided; null when a route or the routing mode did.'),
  warnings: z
    .array(z.object({
      path: z.array(z.union([z.string(), z.int()])).describe('Where in the transaction, e.g. ["card", "brnad"].'),
      code: z.enum(TRANSACTION_WARNING_CODES),
      message: z.string(),
      suggestion: z.string().optional().describe('What to send instead: a field path, a code or a JSON value.'),
    }))
    .describe('Fields the rules could not read (wrong type, unknown, outside the attribute\'s values): each read as missing. Empty for a clean payment; `?strict=true` refuses such a payment instead.'),
  arm: z.enum(['control', 'canary']).optional().describe('While a canary rollout runs: which arm answered (the live version, or the canary\'s), chosen by the transaction `id` and the rollout; a payment without an `id` takes `control`. Absent otherwise, and when a version or route is named.'),
  rollout_id: z.string().optional().describe('rol_…: the canary rollout, with `arm`.'),
});
export const SimulationOut = DecisionOut.extend({
  attempts: z.array(z.object({ processor: z.string(), outcome: z.enum(OUTCOME_CATEGORIES), forced: z.boolean() })),
  status: z.enum(['approved', 'declined', 'failed', 'blocked', 'no_route']),
});
export const DeletedOut = z.object({ id: z.string() });

export const AttemptOut = z.object({
  decision_id: z.string(),
  attempt: z.int(),
  processor: z.string(),
  outcome: z.enum(OUTCOME_CATEGORIES),
  at: z.iso.datetime(),
  latency_ms: z.int().nullable(),
  decline_code: z.string().nullable(),
  fee: z.number().nullable(),
  replayed: z.boolean().describe('True when this very report was already stored: nothing changed.'),
});
export const AttemptLinesOut = z.union([
  z.object({ line: z.int().describe('The refused line, from 1.'), status: z.int().describe('What a single report would have answered: 400, 404 or 409.'), error: ErrorSchema.shape.error }),
  z.object({ summary: z.object({ lines: z.int(), stored: z.int(), replayed: z.int(), refused: z.int() }) }),
]).describe('One line per refused input line, then one summary line.');

export const ScheduledChangeOut = z.object({
  id: z.string().describe('sch_…'),
  kind: z.string().describe('activate (a version goes live) or drain_end (a drained processor comes back).'),
  run_at: z.iso.datetime().describe('The instant it is due (UTC).'),
  zone: z.string().describe('The IANA zone the time was given in.'),
  local_time: z.string().nullable().describe('The wall-clock time as given in `zone` (YYYY-MM-DDTHH:MM); null for a drain given as a duration.'),
  payload: z.record(z.string(), z.unknown()).describe('activate: scheme_id, version. drain_end: processor_id, drained, restore.'),
  status: z.enum(['pending', 'done', 'cancelled', 'failed']),
  result: z.string().nullable().describe('What happened: why it failed, who cancelled it, what it did.'),
  subject: z.string().describe('scheme:<id> or processor:<id>.'),
  scheduled_by: z.string(),
  scheduled_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
});
export const DrainOut = z.object({
  change: ScheduledChangeOut.describe('The drain’s return (kind drain_end).'),
  processor_id: z.string(),
  until: z.iso.datetime(),
  note: z.string().optional().describe('Said when the local time happens twice (clocks going back) and the first was taken.'),
});
