/**
 * A shadow's answer against the live one, judged on the final answer after every fallback: outcome,
 * processor and candidates (in order). A shadow that answers nothing, throws or finds no route is a
 * difference, never "equal" — even when the live version found no route either, since a shadow that
 * cannot route is what the trial is meant to catch.
 */
export interface FinalAnswer {
  outcome: 'route' | 'blocked' | 'no_route';
  processor: string | null;
  candidates: readonly string[];
}

/** What the decision log keeps of a shadow: `{same: true}`, the differing answer, or why it gave none. */
export type ShadowRecord = { same: true } | (FinalAnswer & { same?: undefined }) | { error: string; same?: undefined };

export const SAME: ShadowRecord = Object.freeze({ same: true as const });

export function judgeShadow(live: FinalAnswer, shadow: FinalAnswer | null | undefined): ShadowRecord {
  if (!shadow) return { error: 'the shadow gave no answer' };
  const answer: FinalAnswer = { outcome: shadow.outcome, processor: shadow.processor, candidates: shadow.candidates };
  if (shadow.outcome === 'no_route') return answer;
  if (live.outcome !== shadow.outcome || live.processor !== shadow.processor) return answer;
  if (live.candidates.length !== shadow.candidates.length) return answer;
  for (let i = 0; i < live.candidates.length; i++) if (live.candidates[i] !== shadow.candidates[i]) return answer;
  return SAME;
}

/** "route → proc_a", "no route", "blocked", "error": one side of a (live → shadow) group. */
export function answerLabel(answer: Partial<FinalAnswer> & { error?: string }): string {
  if (answer.error !== undefined) return 'error';
  if (answer.outcome === 'route') return answer.processor ?? 'route';
  return answer.outcome === 'no_route' ? 'no route' : (answer.outcome ?? 'nothing');
}
