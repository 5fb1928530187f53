import { describe, expect, it } from 'vitest';
import { testDatabases, useSeededDatabase } from './testing';
import { createProcessor, getProcessor, statusEffects } from '@/lib/services/processors';
import { createRoute } from '@/lib/services/routes';
import { getSettings, updateSettings } from '@/lib/services/settings';
import { systemContext } from '@/lib/services/context';

describe.each(testDatabases())('page services on $name', (target) => {
  const db = useSeededDatabase(target);
  const ctx = () => systemContext(db(), 'ops');

  it('stores the time zone by its canonical IANA name', async () => {
    const saved = await updateSettings(ctx(), { routing_mode: 'scheme', default_processor_id: 'proc_stripe', time_zone: 'europe/berlin' });
    expect(saved.ok && saved.value.time_zone).toBe('Europe/Berlin');
    expect((await getSettings(db())).time_zone).toBe('Europe/Berlin');
    const renamed = await updateSettings(ctx(), { routing_mode: 'scheme', time_zone: 'Asia/Calcutta' });
    expect(renamed.ok && renamed.value.time_zone).toBe('Asia/Kolkata');
    const bad = await updateSettings(ctx(), { routing_mode: 'scheme', time_zone: 'Mars/Olympus' });
    expect(!bad.ok && bad.error.code === 'validation' && bad.error.issues[0]).toMatchObject({ path: ['time_zone'], message: expect.stringContaining('not a known time zone') });
    expect((await getSettings(db())).time_zone).toBe('Asia/Kolkata');
  });

  it('refuses processor input in the field’s words', async () => {
    const result = await createProcessor(ctx(), { id: 'proc_w', name: 'W', provider: 'w', status: 'active', approval_rate: 1.5, fees: { percent: 1, fixed: -2 } });
    if (result.ok || result.error.code !== 'validation') throw new Error('expected a validation error');
    expect(Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      approval_rate: 'Approval rate must be at most 100%.',
      'fees.fixed': 'Fixed fee cannot be negative.',
    });
    const route = await createRoute(ctx(), { name: '', processors: [] });
    expect(!route.ok && route.error.code === 'validation' && route.error.issues.map((i) => i.message)).toEqual(['Name is required', 'A route needs at least one processor']);
  });

  it('says what a status change of the default processor changes', async () => {
    await updateSettings(ctx(), { routing_mode: 'default_only', default_processor_id: 'proc_stripe' });
    const effects = await statusEffects(db(), (await getProcessor(db(), 'proc_stripe'))!);
    expect(effects.down[0]).toContain('every payment gets no route');
    expect(effects.down).toContain('Routes “EU cards” and “US fallback” skip Stripe (global) and try their next processor.');
    expect(effects.active[0]).toBe('Stripe (global) takes payments again as the default processor, in routes “EU cards” and “US fallback” and in the active scheme.');
    const lonely = await createProcessor(ctx(), { id: 'proc_lonely', name: 'Lonely', provider: 'x', status: 'active' });
    if (!lonely.ok) throw new Error(lonely.error.message);
    expect((await statusEffects(db(), lonely.value)).disabled).toEqual([]);
  });
});
