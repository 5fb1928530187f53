import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './testing';
import type { Connection } from './client';
import { createScheme, getScheme, saveAsCopy, saveDraft } from '@/lib/services/schemes';
import { systemContext } from '@/lib/services/context';

/** A document whose key order jsonb would change: else before then, value before attribute, long ids first. */
const unusualOrder = {
  format: 'switchyard.scheme/v1',
  name: 'Key order',
  start: 'a_rather_long_node_id',
  nodes: {
    a_rather_long_node_id: {
      type: 'condition',
      label: 'Mixed order',
      match: 'any',
      rules: [{ value: ['DE', 'FR'], operator: 'in', attribute: 'card.issuer_country' }],
      else: 'z',
      then: 'b',
    },
    z: { strategy: 'blank', type: 'strategy', reason: 'refused' },
    b: { type: 'strategy', strategy: 'weight', processors: [{ weight: 70, processor: 'proc_a' }, { processor: 'proc_b', weight: 30 }] },
  },
  layout: { z: { y: 10, x: 5 }, b: { x: 1, y: 2 }, a_rather_long_node_id: { x: 0, y: 0 } },
};

describe.each(testDatabases())('scheme drafts on $name', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await target.open();
  });
  afterAll(async () => connection?.close());
  const db = () => connection.db;
  const ctx = () => systemContext(db(), 'ops');

  it('reads a saved document back byte for byte, in the order it was written', async () => {
    const created = await createScheme(ctx(), { name: 'Key order' });
    if (!created.ok) throw new Error(created.error.message);
    const saved = await saveDraft(ctx(), created.value.id, unusualOrder, created.value.revision);
    expect(saved.ok).toBe(true);
    expect(JSON.stringify(saved.ok && saved.value.document)).toBe(JSON.stringify(unusualOrder));
    const loaded = await getScheme(db(), created.value.id);
    expect(JSON.stringify(loaded!.document)).toBe(JSON.stringify(unusualOrder));
  });

  it('refuses a stale save naming the current revision, and keeps the other side as a copy', async () => {
    const created = await createScheme(ctx(), { name: 'Two tabs' });
    if (!created.ok) throw new Error(created.error.message);
    const base = created.value.revision;
    const first = await saveDraft(ctx(), created.value.id, { ...unusualOrder, name: 'Two tabs' }, base);
    expect(first.ok).toBe(true);
    const second = await saveDraft(ctx(), created.value.id, { ...unusualOrder, name: 'Two tabs', start: 'b' }, base);
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict', revision: base + 1 } });
    const copy = await saveAsCopy(ctx(), created.value.id, { ...unusualOrder, name: 'Two tabs', start: 'b' });
    expect(copy.ok && [copy.value.name, copy.value.document.start]).toEqual(['Two tabs (copy)', 'b']);
    expect((await getScheme(db(), created.value.id))!.document.start).toBe('a_rather_long_node_id');
  });

  it('saves a draft that does not compile, but not one the format refuses, saying where', async () => {
    const created = await createScheme(ctx(), { name: 'Drafty' });
    if (!created.ok) throw new Error(created.error.message);
    const dangling = { ...unusualOrder, name: 'Drafty', start: 'nowhere' };
    const saved = await saveDraft(ctx(), created.value.id, dangling, created.value.revision);
    expect(saved.ok).toBe(true);
    const refused = await saveDraft(ctx(), created.value.id, { ...dangling, nodes: { x: { type: 'strategy', strategy: 'teleport' } } }, created.value.revision + 1);
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!refused.ok && 'issues' in refused.error && refused.error.issues?.[0]?.path).toEqual(['nodes', 'x', 'strategy']);
  });
});
