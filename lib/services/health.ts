import { sql } from 'drizzle-orm';
import { getConnection } from '@/db';

export type Health = { ok: true; database: 'postgres' | 'pglite' | 'memory' } | { ok: false; reason: string };

/** One cheap round trip, so pages can say "the database cannot be reached" instead of failing obscurely. */
export async function checkDatabase(): Promise<Health> {
  try {
    const connection = await getConnection();
    await connection.db.execute(sql`select 1`);
    return { ok: true, database: connection.target.kind };
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code;
  const message = e?.cause?.message ?? e?.message ?? String(error);
  return code ? `${code}: ${message}` : message;
}
