import 'server-only';
import { z } from 'zod';
import { parseInput } from '@/lib/text/hostile';
import { requireRole } from './access';
import { actorName, type ServiceContext } from './context';
import type { ChangeOutcome } from './drains';
import { fourEyesOn, previewActivation, requestScheduledActivation, type ApprovalRequest } from './going-live';
import { activateVersion } from './publishing';
import { chooseInstant, insertChange, type ScheduledChange } from './scheduled-changes';
import { fail, ok, validationError, type Result } from './result';
import { write } from './write';
import { anId, checkArguments } from './arguments';

/*
 * "v4 at 02:00 Europe/Berlin": a publisher schedules an activation; the ticker activates it when due,
 * as activating by hand does (compiled against the registry of that moment). With four-eyes on, the
 * schedule is a request carrying the time, and approving it arms it (docs/scheduled-changes.md).
 */

export const ScheduleActivationSchema = z.strictObject({
  version: z.number().int().min(1).max(2_147_483_647),
  /** A local date-time, YYYY-MM-DDTHH:MM, in `zone`. */
  at: z.string().trim().min(1, 'Give a date and time').max(40),
  /** IANA zone; the account's when left out. */
  zone: z.string().trim().max(100).optional(),
});

export type ScheduleOutcome =
  | { status: 'scheduled'; change: ScheduledChange; note?: string }
  | { status: 'requested'; request: ApprovalRequest; note?: string };

export async function scheduleActivation(ctx: ServiceContext, schemeId: string, input: unknown): Promise<Result<ScheduleOutcome>> {
  const args = checkArguments({ scheme_id: anId(schemeId) });
  if (!args.ok) return args;
  const allowed = requireRole(ctx, 'publisher');
  if (!allowed.ok) return allowed;
  const parsed = parseInput(ScheduleActivationSchema, input ?? {});
  if (!parsed.success) return fail(validationError(parsed.error));
  const { version, at, zone } = parsed.data;
  const preview = await previewActivation(ctx.db, schemeId, version);
  if (!preview.ok) return preview;
  const chosen = await chooseInstant(ctx.db, at, zone, 'at');
  if (!chosen.ok) return chosen;
  const { instant, note } = chosen.value;
  const when = { run_at: instant.toISOString(), zone: chosen.value.zone, local_time: chosen.value.local };
  if (await fourEyesOn(ctx.db)) {
    const request = await requestScheduledActivation(ctx, schemeId, version, when);
    return request.ok ? ok({ status: 'requested', request: request.value, ...(note ? { note } : {}) }) : request;
  }
  return write(ctx, 'publisher', async (tx, audit) => {
    const change = await insertChange(tx, {
      kind: 'activate', runAt: instant, zone: when.zone, localTime: when.local_time, subject: `scheme:${schemeId}`, scheduledBy: actorName(ctx.actor),
      payload: { scheme_id: schemeId, version },
    });
    await audit({ action: 'schedule', entity: 'scheduled_change', entityId: change.id, detail: { kind: 'activate', scheme_id: schemeId, version, ...when } });
    return ok({ status: 'scheduled', change, ...(note ? { note } : {}) });
  });
}

/** The ticker's part: activate as a publisher would now; a version that no longer compiles fails, changing nothing. */
export async function runScheduledActivation(ctx: ServiceContext, change: ScheduledChange): Promise<Result<ChangeOutcome>> {
  const { scheme_id: schemeId, version } = change.payload as { scheme_id: string; version: number };
  const done = await activateVersion(ctx, schemeId, version);
  return done.ok ? ok({ status: 'done', message: `v${version} went live (scheduled by ${change.scheduled_by}).` }) : done;
}

/** What the schedule dialog's confirmation answers. */
export type ScheduleResult = { status: 'scheduled' | 'requested'; message: string } | { status: 'error'; message: string };
