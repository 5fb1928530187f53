/** What a node added from the palette starts as: valid, empty, and obvious about what is missing. */
import type { NodeBody } from '../graph';
import type { StrategyKind } from '../scheme/schema';
import { CONDITION_WORDS, STRATEGY_WORDS } from '../scheme/words';

export type PaletteItem = 'condition' | StrategyKind;

const PALETTE_ORDER: readonly PaletteItem[] = ['condition', 'priority', 'weight', 'direct', 'random', 'blank'];

export const PALETTE_ITEMS: readonly { item: PaletteItem; label: string; hint: string }[] = PALETTE_ORDER.map((item) => {
  const words = item === 'condition' ? CONDITION_WORDS : STRATEGY_WORDS[item];
  return { item, label: words.name, hint: words.hint };
});

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
