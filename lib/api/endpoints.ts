import 'server-only';
import { z } from 'zod';
import { FilterInputSchema, FilterPatchSchema } from '@/lib/filters/schema';
import { ProcessorRegistrationSchema, ProcessorUpdateSchema } from '@/lib/processors/registration';
import { ProcessorRouteInputSchema, ProcessorRoutePatchSchema } from '@/lib/routes/schema';
import type { ApiScope } from '@/lib/services/api-keys';
import { DecideQuerySchema, DecideRequestSchema, SimulateRequestSchema } from '@/lib/services/decisions';
import { PublishInputSchema } from '@/lib/services/publishing';
import { CreateSchemeSchema } from '@/lib/services/schemes';
import { SettingsInputSchema } from '@/lib/services/settings';
import { BatchTargetSchema } from '@/lib/services/simulate';
import { AttemptInputSchema, AttemptLineSchema } from '@/lib/services/attempts';
import { ScheduleActivationSchema } from '@/lib/services/scheduled-activation';
import { DrainInputSchema } from '@/lib/services/drains';
import { ActivateRequestSchema, DiffQuerySchema, SaveDraftRequestSchema } from './requests';
import * as out from './responses';

/**
 * Every /api/v1 endpoint, described once: the OpenAPI document and the reference page are both made
 * from this list.
 */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
}

export interface ApiEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  tag: string;
  summary: string;
  description?: string;
  scope: ApiScope | null;
  /** A JSON body, or JSON lines (each line described by `lines`, when not a transaction). */
  body?: NamedSchema & { optional?: boolean };
  jsonLines?: boolean;
  lines?: NamedSchema;
  query?: z.ZodObject;
  status: number;
  /** The answer's schema; `list` answers are arrays of it. */
  response?: NamedSchema & { list?: boolean };
  errors: number[];
  idempotent?: boolean;
  example?: unknown;
}

const named = (name: string, schema: z.ZodType): NamedSchema => ({ name, schema });

// Request bodies (read as input: defaults are optional) and answers (read as output).
const req = {
  processorCreate: named('ProcessorCreate', ProcessorRegistrationSchema),
  processorPatch: named('ProcessorPatch', ProcessorUpdateSchema.partial()),
  routeCreate: named('ProcessorRouteCreate', ProcessorRouteInputSchema),
  routePatch: named('ProcessorRoutePatch', ProcessorRoutePatchSchema),
  filterCreate: named('FilterCreate', FilterInputSchema),
  filterPatch: named('FilterPatch', FilterPatchSchema),
  schemeCreate: named('SchemeCreate', CreateSchemeSchema),
  draft: named('DraftSave', SaveDraftRequestSchema),
  publish: named('Publish', PublishInputSchema),
  activate: named('Activate', ActivateRequestSchema),
  schedule: named('ScheduleActivation', ScheduleActivationSchema),
  drain: named('Drain', DrainInputSchema),
  settingsPatch: named('SettingsPatch', SettingsInputSchema.partial()),
  decide: named('DecideRequest', DecideRequestSchema),
  simulate: named('SimulateRequest', SimulateRequestSchema),
  attempt: named('AttemptReport', AttemptInputSchema),
  attemptLine: named('AttemptLine', AttemptLineSchema),
};
const res = {
  processor: named('Processor', out.ProcessorSchemaOut),
  route: named('ProcessorRoute', out.ProcessorRouteOut),
  filter: named('Filter', out.FilterOut),
  schemeSummary: named('SchemeSummary', out.SchemeSummaryOut),
  scheme: named('Scheme', out.SchemeOut),
  version: named('Version', out.VersionOut),
  versionSummary: named('VersionSummary', out.VersionSummaryOut),
  publish: named('PublishResult', out.PublishOut),
  diff: named('VersionDiff', out.DiffOut),
  settings: named('Settings', out.SettingsOut),
  decision: named('Decision', out.DecisionOut),
  simulation: named('SimulatedDecision', out.SimulationOut),
  deleted: named('Deleted', out.DeletedOut),
  attempt: named('Attempt', out.AttemptOut),
  attemptLines: named('AttemptLinesResult', out.AttemptLinesOut),
  scheduled: named('ScheduledChange', out.ScheduledChangeOut),
  drain: named('DrainResult', out.DrainOut),
};

