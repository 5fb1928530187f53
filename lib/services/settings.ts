import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { processorRoutes, processors, settings } from '@/db/schema';
import { ROUTING_MODES, type RoutingMode } from '@/lib/engine';
import { inWords } from '@/lib/forms/issue-messages';
import type { ServiceContext } from './context';
import { fail, ok, validationError, type FieldIssue, type Result } from './result';
import { write } from './write';
import { canonicalTimeZone } from '@/lib/settings/time-zone';
import { parseInput, quote } from '@/lib/text/hostile';
import { MAX_REDACTED_FIELDS, redactionProblem } from '@/lib/traffic/redaction';

export const ACCOUNT_ID = 'default';

export interface AccountSettings {
  routing_mode: RoutingMode;
  default_processor_id: string | null;
  default_route_id: string | null;
  active_scheme_id: string | null;
  active_version: number | null;
  time_zone: string;
  /** Transaction fields the decision log never stores (docs/traffic.md). */
  redacted_fields: string[];
  /** Days of recorded traffic kept. */
  retention_days: number;
}

export const MAX_RETENTION_DAYS = 400;

const optionalId = z
  .string()
  .max(128)
  .trim()
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

export const SettingsInputSchema = z.strictObject({
  routing_mode: z.enum(ROUTING_MODES),
  default_processor_id: optionalId,
  default_route_id: optionalId,
  time_zone: z
    .string()
    .max(64)
    .transform((zone, ctx) => {
      const canonical = canonicalTimeZone(zone);
      if (!canonical) ctx.addIssue({ code: 'custom', message: `"${quote(zone.trim())}" is not a known time zone; use an IANA name such as Europe/Berlin.` });
      return canonical ?? zone;
    })
    .optional(),
  redacted_fields: z
    .array(z.string().trim().max(140).superRefine((field, ctx) => {
      const problem = redactionProblem(field);
      if (problem) ctx.addIssue({ code: 'custom', message: `"${quote(field)}": ${problem}` });
    }))
    .max(MAX_REDACTED_FIELDS)
    .transform((fields) => [...new Set(fields)])
    .optional()
    .describe('Never stored in the decision log: customer.email, metadata.<key>, or metadata.* (all metadata).'),
  retention_days: z.coerce.number().int().min(1).max(MAX_RETENTION_DAYS).optional().describe('Days of recorded decisions kept (default 30).'),
});


type Row = typeof settings.$inferSelect;
const toSettings = (row: Row): AccountSettings => ({
  routing_mode: row.routingMode as RoutingMode,
  default_processor_id: row.defaultProcessorId,
  default_route_id: row.defaultRouteId,
  active_scheme_id: row.activeSchemeId,
  active_version: row.activeVersion,
  time_zone: row.timeZone,
  redacted_fields: row.redactedFields,
  retention_days: row.retentionDays,
});

export async function getSettings(db: Db): Promise<AccountSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, ACCOUNT_ID));
  if (row) return toSettings(row);
  const [created] = await db.insert(settings).values({ id: ACCOUNT_ID }).onConflictDoNothing().returning();
  return created ? toSettings(created) : getSettings(db);
}

export async function updateSettings(ctx: ServiceContext, input: unknown): Promise<Result<AccountSettings>> {
  const parsed = parseInput(SettingsInputSchema, input, inWords({ routing_mode: { label: 'Routing mode' }, time_zone: { label: 'Time zone' } }));
  if (!parsed.success) return fail(validationError(parsed.error));
  const { routing_mode, default_processor_id = null, default_route_id = null, time_zone, redacted_fields, retention_days } = parsed.data;
  return write(ctx, 'admin', async (tx, audit) => {
    const issues: FieldIssue[] = [];
    if (default_processor_id && !(await tx.select().from(processors).where(eq(processors.id, default_processor_id))).length) {
      issues.push({ path: ['default_processor_id'], message: `Unknown processor ${quote(default_processor_id)}` });
    }
    if (default_route_id && !(await tx.select().from(processorRoutes).where(eq(processorRoutes.id, default_route_id))).length) {
      issues.push({ path: ['default_route_id'], message: `Unknown route ${quote(default_route_id)}` });
    }
    if (routing_mode.startsWith('default_') && !default_processor_id) {
      issues.push({ path: ['default_processor_id'], message: 'This routing mode needs a default processor' });
    }
    if (routing_mode === 'processor_route' && !default_route_id) {
      issues.push({ path: ['default_route_id'], message: 'This routing mode needs a default route' });
    }
    if (issues.length) return fail({ code: 'validation', message: 'Some settings are not valid.', issues });
    await getSettings(tx);
    const [row] = await tx
      .update(settings)
      .set({
        routingMode: routing_mode,
        defaultProcessorId: default_processor_id,
        defaultRouteId: default_route_id,
        ...(time_zone ? { timeZone: time_zone } : {}),
        ...(redacted_fields ? { redactedFields: redacted_fields } : {}),
        ...(retention_days ? { retentionDays: retention_days } : {}),
        updatedAt: new Date(),
      })
      .where(eq(settings.id, ACCOUNT_ID))
      .returning();
    await audit({ action: 'update', entity: 'settings', entityId: ACCOUNT_ID, detail: parsed.data });
    return ok(toSettings(row!));
  });
}
