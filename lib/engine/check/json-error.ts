import { parse, ParseErrorCode, type ParseError } from 'jsonc-parser';

/** What each of jsonc-parser's error codes means, in the checker's words. */
const EXPECTED: Record<ParseErrorCode, string> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'expected a number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: "expected ':'",
  [ParseErrorCode.CommaExpected]: "expected ','",
  [ParseErrorCode.CloseBraceExpected]: "expected ',' or '}'",
  [ParseErrorCode.CloseBracketExpected]: "expected ',' or ']'",
  [ParseErrorCode.EndOfFileExpected]: 'expected the end of the text',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not JSON',
  [ParseErrorCode.UnexpectedEndOfComment]: 'comments are not JSON',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unfinished number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape in a string',
  [ParseErrorCode.InvalidCharacter]: 'control character inside a string',
};

/** Errors inside a string: the offset is the string's opening quote, so "found" would say nothing. */
const IN_A_STRING = new Set([ParseErrorCode.UnexpectedEndOfString, ParseErrorCode.InvalidUnicode, ParseErrorCode.InvalidEscapeCharacter, ParseErrorCode.InvalidCharacter]);

/**
 * Where JSON text first goes wrong, as line and column (1-based). JSON.parse's messages differ between
 * engines and often carry no position, so the text is read again by jsonc-parser in strict mode (no
 * comments, no trailing commas), which reports the offset of each error. Only called after JSON.parse
 * failed.
 */
export function locateJsonError(text: string): { line: number; column: number; message: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors.reduce<ParseError | undefined>((a, e) => (a === undefined || e.offset < a.offset ? e : a), undefined);
  const offset = Math.min(first?.offset ?? 0, text.length);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = countNewlines(text, offset) + 1;
  const found = offset >= text.length ? 'the end of the text' : JSON.stringify(text[offset]);
  const message = !first ? 'invalid JSON' : IN_A_STRING.has(first.error) ? `${EXPECTED[first.error]} (the string starting here)` : `${EXPECTED[first.error]}, found ${found}`;
  return { line, column: offset - lineStart + 1, message };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
