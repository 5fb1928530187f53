import 'server-only';
import type { Db } from '@/db/client';
import { systemContext } from './context';
import { checkGuardrails } from './guardrail';

/**
 * Runs the canary guardrail on this instance every SWITCHYARD_GUARDRAIL_TICK_MS (default 5 s); each
 * rollout is judged once per its own window, whichever instance claims it (lib/services/guardrail.ts).
 * Started with the decision log, whose records it judges.
 */
export function startGuardrailRunner(database: () => Db | undefined, env: Record<string, string | undefined> = process.env): () => void {
  const raw = Number(env.SWITCHYARD_GUARDRAIL_TICK_MS ?? 5000);
  const every = Number.isInteger(raw) && raw >= 100 ? raw : 5000;
  let busy = false;
  const timer = setInterval(() => {
    const db = database();
    if (!db || busy) return;
    busy = true;
    checkGuardrails(systemContext(db, 'guardrail'))
      .catch((error: unknown) => console.error('guardrail: check failed:', error instanceof Error ? error.message : String(error)))
      .finally(() => (busy = false));
  }, every);
  timer.unref?.();
  return () => clearInterval(timer);
}
