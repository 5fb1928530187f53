import { z } from 'zod';

const WHOLE = /^-?(?:0|[1-9][0-9]{0,14})$/;

/**
 * A whole number written in decimal in a path or query string: "1" is 1, while "0x1", "1.0", "1e0"
 * and " 1" stay strings and fail, where `z.coerce.number()` would read all of them as 1.
 */
export const decimalFromText = <S extends z.ZodType>(inner: S) =>
  z.preprocess((value) => (typeof value === 'string' && WHOLE.test(value) ? Number(value) : value), inner);
