import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabases, useSeededDatabase } from './testing';
import { DEMO_SCHEME_ID } from './seed';
import { schemeVersions, settings } from './schema';
import { createFilter, deleteFilter, getFilter, listFilters, updateFilter } from '@/lib/services/filters';
import { createScheme, deleteScheme, getScheme } from '@/lib/services/schemes';
import type { SchemeDocument } from '@/lib/scheme/schema';
import { systemContext } from '@/lib/services/context';

const usingFilter = (name: string, filter: string): SchemeDocument => ({
  format: 'switchyard.scheme/v1',
  name,
  start: 'risky',
  nodes: {
    risky: { type: 'condition', rules: [{ filter }], then: 'refuse', else: 'refuse' },
    refuse: { type: 'strategy', strategy: 'blank' },
  },
});

describe.each(testDatabases())('filters on $name', (target) => {
  const db = useSeededDatabase(target);
  const ctx = () => systemContext(db(), 'ops');

  it('lists the seeded shared filter', async () => {
    const list = await listFilters(db());
    expect(list.map((f) => f.id)).toContain('flt_high_risk_ip');
  });

  it('creates, edits and deletes a filter', async () => {
    const created = await createFilter(ctx(), {
      name: 'Big EUR payments',
      rules: [
        { attribute: 'currency', operator: 'eq', value: 'eur' },
        { attribute: 'amount', operator: 'gte', value: 1000 },
      ],
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value).toMatchObject({ match: 'all', name: 'Big EUR payments' });
    expect(created.value.id).toMatch(/^flt_[0-9a-f]{16}$/);
    const edited = await updateFilter(ctx(), created.value.id, { match: 'any', name: 'Big or EUR' });
    expect(edited.ok && [edited.value.match, edited.value.name, edited.value.rules.length]).toEqual(['any', 'Big or EUR', 2]);
    expect((await deleteFilter(ctx(), created.value.id)).ok).toBe(true);
    expect(await getFilter(db(), created.value.id)).toBeUndefined();
  });

  it('checks rules against the catalog, each problem at its path, and writes nothing', async () => {
    const before = (await listFilters(db())).length;
    const result = await createFilter(ctx(), {
      name: 'Broken',
      rules: [
        { attribute: 'card.isuer_country', operator: 'eq', value: 'DE' },
        { attribute: 'amount', operator: 'in', value: 5 },
        { attribute: 'currency', operator: 'in', value: ['EUR', 'EURO'] },
        { filter: 'flt_nowhere' },
      ],
    });
    if (result.ok || result.error.code !== 'validation') throw new Error('expected a validation error');
    const byPath = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
    expect(Object.keys(byPath)).toEqual(['rules.0.attribute', 'rules.1.value', 'rules.2.value.1', 'rules.3.filter']);
    expect(byPath['rules.0.attribute']).toContain('card.issuer_country');
    expect((await listFilters(db())).length).toBe(before);
    const empty = await createFilter(ctx(), { name: 'Empty', rules: [] });
    expect(!empty.ok && empty.error.code === 'validation' && empty.error.issues.map((i) => i.path.join('.'))).toEqual(['rules']);
  });

  it('refuses names already in use, whatever their case', async () => {
    const clash = await createFilter(ctx(), { name: 'HIGH-RISK ip countries', rules: [{ attribute: 'amount', operator: 'gt', value: 1 }] });
    expect(!clash.ok && clash.error.code).toBe('conflict');
    const other = await createFilter(ctx(), { name: 'Other', rules: [{ attribute: 'amount', operator: 'gt', value: 1 }] });
    if (!other.ok) throw new Error(other.error.message);
    const rename = await updateFilter(ctx(), other.value.id, { name: 'high-risk IP countries' });
    expect(!rename.ok && rename.error.code).toBe('conflict');
  });

  it('refuses filter references to itself and cycles', async () => {
    const a = await createFilter(ctx(), { id: 'flt_a', name: 'A', rules: [{ filter: 'flt_high_risk_ip' }] });
    expect(a.ok).toBe(true);
    const b = await createFilter(ctx(), { id: 'flt_b', name: 'B', rules: [{ filter: 'flt_a' }] });
    expect(b.ok).toBe(true);
    const self = await updateFilter(ctx(), 'flt_a', { rules: [{ filter: 'flt_a' }] });
    expect(!self.ok && self.error.code === 'validation' && self.error.issues[0]?.message).toContain('itself');
    const cycle = await updateFilter(ctx(), 'flt_a', { rules: [{ filter: 'flt_b' }] });
    expect(!cycle.ok && cycle.error.code === 'validation' && cycle.error.issues[0]).toMatchObject({
      path: ['rules', 0, 'filter'],
      message: expect.stringContaining('flt_a → flt_b → flt_a'),
    });
    const used = await deleteFilter(ctx(), 'flt_a');
    expect(!used.ok && used.error.code === 'referenced' && used.error.message).toContain('filter "B"');
  });

  it('refuses to delete a filter a draft or the active version uses, naming them', async () => {
    const draft = await createScheme(ctx(), { name: 'Risk screen', document: usingFilter('Risk screen', 'flt_high_risk_ip') });
    if (!draft.ok) throw new Error(draft.error.message);
    const refused = await deleteFilter(ctx(), 'flt_high_risk_ip');
    if (refused.ok || refused.error.code !== 'referenced') throw new Error('expected a refusal');
    expect(refused.error.message).toContain('scheme "Risk screen"');

    // The active version counts even once the draft no longer uses the filter.
    const demo = (await getScheme(db(), DEMO_SCHEME_ID))!;
    await db().insert(schemeVersions).values({ schemeId: DEMO_SCHEME_ID, version: 2, document: usingFilter(demo.name, 'flt_high_risk_ip') });
    await db().update(settings).set({ activeVersion: 2 }).where(eq(settings.id, 'default'));
    expect((await deleteScheme(ctx(), draft.value.id)).ok).toBe(true);
    const stillActive = await deleteFilter(ctx(), 'flt_high_risk_ip');
    expect(!stillActive.ok && stillActive.error.code === 'referenced' && stillActive.error.references.map((r) => r.kind)).toEqual(['filter', 'scheme_version']);
  });
});
