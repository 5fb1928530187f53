import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * Every audited change is announced on one Postgres channel (NOTIFY is delivered at commit, so a
 * listener that reloads sees the committed rows). Decide instances listen and reload their cache.
 */
export const CHANGES_CHANNEL = 'switchyard_changes';

export interface Change {
  entity: string;
  action: string;
  id: string;
}

export async function announceChange(db: Db, change: Change): Promise<void> {
  await db.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(change)})`);
}

/** Changes that cannot alter a decision (drafts, test cases, API keys) need no reload. */
export function affectsDecisions(change: Change): boolean {
  if (change.entity === 'scheme') return change.action === 'delete';
  return change.entity !== 'test_case' && change.entity !== 'api_key' && change.entity !== 'simulation_run';
}

export function parseChange(payload: string): Change | null {
  try {
    const value = JSON.parse(payload) as Partial<Change>;
    return typeof value.entity === 'string' && typeof value.action === 'string' ? { entity: value.entity, action: value.action, id: String(value.id ?? '') } : null;
  } catch {
    return null;
  }
}
