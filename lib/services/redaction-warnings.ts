import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customAttributes, filters, schemes, schemeVersions, settings } from '@/db/schema';
import type { Rule } from '@/lib/scheme/schema';
import { attributesOfDocument, attributesOfRules, redactionConflicts, type RuleReader } from '@/lib/traffic/redaction-conflicts';
import { ACCOUNT_ID } from './settings';

/** Warnings for redacted fields that the account's rules or own attributes read (empty when none is). */
export async function redactionWarnings(db: Db, fields: readonly string[]): Promise<string[]> {
  if (fields.length === 0) return [];
  const [drafts, filterRows, custom, [account]] = await Promise.all([
    db.select({ name: schemes.name, document: schemes.document }).from(schemes).orderBy(schemes.name),
    db.select({ name: filters.name, rules: filters.rules }).from(filters).orderBy(filters.name),
    db.select({ name: customAttributes.name }).from(customAttributes).orderBy(customAttributes.name),
    db.select().from(settings).where(eq(settings.id, ACCOUNT_ID)),
  ]);
  const readers: RuleReader[] = [
    ...drafts.map((d) => ({ label: `scheme "${d.name}" (draft)`, attributes: attributesOfDocument(d.document) })),
    ...filterRows.map((f) => ({ label: `filter "${f.name}"`, attributes: attributesOfRules(f.rules as Rule[]) })),
    ...custom.map((c) => ({ label: `custom attribute ${c.name}`, attributes: new Set([c.name]) })),
  ];
  if (account?.activeSchemeId && account.activeVersion != null) {
    const [active] = await db
      .select({ document: schemeVersions.document })
      .from(schemeVersions)
      .where(and(eq(schemeVersions.schemeId, account.activeSchemeId), eq(schemeVersions.version, account.activeVersion)));
    if (active) readers.push({ label: `the active version (${account.activeVersion})`, attributes: attributesOfDocument(active.document) });
  }
  return redactionConflicts(fields, readers);
}
