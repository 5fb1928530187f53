import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingDocument, testDatabases } from './testing';
import type { Connection } from './client';
import { seedDemoData } from './seed';
import { createScheme, getScheme, saveDraft } from '@/lib/services/schemes';
import { activateVersion, deactivateScheme, diffVersions, getVersion, listVersions, publishScheme } from '@/lib/services/publishing';
import { createTestCase, listTestCases } from '@/lib/services/test-cases';
import { createProcessor, deleteProcessor } from '@/lib/services/processors';
import { getFilter, updateFilter } from '@/lib/services/filters';
import { getRoute, updateRoute } from '@/lib/services/routes';
import { systemContext } from '@/lib/services/context';

const EUR_TX = { id: 'tx_1', amount: 20, currency: 'EUR', payment_method: 'card', card: { issuer_country: 'DE' } };

describe.each(testDatabases())('publishing on $name', (target) => {
  let connection: Connection;
  let schemeId: string;
  beforeAll(async () => {
    connection = await target.open();
    await seedDemoData(connection.db);
    const created = await createScheme(systemContext(connection.db, 'ops'), { name: 'Publish me', document: routingDocument('Publish me', 'proc_adyen_eu') });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    schemeId = created.value.id;
  });
  afterAll(async () => connection?.close());
  const db = () => connection.db;
  const ctx = () => systemContext(db(), 'ops');

  it('publishes the draft as version 1 with its note, author and registry snapshot; key order reads back as written', async () => {
    const result = await publishScheme(systemContext(db(), 'alice'), schemeId, { note: 'first cut' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.version).toMatchObject({ version: 1, note: 'first cut', published_by: 'alice', active: false, tests_run: 0, override_reason: null });
    // Versions are json, not jsonb: the document reads back in the draft's own key order.
    const draft = (await getScheme(db(), schemeId))!.document;
    const stored = await getVersion(db(), schemeId, 1);
    expect(stored.ok && JSON.stringify(stored.value.document)).toBe(JSON.stringify(draft));
    expect(stored.ok && Object.keys(stored.value.document.nodes)).toEqual(Object.keys(draft.nodes));
    const history = await listVersions(db(), schemeId);
    expect(history.ok && history.value.map((v) => v.version)).toEqual([1]);
  });

  it('snapshots the filters and routes a version references, as they were at publish time', async () => {
    const document = routingDocument('Uses a filter and a route', 'proc_adyen_eu');
    document.nodes.is_eur = { type: 'condition', rules: [{ filter: 'flt_high_risk_ip' }], then: 'eur_leaf', else: 'other' };
    document.nodes.other = { type: 'strategy', strategy: 'priority', processors: [{ route: 'proute_eu_cards' }] };
    const created = await createScheme(ctx(), { name: 'Uses a filter and a route', document });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const [filterBefore, routeBefore] = [(await getFilter(db(), 'flt_high_risk_ip'))!, (await getRoute(db(), 'proute_eu_cards'))!];
    const published = await publishScheme(ctx(), created.value.id, { note: 'with references' });
    if (!published.ok) throw new Error(JSON.stringify(published.error));

    // Both change after publishing; the version keeps what it compiled with.
    expect((await updateFilter(ctx(), 'flt_high_risk_ip', { rules: [{ attribute: 'customer.ip_country', operator: 'in', value: ['RU'] }] })).ok).toBe(true);
    expect((await updateRoute(ctx(), 'proute_eu_cards', { processors: ['proc_stripe'] })).ok).toBe(true);
    const stored = await getVersion(db(), created.value.id, 1);
    if (!stored.ok) throw new Error(JSON.stringify(stored.error));
    expect(stored.value.filters).toEqual([{ id: 'flt_high_risk_ip', name: filterBefore.name, match: filterBefore.match, rules: filterBefore.rules }]);
    const processorsBefore = routeBefore.processors.map((p) => p.processor_id);
    expect(processorsBefore).toEqual(['proc_adyen_eu', 'proc_checkout', 'proc_stripe']);
    expect(stored.value.routes).toEqual([{ id: 'proute_eu_cards', name: routeBefore.name, processors: processorsBefore }]);
  });

  it('refuses a draft that does not compile, with every error at its path, and stores nothing', async () => {
    const current = (await getScheme(db(), schemeId))!;
    const broken = routingDocument('Publish me', 'proc_nope');
    const saved = await saveDraft(ctx(), schemeId, broken, current.revision);
    expect(saved.ok).toBe(true);
    const result = await publishScheme(ctx(), schemeId, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('conflict');
    expect('issues' in result.error && result.error.issues?.[0]?.path.slice(0, 3)).toEqual(['document', 'nodes', 'eur_leaf']);
    const history = await listVersions(db(), schemeId);
    expect(history.ok && history.value.length).toBe(1);
    await saveDraft(ctx(), schemeId, routingDocument('Publish me', 'proc_checkout'), saved.ok ? saved.value.revision : 0);
  });

  it('runs the saved test cases: failing ones refuse the publish unless an override reason is given and recorded', async () => {
    const added = await createTestCase(ctx(), schemeId, { name: 'EUR goes to Adyen', transaction: EUR_TX, expected: { processor: 'proc_adyen_eu' } });
    expect(added.ok).toBe(true);
    expect((await listTestCases(db(), schemeId)).length).toBe(1);
    const refused = await publishScheme(ctx(), schemeId, { note: 'checkout for EUR' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.message).toMatch(/1 of 1 saved test cases fail/);
    expect('issues' in refused.error && refused.error.issues?.[0]).toEqual({
      path: ['test_cases', 'EUR goes to Adyen'],
      message: 'processor: expected "proc_adyen_eu", got "proc_checkout"',
    });
    const overridden = await publishScheme(ctx(), schemeId, { note: 'checkout for EUR', override_reason: 'Adyen outage, agreed with finance' });
    expect(overridden.ok && overridden.value.version).toMatchObject({ version: 2, tests_run: 1, tests_passed: 0, override_reason: 'Adyen outage, agreed with finance' });
  });

  it('gives concurrent publishes of one scheme consecutive numbers, never a duplicate or a lost one', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => publishScheme(ctx(), schemeId, { note: `race ${i}`, override_reason: 'race test' })));
    expect(results.every((r) => r.ok)).toBe(true);
    const numbers = results.map((r) => (r.ok ? r.value.version.version : 0)).sort((a, b) => a - b);
    expect(numbers).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    const history = await listVersions(db(), schemeId);
    expect(history.ok && history.value.map((v) => v.version)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('diffs two versions: changed nodes with their fields, and a line diff of the JSON', async () => {
    const diff = await diffVersions(db(), schemeId, 1, 2);
    expect(diff.ok).toBe(true);
    if (!diff.ok) return;
    expect(diff.value.diff).toMatchObject({ added: [], removed: [], changed: [{ id: 'eur_leaf', fields: ['processors'] }], decisionsEqual: false });
    const lines = diff.value.diff.lines.filter((l) => l.kind !== 'same').map((l) => `${l.kind}:${l.text.trim()}`);
    expect(lines).toEqual(['removed:"proc_adyen_eu"', 'added:"proc_checkout"']);
    expect((await diffVersions(db(), schemeId, 1, 99)).ok).toBe(false);
  });

  it('activates a version and rolls back to an older one', async () => {
    expect((await activateVersion(ctx(), schemeId, 2)).ok).toBe(true);
    let history = await listVersions(db(), schemeId);
    expect(history.ok && history.value.find((v) => v.active)?.version).toBe(2);
    expect((await activateVersion(ctx(), schemeId, 1)).ok).toBe(true);
    history = await listVersions(db(), schemeId);
    expect(history.ok && history.value.filter((v) => v.active).map((v) => v.version)).toEqual([1]);
    expect((await activateVersion(ctx(), schemeId, 42)).ok).toBe(false);
    expect((await deactivateScheme(ctx())).ok).toBe(true);
  });

  it('refuses to activate a version that no longer compiles against the registry', async () => {
    const temp = await createProcessor(ctx(), { id: 'proc_temp', name: 'Temporary', provider: 'acme', status: 'active', currencies: [], payment_methods: [], countries: [], approval_rate: 0.9, fees: { percent: 0, fixed: 0 } });
    expect(temp.ok).toBe(true);
    const created = await createScheme(ctx(), { name: 'Uses temp', document: routingDocument('Uses temp', 'proc_temp') });
    if (!created.ok) throw new Error('scheme');
    expect((await publishScheme(ctx(), created.value.id, {})).ok).toBe(true);
    await saveDraft(ctx(), created.value.id, routingDocument('Uses temp', 'proc_stripe'), created.value.revision);
    expect((await deleteProcessor(ctx(), 'proc_temp')).ok).toBe(true); // only an inactive version names it
    const refused = await activateVersion(ctx(), created.value.id, 1);
    expect(!refused.ok && refused.error.message).toMatch(/no longer compiles/);
  });

  it('publishes and activates in one step, and refuses a publish of a draft newer than the one reviewed', async () => {
    const current = (await getScheme(db(), schemeId))!;
    const stale = await publishScheme(ctx(), schemeId, { expected_revision: current.revision - 1 });
    expect(stale.ok || stale.error.code).toBe('conflict');
    const result = await publishScheme(ctx(), schemeId, { activate: true, expected_revision: current.revision, override_reason: 'still checkout' });
    expect(result.ok && result.value.activated).toBe(true);
    expect(result.ok && result.value.version.active).toBe(true);
  });
});
