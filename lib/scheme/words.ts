/**
 * The words people read for the scheme's node kinds, chosen once and used everywhere: the palette, the
 * inspector, the canvas, the dry run, the docs. The JSON keeps its keys (`blank`, `weight`, …); only
 * these names are shown. A "weighted split" has a weight per processor.
 */
import type { StrategyKind } from './schema';

export interface KindWords {
  /** The name of the kind, capitalised as a heading or a button ("Weighted split"). */
  name: string;
  /** What it does, in one sentence. */
  hint: string;
}

export const CONDITION_WORDS: KindWords = { name: 'Condition', hint: 'Rules with a yes and a no branch.' };

export const STRATEGY_WORDS: Readonly<Record<StrategyKind, KindWords>> = {
  priority: { name: 'Priority', hint: 'Processors in order: the first eligible one takes the payment, the rest are the fallback order.' },
  weight: { name: 'Weighted split', hint: 'Splits payments by whole-number weights summing to 100.' },
  direct: { name: 'Direct', hint: 'Always one processor.' },
  random: { name: 'Random', hint: 'A uniform choice among the eligible processors.' },
  blank: { name: 'Block', hint: 'Refuses the payment on purpose (no processor is tried).' },
};
