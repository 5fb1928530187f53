import 'server-only';
import { randomFillSync } from 'node:crypto';

/**
 * Decision ids: `dec_` + the decision's time (milliseconds, 9 base-36 digits, so ids sort by time)
 * + 16 characters of randomness (96 bits from the OS's generator: not guessable). Random bytes are
 * drawn 4 KiB at a time and encoded at once, so an id costs a clock read, a slice and a short conversion.
 * The time in the id tells the decision log which day's partition holds the decision.
 */
const PREFIX = 'dec_';
const TIME_DIGITS = 9;
const RANDOM_BYTES = 12;
const RANDOM_CHARS = (RANDOM_BYTES / 3) * 4;
const POOL_SIZE = 4096 - (4096 % RANDOM_BYTES);
const ID_SHAPE = /^dec_[0-9a-z]{9}[A-Za-z0-9_-]{16}$/;

/** The pool's randomness as base64url text (12 bytes are 16 characters: ids never straddle a character). */
let pool = '';
let offset = 0;

export function newDecisionId(at: number): string {
  if (offset >= pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_SIZE)).toString('base64url');
    offset = 0;
  }
  const random = pool.slice(offset, offset + RANDOM_CHARS);
  offset += RANDOM_CHARS;
  return PREFIX + at.toString(36).padStart(TIME_DIGITS, '0') + random;
}

/** When the decision was made (ms since epoch), or null when `id` is not a decision id. */
export function decisionTimeOf(id: string): number | null {
  if (!ID_SHAPE.test(id)) return null;
  const at = parseInt(id.slice(PREFIX.length, PREFIX.length + TIME_DIGITS), 36);
  return Number.isSafeInteger(at) ? at : null;
}
