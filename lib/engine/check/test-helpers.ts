import { builtinCatalog } from '../../catalog';
import { EXAMPLE_PROCESSORS } from '../../scheme/examples';
import type { Registry } from '../types';
import { checkScheme } from './index';

/** Test-only helpers: a small valid document to break one thing at a time, and code lists of results. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are mutated freely in tests
export type Doc = Record<string, any>;

export function baseDoc(): Doc {
  return {
    format: 'switchyard.scheme/v1',
    name: 'Test',
    start: 'c1',
    nodes: {
      c1: {
        type: 'condition',
        rules: [{ attribute: 'currency', operator: 'eq', value: 'EUR' }],
        then: 's1',
        else: 's2',
      },
      s1: { type: 'strategy', strategy: 'priority', processors: ['proc_adyen_eu', 'proc_stripe'] },
      s2: { type: 'strategy', strategy: 'blank' },
    },
  };
}

export const registry: Registry = { processors: EXAMPLE_PROCESSORS };

export function check(input: unknown, withRegistry: Registry | undefined = registry) {
  return checkScheme(input, { catalog: builtinCatalog(), ...(withRegistry ? { registry: withRegistry } : {}) });
}

export const errorCodes = (input: unknown, withRegistry?: Registry) => check(input, withRegistry).errors.map((p) => p.code);
export const warningCodes = (input: unknown, withRegistry?: Registry) => check(input, withRegistry).warnings.map((p) => p.code);

/** baseDoc with the rules of c1 replaced. */
export function withRules(...rules: unknown[]): Doc {
  const doc = baseDoc();
  doc.nodes.c1.rules = rules;
  return doc;
}
