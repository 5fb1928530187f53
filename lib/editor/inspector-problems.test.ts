import { describe, expect, it } from 'vitest';
import type { Problem } from '../engine/types';
import { bySeverity, placeOf, problemsOfNode, problemsUnder } from './inspector-problems';

const p = (path: (string | number)[], severity: Problem['severity'] = 'error', node?: string): Problem => ({
  code: 'x',
  message: path.join('.'),
  path,
  severity,
  ...(node ? { node } : {}),
});

describe('problems in the inspector', () => {
  const problems = [
    p(['nodes', 'a', 'rules', 0, 'value']),
    p(['nodes', 'a', 'rules', 1], 'warning'),
    p(['nodes', 'ab', 'rules', 0]),
    p(['start'], 'error', 'a'),
    p(['nodes', 'a', 'rules', 10]),
  ];

  it('finds a node\'s problems by node or by path', () => {
    expect(problemsOfNode(problems, 'a').map((x) => x.message)).toEqual(['nodes.a.rules.0.value', 'nodes.a.rules.1', 'start', 'nodes.a.rules.10']);
  });

  it('matches path prefixes step by step (rule 1 is not rule 10)', () => {
    expect(problemsUnder(problems, ['nodes', 'a', 'rules', 1]).map((x) => x.message)).toEqual(['nodes.a.rules.1']);
  });

  it('lists errors before warnings', () => {
    expect(bySeverity([p(['w'], 'warning'), p(['e'])]).map((x) => x.severity)).toEqual(['error', 'warning']);
  });

  it('names the place of a problem in the node', () => {
    expect(placeOf(p(['nodes', 'a', 'rules', 1, 'value']))).toBe('Rule 2');
    expect(placeOf(p(['nodes', 'a', 'processors', 0, 'weight']))).toBe('Processor 1');
    expect(placeOf(p(['nodes', 'a', 'processors']))).toBe('Processors');
    expect(placeOf(p(['nodes', 'a', 'cascade', 'max_attempts']))).toBe('Cascade');
    expect(placeOf(p(['nodes', 'a']))).toBeNull();
  });
});
