import { describe, expect, it } from 'vitest';
import { check, registry, type Doc } from './test-helpers';

let counter = 0;
/** A condition node tree: cond(rules, then, else) → nodes added to `nodes`, returns the id. */
function cond(nodes: Doc, rules: unknown[], then: string, otherwise: string, match?: 'all' | 'any'): string {
  const id = `c${++counter}`;
  nodes[id] = { type: 'condition', rules, then, else: otherwise, ...(match ? { match } : {}) };
  return id;
}
function leaf(nodes: Doc, strategy: Doc = { strategy: 'blank' }): string {
  const id = `s${++counter}`;
  nodes[id] = { type: 'strategy', ...strategy };
  return id;
}
const r = (attribute: string, operator: string, value?: unknown) => (value === undefined ? { attribute, operator } : { attribute, operator, value });
const doc = (nodes: Doc, start: string) => ({ format: 'switchyard.scheme/v1', name: 'T', start, nodes });

/** outer(rules) --yes--> inner(rules) ; both else branches to leaves. Returns warnings' [code, path] list. */
function nested(outer: unknown[], inner: unknown[], innerOn: 'then' | 'else' = 'then', innerMatch?: 'all' | 'any') {
  const nodes: Doc = {};
  const innerId = cond(nodes, inner, leaf(nodes), leaf(nodes), innerMatch);
  const start = innerOn === 'then' ? cond(nodes, outer, innerId, leaf(nodes)) : cond(nodes, outer, leaf(nodes), innerId);
  const result = check(doc(nodes, start));
  expect(result.errors).toEqual([]);
  return result.warnings.map((w) => `${w.code} ${w.path.slice(2).join('.')}`.trim());
}

describe('branch_never_taken', () => {
  it('warns when a yes branch contradicts the conditions above it', () => {
    expect(nested([r('currency', 'eq', 'USD')], [r('currency', 'eq', 'EUR')])).toEqual(['branch_never_taken then']);
    expect(nested([r('amount', 'between', [10, 20])], [r('amount', 'lt', 5)])).toEqual(['branch_never_taken then']);
    expect(nested([r('time_of_day', 'between', [9, 17])], [r('time_of_day', 'gte', 18)])).toEqual(['branch_never_taken then']);
    expect(nested([r('currency', 'not_exists')], [r('currency', 'eq', 'EUR')])).toEqual(['branch_never_taken then']);
    expect(nested([r('card.tokenised', 'neq', true)], [r('card.tokenised', 'eq', true)])).toEqual(['branch_never_taken then']);
    expect(nested([r('amount', 'neq', 5)], [r('amount', 'eq', 5)])).toEqual(['branch_never_taken then']);
    expect(nested([r('currency', 'in', ['EUR'])], [r('currency', 'eq', 'EUR')], 'else')).toEqual(['branch_never_taken then']);
  });

  it('warns when a no branch can never be taken (the condition always holds)', () => {
    expect(nested([r('amount', 'gt', 100)], [r('amount', 'gt', 50)])).toEqual(['branch_never_taken else']);
    expect(nested([r('currency', 'eq', 'usd')], [r('currency', 'eq', 'USD')])).toEqual(['branch_never_taken else']);
    expect(nested([r('currency', 'eq', 'EUR')], [r('currency', 'exists')])).toEqual(['branch_never_taken else']);
  });

  it('reasons through all / any conditions', () => {
    const both = [r('currency', 'eq', 'EUR'), r('amount', 'gt', 100)];
    expect(nested(both, [r('amount', 'lte', 100)])).toEqual(['branch_never_taken then']);
    expect(nested([r('amount', 'gt', 100), r('amount', 'lt', 50)], [r('amount', 'gt', 0)])).toEqual(['branch_never_taken then']);
    const either = [r('currency', 'eq', 'EUR'), r('currency', 'eq', 'GBP')];
    const nodes: Doc = {};
    const inner = cond(nodes, [r('currency', 'in', ['EUR', 'GBP'])], leaf(nodes), leaf(nodes));
    const start = cond(nodes, either, inner, leaf(nodes), 'any');
    expect(check(doc(nodes, start)).warnings.map((w) => w.path.at(-1))).toEqual(['else']);
    // on the no path of "not all of (EUR, >100)" a EUR payment of 50 passes: no warning
    expect(nested(both, [r('currency', 'eq', 'EUR')], 'else')).toEqual([]);
    // The same condition again on its own no path cannot hold, but the reasoning keeps one set of values per
    // attribute (no disjunctions), so it does not see it: it stays silent rather than guess.
    expect(nested(both, [r('currency', 'eq', 'EUR'), r('amount', 'gt', 100)], 'else')).toEqual([]);
  });

  it('never warns where some transaction takes the branch', () => {
    expect(nested([r('currency', 'eq', 'USD')], [r('currency', 'eq', 'EUR')], 'else')).toEqual([]);
    // a missing currency passes "neq" and fails "eq", so both branches stay possible
    expect(nested([r('currency', 'neq', 'USD')], [r('currency', 'exists')])).toEqual([]);
    expect(nested([r('card.tokenised', 'neq', true)], [r('card.tokenised', 'eq', false)])).toEqual([]);
    // operators the reasoning does not model constrain nothing
    expect(nested([r('card.bin', 'starts_with', '4')], [r('card.bin', 'starts_with', '5')])).toEqual([]);
    expect(nested([r('amount', 'gt', 100)], [r('amount', 'gt', 100.5)])).toEqual([]);
    expect(nested([r('amount', 'gte', 100)], [r('amount', 'gt', 100)])).toEqual([]);
    expect(nested([r('amount', 'gt', 100)], [r('amount', 'gte', 100)])).toEqual(['branch_never_taken else']);
  });

  it('joins the paths into a shared node', () => {
    const nodes: Doc = {};
    const shared = cond(nodes, [r('currency', 'eq', 'USD')], leaf(nodes), leaf(nodes));
    const sharedJpy = cond(nodes, [r('currency', 'eq', 'JPY')], leaf(nodes), leaf(nodes));
    const second = cond(nodes, [r('currency', 'eq', 'EUR')], shared, sharedJpy);
    const start = cond(nodes, [r('currency', 'eq', 'USD')], shared, second);
    const warnings = check(doc(nodes, start)).warnings;
    // `shared` is reached with USD and with EUR: both branches possible. `sharedJpy` only on not-USD, not-EUR.
    expect(warnings).toEqual([]);
    const nodes2: Doc = {};
    const jpy = cond(nodes2, [r('currency', 'eq', 'JPY')], leaf(nodes2), leaf(nodes2));
    const eur = cond(nodes2, [r('currency', 'eq', 'EUR')], jpy, leaf(nodes2));
    const start2 = cond(nodes2, [r('currency', 'eq', 'USD')], jpy, eur);
    expect(check(doc(nodes2, start2)).warnings.map((w) => `${w.node} ${w.path.at(-1)}`)).toEqual([`${jpy} then`]);
  });
});

