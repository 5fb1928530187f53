import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * What each of jsonc-parser's error codes means, in the checker's words; keyed by printParseErrorCode's
 * names, as the codes are a const enum, which isolated modules cannot read.
 */
const EXPECTED: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'expected a number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected ',' or '}'",
  CloseBracketExpected: "expected ',' or ']'",
  EndOfFileExpected: 'expected the end of the text',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unfinished number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'control character inside a string',
};

/** Errors inside a string: the offset is the string's opening quote, so "found" would say nothing. */
const IN_A_STRING = new Set(['UnexpectedEndOfString', 'InvalidUnicode', 'InvalidEscapeCharacter', 'InvalidCharacter']);

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
  const code = first ? printParseErrorCode(first.error) : undefined;
  const expected = (code && EXPECTED[code]) ?? 'invalid JSON';
  const message = code && IN_A_STRING.has(code) ? `${expected} (the string starting here)` : `${expected}, found ${found}`;
  return { line, column: offset - lineStart + 1, message };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
