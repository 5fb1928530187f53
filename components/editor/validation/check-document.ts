import { compileOptionsFor, type AccountContext } from '@/lib/account/context';
import { checkScheme } from '@/lib/engine/check';
import type { Problem } from '@/lib/engine/types';
import type { SchemeDocument } from '@/lib/scheme/schema';

/** What the checker worker is asked: the account (once, or when it changes) and the next document. */
export type CheckRequest = { kind: 'account'; account: AccountContext } | { kind: 'check'; id: number; doc: SchemeDocument };
export interface CheckResponse {
  id: number;
  problems: Problem[];
}

/** A checker bound to one account: the engine's full check (errors first, then warnings). */
export function documentChecker(account: AccountContext): (doc: SchemeDocument) => Problem[] {
  const options = compileOptionsFor(account);
  return (doc) => {
    const { errors, warnings } = checkScheme(doc, options);
    return [...errors, ...warnings];
  };
}