describe('processor_never_eligible', () => {
  const under = (rules: unknown[], processors: unknown[], routes?: unknown[]) => {
    const nodes: Doc = {};
    const start = cond(nodes, rules, leaf(nodes, { strategy: 'priority', processors }), leaf(nodes));
    const result = check(doc(nodes, start), { ...registry, ...(routes ? { routes: routes as never } : {}) });
    expect(result.errors).toEqual([]);
    return result.warnings.filter((w) => w.code === 'processor_never_eligible');
  };

  it('warns when every path requires a currency the processor lacks', () => {
    const warnings = under([r('currency', 'eq', 'BRL')], ['proc_adyen_eu', 'proc_stripe']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.path.at(-1)).toBe(0);
    expect(warnings[0]!.message).toContain('currency BRL');
  });

  it('warns for a payment method and a country the processor does not serve', () => {
    expect(under([r('payment_method', 'eq', 'pix')], ['proc_checkout', 'proc_cielo_br']).map((w) => w.path.at(-1))).toEqual([0]);
    expect(under([r('card.issuer_country', 'eq', 'BR')], ['proc_worldpay', 'proc_stripe']).map((w) => w.path.at(-1))).toEqual([0]);
    const issuerAbsent = [r('card.issuer_country', 'not_exists'), r('customer.country', 'eq', 'BR')];
    expect(under(issuerAbsent, ['proc_worldpay', 'proc_stripe'])).toHaveLength(1);
  });

  it('expands processor routes', () => {
    const routes = [{ id: 'proute_eu', name: 'EU', processors: ['proc_adyen_eu'] }];
    expect(under([r('currency', 'eq', 'BRL')], [{ route: 'proute_eu' }, 'proc_stripe'], routes)[0]!.path).toEqual([
      'nodes', expect.any(String), 'processors', 0, 'route',
    ]);
  });

  it('makes no claim when the path leaves room', () => {
    expect(under([r('currency', 'neq', 'EUR')], ['proc_cielo_br', 'proc_stripe'])).toEqual([]);
    expect(under([r('customer.country', 'eq', 'BR')], ['proc_worldpay', 'proc_stripe'])).toEqual([]);
    expect(under([r('currency', 'in', ['BRL', 'EUR'])], ['proc_adyen_eu', 'proc_stripe'])).toEqual([]);
  });
});
