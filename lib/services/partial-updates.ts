import 'server-only';
import { anId, checkArguments } from './arguments';
import type { ServiceContext } from './context';
import { getProcessor, updateProcessor, type ProcessorRecord } from './processors';
import { fail, notFound, ok, type Result } from './result';
import { redactionWarnings } from './redaction-warnings';
import { getSettings, updateSettings, type AccountSettings } from './settings';

/**
 * Partial updates (REST PATCH): the given fields laid over the current ones, then validated and saved
 * as a whole by the full update, so a patch obeys exactly the rules of an edit in the UI.
 */
const notAnObject = <T>(what: string) =>
  fail<T>({ code: 'validation', message: `${what} is a JSON object of the fields to change.`, issues: [{ path: [], message: 'expected an object' }] });

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export async function patchProcessor(ctx: ServiceContext, id: string, input: unknown): Promise<Result<ProcessorRecord>> {
  const args = checkArguments({ id: anId(id) });
  if (!args.ok) return args;
  if (!isObject(input)) return notAnObject('A processor patch');
  const current = await getProcessor(ctx.db, id);
  if (!current) return fail(notFound('Processor', id));
  const { id: _id, created_at: _created, updated_at: _updated, ...fields } = current;
  const fees = isObject(input.fees) ? { ...fields.fees, ...input.fees } : input.fees;
  return updateProcessor(ctx, id, { ...fields, ...input, ...(input.fees === undefined ? {} : { fees }) });
}

/** The saved settings, with a warning for each redacted field that rules read (lib/services/redaction-warnings.ts). */
export async function patchSettings(ctx: ServiceContext, input: unknown): Promise<Result<AccountSettings & { warnings: string[] }>> {
  if (!isObject(input)) return notAnObject('A settings patch');
  const current = await getSettings(ctx.db);
  const saved = await updateSettings(ctx, {
    routing_mode: current.routing_mode,
    default_processor_id: current.default_processor_id,
    default_route_id: current.default_route_id,
    time_zone: current.time_zone,
    redacted_fields: current.redacted_fields,
    retention_days: current.retention_days,
    ...input,
  });
  if (!saved.ok) return saved;
  return ok({ ...saved.value, warnings: await redactionWarnings(ctx.db, saved.value.redacted_fields) });
}
