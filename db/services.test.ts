import { describe, expect, it } from 'vitest';
import { testDatabases, useSeededDatabase } from './testing';
import { seedIfEmpty, DEMO_SCHEME_ID } from './seed';
import { createProcessor, deleteProcessor, getProcessor, listProcessors, setProcessorStatus, updateProcessor } from '@/lib/services/processors';
import { createRoute, deleteRoute, getRoute, listRoutes, updateRoute } from '@/lib/services/routes';
import { createScheme, deleteScheme, duplicateScheme, getScheme, listSchemes, saveDraft } from '@/lib/services/schemes';
import { getSettings, updateSettings } from '@/lib/services/settings';
import { EXAMPLE_PROCESSORS } from '@/lib/scheme/examples';
import { systemContext } from '@/lib/services/context';

const newProcessor = (id: string, name: string) => ({
  id,
  name,
  provider: 'acme',
  status: 'active',
  currencies: ['eur', 'usd'],
  payment_methods: ['card'],
  countries: [],
  approval_rate: 0.8,
  fees: { percent: 1.5, fixed: 0.1 },
});

describe.each(testDatabases())('services on $name', (target) => {
  const db = useSeededDatabase(target);
  const ctx = () => systemContext(db(), 'ops');

  it('seeds a realistic demo account once', async () => {
    const processors = await listProcessors(db());
    expect(processors.length).toBeGreaterThanOrEqual(6);
    expect(processors.some((p) => p.status === 'down')).toBe(true);
    const byCreation = [...EXAMPLE_PROCESSORS].sort((a, b) => a.created_at.localeCompare(b.created_at));
    expect(processors.map((p) => p.id)).toEqual(byCreation.map((p) => p.id)); // connection order
    expect((await listRoutes(db())).length).toBe(2);
    const scheme = await getScheme(db(), DEMO_SCHEME_ID);
    expect(Object.keys(scheme!.document.nodes).length).toBeGreaterThanOrEqual(12);
    expect(await seedIfEmpty(db())).toBe(false);
  });

  it('creates, edits, sets status of and deletes a processor', async () => {
    const created = await createProcessor(ctx(), newProcessor('proc_acme', 'Acme'));
    expect(created.ok && created.value.currencies).toEqual(['EUR', 'USD']);
    const { id: _id, ...fields } = newProcessor('proc_acme', 'Acme Pay');
    const updated = await updateProcessor(ctx(), 'proc_acme', fields);
    expect(updated.ok).toBe(true);
    expect((await getProcessor(db(), 'proc_acme'))?.name).toBe('Acme Pay');
    const down = await setProcessorStatus(ctx(), 'proc_acme', 'down');
    expect(down.ok && down.value.status).toBe('down');
    expect((await deleteProcessor(ctx(), 'proc_acme')).ok).toBe(true);
    expect(await getProcessor(db(), 'proc_acme')).toBeUndefined();
  });

  it('refuses bad processor input with paths and writes nothing', async () => {
    const before = (await listProcessors(db())).length;
    const result = await createProcessor(ctx(), { ...newProcessor('stripe!', ''), currencies: ['EURO'], approval_rate: 2 });
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== 'validation') throw new Error('expected a validation error');
    const paths = result.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'currencies.0', 'approval_rate']));
    expect((await listProcessors(db())).length).toBe(before);
  });

  it('refuses duplicate ids and names', async () => {
    const sameId = await createProcessor(ctx(), newProcessor('proc_stripe', 'Another'));
    expect(!sameId.ok && sameId.error.code).toBe('conflict');
    const sameName = await createProcessor(ctx(), newProcessor('proc_other', 'stripe (GLOBAL)'));
    expect(!sameName.ok && sameName.error.code).toBe('conflict');
    const setStatus = await setProcessorStatus(ctx(), 'proc_stripe', 'sleeping');
    expect(!setStatus.ok && setStatus.error.code).toBe('validation');
  });

  it('refuses to delete a processor that routes, settings and schemes reference, naming them', async () => {
    const result = await deleteProcessor(ctx(), 'proc_stripe');
    if (result.ok || result.error.code !== 'referenced') throw new Error('expected a refusal');
    const kinds = result.error.references.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['processor_route', 'settings', 'scheme', 'scheme_version']));
    expect(result.error.message).toContain('EU cards');
    expect(await getProcessor(db(), 'proc_stripe')).toBeDefined();
  });

  it('creates, reorders, renames and deletes a route; refuses unknown processors and referenced routes', async () => {
    const created = await createRoute(ctx(), { name: 'Test route', processors: ['proc_checkout', { processor_id: 'proc_stripe' }] });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.id).toMatch(/^proute_/);
    const reordered = await updateRoute(ctx(), created.value.id, { name: 'Renamed', processors: ['proc_stripe', 'proc_checkout'] });
    expect(reordered.ok && reordered.value.processors).toEqual([{ processor_id: 'proc_stripe' }, { processor_id: 'proc_checkout' }]);
    const unknown = await createRoute(ctx(), { name: 'Ghost', processors: ['proc_checkout', 'proc_ghost'] });
    expect(!unknown.ok && unknown.error.code === 'validation' && unknown.error.issues[0]?.path).toEqual(['processors', 1]);
    const dup = await createRoute(ctx(), { name: 'Dup', processors: ['proc_stripe', 'proc_stripe'] });
    expect(dup.ok).toBe(false);
    expect((await deleteRoute(ctx(), created.value.id)).ok).toBe(true);
    expect(await getRoute(db(), created.value.id)).toBeUndefined();
    const referenced = await deleteRoute(ctx(), 'proute_eu_cards');
    expect(!referenced.ok && referenced.error.code).toBe('referenced');
  });

  it('creates, duplicates and deletes schemes; the active one cannot be deleted', async () => {
    const created = await createScheme(ctx(), { name: 'Fresh' });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.document.start).toBe('refuse_all');
    const copy = await duplicateScheme(ctx(), created.value.id);
    expect(copy.ok && copy.value.name).toBe('Fresh (copy)');
    const clash = await createScheme(ctx(), { name: 'fresh' });
    expect(!clash.ok && clash.error.code).toBe('conflict');
    expect((await deleteScheme(ctx(), created.value.id)).ok).toBe(true);
    const active = await deleteScheme(ctx(), DEMO_SCHEME_ID);
    expect(!active.ok && active.error.code).toBe('referenced');
    const summary = (await listSchemes(db())).find((s) => s.id === DEMO_SCHEME_ID);
    expect(summary).toMatchObject({ active_version: 1, latest_version: 1 });
  });

  it('detects concurrent draft saves by revision', async () => {
    const created = await createScheme(ctx(), { name: 'Concurrent' });
    if (!created.ok) throw new Error(created.error.message);
    const doc = created.value.document;
    const [a, b] = await Promise.all([
      saveDraft(ctx(), created.value.id, { ...doc, description: 'a' }, 1),
      saveDraft(ctx(), created.value.id, { ...doc, description: 'b' }, 1),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(!loser.ok && loser.error.code).toBe('conflict');
    const bad = await saveDraft(ctx(), created.value.id, { ...doc, nodes: { x: { type: 'strategy', strategy: 'nope' } } }, 2);
    expect(!bad.ok && bad.error.code).toBe('validation');
    expect((await getScheme(db(), created.value.id))?.revision).toBe(2);
  });

  it('validates settings against the routing mode', async () => {
    expect((await getSettings(db())).routing_mode).toBe('scheme');
    const missing = await updateSettings(ctx(), { routing_mode: 'processor_route', default_route_id: '' });
    expect(!missing.ok && missing.error.code === 'validation' && missing.error.issues[0]?.path).toEqual(['default_route_id']);
    const unknownMode = await updateSettings(ctx(), { routing_mode: 'chaos' });
    expect(unknownMode.ok).toBe(false);
    const good = await updateSettings(ctx(), { routing_mode: 'default_only', default_processor_id: 'proc_checkout', default_route_id: 'proute_us_fallback' });
    expect(good.ok && good.value).toMatchObject({ routing_mode: 'default_only', default_processor_id: 'proc_checkout' });
  });
});
