import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../catalog';
import { checkScheme } from './index';
import { baseDoc, check, errorCodes } from './test-helpers';

describe('graph checks', () => {
  it('accepts the base document', () => {
    expect(check(baseDoc()).errors).toEqual([]);
  });

  it('reports an unknown start (unknown_start)', () => {
    const result = check({ ...baseDoc(), start: 'nowhere' });
    expect(result.errors.find((e) => e.code === 'unknown_start')).toMatchObject({ path: ['start'] });
  });

  it('reports a dangling branch (dangling_branch)', () => {
    const doc = baseDoc();
    doc.nodes.c1.else = 'gone';
    const problem = check(doc).errors.find((e) => e.code === 'dangling_branch');
    expect(problem).toMatchObject({ path: ['nodes', 'c1', 'else'], node: 'c1' });
    expect(problem!.message).toContain('"gone"');
  });

  it('reports a condition without a branch (missing_branch), but not twice for a mistyped one', () => {
    const doc = baseDoc();
    delete doc.nodes.c1.then;
    doc.nodes.s1 = { type: 'strategy', strategy: 'blank' };
    expect(check(doc).errors.filter((e) => e.code === 'missing_branch').map((e) => e.path)).toEqual([['nodes', 'c1', 'then']]);
    const typo = baseDoc();
    typo.nodes.c1.then = 7;
    expect(errorCodes(typo)).not.toContain('missing_branch');
  });

  it('reports a condition with no rules (condition_without_rules)', () => {
    const doc = baseDoc();
    doc.nodes.c1.rules = [];
    expect(check(doc).errors).toEqual([expect.objectContaining({ code: 'condition_without_rules', path: ['nodes', 'c1', 'rules'] })]);
  });

  it('names a cycle (cycle)', () => {
    const doc = baseDoc();
    doc.nodes.c2 = { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: 5 }], then: 'c3', else: 's2' };
    doc.nodes.c3 = { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: 9 }], then: 'c2', else: 's2' };
    doc.nodes.c1.then = 'c2';
    doc.nodes.s1.processors = ['proc_stripe'];
    doc.nodes.s1.strategy = 'direct';
    const cycles = check(doc).errors.filter((e) => e.code === 'cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toBe('Cycle: c2 → c3 → c2.');
    expect(cycles[0]!.path).toEqual(['nodes', 'c3', 'then']);
    const self = baseDoc();
    self.nodes.c1.else = 'c1';
    expect(check(self).errors.find((e) => e.code === 'cycle')?.message).toBe('Cycle: c1 → c1.');
  });

  it('reports nodes start cannot reach (unreachable_node)', () => {
    const doc = baseDoc();
    doc.nodes.orphan = { type: 'strategy', strategy: 'blank' };
    expect(check(doc).errors).toEqual([expect.objectContaining({ code: 'unreachable_node', node: 'orphan', path: ['nodes', 'orphan'] })]);
  });

  it('allows shared branches (a DAG)', () => {
    const doc = baseDoc();
    doc.nodes.c1.else = 'c2';
    doc.nodes.c2 = { type: 'condition', rules: [{ attribute: 'amount', operator: 'gt', value: 5 }], then: 's1', else: 's2' };
    expect(check(doc).errors).toEqual([]);
  });

  it('warns of layout positions for nodes that do not exist (layout_unknown_node)', () => {
    const doc = { ...baseDoc(), layout: { c1: { x: 0, y: 0 }, ghost: { x: 1, y: 1 } } };
    const result = check(doc);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'layout_unknown_node', path: ['layout', 'ghost'] })]);
  });

  it('refuses a time zone Intl does not know (unknown_time_zone)', () => {
    const catalog = builtinCatalog();
    expect(checkScheme(baseDoc(), { catalog, timeZone: 'Europe/Berlin' }).errors).toEqual([]);
    expect(checkScheme(baseDoc(), { catalog, timeZone: 'Mars/Olympus' }).errors.map((e) => e.code)).toEqual(['unknown_time_zone']);
  });

  it('reports every problem at once', () => {
    const doc = baseDoc();
    doc.nodes.c1.else = 'gone';
    doc.nodes.c1.rules.push({ attribute: 'amount', operator: 'starts_with', value: '1' });
    doc.nodes.s1.processors = [];
    doc.nodes.orphan = { type: 'strategy', strategy: 'direct', processors: ['proc_a', 'proc_b'] };
    // s2 is unreachable too now that the else branch dangles
    expect(errorCodes(doc).sort()).toEqual(
      ['dangling_branch', 'direct_needs_one_processor', 'operator_not_allowed', 'strategy_without_processors', 'unknown_processor', 'unknown_processor', 'unreachable_node', 'unreachable_node'].sort(),
    );
  });
});
