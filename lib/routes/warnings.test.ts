import { describe, expect, it } from 'vitest';
import { routeWarnings } from './warnings';

const processors = [
  { id: 'a', name: 'Adyen', status: 'active' },
  { id: 'b', name: 'Braintree', status: 'down' },
  { id: 'c', name: 'Checkout', status: 'disabled' },
];

describe('routeWarnings', () => {
  it('is silent when every processor is active', () => expect(routeWarnings(['a'], processors)).toEqual([]));
  it('names the processors a route skips', () => {
    expect(routeWarnings(['a', 'b'], processors)).toEqual(['Braintree (down) is not active: the route skips it and tries the next processor until it is active again.']);
    expect(routeWarnings(['b', 'a', 'c'], processors)[0]).toMatch(/^Braintree \(down\) and Checkout \(disabled\) are not active: the route skips them/);
  });
  it('says when a route routes nothing', () => {
    expect(routeWarnings(['b', 'c'], processors)[0]).toMatch(/^No processor in this route is active/);
  });
});
