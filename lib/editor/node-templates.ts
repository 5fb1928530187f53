/** What a node added from the palette starts as: valid, empty, and obvious about what is missing. */
import type { NodeBody } from '../graph';
import type { StrategyKind } from '../scheme/schema';

export type PaletteItem = 'condition' | StrategyKind;

export const PALETTE_ITEMS: readonly { item: PaletteItem; label: string; hint: string }[] = [
  { item: 'condition', label: 'Condition', hint: 'Rules with a yes and a no branch' },
  { item: 'priority', label: 'Priority', hint: 'Processors in order; the first eligible wins' },
  { item: 'weight', label: 'Weighted split', hint: 'Share payments by weights summing to 100' },
  { item: 'direct', label: 'Direct', hint: 'Exactly one processor' },
  { item: 'random', label: 'Random', hint: 'A uniform choice among processors' },
  { item: 'blank', label: 'Block', hint: 'Refuse the payment on purpose' },
];

export function nodeTemplate(item: PaletteItem): NodeBody {
  switch (item) {
    case 'condition':
      return { type: 'condition', match: 'all', rules: [] };
    case 'blank':
      return { type: 'strategy', strategy: 'blank' };
    case 'weight':
      return { type: 'strategy', strategy: 'weight', processors: [] };
    default:
      return { type: 'strategy', strategy: item, processors: [] };
  }
}

export function isPaletteItem(value: string): value is PaletteItem {
  return PALETTE_ITEMS.some((entry) => entry.item === value);
}