const WRITE_ERRORS = [400, 401, 403, 409, 413, 415, 503];
const crud = (tag: string, base: string, one: string, create: NamedSchema, patch: NamedSchema, record: NamedSchema, example: unknown, deleteNote: string): ApiEndpoint[] => [
  { method: 'GET', path: base, tag, summary: `List ${tag.toLowerCase()}`, scope: 'read', status: 200, response: { ...record, list: true }, errors: [401, 403, 503] },
  { method: 'POST', path: base, tag, summary: `Create ${one}`, scope: 'write', body: create, status: 201, response: record, errors: [...WRITE_ERRORS, 422], idempotent: true, example },
  { method: 'GET', path: `${base}/{id}`, tag, summary: `Get ${one}`, scope: 'read', status: 200, response: record, errors: [401, 403, 404, 503] },
  { method: 'PATCH', path: `${base}/{id}`, tag, summary: `Change ${one}`, description: 'Only the fields given change; the result is validated as a whole.', scope: 'write', body: patch, status: 200, response: record, errors: [...WRITE_ERRORS, 404] },
  { method: 'DELETE', path: `${base}/{id}`, tag, summary: `Delete ${one}`, description: deleteNote, scope: 'write', status: 200, response: res.deleted, errors: [401, 403, 404, 409, 503] },
];

