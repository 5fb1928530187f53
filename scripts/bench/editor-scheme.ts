import { autoLayout } from '../../lib/graph/layout';
import { EXAMPLE_PROCESSORS } from '../../lib/scheme/examples';
import type { ConditionNode, SchemeDocument, SchemeNode, StrategyNode } from '../../lib/scheme/schema';
import { generateScheme } from './workload';

/**
 * The editor benchmark's scheme: exactly `size` nodes (default 1,000) of the engine bench's seeded
 * tree, made to fit the demo account (its processors), with one known probe rule, and laid out.
 *
 * - Size: the workload tree always has an odd number of nodes (every condition has two branches). For
 *   an even size we generate one node more and let the last leaf's parent reuse a neighbouring leaf —
 *   operators share fallback leaves like that — so the count is exact and every node stays reachable.
 * - Processors: the workload's ids are mapped onto the demo account's, so the checker finds only the
 *   few problems a real scheme has (a down processor, a currency mismatch), not a thousand unknown ids.
 * - Layout: included, from the same auto layout the editor uses (top-to-bottom). A saved scheme
 *   has positions, so opening it measures rendering, not a layout; the layout is measured on its own
 *   (switching the direction, so every position changes).
 * - Probe: the condition nearest the middle of the layout (where a fitted view is centred) gets the
 *   single rule `amount > PROBE_VALUE`. The value has a fraction, which no generated rule has, so the
 *   benchmark can find it in the JSON text and on the node without ambiguity.
 */
export const PROBE_VALUE = 250.5;

export interface EditorBenchScheme {
  doc: SchemeDocument;
  /** The id of the probe condition. */
  probe: string;
}

const PROCESSOR_MAP: Record<string, string> = {
  proc_stripe: 'proc_stripe',
  proc_adyen: 'proc_adyen_eu',
  proc_checkout: 'proc_checkout',
  proc_worldpay: 'proc_worldpay',
  proc_braintree: 'proc_braintree',
  proc_cielo: 'proc_cielo_br',
  proc_paypal: 'proc_checkout',
  proc_nuvei: 'proc_stripe',
};
const known = new Set(EXAMPLE_PROCESSORS.map((p) => p.id));
for (const id of Object.values(PROCESSOR_MAP)) if (!known.has(id)) throw new Error(`bench: ${id} is not a demo processor`);

export async function editorBenchScheme(size = 1_000, seed = 20_260_601): Promise<EditorBenchScheme> {
  if (!Number.isInteger(size) || size < 3) throw new Error('bench: the scheme needs at least 3 nodes');
  const tree = generateScheme(size % 2 === 1 ? size : size + 1, seed);
  const nodes: Record<string, SchemeNode> = {};
  for (const [id, node] of Object.entries(tree.nodes)) nodes[id] = node.type === 'condition' ? node : onDemoProcessors(node);
  if (size % 2 === 0) shareLastLeaf(nodes);

  const unplaced: SchemeDocument = { format: tree.format, name: `Editor bench (${size} nodes)`, start: tree.start, nodes };
  const layout = await autoLayout(unplaced, { direction: 'down' });
  // The start node: in view whichever way a page opens a large scheme (fitted, or on its start node).
  const probe = unplaced.start;
  if (nodes[probe]?.type !== 'condition') throw new Error('bench: the generated scheme starts with a strategy');
  nodes[probe] = { ...(nodes[probe] as ConditionNode), rules: [{ attribute: 'amount', operator: 'gt', value: PROBE_VALUE }] };
  return { doc: { ...unplaced, layout }, probe };
}

/** Same strategy on the demo account's processors; a processor listed twice after mapping is kept once. */
function onDemoProcessors(node: StrategyNode): StrategyNode {
  if (node.strategy === 'blank') return node;
  if (node.strategy === 'weight') {
    const seen = new Set<string>();
    const processors = node.processors.flatMap((entry) => {
      const processor = PROCESSOR_MAP[entry.processor] ?? entry.processor;
      if (seen.has(processor)) return [];
      seen.add(processor);
      return [{ ...entry, processor }];
    });
    const total = processors.reduce((sum, entry) => sum + entry.weight, 0);
    // Keep the weights summing to 100 when a duplicate was dropped.
    if (processors.length > 0 && total !== 100) processors[0] = { ...processors[0]!, weight: processors[0]!.weight + 100 - total };
    return { ...node, processors };
  }
  const processors = [...new Set(node.processors.map((id) => (typeof id === 'string' ? (PROCESSOR_MAP[id] ?? id) : id)))];
  return { ...node, processors } as StrategyNode;
}

/** Removes the last leaf and points its parent's branch at the leaf's sibling subtree's first leaf. */
function shareLastLeaf(nodes: Record<string, SchemeNode>): void {
  const ids = Object.keys(nodes);
  const leaf = [...ids].reverse().find((id) => nodes[id]!.type === 'strategy')!;
  const parentId = ids.find((id) => {
    const node = nodes[id]!;
    return node.type === 'condition' && (node.then === leaf || node.else === leaf);
  })!;
  const parent = nodes[parentId] as ConditionNode;
  const sibling = parent.then === leaf ? parent.else : parent.then;
  let shared = sibling!;
  while (nodes[shared]!.type === 'condition') shared = (nodes[shared] as ConditionNode).else!;
  delete nodes[leaf];
  nodes[parentId] = parent.then === leaf ? { ...parent, then: shared } : { ...parent, else: shared };
}
