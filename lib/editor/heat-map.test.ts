import { describe, expect, it } from 'vitest';
import { describeHits, edgeHeatClass, heatMapOf, nodeHeatClass, shortCount } from './heat-map';

describe('heat map', () => {
  it('colours nodes by their share of the run, never-reached ones apart', () => {
    expect([1000, 990, 250, 10, 0].map((hits) => nodeHeatClass(hits, 1000))).toEqual(['heat-5', 'heat-5', 'heat-3', 'heat-1', 'heat-none']);
  });

  it('sizes branches by their share, a branch never taken at 0', () => {
    expect([990, 10, 0].map((hits) => edgeHeatClass(hits, 1000))).toEqual(['edge-heat-5', 'edge-heat-1', 'edge-heat-0']);
    expect(edgeHeatClass(0, 0)).toBe('edge-heat-0');
  });

  it('counts short for a label, exactly for a hover', () => {
    expect([990, 1234, 2_500_000].map(shortCount)).toEqual(['990', '1.2k', '2.5M']);
    expect(describeHits(12_345, 100_000)).toBe('12,345 payments (12.3%)');
    expect(describeHits(1, 0)).toBe('1 payment (0%)');
  });

  it('takes a report’s node and branch hits', () => {
    expect(heatMapOf({ total: 3, node_hits: { a: 3 }, edge_hits: { 'a:yes': 3 } }, 'run')).toEqual({ total: 3, nodes: { a: 3 }, edges: { 'a:yes': 3 }, label: 'run' });
  });
});