export const API_ENDPOINTS: ApiEndpoint[] = [
  ...crud('Processors', '/processors', 'a processor', req.processorCreate, req.processorPatch, res.processor, {
    id: 'proc_acme', name: 'Acme Pay', provider: 'acme', status: 'active', currencies: ['EUR', 'USD'], payment_methods: ['card'], countries: [], approval_rate: 0.9, fees: { percent: 1.4, fixed: 0.25 },
  }, 'Refused with 409 while a processor route, the settings, a scheme draft or the active version uses it; the error lists them.'),
  ...crud('Processor routes', '/processor-routes', 'a processor route', req.routeCreate, req.routePatch, res.route, {
    name: 'EU cards', processors: [{ processor_id: 'proc_adyen_eu' }, { processor_id: 'proc_stripe' }],
  }, 'Refused with 409 while a scheme, the settings or the active version uses the route; the error lists them.'),
  ...crud('Filters', '/filters', 'a filter', req.filterCreate, req.filterPatch, res.filter, {
    name: 'High-risk IP countries', match: 'any', rules: [{ attribute: 'customer.ip_country', operator: 'in', value: ['KP', 'IR'] }],
  }, 'Refused with 409 while another filter, a scheme draft or the active version uses it; the error lists them.'),
  { method: 'GET', path: '/schemes', tag: 'Schemes', summary: 'List schemes', scope: 'read', status: 200, response: { ...res.schemeSummary, list: true }, errors: [401, 403, 503] },
  { method: 'POST', path: '/schemes', tag: 'Schemes', summary: 'Create a scheme', description: 'Without a document the scheme starts as one blank strategy.', scope: 'write', body: req.schemeCreate, status: 201, response: res.scheme, errors: [...WRITE_ERRORS, 422], idempotent: true, example: { name: 'EU cards first' } },
  { method: 'GET', path: '/schemes/{id}', tag: 'Schemes', summary: 'Get a scheme and its draft', scope: 'read', status: 200, response: res.scheme, errors: [401, 403, 404, 503] },
  { method: 'PUT', path: '/schemes/{id}', tag: 'Schemes', summary: 'Save the draft', description: 'Send the revision you read: if the draft was saved since, the answer is 409 and nothing is overwritten.', scope: 'write', body: req.draft, status: 200, response: res.scheme, errors: [...WRITE_ERRORS, 404] },
  { method: 'DELETE', path: '/schemes/{id}', tag: 'Schemes', summary: 'Delete a scheme', description: 'Refused with 409 while one of its versions is active.', scope: 'write', status: 200, response: res.deleted, errors: [401, 403, 404, 409, 503] },
  { method: 'POST', path: '/schemes/{id}/publish', tag: 'Versions', summary: 'Publish the draft', description: 'Compiles the draft (no errors allowed), runs its saved test cases (all must pass, or give override_reason) and stores the next immutable version; `activate: true` makes it active at once.', scope: 'write', body: { ...req.publish, optional: true }, status: 201, response: res.publish, errors: [...WRITE_ERRORS, 404, 422], idempotent: true, example: { note: 'EU cards first', activate: true } },
  { method: 'POST', path: '/schemes/{id}/activate', tag: 'Versions', summary: 'Activate a version (rollback)', description: 'Makes a published version the one decide uses; activating an older one is a rollback. 409 when it no longer compiles against the registry.', scope: 'write', body: req.activate, status: 200, response: res.versionSummary, errors: [...WRITE_ERRORS, 404], example: { version: 2 } },
  {
    method: 'POST', path: '/schemes/{id}/scheduled', tag: 'Scheduled changes', summary: 'Schedule an activation', scope: 'write', body: req.schedule, status: 201, response: res.scheduled, errors: [...WRITE_ERRORS, 404],
    description: 'The version goes live at `at`, a local date-time in `zone` (the account\'s time zone when left out), on whichever instance ticks first by the database\'s clock; a time already passed, or one the clocks skip (spring forward), is a 400 at its field; of a time that happens twice (fall back) the first is taken. At its time the version is compiled again: if it no longer compiles, nothing changes and the change is `failed` with the reason. Refused (409) while four-eyes approval is on: that request is made in the app.',
    example: { version: 4, at: '2026-12-24T02:00', zone: 'Europe/Berlin' },
  },
  { method: 'GET', path: '/schemes/{id}/scheduled', tag: 'Scheduled changes', summary: 'List a scheme\'s scheduled activations', description: 'Pending ones (soonest first), then the ten latest finished, with what happened.', scope: 'read', status: 200, response: { ...res.scheduled, list: true }, errors: [400, 401, 403, 503] },
  { method: 'DELETE', path: '/scheduled-changes/{id}', tag: 'Scheduled changes', summary: 'Cancel a scheduled change', description: 'Only a pending change can be cancelled; one that already ran (or is running that moment) is a 409 saying what happened.', scope: 'write', status: 200, response: res.scheduled, errors: [401, 403, 404, 409, 503] },
  {
    method: 'POST', path: '/processors/{id}/drain', tag: 'Scheduled changes', summary: 'Drain a processor for a while', scope: 'write', body: req.drain, status: 201, response: res.drain, errors: [...WRITE_ERRORS, 404],
    description: 'Sets an active processor `down` now and brings it back to `active` by itself after `for` (a duration: 2 hours, 90 min, 1h30m) or at `until` (a local date-time in `zone`), at most 30 days. Setting its status by hand meanwhile cancels the return.',
    example: { for: '2 hours' },
  },
  { method: 'DELETE', path: '/processors/{id}/drain', tag: 'Scheduled changes', summary: 'End a drain now', description: 'The processor comes back at once, as the drain\'s end would have done it; 409 when it is not drained.', scope: 'write', status: 200, response: res.drain, errors: [401, 403, 404, 409, 503] },
  { method: 'GET', path: '/schemes/{id}/versions', tag: 'Versions', summary: 'List published versions', scope: 'read', status: 200, response: { ...res.versionSummary, list: true }, errors: [401, 403, 404, 503] },
  { method: 'GET', path: '/schemes/{id}/versions/{version}', tag: 'Versions', summary: 'Get a version', scope: 'read', status: 200, response: res.version, errors: [400, 401, 403, 404, 503] },
  { method: 'GET', path: '/schemes/{id}/diff', tag: 'Versions', summary: 'Diff two versions', scope: 'read', query: DiffQuerySchema, status: 200, response: res.diff, errors: [400, 401, 403, 404, 503] },
  { method: 'GET', path: '/settings', tag: 'Settings', summary: 'Get the routing settings', scope: 'read', status: 200, response: res.settings, errors: [401, 403, 503] },
  { method: 'PATCH', path: '/settings', tag: 'Settings', summary: 'Change the routing settings', description: 'Routing mode (used while no scheme is active), default processor, default route, time zone.', scope: 'write', body: req.settingsPatch, status: 200, response: res.settings, errors: WRITE_ERRORS, example: { routing_mode: 'default_then_connection_order', default_processor_id: 'proc_stripe' } },
  {
    method: 'POST', path: '/decide', tag: 'Decisions', summary: 'Decide a payment', scope: 'decide', query: DecideQuerySchema, body: req.decide, status: 200, response: res.decision, errors: [400, 401, 403, 404, 409, 413, 415],
    description: 'The decision from the active version (or the named processor route, or scheme and version), from memory: it keeps answering while the database is away. A field the rules cannot read (wrong type, unknown, outside its values) reads as missing and is listed in `warnings`; with `?strict=true` such a payment is refused with 400 and every path.',
    example: { transaction: { id: 'pay_123', amount: 120, currency: 'EUR', payment_method: 'card', card: { brand: 'visa', issuer_country: 'DE' }, created_at: '2026-03-01T09:30:00Z' } },
  },
  { method: 'POST', path: '/simulate', tag: 'Decisions', summary: 'Simulate a payment', description: 'The decision plus every attempt through the cascade, with outcomes forced or drawn from the processors\' approval models (seeded, so reproducible).', scope: 'read', query: DecideQuerySchema, body: req.simulate, status: 200, response: res.simulation, errors: [400, 401, 403, 404, 409, 413, 415, 503], example: { transaction: { id: 'pay_123', amount: 120, currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } }, forced: ['soft_decline'] } },
  { method: 'POST', path: '/simulate/batch', tag: 'Decisions', summary: 'Simulate many payments (JSON lines)', description: 'One transaction per line in (Content-Type: application/x-ndjson, up to 100 MB, streamed); one simulated decision per line out, in order, each with its `line`. A line that cannot be read answers `{"line", "error"}`; the run goes on.', scope: 'read', jsonLines: true, query: BatchTargetSchema, status: 200, response: res.simulation, errors: [400, 401, 403, 404, 409, 413, 415, 503] },
  {
    method: 'POST', path: '/decisions/{id}/attempts', tag: 'Outcomes', summary: 'Report an attempt of a decision', scope: 'decide', body: req.attempt, status: 200, response: res.attempt, errors: [400, 401, 403, 404, 409, 413, 415, 503],
    description: 'What one attempt of a recorded decision did, as the payment backend saw it. Idempotent on (decision, attempt): the same report again answers `replayed: true`; a different processor or outcome for a reported attempt is a 409. Refused (400, with the reason at its path): a processor that was not among the decision\'s candidates, an attempt before its predecessor was reported, an attempt after an approval, a time in the future or before the decision. An unknown decision id (or one past retention) is a 404.',
    example: { processor: 'proc_adyen_eu', attempt: 1, outcome: 'soft_decline', decline_code: '51', latency_ms: 420 },
  },
  {
    method: 'POST', path: '/attempts', tag: 'Outcomes', summary: 'Report many attempts (JSON lines, backfill)', scope: 'decide', jsonLines: true, lines: req.attemptLine, status: 200, response: res.attemptLines, errors: [400, 401, 403, 413, 415, 503],
    description: 'One attempt per line (`decision_id` and the fields of a single report), up to 100 MB, applied 5,000 lines at a time as they stream in. A line that cannot be read or is refused is answered with its `line`, `status` and `error`; **the other lines are applied**. Reports are idempotent, so sending a corrected file again stores only what is missing. The answer ends with one `{"summary": {lines, stored, replayed, refused}}` line.',
  },
];

export { req as REQUEST_SCHEMAS, res as RESPONSE_SCHEMAS };
